import { newCardState } from '../scheduling/scheduler.ts';
import { isUserEntryId } from '../model/ids.ts';
import type { StudyCardRow } from '../model/cards.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { UserEntryRow } from '../model/words.ts';
import { db } from './db.ts';

/**
 * What a bulk change of the deck browser replaced, row for row as it was, so one undo puts it all back:
 * the cards before the change, the reviews and the user's words it removed.
 */
export interface DeckEditUndo {
	cards: StudyCardRow[];
	reviews: ReviewLogRow[];
	userEntries: UserEntryRow[];
}

const NOTHING: DeckEditUndo = { cards: [], reviews: [], userEntries: [] };

async function presentCards(ids: readonly string[]): Promise<StudyCardRow[]> {
	return (await db().cards.bulkGet([...new Set(ids)])).filter((card) => card !== undefined);
}

/** Suspends (or unsuspends) these cards in one transaction; only the cards it changed come back, to undo. */
export async function setCardsSuspended(ids: readonly string[], suspended: boolean): Promise<DeckEditUndo> {
	if (ids.length === 0) return NOTHING;
	const database = db();
	const flag = suspended ? 1 : 0;
	return database.transaction('rw', database.cards, async () => {
		const changed = (await presentCards(ids)).filter((card) => card.suspended !== flag);
		await database.cards.bulkPut(changed.map((card) => ({ ...card, suspended: flag })));
		return { ...NOTHING, cards: changed };
	});
}

/**
 * Makes these cards new again, where they stood among the new cards when they were created, and removes their
 * reviews in the same transaction: Check database replays a card from its reviews, so a card without its
 * history is exactly a new card. Suspension is kept; leech and burying are cleared.
 */
export async function resetCards(ids: readonly string[]): Promise<DeckEditUndo> {
	if (ids.length === 0) return NOTHING;
	const database = db();
	return database.transaction('rw', database.cards, database.reviews, async () => {
		const cards = await presentCards(ids);
		const reviews = await database.reviews
			.where('cardId')
			.anyOf(cards.map((card) => card.id))
			.toArray();
		await database.reviews.bulkDelete(reviews.map((log) => log.id!));
		await database.cards.bulkPut(
			cards.map((card) => ({ ...card, ...newCardState(card.createdAt), leech: 0 as const, buriedUntil: 0 }))
		);
		return { cards, reviews, userEntries: [] };
	});
}

/**
 * Deletes the user's own words among these entries, with their cards and reviews, in one transaction. Built-in
 * entries are left alone: they come with the app and would come back.
 */
export async function deleteUserWords(entryIds: readonly string[]): Promise<DeckEditUndo> {
	const ids = [...new Set(entryIds)].filter(isUserEntryId);
	if (ids.length === 0) return NOTHING;
	const database = db();
	return database.transaction('rw', database.userEntries, database.cards, database.reviews, async () => {
		const userEntries = (await database.userEntries.bulkGet(ids)).filter((entry) => entry !== undefined);
		const cards = await database.cards.where('entryId').anyOf(ids).toArray();
		const cardIds = cards.map((card) => card.id);
		const reviews = cardIds.length > 0 ? await database.reviews.where('cardId').anyOf(cardIds).toArray() : [];
		await database.reviews.bulkDelete(reviews.map((log) => log.id!));
		await database.cards.bulkDelete(cardIds);
		await database.userEntries.bulkDelete(ids);
		return { cards, reviews, userEntries };
	});
}

/** Puts back what a bulk change replaced, exactly as it was (same ids), in one transaction. */
export async function undoDeckEdit(undo: DeckEditUndo): Promise<void> {
	const database = db();
	await database.transaction('rw', database.userEntries, database.cards, database.reviews, async () => {
		await database.userEntries.bulkPut(undo.userEntries);
		await database.cards.bulkPut(undo.cards);
		await database.reviews.bulkPut(undo.reviews);
	});
}
