import { allSummaries, loadAnyArticle } from '../library/library.ts';
import type { VocabEntry } from '../model/words.ts';
import type { StudyCardRow } from '../model/cards.ts';
import type { Stores } from '../db/lazy.ts';
import type { DeckEditUndo } from '../db/deckEdits.ts';
import { groupBy, indexEntry, matchesQuery } from './search.ts';
import { loadBuiltInVocab, userEntryToVocab } from './entries.ts';
import { deckParts, entryParts, NO_PARTS, partIndex, type DeckPart } from './parts.ts';
import { cardKind, type CardKind } from './cloze.ts';
import { deckWords, wordCount, wordOrders, wordsWithIds, type DeckSort, type DeckWordItem } from './words.ts';

export type CardStateFilter = 'all' | 'new' | 'learning' | 'review' | 'suspended' | 'leech';

/** Which kind of card a word must have: any, a flashcard, or a cloze card. */
export type CardKindFilter = 'all' | CardKind;

/** One word as the browser lists it, with its cards (English → Chinese first). */
export interface DeckRow {
	entry: VocabEntry;
	cards: StudyCardRow[];
}

/** What the browser is asked for; `part` is a DeckPart's key, `tag` and `part` are 'all' for any. */
export interface DeckQuery {
	query: string;
	part: string;
	state: CardStateFilter;
	kind: CardKindFilter;
	tag: string;
	sort: DeckSort;
	/** The user's own words before the article's. */
	mineFirst: boolean;
}

export const DEFAULT_DECK_QUERY: DeckQuery = {
	query: '',
	part: 'all',
	state: 'all',
	kind: 'all',
	tag: 'all',
	sort: 'due',
	mineFirst: false
};

/** What a bulk action did, for the toast that offers to undo it. */
export type DeckBulkAction = 'suspend' | 'unsuspend' | 'reset' | 'delete';
export interface DeckBulkDone {
	action: DeckBulkAction;
	/** Words it changed. */
	words: number;
	undo: DeckEditUndo;
}

const PAGE = 100;

export function stateMatches(card: StudyCardRow, filter: CardStateFilter): boolean {
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

/**
 * The deck browser's data: every word with its cards, searchable, filterable and sortable in memory, and the
 * bulk changes made to a selection of words (each one transaction, undone as one).
 */
export class DeckBrowser {
	#words = $state.raw<DeckWordItem[]>([]);
	#parts = $state.raw<DeckPart[]>([]);
	#partIndex = $state.raw(NO_PARTS);
	#status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
	#busy = $state(false);
	// Each order is sorted once per load: a keystroke then only filters, as fast as before there were orders.
	#ordered = wordOrders([]);
	readonly #stores: () => Promise<Stores>;

	constructor(loadStores: () => Promise<Stores>) {
		this.#stores = loadStores;
	}

	get status() {
		return this.#status;
	}

	/** True while a bulk change or its undo is being written. */
	get busy() {
		return this.#busy;
	}

	/** Every part of every article, built-in and imported, for the part filter. */
	get parts(): DeckPart[] {
		return this.#parts;
	}

	get tags(): string[] {
		return this.#words
			.flatMap((word) => word.item.entry.tags)
			.sort()
			.filter((tag, i, sorted) => tag !== sorted[i - 1]);
	}

	async load(): Promise<void> {
		if (this.#status !== 'ready') this.#status = 'loading';
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
			const cardsByEntry = groupBy(await cards.listCards(), (card) => card.entryId);
			this.#words = deckWords(entries.map(indexEntry), cardsByEntry);
			this.#ordered = wordOrders(this.#words);
			this.#ordered(DEFAULT_DECK_QUERY.sort, DEFAULT_DECK_QUERY.mineFirst);
			this.#status = 'ready';
		} catch (error) {
			console.error(error);
			this.#status = 'error';
		}
	}

	/**
	 * Matching words, a page at a time so a large collection stays quick to render, and how many match in all.
	 * A word matches a state and a kind when one of its cards is of that kind and in that state.
	 */
	search(request: DeckQuery, limit = PAGE): { rows: DeckRow[]; total: number } {
		const { query, part, state, kind, tag } = request;
		const cardMatches = (card: StudyCardRow) =>
			stateMatches(card, state) && (kind === 'all' || cardKind(card.direction) === kind);
		const rows: DeckRow[] = [];
		let total = 0;
		for (const { item, cards } of this.#ordered(request.sort, request.mineFirst)) {
			if (tag !== 'all' && !item.entry.tags.includes(tag)) continue;
			if (part !== 'all' && !entryParts(item.entry, this.#partIndex).includes(part)) continue;
			if ((state !== 'all' || kind !== 'all') && !cards.some(cardMatches)) continue;
			if (!matchesQuery(item, query)) continue;
			total++;
			if (rows.length < limit) rows.push({ entry: item.entry, cards });
		}
		return { rows, total };
	}

	/** The entry ids of every word matching, past the page shown, for "select all". */
	matchingIds(request: DeckQuery): string[] {
		return this.search(request, Infinity).rows.map((row) => row.entry.id);
	}

	/**
	 * Applies a bulk action to these words' cards (delete: to the user's own words among them), then reads the deck
	 * again. Returns what it did, or null when it had nothing to change.
	 */
	async apply(action: DeckBulkAction, entryIds: readonly string[]): Promise<DeckBulkDone | null> {
		const words = wordsWithIds(this.#words, entryIds);
		const cardIds = words.flatMap((word) => word.cards.map((card) => card.id));
		this.#busy = true;
		try {
			const { deckEdits } = await this.#stores();
			const undo =
				action === 'delete'
					? await deckEdits.deleteUserWords(
							words.filter((word) => word.item.entry.userMade).map((w) => w.item.entry.id)
						)
					: action === 'reset'
						? await deckEdits.resetCards(cardIds)
						: await deckEdits.setCardsSuspended(cardIds, action === 'suspend');
			await this.load();
			if (undo.cards.length === 0) return null;
			return { action, words: wordCount(undo.cards), undo };
		} finally {
			this.#busy = false;
		}
	}

	async undo(done: DeckBulkDone): Promise<void> {
		this.#busy = true;
		try {
			const { deckEdits } = await this.#stores();
			await deckEdits.undoDeckEdit(done.undo);
			await this.load();
		} finally {
			this.#busy = false;
		}
	}
}
