import type { Stores } from '../db/lazy';
import type { DueCounts } from '../scheduling/scheduler';
import { countByDay, forecast, heatmap, streak, trueRetention, type DayCell } from './stats';

const DAY_MS = 86_400_000;

export interface HomeSummary {
	counts: DueCounts;
	/** Days in a row with at least one review. */
	streak: number;
}

/**
 * The home screen's numbers: today's due counts and the review streak. The stores come in loaded, so
 * this can run inside a live query, which must await nothing but database reads.
 */
export async function homeSummary({ cards, reviews, settings }: Stores, now = Date.now()): Promise<HomeSummary> {
	const [scheduler, recent] = await Promise.all([settings.loadSchedulerSettings(), reviews.reviewsSince(now - 400 * DAY_MS)]);
	return { counts: await cards.loadCounts(now, scheduler), streak: streak(countByDay(recent.map((log) => log.reviewedAt)), now) };
}

export interface StatsSummary {
	cells: DayCell[];
	upcoming: { key: string; count: number }[];
	retention: { passed: number; total: number; rate: number | null };
	/** New, learning (with relearning), review, suspended. */
	byState: number[];
}

/** Everything the stats screen shows: heatmap of the last 12 weeks, 30-day forecast, true retention, cards by state. */
export async function statsSummary({ cards, reviews }: Stores, now = Date.now()): Promise<StatsSummary> {
	const [logs, allCards] = await Promise.all([reviews.reviewsSince(now - 12 * 7 * DAY_MS), cards.listCards()]);
	const byState = [0, 0, 0, 0];
	for (const card of allCards) byState[card.suspended ? 3 : card.state === 3 ? 1 : card.state]!++;
	return {
		cells: heatmap(countByDay(logs.map((log) => log.reviewedAt)), now),
		upcoming: forecast(allCards.filter((card) => card.state !== 0 && card.suspended === 0).map((card) => card.due), now),
		retention: trueRetention(logs.map((log) => ({ rating: log.rating, stateBefore: log.before.state }))),
		byState
	};
}
