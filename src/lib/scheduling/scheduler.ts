import { fsrs, generatorParameters, Rating, State, type Card, type FSRS, type Grade, type StepUnit } from 'ts-fsrs';
import { isClozeWay, type CardDirection, type StoredFsrsState } from '../model/cards.ts';
import { FSRS_PARAMETER_COUNT, type GradingParameters } from '../model/reviews.ts';
import { isUserEntryId } from '../model/ids.ts';

export type DirectionSetting = 'both' | 'en2zh' | 'zh2en';

/** In which order new cards come: as the learner meets their words in the text, or as the deck lists them. */
export type NewCardOrder = 'reading' | 'deck';

export interface SchedulerSettings {
	desiredRetention: number;
	maximumIntervalDays: number;
	newCardsPerDay: number;
	reviewsPerDay: number;
	learningSteps: StepUnit[];
	relearningSteps: StepUnit[];
	enableFuzz: boolean;
	directions: DirectionSetting;
	newCardOrder: NewCardOrder;
	/** Whether the built-in deck's words have cloze cards; the user's own words have them when added with one. */
	builtInCloze: boolean;
	/** The 21 FSRS-6 parameters optimised from the user's own reviews; null schedules with ts-fsrs's defaults. */
	weights: number[] | null;
	/** The last optimisation run, kept or not: when to suggest the next, and the figures it showed. */
	optimisation: OptimisationRecord | null;
}

/** How well a set of parameters predicts the user's own recalls: lower is better for both. */
export interface ModelFit {
	logLoss: number;
	rmse: number;
}

export interface OptimisationRecord {
	at: number;
	reviews: number;
	defaults: ModelFit;
	optimised: ModelFit;
	kept: boolean;
}

export const DEFAULT_SCHEDULER_SETTINGS: SchedulerSettings = {
	desiredRetention: 0.9,
	maximumIntervalDays: 36500,
	newCardsPerDay: 20,
	reviewsPerDay: 200,
	learningSteps: ['1m', '10m'],
	relearningSteps: ['10m'],
	enableFuzz: true,
	directions: 'both',
	newCardOrder: 'reading',
	builtInCloze: false,
	weights: null,
	optimisation: null
};

/** Anki's day rollover: a session past midnight still counts for the evening it started in. */
export const DEFAULT_ROLLOVER_HOUR = 4;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// A step is a positive number of minutes, hours or days, as ts-fsrs parses it ("1m", "1.5h", "2d").
const STEP = /^(\d+(\.\d+)?)([mhd])$/;
const MAX_STEPS = 10;

function clampNumber(value: unknown, min: number, max: number, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function clampInteger(value: unknown, min: number, max: number, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value)
		? Math.min(max, Math.max(min, Math.round(value)))
		: fallback;
}

function isStep(step: unknown): step is StepUnit {
	if (typeof step !== 'string') return false;
	const match = STEP.exec(step);
	return match !== null && Number(match[1]) > 0;
}

/** A list of steps is taken whole or not at all: half a list would silently change how cards are learnt. */
function validSteps(value: unknown, fallback: readonly StepUnit[]): StepUnit[] {
	return Array.isArray(value) && value.length <= MAX_STEPS && value.every(isStep) ? [...value] : [...fallback];
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** A full set of FSRS-6 parameters, or null: a partial or foreign set would schedule with a model nobody fitted. */
export function validWeights(value: unknown): number[] | null {
	return Array.isArray(value) && value.length === FSRS_PARAMETER_COUNT && value.every(isFiniteNumber)
		? [...value]
		: null;
}

function validFit(value: unknown): ModelFit | null {
	const fit = (value && typeof value === 'object' ? value : {}) as Partial<Record<keyof ModelFit, unknown>>;
	return isFiniteNumber(fit.logLoss) && isFiniteNumber(fit.rmse) ? { logLoss: fit.logLoss, rmse: fit.rmse } : null;
}

function validOptimisation(value: unknown): OptimisationRecord | null {
	if (!value || typeof value !== 'object') return null;
	const record = value as Partial<Record<keyof OptimisationRecord, unknown>>;
	const defaults = validFit(record.defaults);
	const optimised = validFit(record.optimised);
	if (!isFiniteNumber(record.at) || !isFiniteNumber(record.reviews) || typeof record.kept !== 'boolean') return null;
	if (!defaults || !optimised) return null;
	return { at: record.at, reviews: record.reviews, defaults, optimised, kept: record.kept };
}

/**
 * Accepts stored or typed settings and returns values ts-fsrs can use. Numbers out of range are clamped,
 * anything unusable falls back to the default. A value that is already valid comes back unchanged, so
 * the settings form can tell a refused value by comparing.
 */
export function validateSchedulerSettings(raw: unknown): SchedulerSettings {
	const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof SchedulerSettings, unknown>>;
	const defaults = DEFAULT_SCHEDULER_SETTINGS;
	const directions = value.directions;
	return {
		desiredRetention: clampNumber(value.desiredRetention, 0.7, 0.99, defaults.desiredRetention),
		maximumIntervalDays: clampInteger(value.maximumIntervalDays, 1, 36500, defaults.maximumIntervalDays),
		newCardsPerDay: clampInteger(value.newCardsPerDay, 0, 9999, defaults.newCardsPerDay),
		reviewsPerDay: clampInteger(value.reviewsPerDay, 0, 99999, defaults.reviewsPerDay),
		learningSteps: validSteps(value.learningSteps, defaults.learningSteps),
		relearningSteps: validSteps(value.relearningSteps, defaults.relearningSteps),
		enableFuzz: typeof value.enableFuzz === 'boolean' ? value.enableFuzz : defaults.enableFuzz,
		directions:
			directions === 'en2zh' || directions === 'zh2en' || directions === 'both' ? directions : defaults.directions,
		newCardOrder:
			value.newCardOrder === 'reading' || value.newCardOrder === 'deck' ? value.newCardOrder : defaults.newCardOrder,
		builtInCloze: typeof value.builtInCloze === 'boolean' ? value.builtInCloze : defaults.builtInCloze,
		weights: validWeights(value.weights),
		optimisation: validOptimisation(value.optimisation)
	};
}

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
		state: State.New,
		last_review: null
	};
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

// Calendar arithmetic in local time, so a day is 23 or 25 hours across a daylight-saving change.
function addLocalDays(time: number, days: number): number {
	const date = new Date(time);
	date.setDate(date.getDate() + days);
	return date.getTime();
}

/** When the study day containing `now` began: the latest rollover hour (local time) at or before it. */
export function dayStartFor(now: number, rolloverHour = DEFAULT_ROLLOVER_HOUR): number {
	const date = new Date(now);
	const start = new Date(date.getFullYear(), date.getMonth(), date.getDate(), rolloverHour).getTime();
	return start > now ? addLocalDays(start, -1) : start;
}

/** When the study day containing `now` ends; also how long a bury lasts. */
export function nextDayStart(now: number, rolloverHour = DEFAULT_ROLLOVER_HOUR): number {
	return addLocalDays(dayStartFor(now, rolloverHour), 1);
}

/** The direction setting chooses between the two flashcards; a word's cloze cards show whichever it names. */
export function directionEnabled(direction: CardDirection, setting: DirectionSetting): boolean {
	return setting === 'both' || setting === direction || isClozeWay(direction);
}

/**
 * Whether the settings let a card show: its direction enabled, and for a cloze card of the built-in deck the
 * built-in cloze setting on (turned off, those cards wait, keeping their reviews, until it is on again).
 */
export function cardEnabled(card: { entryId: string; direction: CardDirection }, settings: SchedulerSettings): boolean {
	if (!directionEnabled(card.direction, settings.directions)) return false;
	return settings.builtInCloze || !isClozeWay(card.direction) || isUserEntryId(card.entryId);
}

/** What queue building needs to know of a card. */
export interface QueueCard extends StoredFsrsState {
	id: string;
	entryId: string;
	direction: CardDirection;
	suspended: 0 | 1;
	buriedUntil: number;
	createdAt: number;
}

/** Today's work so far, which the daily limits count against. */
export interface DoneToday {
	/** Distinct new cards graded for the first time today. */
	newIntroduced: number;
	/** Grades given to cards that were in review state. */
	reviewsDone: number;
}

// Code-unit order, the same as IndexedDB's key order, so the stores' index reads agree with this sort.
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function isVisible(card: QueueCard, now: number, settings: SchedulerSettings): boolean {
	return card.suspended === 0 && card.buriedUntil <= now && cardEnabled(card, settings);
}

/**
 * What a custom study session takes on top of today's queue, or instead of it: review cards due before
 * `reviewsUntil` (study ahead: past the end of today, beyond the daily review limit, graded now from the
 * real time elapsed; none reviewed today already), and only the cards `include` accepts (one article's, the
 * user's own words).
 */
export interface QueueScope<T> {
	reviewsUntil?: number;
	include?: (card: T) => boolean;
	/** New cards' places in reading order by entry id (readingRanks): the ranked come first, lowest first. */
	newRanks?: ReadonlyMap<string, number>;
}

const isLearning = (card: StoredFsrsState) => card.state === State.Learning || card.state === State.Relearning;

/**
 * Today's queue: (re)learning cards due now, then review cards due before the day ends (within the
 * review limit left), then new cards (within the new-card limit left): the words the user added first,
 * since they picked them to learn now, then the built-in deck's; within each, those the scope ranks (reading
 * order) first, then the rest in the order they were created.
 * Suspended, buried and disabled-direction cards never show. A scope (see QueueScope) narrows the cards
 * and may add review cards due later, after today's; the new-card limit stays today's.
 */
export function buildQueue<T extends QueueCard>(
	cards: readonly T[],
	done: DoneToday,
	now: number,
	settings: SchedulerSettings,
	dayStart = dayStartFor(now),
	scope: QueueScope<T> = {}
): T[] {
	const endOfDay = addLocalDays(dayStart, 1);
	const include = scope.include ?? (() => true);
	const visible = cards.filter((card) => isVisible(card, now, settings) && include(card));
	const byDue = (a: T, b: T) => a.due - b.due || byKey(a.id, b.id);
	const learning = visible.filter((card) => isLearning(card) && card.due <= now).sort(byDue);
	const reviews = visible
		.filter((card) => card.state === State.Review && card.due < endOfDay)
		.sort(byDue)
		.slice(0, Math.max(0, settings.reviewsPerDay - done.reviewsDone));
	const ahead =
		scope.reviewsUntil !== undefined && scope.reviewsUntil > endOfDay
			? visible
					// A card reviewed today is not studied again ahead (not even the one just graded, due in days).
					.filter(
						(card) =>
							card.state === State.Review &&
							card.due >= endOfDay &&
							card.due < scope.reviewsUntil! &&
							(card.last_review === null || card.last_review < dayStart)
					)
					.sort(byDue)
			: [];
	const rank = (card: T) => scope.newRanks?.get(card.entryId) ?? Number.MAX_SAFE_INTEGER;
	const fresh = visible
		.filter((card) => card.state === State.New)
		.sort(
			(a, b) =>
				Number(isUserEntryId(b.entryId)) - Number(isUserEntryId(a.entryId)) ||
				rank(a) - rank(b) ||
				a.createdAt - b.createdAt ||
				byKey(a.id, b.id)
		)
		.slice(0, Math.max(0, settings.newCardsPerDay - done.newIntroduced));
	return [...learning, ...reviews, ...ahead, ...fresh];
}

export interface DueCounts {
	new: number;
	learning: number;
	review: number;
}

export function countQueue(queue: readonly StoredFsrsState[]): DueCounts {
	const counts: DueCounts = { new: 0, learning: 0, review: 0 };
	for (const card of queue) {
		if (card.state === State.New) counts.new++;
		else if (card.state === State.Review) counts.review++;
		else counts.learning++;
	}
	return counts;
}

/** The (re)learning cards that will be shown again before the study day ends, due now or later. */
function learningToday<T extends QueueCard>(
	cards: readonly T[],
	now: number,
	settings: SchedulerSettings,
	dayStart: number,
	include: (card: T) => boolean = () => true
): T[] {
	const endOfDay = addLocalDays(dayStart, 1);
	return cards.filter(
		(card) => isLearning(card) && card.due < endOfDay && isVisible(card, now, settings) && include(card)
	);
}

/**
 * The counts a screen shows, as Anki shows them: new and review cards of the queue, and every (re)learning
 * card due today, also those that come back in a few minutes, so ten failed cards read as ten learning.
 */
export function countDue<T extends QueueCard>(
	queue: readonly T[],
	cards: readonly T[],
	now: number,
	settings: SchedulerSettings,
	dayStart = dayStartFor(now),
	scope: QueueScope<T> = {}
): DueCounts {
	return { ...countQueue(queue), learning: learningToday(cards, now, settings, dayStart, scope.include).length };
}

/** When the next (re)learning card that is not due yet comes back today; null when none does. */
export function nextLearningDue<T extends QueueCard>(
	cards: readonly T[],
	now: number,
	settings: SchedulerSettings,
	dayStart = dayStartFor(now),
	scope: QueueScope<T> = {}
): number | null {
	let next: number | null = null;
	for (const card of learningToday(cards, now, settings, dayStart, scope.include))
		if (card.due > now && (next === null || card.due < next)) next = card.due;
	return next;
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
