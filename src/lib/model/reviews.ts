import type { Grade } from 'ts-fsrs';
import type { StoredFsrsState } from './cards.ts';

/** FSRS-6, the model ts-fsrs schedules with, has 21 parameters (scheduler.test.ts holds ts-fsrs to it). */
export const FSRS_PARAMETER_COUNT = 21;

/** The settings a grade was computed with; replay needs them, because the user may change settings later. */
export interface GradingParameters {
	desiredRetention: number;
	maximumIntervalDays: number;
	learningSteps: string[];
	relearningSteps: string[];
	enableFuzz: boolean;
	/** The optimised FSRS parameters, when the user had some; absent means ts-fsrs's defaults. */
	weights?: number[];
}

export interface ReviewLogRow {
	id?: number;
	cardId: string;
	rating: Grade;
	reviewedAt: number;
	durationMs: number;
	before: StoredFsrsState;
	after: StoredFsrsState;
	/** What else the review changed, so undo can put it back exactly. */
	sideEffects?: { leechBefore: 0 | 1; buriedSiblings: { id: string; buriedUntil: number }[] };
	/** Absent on logs written before it existed; replay then uses the current settings. */
	parameters?: GradingParameters;
}
