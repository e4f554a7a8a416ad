import { fsrs, generatorParameters, Rating, State, type Card, type FSRS, type Grade } from 'ts-fsrs';
import { newCardState, type StoredFsrsState } from '../model/cards.ts';
import type { GradingParameters } from '../model/reviews.ts';
import { addLocalDays, dayStartFor, type QueueCard } from './queue.ts';
import { DEFAULT_SCHEDULER_SETTINGS, validSteps, validWeights, type SchedulerSettings } from './schedulerSettings.ts';

// The scheduling API in one place; its settings and its queue live in modules of their own, without ts-fsrs, so
// that the first screen can check the settings and count what is due before the engine loads.
export {
	DEFAULT_SCHEDULER_SETTINGS,
	validateSchedulerSettings,
	validWeights,
	type DirectionSetting,
	type ModelFit,
	type NewCardOrder,
	type OptimisationRecord,
	type SchedulerSettings
} from './schedulerSettings.ts';
export {
	DEFAULT_ROLLOVER_HOUR,
	buildQueue,
	cardEnabled,
	countDue,
	countQueue,
	dayStartFor,
	directionEnabled,
	isVisible,
	nextDayStart,
	nextLearningDue,
	type DoneToday,
	type DueCounts,
	type QueueCard,
	type QueueScope
} from './queue.ts';
export { newCardState } from '../model/cards.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The part of the settings that decides a grade's outcome; stored with every review so replay can repeat it. */
export function gradingParametersOf(settings: SchedulerSettings | GradingParameters): GradingParameters {
	const parameters: GradingParameters = {
		desiredRetention: settings.desiredRetention,
		maximumIntervalDays: settings.maximumIntervalDays,
		learningSteps: [...settings.learningSteps],
		relearningSteps: [...settings.relearningSteps],
		enableFuzz: settings.enableFuzz
	};
	// Only when optimised: a log graded with the defaults keeps the shape it always had.
	const weights = validWeights(settings.weights);
	if (weights) parameters.weights = weights;
	return parameters;
}

const engines = new Map<string, FSRS>();

/**
 * One ts-fsrs instance per distinct grading parameters. Its fuzz is seeded from the review time and the
 * card (ts-fsrs `DefaultInitSeedStrategy`: time, reps, difficulty × stability), so a replay repeats it.
 */
function engineFor(parameters: GradingParameters): FSRS {
	const key = JSON.stringify(gradingParametersOf(parameters));
	let engine = engines.get(key);
	if (!engine) {
		engine = fsrs(
			generatorParameters({
				request_retention: parameters.desiredRetention,
				maximum_interval: parameters.maximumIntervalDays,
				enable_fuzz: parameters.enableFuzz,
				enable_short_term: true,
				...(parameters.weights ? { w: parameters.weights } : {}),
				learning_steps: validSteps(parameters.learningSteps, DEFAULT_SCHEDULER_SETTINGS.learningSteps),
				relearning_steps: validSteps(parameters.relearningSteps, DEFAULT_SCHEDULER_SETTINGS.relearningSteps)
			})
		);
		engines.set(key, engine);
	}
	return engine;
}

export function toFsrsCard(state: StoredFsrsState): Card {
	const card: Card = {
		due: new Date(state.due),
		stability: state.stability,
		difficulty: state.difficulty,
		elapsed_days: state.elapsed_days,
		scheduled_days: state.scheduled_days,
		learning_steps: state.learning_steps,
		reps: state.reps,
		lapses: state.lapses,
		state: state.state
	};
	if (state.last_review !== null) card.last_review = new Date(state.last_review);
	return card;
}

export function fromFsrsCard(card: Card): StoredFsrsState {
	return {
		due: card.due.getTime(),
		stability: card.stability,
		difficulty: card.difficulty,
		elapsed_days: card.elapsed_days,
		scheduled_days: card.scheduled_days,
		learning_steps: card.learning_steps,
		reps: card.reps,
		lapses: card.lapses,
		state: card.state,
		last_review: card.last_review ? card.last_review.getTime() : null
	};
}

/** Copies only the FSRS fields out of a row that carries more (a card row, say). */
export function fsrsStateOf(row: StoredFsrsState): StoredFsrsState {
	return fromFsrsCard(toFsrsCard(row));
}

export function isGrade(value: unknown): value is Grade {
	return value === 1 || value === 2 || value === 3 || value === 4;
}

/** A grade as the review log records it: enough to replay it without anything else. */
export interface GradeLog {
	rating: Grade;
	reviewedAt: number;
	before: StoredFsrsState;
	after: StoredFsrsState;
	parameters: GradingParameters;
}

export function gradeCard(
	state: StoredFsrsState,
	rating: Grade,
	now: number,
	settings: SchedulerSettings | GradingParameters
): { after: StoredFsrsState; log: GradeLog } {
	const parameters = gradingParametersOf(settings);
	const before = fsrsStateOf(state);
	const { card } = engineFor(parameters).next(toFsrsCard(before), new Date(now), rating);
	const after = fromFsrsCard(card);
	return { after, log: { rating, reviewedAt: now, before, after, parameters } };
}

/** A span of time as the grade buttons show it: the interface language names the unit ("10m", "10 分钟"). */
export interface IntervalSpan {
	unit: 'minutes' | 'hours' | 'days' | 'months' | 'years';
	/** Digits, one decimal for months and years, or "<1" under a minute. */
	amount: string;
}

export interface IntervalPreview {
	rating: Grade;
	due: number;
	span: IntervalSpan;
}

const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

/** What each grade would do, for the labels on the grade buttons (as Anki shows them). */
export function previewIntervals(state: StoredFsrsState, now: number, settings: SchedulerSettings): IntervalPreview[] {
	const preview = engineFor(gradingParametersOf(settings)).repeat(toFsrsCard(fsrsStateOf(state)), new Date(now));
	return GRADES.map((rating) => {
		const due = preview[rating].card.due.getTime();
		return { rating, due, span: intervalSpan(due - now) };
	});
}

const MONTH = 30.4375 * DAY;
const YEAR = 365.25 * DAY;

const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toString();

/**
 * Anki-style short intervals: <1 and 10 minutes, 3 hours, 4 days, 3.2 months, 1.5 years. The unit is chosen
 * after rounding, so 59.7 minutes reads 1 hour, not 60 minutes.
 */
export function intervalSpan(ms: number): IntervalSpan {
	if (ms < MINUTE) return { unit: 'minutes', amount: '<1' };
	const minutes = Math.round(ms / MINUTE);
	if (minutes < 60) return { unit: 'minutes', amount: String(minutes) };
	const hours = Math.round(ms / HOUR);
	if (hours < 24) return { unit: 'hours', amount: String(hours) };
	const days = Math.round(ms / DAY);
	if (days < 30) return { unit: 'days', amount: String(days) };
	const months = Math.round((ms / MONTH) * 10) / 10;
	if (months < 12) return { unit: 'months', amount: oneDecimal(months) };
	return { unit: 'years', amount: oneDecimal(ms / YEAR) };
}

/** Anki's leech thresholds: the 8th lapse, then every 4th after (12, 16, …). */
export function isLeechLapse(lapses: number): boolean {
	return lapses >= 8 && (lapses - 8) % 4 === 0;
}

/** The leech flag after a grade: set when an Again brings the lapses to a threshold, never cleared by grading. */
export function leechAfterGrade(
	leechBefore: 0 | 1,
	rating: Grade,
	before: StoredFsrsState,
	after: StoredFsrsState
): 0 | 1 {
	if (leechBefore === 1) return 1;
	const lapsed = rating === Rating.Again && after.lapses > before.lapses;
	return lapsed && isLeechLapse(after.lapses) ? 1 : 0;
}

/** A grade as recordReview writes it, worked out in memory: the card's new state and the siblings it buries. */
export function predictGrade<T extends QueueCard & SiblingCard & { leech: 0 | 1 }>(
	card: T,
	siblings: readonly T[],
	rating: Grade,
	now: number,
	settings: SchedulerSettings
): { card: T; buried: T[]; stateBefore: State } {
	const { after, log } = gradeCard(card, rating, now, settings);
	const leech = leechAfterGrade(card.leech, rating, log.before, after);
	const burial = siblingsToBury(card, siblings, now);
	return {
		card: { ...card, ...after, leech },
		buried: burial.cards.map((sibling) => ({ ...sibling, buriedUntil: burial.until })),
		stateBefore: card.state
	};
}

export interface SiblingCard {
	id: string;
	entryId: string;
	state: number;
	last_review: number | null;
	buriedUntil: number;
}

/**
 * The siblings to hide until tomorrow after `graded` was answered, so one direction does not give away
 * the other. Siblings already reviewed today are left alone, and so are cards in (re)learning, whose
 * short steps a day's delay would undo (Anki's default too). Returns the rows as they were, for undo.
 */
export function siblingsToBury<T extends SiblingCard>(
	graded: { id: string; entryId: string },
	siblings: readonly T[],
	now: number,
	dayStart = dayStartFor(now)
): { until: number; cards: T[] } {
	const until = addLocalDays(dayStart, 1);
	const cards = siblings.filter(
		(sibling) =>
			sibling.id !== graded.id &&
			sibling.entryId === graded.entryId &&
			sibling.buriedUntil < until &&
			(sibling.state === State.New || sibling.state === State.Review) &&
			(sibling.last_review === null || sibling.last_review < dayStart)
	);
	return { until, cards };
}

/** A review log row as replay reads it. */
export interface ReplayLog {
	id?: number;
	rating: number;
	reviewedAt: number;
	parameters?: GradingParameters;
}

// Logs are applied in the order they were written (their ids); a clock moved back must not reorder them.
const recordedOrder = (a: ReplayLog, b: ReplayLog) => (a.id ?? 0) - (b.id ?? 0) || a.reviewedAt - b.reviewedAt;

/**
 * Rebuilds a card's FSRS state from nothing but its review log. Each log is graded with the parameters
 * stored in it; logs without them use `settings`.
 */
export function replayCard(
	initialState: StoredFsrsState,
	logs: readonly ReplayLog[],
	settings: SchedulerSettings
): StoredFsrsState {
	let state = fsrsStateOf(initialState);
	for (const log of [...logs].sort(recordedOrder)) {
		if (!isGrade(log.rating)) throw new Error(`Review log ${log.id ?? '?'} has rating ${log.rating}, expected 1-4`);
		state = gradeCard(state, log.rating, log.reviewedAt, log.parameters ?? settings).after;
	}
	return state;
}

export interface StateDifference {
	cardId: string;
	field: keyof StoredFsrsState;
	stored: unknown;
	replayed: unknown;
}

const FSRS_FIELDS: readonly (keyof StoredFsrsState)[] = [
	'due',
	'stability',
	'difficulty',
	'elapsed_days',
	'scheduled_days',
	'learning_steps',
	'reps',
	'lapses',
	'state',
	'last_review'
];

// Replay repeats the same arithmetic, so values agree exactly; the tolerance only forgives a float's last bits.
function sameValue(a: unknown, b: unknown): boolean {
	if (typeof a === 'number' && typeof b === 'number')
		return a === b || Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));
	return a === b;
}

export function compareStates(cardId: string, stored: StoredFsrsState, replayed: StoredFsrsState): StateDifference[] {
	const differences: StateDifference[] = [];
	for (const field of FSRS_FIELDS) {
		if (!sameValue(stored[field], replayed[field]))
			differences.push({ cardId, field, stored: stored[field], replayed: replayed[field] });
	}
	return differences;
}

/**
 * Replays every card's log from a new card created at its `createdAt` and lists each field where the
 * stored state differs from the replayed one.
 */
export function checkConsistency(
	cards: Iterable<StoredFsrsState & { id: string; createdAt: number }>,
	logsByCard: ReadonlyMap<string, readonly ReplayLog[]>,
	settings: SchedulerSettings
): StateDifference[] {
	const differences: StateDifference[] = [];
	for (const card of cards) {
		const replayed = replayCard(newCardState(card.createdAt), logsByCard.get(card.id) ?? [], settings);
		differences.push(...compareStates(card.id, card, replayed));
	}
	return differences;
}
