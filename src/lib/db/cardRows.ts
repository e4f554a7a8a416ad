import { FLASHCARD_DIRECTIONS, newCardState, type CardDirection, type StudyCardRow } from '../model/cards.ts';

/** A word's two flashcards; its cloze cards (model/cards.ts) are made apart, from its sentence. */
export const DIRECTIONS: readonly CardDirection[] = FLASHCARD_DIRECTIONS;

export const cardId = (entryId: string, direction: CardDirection) => `${entryId}|${direction}`;

/** A card as it is created for a word: new, due at its creation time, neither suspended nor buried. */
export function newCardRow(entryId: string, direction: CardDirection, createdAt: number): StudyCardRow {
	return {
		...newCardState(createdAt),
		id: cardId(entryId, direction),
		entryId,
		direction,
		suspended: 0,
		buriedUntil: 0,
		leech: 0,
		createdAt
	};
}

/** Both directions' cards of each entry, in order. */
export const cardsOfEntries = (entryIds: readonly string[]) =>
	[...new Set(entryIds)].flatMap((entryId) =>
		DIRECTIONS.map((direction) => ({ entryId, direction, id: cardId(entryId, direction) }))
	);

/**
 * New cards for `wanted`, created one millisecond apart so that they keep the order given: a new card's due is its
 * creation time, so the [state+due] index lists new cards in that order too.
 */
export const newCardRows = (wanted: readonly { entryId: string; direction: CardDirection }[], now: number) =>
	wanted.map((card, index) => newCardRow(card.entryId, card.direction, now + index));
