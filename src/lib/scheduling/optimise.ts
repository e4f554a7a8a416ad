import { default_w, FSRSAlgorithm, generatorParameters, type FSRSState } from 'ts-fsrs';
import { dayStartFor, DEFAULT_ROLLOVER_HOUR, isGrade, type ModelFit, type OptimisationRecord } from './scheduler.ts';

/** Anki's advice: fewer reviews than this fit the user's noise rather than their memory. */
export const OPTIMISE_MIN_REVIEWS = 1000;
/** After a run, the next one is suggested this many days later. */
export const REOPTIMISE_AFTER_DAYS = 30;

const DAY = 86_400_000;

/** A review log row as the optimiser reads it. */
export interface OptimiserReview {
	id?: number;
	cardId: string;
	rating: number;
	reviewedAt: number;
}

/** One review of a card's history as FSRS trains on it: whole study days since the card's previous review. */
export interface TrainingReview {
	rating: number;
	deltaT: number;
}

// Logs in the order they were written, as replay applies them (scheduler.ts): a clock moved back cannot reorder them.
const recordedOrder = (a: OptimiserReview, b: OptimiserReview) =>
	(a.id ?? 0) - (b.id ?? 0) || a.reviewedAt - b.reviewedAt;

/** Study days from `from` to `to`, counted at the day rollover in local time (a DST day still counts one). */
export function studyDaysBetween(from: number, to: number, rolloverHour = DEFAULT_ROLLOVER_HOUR): number {
	return Math.max(0, Math.round((dayStartFor(to, rolloverHour) - dayStartFor(from, rolloverHour)) / DAY));
}

/** Each card's history, oldest first; the first review has deltaT 0. Rows with a rating outside 1–4 are skipped. */
export function cardHistories(
	reviews: readonly OptimiserReview[],
	rolloverHour = DEFAULT_ROLLOVER_HOUR
): TrainingReview[][] {
	const byCard = new Map<string, OptimiserReview[]>();
	for (const review of reviews) {
		if (!isGrade(review.rating)) continue;
		let list = byCard.get(review.cardId);
		if (!list) byCard.set(review.cardId, (list = []));
		list.push(review);
	}
	const histories: TrainingReview[][] = [];
	for (const list of byCard.values()) {
		list.sort(recordedOrder);
		histories.push(
			list.map((review, index) => ({
				rating: review.rating,
				deltaT: index === 0 ? 0 : studyDaysBetween(list[index - 1]!.reviewedAt, review.reviewedAt, rolloverHour)
			}))
		);
	}
	return histories;
}

/**
 * fsrs-browser's training set, flattened: one item per review that came at least a day after the previous one
 * (what the model predicts), holding the card's history up to and including it. Same-day reviews stay inside
 * the items, for the short-term parameters.
 */
export interface TrainingItems {
	ratings: Uint32Array;
	deltaTs: Uint32Array;
	lengths: Uint32Array;
}

export function trainingItems(histories: readonly (readonly TrainingReview[])[]): TrainingItems {
	let total = 0;
	let items = 0;
	for (const history of histories)
		for (let end = 1; end < history.length; end++)
			if (history[end]!.deltaT > 0) {
				total += end + 1;
				items++;
			}
	const ratings = new Uint32Array(total);
	const deltaTs = new Uint32Array(total);
	const lengths = new Uint32Array(items);
	let at = 0;
	let item = 0;
	for (const history of histories)
		for (let end = 1; end < history.length; end++) {
			if (history[end]!.deltaT === 0) continue;
			for (let index = 0; index <= end; index++) {
				ratings[at] = history[index]!.rating;
				deltaTs[at] = history[index]!.deltaT;
				at++;
			}
			lengths[item++] = end + 1;
		}
	return { ratings, deltaTs, lengths };
}

/** Reviews the model is judged on: those a day or more after the card's previous one. */
export function predictedReviewCount(histories: readonly (readonly TrainingReview[])[]): number {
	let count = 0;
	for (const history of histories)
		for (let index = 1; index < history.length; index++) if (history[index]!.deltaT > 0) count++;
	return count;
}

/**
 * How well `weights` predicted the user's recalls (a grade above Again) at each review a day or more after
 * the previous one: log loss, and RMSE over predictions binned by twentieths of recall probability, weighted
 * by each bin's size (fsrs-rs's "RMSE (bins)"). Scored with ts-fsrs, the model that actually schedules.
 */
export function evaluateFit(histories: readonly (readonly TrainingReview[])[], weights: readonly number[]): ModelFit {
	const algorithm = new FSRSAlgorithm(generatorParameters({ w: [...weights], enable_short_term: true }));
	let logLoss = 0;
	let count = 0;
	const bins = new Map<number, { predicted: number; recalled: number; count: number }>();
	for (const history of histories) {
		let state: FSRSState | null = null;
		for (const review of history) {
			if (state && review.deltaT > 0) {
				const predicted = Math.min(
					1 - 1e-7,
					Math.max(1e-7, algorithm.forgetting_curve(review.deltaT, state.stability))
				);
				const recalled = review.rating > 1 ? 1 : 0;
				logLoss -= recalled ? Math.log(predicted) : Math.log(1 - predicted);
				count++;
				const key = Math.round(predicted * 20);
				const bin = bins.get(key) ?? { predicted: 0, recalled: 0, count: 0 };
				bin.predicted += predicted;
				bin.recalled += recalled;
				bin.count++;
				bins.set(key, bin);
			}
			state = algorithm.next_state(state, review.deltaT, review.rating);
		}
	}
	if (count === 0) return { logLoss: Number.NaN, rmse: Number.NaN };
	let squares = 0;
	for (const bin of bins.values()) squares += ((bin.predicted - bin.recalled) / bin.count) ** 2 * bin.count;
	return { logLoss: logLoss / count, rmse: Math.sqrt(squares / count) };
}

export const DEFAULT_WEIGHTS: readonly number[] = default_w;

/**
 * New parameters are kept only when they predict the user's history better than the ones in use: lower log
 * loss, and RMSE no worse. A tie keeps what is there, so running it twice changes nothing.
 */
export function fitsBetter(candidate: ModelFit, current: ModelFit): boolean {
	if (![candidate.logLoss, candidate.rmse].every(Number.isFinite)) return false;
	if (![current.logLoss, current.rmse].every(Number.isFinite)) return true;
	return candidate.logLoss < current.logLoss && candidate.rmse <= current.rmse;
}

export type OptimiserOffer =
	/** Not enough reviews yet: how many more. */
	| { kind: 'needMore'; more: number }
	/** Never run, or the last run is a month old. */
	| { kind: 'suggested' }
	/** Run recently; the next suggestion comes at `nextAt`. */
	| { kind: 'recent'; nextAt: number };

export function optimiserOffer(reviews: number, last: OptimisationRecord | null, now: number): OptimiserOffer {
	if (reviews < OPTIMISE_MIN_REVIEWS) return { kind: 'needMore', more: OPTIMISE_MIN_REVIEWS - reviews };
	if (!last) return { kind: 'suggested' };
	const nextAt = last.at + REOPTIMISE_AFTER_DAYS * DAY;
	return now >= nextAt ? { kind: 'suggested' } : { kind: 'recent', nextAt };
}
