import { allSummaries, loadAnyArticle } from '../library/library.ts';
import type { VocabEntry } from '../model/words.ts';
import type { StudyCardRow } from '../model/cards.ts';
import type { Stores } from '../db/lazy.ts';
import { groupBy, indexEntry, matchesQuery, type SearchableEntry } from './search.ts';
import { loadBuiltInVocab, userEntryToVocab } from './entries.ts';
import { deckParts, entryParts, NO_PARTS, partIndex, type DeckPart } from './parts.ts';

export type CardStateFilter = 'all' | 'new' | 'learning' | 'review' | 'suspended' | 'leech';

export interface DeckRow {
	card: StudyCardRow;
	entry: VocabEntry;
}

const PAGE = 100;
// Replaced whole on each load, never changed in place, so a plain map is reactive enough through $state.raw.
const NO_CARDS: ReadonlyMap<string, StudyCardRow[]> = new Map();

function stateMatches(card: StudyCardRow, filter: CardStateFilter): boolean {
	switch (filter) {
		case 'all':
			return true;
		case 'suspended':
			return card.suspended === 1;
		case 'leech':
			return card.leech === 1;
		case 'new':
			return card.state === 0;
		case 'learning':
			return card.state === 1 || card.state === 3;
		case 'review':
			return card.state === 2;
	}
}

/** The deck browser's data: every entry with its cards, searchable and filterable in memory. */
export class DeckBrowser {
	#index = $state.raw<SearchableEntry[]>([]);
	#cardsByEntry = $state.raw(NO_CARDS);
	#parts = $state.raw<DeckPart[]>([]);
	#partIndex = $state.raw(NO_PARTS);
	#status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
	readonly #stores: () => Promise<Stores>;

	constructor(loadStores: () => Promise<Stores>) {
		this.#stores = loadStores;
	}

	get status() {
		return this.#status;
	}

	/** Every part of every article, built-in and imported, for the part filter. */
	get parts(): DeckPart[] {
		return this.#parts;
	}

	get tags(): string[] {
		return this.#index
			.flatMap((item) => item.entry.tags)
			.sort()
			.filter((tag, i, sorted) => tag !== sorted[i - 1]);
	}

	async load(): Promise<void> {
		this.#status = 'loading';
		try {
			const { userEntries, cards } = await this.#stores();
			const [builtIn, mine, summaries] = await Promise.all([
				loadBuiltInVocab(),
				userEntries.listUserEntries(),
				allSummaries(this.#stores)
			]);
			const entries = [...builtIn, ...mine.map(userEntryToVocab)];
			await cards.ensureCards(
				entries.map((entry) => entry.id),
				Date.now()
			);
			this.#partIndex = await partIndex(summaries, entries, (id) => loadAnyArticle(id, this.#stores));
			this.#parts = deckParts(summaries);
			this.#index = entries.map(indexEntry);
			this.#cardsByEntry = groupBy(await cards.listCards(), (card) => card.entryId);
			this.#status = 'ready';
		} catch (error) {
			console.error(error);
			this.#status = 'error';
		}
	}

	/** Matching rows, a page at a time so a large collection stays quick to render; `part` is a DeckPart's key. */
	search(
		query: string,
		part: string,
		state: CardStateFilter,
		tag: string,
		limit = PAGE
	): { rows: DeckRow[]; total: number } {
		const rows: DeckRow[] = [];
		let total = 0;
		for (const item of this.#index) {
			if (tag !== 'all' && !item.entry.tags.includes(tag)) continue;
			if (part !== 'all' && !entryParts(item.entry, this.#partIndex).includes(part)) continue;
			if (!matchesQuery(item, query)) continue;
			for (const card of this.#cardsByEntry.get(item.entry.id) ?? []) {
				if (!stateMatches(card, state)) continue;
				total++;
				if (rows.length < limit) rows.push({ card, entry: item.entry });
			}
		}
		return { rows, total };
	}
}
