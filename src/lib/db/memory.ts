import type { StudyCardRow } from '../model/cards.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { RecallSettings } from '../scheduling/recall.ts';
import { db } from './db.ts';
import { loadSchedulerSettings } from './settings.ts';

/** A word the user added, as the reader marks it: where it was taken from. */
export interface MarkedUserWord {
	id: string;
	zh: string;
	paragraphId: string;
}

/** What the reader reads once per card turn to mark the deck's words of that card with how well they are known. */
export interface CardMemoryRows {
	/** The user's words taken from the card's paragraphs. */
	userWords: MarkedUserWord[];
	/** The cards of those words and of the built-in entries asked for. */
	cards: StudyCardRow[];
	settings: RecallSettings;
}

const recallSettingsOf = ({ desiredRetention, weights }: RecallSettings): RecallSettings => ({
	desiredRetention,
	weights
});

/**
 * The cards of the deck words of one reading card, in one read transaction: the user's words of the article found by
 * its index and kept when taken from one of `paragraphIds`, then the cards of those and of `entryIds` (the built-in
 * entries that occur in the card) on the entryId index, and the scheduler's retention and parameters.
 */
export async function readCardMemory(
	articleId: string,
	paragraphIds: readonly string[],
	entryIds: readonly string[]
): Promise<CardMemoryRows> {
	const database = db();
	const paragraphs = new Set(paragraphIds);
	return database.transaction('r', database.userEntries, database.cards, database.kv, async () => {
		const [words, settings] = await Promise.all([
			database.userEntries
				.where('articleId')
				.equals(articleId)
				.filter((row) => paragraphs.has(row.paragraphId))
				.toArray(),
			loadSchedulerSettings()
		]);
		const userWords = words.map(({ id, zh, paragraphId }) => ({ id, zh, paragraphId }));
		const ids = [...new Set([...entryIds, ...userWords.map((word) => word.id)])];
		const cards = ids.length > 0 ? await database.cards.where('entryId').anyOf(ids).toArray() : [];
		return { userWords, cards, settings: recallSettingsOf(settings) };
	});
}

/** What the word sheet says of a deck word: its cards, their reviews, and the scheduler's retention and parameters. */
export interface WordMemoryRows {
	cards: StudyCardRow[];
	reviews: Pick<ReviewLogRow, 'cardId' | 'rating' | 'reviewedAt'>[];
	settings: RecallSettings;
}

export async function readWordMemory(entryId: string): Promise<WordMemoryRows> {
	const database = db();
	return database.transaction('r', database.cards, database.reviews, database.kv, async () => {
		const [cards, settings] = await Promise.all([
			database.cards.where('entryId').equals(entryId).toArray(),
			loadSchedulerSettings()
		]);
		const logs =
			cards.length > 0
				? await database.reviews
						.where('cardId')
						.anyOf(cards.map((c) => c.id))
						.toArray()
				: [];
		const reviews = logs.map(({ cardId, rating, reviewedAt }) => ({ cardId, rating, reviewedAt }));
		return { cards, reviews, settings: recallSettingsOf(settings) };
	});
}
