import { State } from 'ts-fsrs';
import type { StudyCardRow } from '../model/cards.ts';
import type { SearchableEntry } from './search.ts';

/** How the deck browser orders its words. */
export type DeckSort = 'due' | 'added' | 'alphabetical' | 'lapses';

export const DECK_SORTS: readonly DeckSort[] = ['due', 'added', 'alphabetical', 'lapses'];

/** One word of the deck with its cards (English → Chinese first, cloze cards last), as the browser lists it. */
export interface DeckWordItem {
	item: SearchableEntry;
	cards: StudyCardRow[];
}

const DIRECTION_ORDER = { en2zh: 0, zh2en: 1, clozeZh: 2, clozeEn: 3 } as const;

export function deckWords(
	index: readonly SearchableEntry[],
	cardsByEntry: ReadonlyMap<string, readonly StudyCardRow[]>
): DeckWordItem[] {
	return index.map((item) => ({
		item,
		cards: [...(cardsByEntry.get(item.entry.id) ?? [])].sort(
			(a, b) => DIRECTION_ORDER[a.direction] - DIRECTION_ORDER[b.direction]
		)
	}));
}

/**
 * When the word next asks for a review: the earliest due of its scheduled cards. New and suspended cards wait for
 * nobody, so a word with only those sorts after every scheduled one.
 */
export function wordDue(cards: readonly StudyCardRow[]): number {
	let due = Infinity;
	for (const card of cards) if (card.state !== State.New && card.suspended === 0) due = Math.min(due, card.due);
	return due;
}

/** When the word came into the deck: its first card's creation. */
export function wordAdded(cards: readonly StudyCardRow[]): number {
	return cards.reduce((first, card) => Math.min(first, card.createdAt), Infinity);
}

export function wordLapses(cards: readonly StudyCardRow[]): number {
	return cards.reduce((sum, card) => sum + card.lapses, 0);
}

// Code-unit order: quick enough to sort 25,000 words on every change of order, and the same on every device.
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The words in the order asked for; ties keep the deck's order (the article's, then the user's words as added).
 * Due: soonest first; added: newest first; alphabetical: by toneless pinyin, then the pinyin and the characters;
 * lapses: most forgotten first. With `mineFirst` the user's own words come first, each group in that order.
 */
export function sortWords(words: readonly DeckWordItem[], sort: DeckSort, mineFirst: boolean): DeckWordItem[] {
	// One key per word, computed once: comparing them is all the sort does, 25,000 words in a few milliseconds.
	const keyed = words.map((word, position) => ({
		word,
		position,
		mine: mineFirst && !word.item.entry.userMade ? 1 : 0,
		text:
			sort === 'alphabetical' ? `${word.item.pinyinKey}\u0000${word.item.entry.pinyin}\u0000${word.item.entry.zh}` : '',
		key: sort === 'due' ? wordDue(word.cards) : sort === 'added' ? -wordAdded(word.cards) : -wordLapses(word.cards)
	}));
	keyed.sort(
		(a, b) =>
			a.mine - b.mine ||
			(sort === 'alphabetical' ? compareText(a.text, b.text) : a.key === b.key ? 0 : a.key < b.key ? -1 : 1) ||
			a.position - b.position
	);
	return keyed.map(({ word }) => word);
}

/** The words in each order asked for, each order sorted on first use only: a keystroke then just filters. */
export function wordOrders(words: readonly DeckWordItem[]): (sort: DeckSort, mineFirst: boolean) => DeckWordItem[] {
	const orders = new Map<string, DeckWordItem[]>();
	return (sort, mineFirst) => {
		const key = `${sort}:${mineFirst}`;
		let order = orders.get(key);
		if (!order) {
			order = sortWords(words, sort, mineFirst);
			orders.set(key, order);
		}
		return order;
	};
}

/** The words with these entry ids, in the deck's order. */
export function wordsWithIds(words: readonly DeckWordItem[], entryIds: Iterable<string>): DeckWordItem[] {
	const wanted = new Set(entryIds);
	return words.filter((word) => wanted.has(word.item.entry.id));
}

/** How many words these cards belong to. */
export function wordCount(cards: readonly { entryId: string }[]): number {
	return new Set(cards.map((card) => card.entryId)).size;
}
