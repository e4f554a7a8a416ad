import { State } from 'ts-fsrs';
import type { CardDirection, StudyCardRow } from '../model/cards.ts';
import type { UserEntryRow, VocabEntry } from '../model/words.ts';
import { userEntryToVocab } from './entries.ts';

/** Where a card stands as the deck shows it: suspension comes first, and relearning counts as learning. */
export type CardStateName = 'new' | 'learning' | 'review' | 'suspended';

export function cardStateName(card: Pick<StudyCardRow, 'state' | 'suspended'>): CardStateName {
	if (card.suspended) return 'suspended';
	if (card.state === State.New) return 'new';
	return card.state === State.Review ? 'review' : 'learning';
}

/** What the card page lists about a card; a new card has no schedule yet, so none is shown. */
export interface CardFacts {
	state: CardStateName;
	leech: boolean;
	schedule: { due: number; stability: string; difficulty: string } | null;
	reps: number;
	lapses: number;
}

export function cardFacts(card: StudyCardRow): CardFacts {
	return {
		state: cardStateName(card),
		leech: card.leech === 1,
		schedule:
			card.state === State.New
				? null
				: { due: card.due, stability: card.stability.toFixed(1), difficulty: card.difficulty.toFixed(1) },
		reps: card.reps,
		lapses: card.lapses
	};
}

/** The card named by the page's query string (`?id=`): prerendered pages cannot know it at build time. */
export function cardIdFromSearch(search: string): string {
	return new URLSearchParams(search).get('id') ?? '';
}

/** The entry behind a card: a built-in word, or else the user's own word in the same shape. */
export function entryOfCard(
	entryId: string,
	builtIn: readonly VocabEntry[],
	userWord: UserEntryRow | undefined
): VocabEntry | undefined {
	return builtIn.find((entry) => entry.id === entryId) ?? (userWord && userEntryToVocab(userWord));
}

/**
 * The other flashcard of the same word (from a cloze card, its English → Chinese one): cards are named
 * `${entryId}|${direction}` (db/cards.ts).
 */
export function siblingCardId(card: Pick<StudyCardRow, 'entryId' | 'direction'>): {
	id: string;
	direction: CardDirection;
} {
	const direction: CardDirection = card.direction === 'en2zh' ? 'zh2en' : 'en2zh';
	return { id: `${card.entryId}|${direction}`, direction };
}
