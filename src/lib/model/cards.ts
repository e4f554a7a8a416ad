import type { State } from 'ts-fsrs';

/** FSRS memory state of a card as stored: dates are epoch milliseconds so rows index and clone cheaply. */
export interface StoredFsrsState {
	due: number;
	stability: number;
	difficulty: number;
	elapsed_days: number;
	scheduled_days: number;
	learning_steps: number;
	reps: number;
	lapses: number;
	state: State;
	last_review: number | null;
}

/**
 * ts-fsrs's card states by name, as plain numbers: the queue and the home screen's reads compare states without
 * loading ts-fsrs (cards.test.ts checks they are its values).
 */
export const CARD_STATE: {
	readonly New: State.New;
	readonly Learning: State.Learning;
	readonly Review: State.Review;
	readonly Relearning: State.Relearning;
} = { New: 0, Learning: 1, Review: 2, Relearning: 3 };

/** The same state as ts-fsrs `createEmptyCard(now)`, in stored form. */
export function newCardState(now: number): StoredFsrsState {
	return {
		due: now,
		stability: 0,
		difficulty: 0,
		elapsed_days: 0,
		scheduled_days: 0,
		learning_steps: 0,
		reps: 0,
		lapses: 0,
		state: CARD_STATE.New,
		last_review: null
	};
}

/**
 * The two flashcard directions of a word, and its cloze cards: the word's sentence from the text with the Chinese
 * blanked (`clozeZh`), or, in a mixed-script sentence that holds the English term too, the English blanked (`clozeEn`).
 */
export type CardDirection = 'en2zh' | 'zh2en' | ClozeWay;

export type ClozeWay = 'clozeZh' | 'clozeEn';

export const FLASHCARD_DIRECTIONS = ['en2zh', 'zh2en'] as const;

export const CLOZE_WAYS: readonly ClozeWay[] = ['clozeZh', 'clozeEn'];

/** Every kind of card, in the order the deck lists a word's cards. */
export const CARD_DIRECTIONS: readonly CardDirection[] = [...FLASHCARD_DIRECTIONS, ...CLOZE_WAYS];

export const isClozeWay = (direction: string): direction is ClozeWay =>
	direction === 'clozeZh' || direction === 'clozeEn';

export const isCardDirection = (value: unknown): value is CardDirection =>
	typeof value === 'string' && (CARD_DIRECTIONS as readonly string[]).includes(value);

export interface StudyCardRow extends StoredFsrsState {
	/** `${entryId}|${direction}` */
	id: string;
	entryId: string;
	direction: CardDirection;
	/** 1 when suspended; numbers, not booleans, so Dexie can index them. */
	suspended: 0 | 1;
	/** Epoch ms until which the card is hidden because its sibling was reviewed; 0 when not buried. */
	buriedUntil: number;
	leech: 0 | 1;
	createdAt: number;
	/** 1 on the cards of a word the user added, absent otherwise; set by userMadeMiddleware (userMade.ts). */
	userMade?: 1;
}
