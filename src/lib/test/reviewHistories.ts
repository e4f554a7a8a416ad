import { default_w, FSRSAlgorithm, generatorParameters, type FSRSState, type Grade } from 'ts-fsrs';
import type { ReviewLogRow } from '../model/reviews.ts';
import { DEFAULT_SCHEDULER_SETTINGS, gradeCard, newCardState } from '../scheduling/scheduler.ts';
import { studyDaysBetween } from '../scheduling/optimise.ts';
import { seededRandom } from './random.ts';

/** A learner who forgets faster than FSRS's defaults expect: first stabilities a third, recall gains halved. */
export const FORGETFUL_LEARNER: readonly number[] = default_w.map((w, index) =>
	index <= 3 ? w / 3 : index === 8 ? w * 0.7 : w
);

/**
 * A review log as the app writes it, for the optimiser's end-to-end test and bench: cards scheduled by the
 * default parameters, graded by a simulated learner whose memory follows `learner`. Seeded, so the same
 * arguments always give the same rows; `reviews` rows in all, oldest first, ending before `end`.
 */
export function simulatedReviewLog(
	reviews: number,
	end: number,
	{ seed = 16, learner = FORGETFUL_LEARNER, reviewsPerCard = 10 } = {}
): ReviewLogRow[] {
	const random = seededRandom(seed);
	const memory = new FSRSAlgorithm(generatorParameters({ w: [...learner], enable_short_term: true }));
	const settings = { ...DEFAULT_SCHEDULER_SETTINGS, enableFuzz: false };
	// Spread the cards' first reviews over the year before `end`; histories are cut at `end`.
	const start = end - 365 * 86_400_000;
	const rows: ReviewLogRow[] = [];
	for (let card = 0; rows.length < reviews; card++) {
		let state = newCardState(start);
		let truth: FSRSState | null = null;
		let at = start + Math.floor(random() * 200 * 86_400_000);
		let previous: number | null = null;
		for (let index = 0; index < reviewsPerCard && rows.length < reviews && at < end; index++) {
			const days = previous === null ? 0 : studyDaysBetween(previous, at);
			const recall = truth === null ? 0.6 : days === 0 ? 0.95 : memory.forgetting_curve(days, truth.stability);
			const roll = random();
			const rating: Grade = random() >= recall ? 1 : roll < 0.1 ? 2 : roll < 0.9 ? 3 : 4;
			const { after, log } = gradeCard(state, rating, at, settings);
			rows.push({
				cardId: `sim-${card}|en2zh`,
				rating,
				reviewedAt: at,
				durationMs: 4000 + Math.floor(random() * 8000),
				before: log.before,
				after,
				parameters: log.parameters
			});
			truth = memory.next_state(truth, days, rating);
			state = after;
			previous = at;
			at = Math.max(after.due, at + 60_000) + Math.floor(random() * 3_600_000);
		}
	}
	return rows.sort((a, b) => a.reviewedAt - b.reviewedAt);
}
