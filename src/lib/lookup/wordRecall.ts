import type { WordMemoryRows } from '../db/memory.ts';
import {
	historyLine,
	recallLine,
	wordMemory,
	type HistoryLine,
	type RecallLine,
	type WordMemory
} from '../scheduling/recall.ts';

/** What the word sheet says of how well the user knows a deck word now. */
export interface WordRecallView {
	memory: WordMemory;
	line: RecallLine;
	history: HistoryLine;
}

/** A word's recall and history from its cards and their reviews; null when no card of it is there to study. */
export function wordRecallView(rows: WordMemoryRows, now: number): WordRecallView | null {
	const memory = wordMemory(rows.cards, now, rows.settings);
	if (!memory) return null;
	const studied = new Set(memory.cardIds);
	const active = rows.cards.filter((card) => studied.has(card.id));
	const reviews = rows.reviews.filter((review) => studied.has(review.cardId));
	return { memory, line: recallLine(memory, now), history: historyLine(reviews, active, now) };
}
