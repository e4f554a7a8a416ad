import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MIN, T0 } from '../test/clock.ts';
import {
	cardHistories,
	DEFAULT_WEIGHTS,
	evaluateFit,
	fitsBetter,
	OPTIMISE_MIN_REVIEWS,
	optimiserOffer,
	predictedReviewCount,
	REOPTIMISE_AFTER_DAYS,
	studyDaysBetween,
	trainingItems,
	type OptimiserReview
} from './optimise.ts';
import type { OptimisationRecord } from './scheduler.ts';

// T0 is 09:00 local time; the study day rolls over at 04:00.
const review = (id: number, cardId: string, rating: number, reviewedAt: number): OptimiserReview => ({
	id,
	cardId,
	rating,
	reviewedAt
});

describe('study days', () => {
	it('counts whole days at the rollover, so 03:00 still belongs to the evening before', () => {
		expect(studyDaysBetween(T0, T0 + 10 * MIN)).toBe(0);
		expect(studyDaysBetween(T0, T0 + DAY)).toBe(1);
		// 09:00 to 03:30 the next night: the same study day.
		expect(studyDaysBetween(T0, T0 + 18 * HOUR + 30 * MIN)).toBe(0);
		expect(studyDaysBetween(T0, T0 + 19 * HOUR + 30 * MIN)).toBe(1);
		expect(studyDaysBetween(T0 + DAY, T0)).toBe(0);
	});
});

describe('training items', () => {
	const log = [
		review(1, 'a', 3, T0),
		review(2, 'b', 1, T0),
		review(3, 'a', 3, T0 + 10 * MIN),
		review(5, 'a', 1, T0 + 5 * DAY),
		review(4, 'b', 3, T0 + 2 * DAY),
		review(6, 'a', 3, T0 + 6 * DAY),
		review(7, 'c', 9, T0)
	];

	it('groups the log by card in recorded order, with whole days since the previous review', () => {
		expect(cardHistories(log)).toEqual([
			[
				{ rating: 3, deltaT: 0 },
				{ rating: 3, deltaT: 0 },
				{ rating: 1, deltaT: 5 },
				{ rating: 3, deltaT: 1 }
			],
			[
				{ rating: 1, deltaT: 0 },
				{ rating: 3, deltaT: 2 }
			]
		]);
	});

	it('orders by the log id, not the clock, as replay does', () => {
		const movedBack = [review(1, 'a', 3, T0 + DAY), review(2, 'a', 1, T0)];
		expect(cardHistories(movedBack)).toEqual([
			[
				{ rating: 3, deltaT: 0 },
				{ rating: 1, deltaT: 0 }
			]
		]);
	});

	it('makes one item per review a day or more after the previous one, holding the history up to it', () => {
		const histories = cardHistories(log);
		const items = trainingItems(histories);
		expect([...items.lengths]).toEqual([3, 4, 2]);
		expect([...items.ratings]).toEqual([3, 3, 1, 3, 3, 1, 3, 1, 3]);
		expect([...items.deltaTs]).toEqual([0, 0, 5, 0, 0, 5, 1, 0, 2]);
		expect(predictedReviewCount(histories)).toBe(3);
	});

	it('has nothing to train on when no review came a day after another', () => {
		const items = trainingItems(cardHistories([review(1, 'a', 3, T0), review(2, 'a', 3, T0 + HOUR)]));
		expect(items.lengths.length).toBe(0);
	});
});

describe('evaluation', () => {
	it('scores predictions with log loss and binned RMSE', () => {
		// With the defaults, a Good first review gives S0 = w[2] days; after S days recall is predicted at 90%.
		const stability = DEFAULT_WEIGHTS[2]!;
		const days = Math.round(stability);
		const histories = [
			[
				{ rating: 3, deltaT: 0 },
				{ rating: 3, deltaT: days }
			],
			[
				{ rating: 3, deltaT: 0 },
				{ rating: 1, deltaT: days }
			]
		];
		const fit = evaluateFit(histories, DEFAULT_WEIGHTS);
		const p = (1 + (0.9 ** (1 / -DEFAULT_WEIGHTS[20]!) - 1) * (days / stability)) ** -DEFAULT_WEIGHTS[20]!;
		expect(fit.logLoss).toBeCloseTo(-(Math.log(p) + Math.log(1 - p)) / 2, 6);
		// Both predictions share a bin whose mean outcome is 0.5.
		expect(fit.rmse).toBeCloseTo(Math.abs(p - 0.5), 6);
	});

	it('fits better when its predictions match what happened', () => {
		// Every card is forgotten after 30 days: parameters with a short first stability predict that better.
		const histories = Array.from({ length: 20 }, () => [
			{ rating: 3, deltaT: 0 },
			{ rating: 1, deltaT: 30 }
		]);
		const forgetful = DEFAULT_WEIGHTS.map((w, index) => (index === 2 ? 0.5 : w));
		expect(fitsBetter(evaluateFit(histories, forgetful), evaluateFit(histories, DEFAULT_WEIGHTS))).toBe(true);
		expect(fitsBetter(evaluateFit(histories, DEFAULT_WEIGHTS), evaluateFit(histories, forgetful))).toBe(false);
	});

	it('gives no figures without a review to predict', () => {
		const fit = evaluateFit([[{ rating: 3, deltaT: 0 }]], DEFAULT_WEIGHTS);
		expect(fit.logLoss).toBeNaN();
		expect(fitsBetter(fit, { logLoss: 0.5, rmse: 0.1 })).toBe(false);
	});
});

describe('the decision to keep', () => {
	const current = { logLoss: 0.4, rmse: 0.05 };

	it('keeps only a lower log loss with an RMSE no worse', () => {
		expect(fitsBetter({ logLoss: 0.35, rmse: 0.04 }, current)).toBe(true);
		expect(fitsBetter({ logLoss: 0.35, rmse: 0.05 }, current)).toBe(true);
		expect(fitsBetter({ logLoss: 0.35, rmse: 0.06 }, current)).toBe(false);
		expect(fitsBetter({ logLoss: 0.4, rmse: 0.01 }, current)).toBe(false);
		expect(fitsBetter({ logLoss: Number.NaN, rmse: 0.01 }, current)).toBe(false);
	});
});

describe('the offer', () => {
	const run = (at: number): OptimisationRecord => ({
		at,
		reviews: 1500,
		defaults: { logLoss: 0.4, rmse: 0.05 },
		optimised: { logLoss: 0.35, rmse: 0.04 },
		kept: true
	});

	it('says how many reviews are missing below 1,000', () => {
		expect(optimiserOffer(0, null, T0)).toEqual({ kind: 'needMore', more: OPTIMISE_MIN_REVIEWS });
		expect(optimiserOffer(999, null, T0)).toEqual({ kind: 'needMore', more: 1 });
		expect(optimiserOffer(1000, null, T0)).toEqual({ kind: 'suggested' });
	});

	it('suggests it again a month after the last run', () => {
		const nextAt = T0 + REOPTIMISE_AFTER_DAYS * DAY;
		expect(optimiserOffer(5000, run(T0), T0 + DAY)).toEqual({ kind: 'recent', nextAt });
		expect(optimiserOffer(5000, run(T0), nextAt)).toEqual({ kind: 'suggested' });
	});
});
