import { describe, expect, it } from 'vitest';
import { DEFAULT_WEIGHTS, cardHistories, evaluateFit, fitsBetter } from '../scheduling/optimise.ts';
import { T0 } from './clock.ts';
import { FORGETFUL_LEARNER, simulatedReviewLog } from './reviewHistories.ts';

describe('simulated review log', () => {
	it('gives the same rows for the same seed, as many as asked, oldest first, before the end', () => {
		const log = simulatedReviewLog(1200, T0);
		expect(log).toHaveLength(1200);
		expect(simulatedReviewLog(1200, T0)).toEqual(log);
		expect(log.every((row, index) => index === 0 || row.reviewedAt >= log[index - 1]!.reviewedAt)).toBe(true);
		expect(log.every((row) => row.reviewedAt < T0)).toBe(true);
	});

	it('is predicted better by the learner’s own parameters than by the defaults', () => {
		const histories = cardHistories(simulatedReviewLog(3000, T0).map((row, index) => ({ ...row, id: index + 1 })));
		expect(fitsBetter(evaluateFit(histories, FORGETFUL_LEARNER), evaluateFit(histories, DEFAULT_WEIGHTS))).toBe(true);
	});
});
