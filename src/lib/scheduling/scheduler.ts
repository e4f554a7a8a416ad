import { fsrs, generatorParameters, Rating, State, type Card, type FSRS, type Grade, type StepUnit } from 'ts-fsrs';
import type { StoredFsrsState } from '../db/db.ts';

export type DirectionSetting = 'both' | 'en2zh' | 'zh2en';

export interface SchedulerSettings {
	desiredRetention: number;
	maximumIntervalDays: number;
	newCardsPerDay: number;
	reviewsPerDay: number;
	learningSteps: StepUnit[];
	relearningSteps: StepUnit[];
	enableFuzz: boolean;
	directions: DirectionSetting;
}

export const DEFAULT_SCHEDULER_SETTINGS: SchedulerSettings = {
	desiredRetention: 0.9,
	maximumIntervalDays: 36500,
	newCardsPerDay: 20,
	reviewsPerDay: 200,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	enableFuzz: true,
	directions: 'both'
};

const STEP = /^\d+(\.\d+)?[mhd]$/;

function clampInteger(value: unknown, min: number, max: number, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}

function validSteps(value: unknown, fallback: StepUnit[]): StepUnit[] {
	return Array.isArray(value) && value.length <= 10 && value.every((step) => typeof step === 'string' && STEP.test(step)) ? (value as StepUnit[]) : fallback;
}

/** Accepts stored or typed settings and returns values ts-fsrs can use; nothing outside sane bounds survives. */
export function validateSchedulerSettings(raw: unknown): SchedulerSettings {
	const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof SchedulerSettings, unknown>>;
	const defaults = DEFAULT_SCHEDULER_SETTINGS;
	const retention = typeof value.desiredRetention === 'number' && Number.isFinite(value.desiredRetention) ? value.desiredRetention : defaults.desiredRetention;
	return {
		desiredRetention: Math.min(0.99, Math.max(0.7, retention)),
		maximumIntervalDays: clampInteger(value.maximumIntervalDays, 1, 36500, defaults.maximumIntervalDays),
		newCardsPerDay: clampInteger(value.newCardsPerDay, 0, 9999, defaults.newCardsPerDay),
		reviewsPerDay: clampInteger(value.reviewsPerDay, 0, 99999, defaults.reviewsPerDay),
		learningSteps: validSteps(value.learningSteps, defaults.learningSteps),
		relearningSteps: validSteps(value.relearningSteps, defaults.relearningSteps),
		enableFuzz: typeof value.enableFuzz === 'boolean' ? value.enableFuzz : defaults.enableFuzz,
		directions: value.directions === 'en2zh' || value.directions === 'zh2en' || value.directions === 'both' ? value.directions : defaults.directions
	};
}

const engines = new Map<string, FSRS>();

/** One ts-fsrs instance per distinct settings; fuzz is seeded from the card and time, so replays repeat it. */
export function engineFor(settings: SchedulerSettings): FSRS {
	const key = JSON.stringify(settings);
	let engine = engines.get(key);
	if (!engine) {
		engine = fsrs(
			generatorParameters({
				request_retention: settings.desiredRetention,
				maximum_interval: settings.maximumIntervalDays,
				enable_fuzz: settings.enableFuzz,
				enable_short_term: true,
				learning_steps: settings.learningSteps,
				relearning_steps: settings.relearningSteps
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
		state: state.state as State
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

/** Copies only the FSRS fields out of a row that may carry more. */
export function fsrsStateOf(row: StoredFsrsState): StoredFsrsState {
	return fromFsrsCard(toFsrsCard(row));
}

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
		state: State.New,
		last_review: null
	};
}

export type GradeValue = 1 | 2 | 3 | 4;

export function gradeCard(state: StoredFsrsState, rating: GradeValue, now: number, settings: SchedulerSettings): StoredFsrsState {
	const { card } = engineFor(settings).next(toFsrsCard(state), new Date(now), rating as Grade);
	return fromFsrsCard(card);
}

export interface IntervalPreview {
	rating: GradeValue;
	due: number;
	label: string;
}

/** What each grade would do, for the labels on the grade buttons (as Anki shows them). */
export function previewIntervals(state: StoredFsrsState, now: number, settings: SchedulerSettings): IntervalPreview[] {
	const preview = engineFor(settings).repeat(toFsrsCard(state), new Date(now));
	return ([Rating.Again, Rating.Hard, Rating.Good, Rating.Easy] as const).map((rating) => {
		const due = preview[rating].card.due.getTime();
		return { rating: rating as GradeValue, due, label: intervalLabel(due - now) };
	});
}

/** Anki-style short intervals: "<1m", "10m", "3h", "4d", "2.1mo", "1.5y". */
export function intervalLabel(ms: number): string {
	const minutes = ms / 60_000;
	if (minutes < 1) return '<1m';
	if (minutes < 60) return `${Math.round(minutes)}m`;
	const hours = minutes / 60;
	if (hours < 24) return `${Math.round(hours)}h`;
	const days = hours / 24;
	if (days < 30) return `${Math.round(days)}d`;
	const months = days / 30.4375;
	if (months < 12) return `${(Math.round(months * 10) / 10).toString()}mo`;
	return `${(Math.round((days / 365.25) * 10) / 10).toString()}y`;
}

/** Anki's lapse thresholds for leeches: 8, then every 4 more. */
export function isLeechLapse(lapses: number): boolean {
	return lapses >= 8 && (lapses - 8) % 4 === 0;
}

/** Days start at the rollover hour (4 am, like Anki), so a late-night session counts for the evening. */
export function dayStartFor(now: number, rolloverHour = 4): number {
	const date = new Date(now);
	const start = new Date(date.getFullYear(), date.getMonth(), date.getDate(), rolloverHour);
	if (start.getTime() > now) start.setDate(start.getDate() - 1);
	return start.getTime();
}

export function nextDayStart(now: number, rolloverHour = 4): number {
	const start = new Date(dayStartFor(now, rolloverHour));
	start.setDate(start.getDate() + 1);
	return start.getTime();
}

export function directionEnabled(direction: 'en2zh' | 'zh2en', setting: DirectionSetting): boolean {
	return setting === 'both' || setting === direction;
}

export interface QueueCard extends StoredFsrsState {
	id: string;
	direction: 'en2zh' | 'zh2en';
	suspended: 0 | 1;
	buriedUntil: number;
	createdAt: number;
}

export interface DoneToday {
	newIntroduced: number;
	reviewsDone: number;
}

/**
 * Today's queue from candidate cards: learning cards due now, then reviews due today within the daily
 * limit, then new cards within the new-card limit. Suspended, buried and disabled-direction cards never show.
 */
export function buildQueue<T extends QueueCard>(candidates: readonly T[], done: DoneToday, now: number, settings: SchedulerSettings): T[] {
	const endOfDay = nextDayStart(now);
	const visible = candidates.filter((card) => card.suspended === 0 && card.buriedUntil <= now && directionEnabled(card.direction, settings.directions));
	const byDue = (a: T, b: T) => a.due - b.due || a.id.localeCompare(b.id);
	const learning = visible.filter((card) => (card.state === State.Learning || card.state === State.Relearning) && card.due <= now).sort(byDue);
	const reviews = visible
		.filter((card) => card.state === State.Review && card.due < endOfDay)
		.sort(byDue)
		.slice(0, Math.max(0, settings.reviewsPerDay - done.reviewsDone));
	const fresh = visible
		.filter((card) => card.state === State.New)
		.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id))
		.slice(0, Math.max(0, settings.newCardsPerDay - done.newIntroduced));
	return [...learning, ...reviews, ...fresh];
}

export interface DueCounts {
	new: number;
	learning: number;
	review: number;
}

export function countQueue(queue: readonly QueueCard[]): DueCounts {
	const counts: DueCounts = { new: 0, learning: 0, review: 0 };
	for (const card of queue) {
		if (card.state === State.New) counts.new++;
		else if (card.state === State.Review) counts.review++;
		else counts.learning++;
	}
	return counts;
}

export interface ReplayLog {
	rating: number;
	reviewedAt: number;
}

/** Rebuilds a card's FSRS state from nothing but its review log. */
export function replayCard(initial: StoredFsrsState, logs: readonly ReplayLog[], settings: SchedulerSettings): StoredFsrsState {
	let state = initial;
	for (const log of [...logs].sort((a, b) => a.reviewedAt - b.reviewedAt)) state = gradeCard(state, log.rating as GradeValue, log.reviewedAt, settings);
	return state;
}

export interface StateDifference {
	cardId: string;
	field: keyof StoredFsrsState;
	stored: unknown;
	replayed: unknown;
}

const FIELDS: (keyof StoredFsrsState)[] = ['due', 'stability', 'difficulty', 'scheduled_days', 'learning_steps', 'reps', 'lapses', 'state', 'last_review'];

export function compareStates(cardId: string, stored: StoredFsrsState, replayed: StoredFsrsState): StateDifference[] {
	const differences: StateDifference[] = [];
	for (const field of FIELDS) {
		const a = stored[field];
		const b = replayed[field];
		const same = typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)) : a === b;
		if (!same) differences.push({ cardId, field, stored: a, replayed: b });
	}
	return differences;
}
