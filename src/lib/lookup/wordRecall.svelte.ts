import { stores, type Stores } from '../db/lazy.ts';
import { LiveQuery, type LiveStatus } from '../ui/live.svelte.ts';
import type { WordRecallView } from './wordRecall.ts';

// Recall needs ts-fsrs, which is no part of a reading card's first download: loaded with the first sheet's read
// (the reader's marks usually have it here already), after the read, which is what the live query follows.
type Workings = typeof import('./wordRecall.ts');
let workings: Workings | undefined;
const loadWorkings = async (): Promise<Workings> => (workings ??= await import('./wordRecall.ts'));

/** The recall of the deck word a sheet shows, live: a review in another tab, say, changes it at once. */
export class WordRecall {
	readonly #live: LiveQuery<WordRecallView | null>;

	constructor(entryId: string, loadStores: () => Promise<Stores> = stores, clock: () => number = Date.now) {
		this.#live = new LiveQuery(
			async ({ memory }) => {
				const rows = await memory.readWordMemory(entryId);
				return (await loadWorkings()).wordRecallView(rows, clock());
			},
			null,
			loadStores
		);
	}

	get view(): WordRecallView | null {
		return this.#live.current;
	}

	get status(): LiveStatus {
		return this.#live.status;
	}
}
