import type { Stores } from '../db/lazy.ts';
import type { TimeSpan } from '../db/reviews.ts';
import { dayStartFor, type DueCounts } from '../scheduling/queue.ts';
import { validateSchedulerSettings } from '../scheduling/schedulerSettings.ts';
import { CARD_STATE } from '../model/cards.ts';
import { cardsOfEntries, newCardRows } from '../db/cardRows.ts';
import { countsOf } from '../db/indexReads.ts';
import { cardsMadeFor, quickHomeReads, readQuickly } from '../db/quickRead.ts';
import { loadBuiltInVocabIds } from './entries.ts';
import { dayBounds, dayKey, forecast, heatmap, streak, type DayCell } from '../stats/stats.ts';

// The home and stats screens read the review tally and count on indexes (schema version 2) instead of
// reading rows: at 50,000 cards and 500,000 reviews, reading a year of reviews or every card takes seconds
// on a phone. Each figure is exactly what the pure functions in stats.ts give for all the rows;
// summaries.test.ts checks that.

const DAY_MS = 86_400_000;
const HEATMAP_WEEKS = 12;
const FORECAST_DAYS = 30;

/**
 * What the home screen makes sure of before its numbers: every built-in entry has its cards, and the cards of
 * entries a newer deck dropped are out of the queue. Words the user added got theirs in the same transaction
 * (addUserEntry), so no user entry needs reading here.
 */
export async function ensureBuiltInCards({ cards }: Stores, now = Date.now()): Promise<number> {
	return cards.keepBuiltInDeck(await loadBuiltInVocabIds(), now);
}

export interface HomeSummary {
	counts: DueCounts;
	/** Days in a row with at least one review. */
	streak: number;
}

/** The reads the home screen's numbers are made of: the stores', or the same through plain IndexedDB (quickRead.ts). */
export interface HomeReads {
	settings: Pick<Stores['settings'], 'loadSchedulerSettings'>;
	cards: Pick<Stores['cards'], 'loadCounts' | 'nextDueAfter'>;
	reviews: Pick<Stores['reviews'], 'reviewedIn'>;
}

/**
 * The home screen's numbers: today's due counts and the review streak. The stores come in loaded, so
 * this can run inside a live query, which must await nothing but database reads. Dexie's live queries
 * lose track of their reads with some arrangements of awaits (reading the settings, then the counts and
 * the streak together, does); this one (the settings then the counts, alongside the streak) keeps track,
 * and summaries.test.ts watches it follow a review.
 */
export async function homeSummary({ cards, reviews, settings }: HomeReads, now = Date.now()): Promise<HomeSummary> {
	const [counts, days] = await Promise.all([
		settings.loadSchedulerSettings().then((scheduler) => cards.loadCounts(now, scheduler)),
		reviewStreak(reviews, now)
	]);
	return { counts, streak: days };
}

/** Reviews per day for the days `dayKey(now - i days)`, i from `first` on, `count` of them. */
async function reviewsPerDay(
	reviews: Stores['reviews'],
	now: number,
	first: number,
	count: number
): Promise<Map<string, number>> {
	const times = Array.from({ length: count }, (_, i) => now - (first + i) * DAY_MS);
	const found = await reviews.reviewTotalsIn(times.map((time) => dayBounds(time)));
	return new Map(times.map((time, i) => [dayKey(time), found[i]!.reviews]));
}

/**
 * `streak()` over the whole review log: whether each day going back had a review, from the review
 * tally's keys, a batch of days at a time until a day without one.
 */
async function reviewStreak(reviews: HomeReads['reviews'], now: number): Promise<number> {
	const perDay = new Map<string, number>();
	for (let first = 0, batch = 64; ; first += batch, batch = Math.min(4096, batch * 8)) {
		const times = Array.from({ length: batch }, (_, i) => now - (first + i) * DAY_MS);
		const reviewed = await reviews.reviewedIn(times.map((time) => dayBounds(time)));
		times.forEach((time, i) => perDay.set(dayKey(time), reviewed[i] ? 1 : 0));
		// Today may have no review yet without breaking the streak; any earlier day without one ends it.
		if (reviewed.some((any, i) => !any && first + i > 0)) return streak(perDay, now);
	}
}

/** The home screen's numbers before the database library is loaded, and when the next card falls due if none is. */
export interface QuickHome {
	summary: HomeSummary;
	nextDue: number | null;
}

/**
 * The home screen's numbers without Dexie: on a device with no database yet, those of the built-in deck's cards
 * as the first start makes them (the default settings, nothing reviewed); otherwise read through plain IndexedDB.
 * Undefined when only Dexie can tell: a database to upgrade, or cards not yet made for this deck.
 */
export async function quickHomeSummary(now: number): Promise<QuickHome | undefined> {
	const ids = await loadBuiltInVocabIds();
	const firstStart = (): QuickHome => {
		const settings = validateSchedulerSettings(undefined);
		const source = {
			candidates: newCardRows(cardsOfEntries(ids), now),
			done: { newIntroduced: 0, reviewsDone: 0 },
			dayStart: dayStartFor(now)
		};
		return { summary: { counts: countsOf(source, now, settings), streak: 0 }, nextDue: null };
	};
	const answer = await readQuickly(async (reader): Promise<QuickHome | undefined> => {
		if (!(await cardsMadeFor(reader, ids))) return undefined;
		const reads = quickHomeReads(reader);
		const summary = await homeSummary(reads, now);
		const { new: fresh, learning, review } = summary.counts;
		return { summary, nextDue: fresh + learning + review === 0 ? await reads.cards.nextDueAfter(now) : null };
	}, firstStart);
	return answer?.value;
}

export interface StatsSummary {
	cells: DayCell[];
	upcoming: { key: string; count: number }[];
	retention: { passed: number; total: number; rate: number | null };
	/** New, learning (with relearning), review, suspended. */
	byState: number[];
	/** Today's study so far: reviews, the cards they were of, and whole minutes spent (rounded). */
	today: { reviews: number; cards: number; minutes: number };
}

/** Everything the stats screen shows: heatmap of the last 12 weeks, 30-day forecast, true retention, cards by state. */
export async function statsSummary({ cards, reviews }: Stores, now = Date.now()): Promise<StatsSummary> {
	const [perDay, retention, inState, suspended, upcoming, studied] = await Promise.all([
		reviewsPerDay(reviews, now, 0, HEATMAP_WEEKS * 7),
		reviews
			.reviewTotalsIn([[now - HEATMAP_WEEKS * 7 * DAY_MS, Infinity]], true)
			.then(([totals]) => ({ passed: totals!.passed, total: totals!.again + totals!.passed })),
		cards.countByState(),
		cards.listSuspended(),
		dueForecast(cards, now),
		reviews.studiedIn(dayBounds(now)[0], now + 1)
	]);
	// Suspended cards have their own column, and stay out of the forecast.
	const shown = inState.all.map((count, state) => count - inState.suspended[state]!);
	const byState = [
		shown[CARD_STATE.New]!,
		shown[CARD_STATE.Learning]! + shown[CARD_STATE.Relearning]!,
		shown[CARD_STATE.Review]!,
		inState.suspended.reduce((a, b) => a + b, 0)
	];
	const hidden = forecast(
		suspended.filter((card) => card.state !== CARD_STATE.New).map((card) => card.due),
		now,
		FORECAST_DAYS
	);
	return {
		cells: heatmap(perDay, now, HEATMAP_WEEKS),
		upcoming: upcoming.map((day, i) => ({ key: day.key, count: day.count - hidden[i]!.count })),
		retention: { ...retention, rate: retention.total === 0 ? null : retention.passed / retention.total },
		byState,
		today: { reviews: studied.reviews, cards: studied.cards, minutes: Math.round(studied.durationMs / 60_000) }
	};
}

/**
 * `forecast()` of every card that is not new, suspended ones included: overdue cards count for today,
 * the others for the day they fall due, as counts on the [state+due] index.
 */
async function dueForecast(cards: Stores['cards'], now: number): Promise<{ key: string; count: number }[]> {
	const days = forecast([], now, FORECAST_DAYS);
	// Where forecast() files a card due later than now: by its day's key, the last bucket holding that key.
	const bucketOf = new Map(days.map((day, i) => [day.key, i]));
	const spans: TimeSpan[] = [[-Infinity, now, true, true]];
	const targets = [0];
	for (const [key, i] of bucketOf) {
		const [start, end] = dayBounds(now + i * DAY_MS);
		if (dayKey(start) !== key || end <= now) continue;
		spans.push(start > now ? [start, end] : [now, end, false, false]);
		targets.push(i);
	}
	const counts = await cards.countDueIn([CARD_STATE.Learning, CARD_STATE.Review, CARD_STATE.Relearning], spans);
	counts.forEach((count, i) => (days[targets[i]!]!.count += count));
	return days;
}
