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

export type CardDirection = 'en2zh' | 'zh2en';

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
