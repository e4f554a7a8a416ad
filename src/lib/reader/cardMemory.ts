/**
 * Working a reading card's marks out (memory.ts holds what the reader keeps of them). A module of its own, loaded
 * once the card is painted: recall needs ts-fsrs, which is no part of the reading card's first download.
 */
import type { ReadingCard } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import { deckEntryForTerm } from '../lookup/word.ts';
import {
	wordMemory,
	type RecallCard,
	type RecallClass,
	type RecallSettings,
	type WordMemory
} from '../scheduling/recall.ts';
import type { CardMemory, CardUserWord } from './memory.ts';

/**
 * The marks of a card: a Chinese word is marked where it is a deck entry's headword (a built-in entry first, then the
 * user's word taken from that paragraph), an English term where the deck's look-up finds its entry (deckEntryForTerm),
 * as the word sheet finds them when tapped.
 */
export function cardMemory(
	card: ReadingCard,
	articleId: string,
	builtIn: readonly VocabEntry[],
	userWords: readonly CardUserWord[],
	cards: readonly (RecallCard & { entryId: string })[],
	settings: RecallSettings,
	now: number
): CardMemory {
	const cardsByEntry = new Map<string, (RecallCard & { entryId: string })[]>();
	for (const row of cards) {
		const list = cardsByEntry.get(row.entryId);
		if (list) list.push(row);
		else cardsByEntry.set(row.entryId, [row]);
	}
	const words = new Map<string, WordMemory>();
	const memoryOf = (entryId: string) => {
		if (!words.has(entryId)) {
			const memory = wordMemory(cardsByEntry.get(entryId) ?? [], now, settings);
			if (memory) words.set(entryId, memory);
		}
		return words.get(entryId);
	};
	const builtInByZh = new Map<string, string>();
	for (const entry of builtIn) if (!builtInByZh.has(entry.zh)) builtInByZh.set(entry.zh, entry.id);
	const marks = new Map<string, (RecallClass | undefined)[]>();
	const unknown = new Map<string, boolean[]>();
	for (const paragraph of card.paragraphs) {
		const mine = new Map(userWords.filter((w) => w.paragraphId === paragraph.id).map((w) => [w.zh, w.id]));
		let any = false;
		const memories = paragraph.tokens.map((token) => {
			const entryId =
				token.k === 'zh'
					? (builtInByZh.get(token.s) ?? mine.get(token.s))
					: token.k === 'en'
						? deckEntryForTerm(builtIn, token.s, articleId)?.id
						: undefined;
			const memory = entryId === undefined ? undefined : memoryOf(entryId);
			if (memory) any = true;
			return memory;
		});
		if (!any) continue;
		marks.set(
			paragraph.id,
			memories.map((memory) => memory?.recall)
		);
		unknown.set(
			paragraph.id,
			memories.map((memory) => memory?.unknown ?? false)
		);
	}
	return { words, marks, unknown };
}
