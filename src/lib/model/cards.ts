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
