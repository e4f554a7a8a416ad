import { stores, type Stores } from '../db/lazy.ts';
import { LiveQuery, type LiveStatus } from '../ui/live.svelte.ts';
import { wordRecallView, type WordRecallView } from './wordRecall.ts';

/** The recall of the deck word a sheet shows, live: a review in another tab, say, changes it at once. */
export class WordRecall {
	readonly #live: LiveQuery<WordRecallView | null>;

	constructor(entryId: string, loadStores: () => Promise<Stores> = stores, clock: () => number = Date.now) {
		this.#live = new LiveQuery(
			async ({ memory }) => wordRecallView(await memory.readWordMemory(entryId), clock()),
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
