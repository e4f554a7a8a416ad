/**
 * How well the user knows a word now, from FSRS retrievability: the chance of recalling it at this moment, from each
 * card's stability and the time since its last review (ts-fsrs `forgetting_curve`, with the user's own parameters
 * when they optimised them). The reader marks the deck's words with it and the word sheet says it in words.
 */
import { default_w, forgetting_curve, State, type Grade } from 'ts-fsrs';
import type { StoredFsrsState } from '../model/cards.ts';
import { intervalSpan, validWeights, type IntervalSpan } from './scheduler.ts';

const DAY = 24 * 60 * 60_000;

/** Four steps of recall, from a word known well (the faintest mark) to one likely forgotten. */
export type RecallStrength = 'known' | 'good' | 'fading' | 'weak';

/** What the reader marks a deck word with: its strength, or the two states that stand out. */
export type RecallClass = RecallStrength | 'new' | 'leech';

export const RECALL_CLASSES: readonly RecallClass[] = ['known', 'good', 'fading', 'weak', 'new', 'leech'];

/** What recall needs of the scheduler's settings. */
export interface RecallSettings {
	desiredRetention: number;
	weights: readonly number[] | null;
}

/** What recall needs of a card row. */
export interface RecallCard extends StoredFsrsState {
	id: string;
	suspended: 0 | 1;
	leech: 0 | 1;
}

export interface WordMemory {
	recall: RecallClass;
	/** The weaker studied card's retrievability now (0–1); null while no card of the word has been studied. */
	retrievability: number | null;
	/** When that card is due; null while the word is new. */
	due: number | null;
	/** New, or recalled below the desired retention: "pinyin only for words I don't know yet" shows its pinyin. */
	unknown: boolean;
	/** The cards it was worked out from (suspended ones left out), for the word's history. */
	cardIds: string[];
}

/** The chance of recalling a studied card at `now`; 0 for a new card, which was never learnt. */
export function retrievability(card: StoredFsrsState, now: number, weights: readonly number[] | null = null): number {
	if (card.state === State.New || card.last_review === null || !(card.stability > 0)) return 0;
	// Fractional days, so the figure falls through the day rather than in steps at each midnight.
	const elapsedDays = Math.max(0, now - card.last_review) / DAY;
	return forgetting_curve(validWeights(weights) ?? default_w, elapsedDays, card.stability);
}

/**
 * The strength step of a retrievability, around the desired retention (0.9 by default): at or above halfway from it
 * to certainty (0.95) well known, at or above it good, within as much again below it (0.8) fading, under that weak.
 * A word below the desired retention is one the scheduler would already have asked about.
 */
export function recallStrength(value: number, desiredRetention: number): RecallStrength {
	const margin = 1 - desiredRetention;
	if (value >= desiredRetention + margin / 2) return 'known';
	if (value >= desiredRetention) return 'good';
	if (value >= desiredRetention - margin) return 'fading';
	return 'weak';
}

/**
 * A word's memory from its cards (both directions, any other type too), taking the weaker: the studied card with the
 * lower retrievability. A direction never studied (switched off, say) does not make a studied word new; a word is new
 * until one of its cards has been studied. A leech stands out whatever its recall. Suspended cards are left out; a
 * word with only suspended cards has no memory to show (undefined), nor one without cards.
 */
export function wordMemory(
	cards: readonly RecallCard[],
	now: number,
	settings: RecallSettings
): WordMemory | undefined {
	const active = cards.filter((card) => card.suspended === 0);
	if (active.length === 0) return undefined;
	const cardIds = active.map((card) => card.id);
	const leech = active.some((card) => card.leech === 1);
	let weakest: { card: RecallCard; value: number } | undefined;
	for (const card of active) {
		if (card.state === State.New) continue;
		const value = retrievability(card, now, settings.weights);
		if (!weakest || value < weakest.value) weakest = { card, value };
	}
	if (!weakest) return { recall: leech ? 'leech' : 'new', retrievability: null, due: null, unknown: true, cardIds };
	const strength = recallStrength(weakest.value, settings.desiredRetention);
	return {
		recall: leech ? 'leech' : strength,
		retrievability: weakest.value,
		due: weakest.card.due,
		unknown: weakest.value < settings.desiredRetention,
		cardIds
	};
}

/** The recall line of the word sheet, before the interface language words it: "92 % — next review in 6 days". */
export interface RecallLine {
	/** Whole percent; null for a new word. */
	percent: number | null;
	/** How long until the next review; null when it is due now (or the word is new). */
	nextIn: IntervalSpan | null;
}

export function recallLine(memory: WordMemory, now: number): RecallLine {
	if (memory.retrievability === null || memory.due === null) return { percent: null, nextIn: null };
	return {
		percent: Math.round(memory.retrievability * 100),
		nextIn: memory.due > now ? intervalSpan(memory.due - now) : null
	};
}

/** A review as the history line reads it. */
export interface HistoryReview {
	rating: Grade;
	reviewedAt: number;
}

/** The history line of the word sheet: "8 reviews · 1 lapse · last Again 21 days ago". */
export interface HistoryLine {
	reviews: number;
	lapses: number;
	/** The latest review: its grade and how long ago; null before the first. */
	last: { rating: Grade; ago: IntervalSpan } | null;
}

/** The history of a word from the reviews of its cards and their lapse counts (both directions together). */
export function historyLine(
	reviews: readonly HistoryReview[],
	cards: readonly Pick<StoredFsrsState, 'lapses'>[],
	now: number
): HistoryLine {
	let latest: HistoryReview | undefined;
	for (const review of reviews) if (!latest || review.reviewedAt >= latest.reviewedAt) latest = review;
	return {
		reviews: reviews.length,
		lapses: cards.reduce((sum, card) => sum + card.lapses, 0),
		last: latest ? { rating: latest.rating, ago: intervalSpan(Math.max(0, now - latest.reviewedAt)) } : null
	};
}
