import type { StepUnit } from 'ts-fsrs';
import { FSRS_PARAMETER_COUNT } from '../model/reviews.ts';

// The study settings and their checks, apart from the FSRS engine (scheduler.ts): the home screen reads and
// checks the settings on its first paint, and ts-fsrs is not part of that screen's download.

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
export function validSteps(value: unknown, fallback: readonly StepUnit[]): StepUnit[] {
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
