import { afterEach, describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import * as stores from '../db/stores.ts';
import { db as database } from '../db/db.ts';
import { quickHomeReads, rawReader } from '../db/quickRead.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { CardDirection, StudyCardRow } from '../model/cards.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import { DEFAULT_SCHEDULER_SETTINGS, newCardState } from '../scheduling/scheduler.ts';
import { countByDay, dayBounds, dayKey, forecast, heatmap, streak, trueRetention } from '../stats/stats.ts';
import { homeSummary, statsSummary } from './summaries.ts';
import { seededRandom } from '../test/random.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function studiedToday(logs: ReviewLogRow[], now: number) {
	const today = logs.filter((log) => dayKey(log.reviewedAt) === dayKey(now) && log.reviewedAt <= now);
	return {
		reviews: today.length,
		cards: new Set(today.map((log) => log.cardId)).size,
		minutes: Math.round(today.reduce((sum, log) => sum + log.durationMs, 0) / 60_000)
	};
}

/** The stats screen as it was computed before version 2: from every card and every review row. */
function statsFromRows(cards: StudyCardRow[], logs: ReviewLogRow[], now: number) {
	const recent = logs.filter((log) => log.reviewedAt >= now - 12 * 7 * DAY);
	const byState = [0, 0, 0, 0];
	for (const card of cards) byState[card.suspended ? 3 : card.state === 3 ? 1 : card.state]!++;
	return {
		cells: heatmap(countByDay(recent.map((log) => log.reviewedAt)), now),
		upcoming: forecast(
			cards.filter((card) => card.state !== 0 && card.suspended === 0).map((card) => card.due),
			now
		),
		retention: trueRetention(recent.map((log) => ({ rating: log.rating, stateBefore: log.before.state }))),
		byState,
		today: studiedToday(logs, now)
	};
}

/**
 * Times that probe every edge: day starts and the instants either side, `now` and either side, and random
 * times over the last 100 days and the next 40.
 */
function times(now: number, next: () => number, count: number): number[] {
	const edges: number[] = [now, now - 1, now + 1];
	for (let i = -90; i <= 35; i++) {
		const [start, end] = dayBounds(now + i * DAY);
		edges.push(start, start - 1, end - 1, end);
	}
	const random = Array.from({ length: count }, () => Math.round(now - 100 * DAY + next() * 140 * DAY));
	return [...edges, ...random];
}

async function seed(
	now: number,
	seedNumber: number,
	streakDays: number
): Promise<{ cards: StudyCardRow[]; logs: ReviewLogRow[] }> {
	const next = seededRandom(seedNumber);
	const dues = times(now, next, 400);
	const cards: StudyCardRow[] = dues.map((due, i) => {
		const state = Math.floor(next() * 4) as State;
		const direction: CardDirection = (['en2zh', 'zh2en', 'clozeZh', 'clozeEn'] as const)[i % 4]!;
		return {
			...newCardState(now - DAY),
			due,
			state,
			id: `e${i >> 2}|${direction}`,
			entryId: `e${i >> 2}`,
			direction,
			suspended: next() < 0.1 ? 1 : 0,
			buriedUntil: 0,
			leech: 0,
			createdAt: now - DAY
		};
	});
	const reviewTimes = [
		...times(now, next, 1500),
		...Array.from({ length: streakDays }, (_, i) => now - i * DAY - (next() < 0.5 ? 0 : HOUR))
	];
	const logs: ReviewLogRow[] = reviewTimes.map((reviewedAt, i) => {
		const before = { ...newCardState(reviewedAt), state: Math.floor(next() * 4) };
		return {
			cardId: cards[i % cards.length]!.id,
			rating: 1 + Math.floor(next() * 4),
			reviewedAt,
			durationMs: 1000,
			before,
			after: before
		};
	});
	const database = freshDatabase();
	await database.cards.bulkAdd(cards);
	await database.reviews.bulkAdd(logs);
	// Some settings of the user's own, read by both paths.
	await stores.settings.saveSchedulerSettings({ ...DEFAULT_SCHEDULER_SETTINGS, newCardsPerDay: 7, reviewsPerDay: 90 });
	return { cards, logs };
}

const zones = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe'];
// Around the 2026 daylight-saving changes of those zones, and an ordinary day.
const nows = [
	[2026, 2, 29, 3, 30],
	[2026, 9, 25, 2, 30],
	[2026, 2, 8, 4, 10],
	[2026, 10, 1, 1, 30],
	[2026, 3, 5, 2, 15],
	[2026, 10, 29, 12, 0]
] as const;

describe('home and stats summaries counted on indexes', () => {
	const originalZone = process.env.TZ;
	afterEach(() => {
		process.env.TZ = originalZone;
	});

	for (const zone of zones) {
		it(`give exactly what the rows give, in ${zone}, across daylight-saving changes`, async () => {
			process.env.TZ = zone;
			for (const [i, [year, month, day, hour, minute]] of nows.entries()) {
				const now = new Date(year, month, day, hour, minute).getTime();
				const { cards, logs } = await seed(now, 1000 * i + zone.length, i * 7);
				expect(await statsSummary(stores, now)).toEqual(statsFromRows(cards, logs, now));
				expect((await stores.cards.countByState()).cloze).toBe(
					cards.filter((card) => card.direction.startsWith('cloze')).length
				);
				const home = await homeSummary(stores, now);
				expect(home.streak).toBe(streak(countByDay(logs.map((log) => log.reviewedAt)), now));
				expect(home.counts).toEqual(await stores.cards.loadCounts(now, await stores.settings.loadSchedulerSettings()));
				// The same reads through plain IndexedDB, as the home screen makes them before Dexie is loaded.
				const quick = quickHomeReads(rawReader(database().backendDB(), indexedDB));
				expect(await homeSummary(quick, now)).toEqual(home);
				expect(await quick.cards.nextDueAfter(now)).toBe(await stores.cards.nextDueAfter(now));
			}
		}, 60_000);
	}

	it('counts a streak longer than a year', async () => {
		const now = new Date(2026, 10, 29, 12).getTime();
		const database = freshDatabase();
		const logs: ReviewLogRow[] = Array.from({ length: 500 }, (_, i) => ({
			cardId: 'a|en2zh',
			rating: 3,
			reviewedAt: now - i * DAY,
			durationMs: 1,
			before: newCardState(0),
			after: newCardState(0)
		}));
		await database.reviews.bulkAdd(logs);
		expect((await homeSummary(stores, now)).streak).toBe(500);
	});

	// A live query loses track of what it read if its async steps are arranged in some ways (Dexie's zones):
	// the home screen would then stop following reviews made in another tab.
	for (const streakDays of [0, 100]) {
		it(`follows a new review when watched live, with a streak of ${streakDays} days before`, async () => {
			const now = Date.now();
			const database = freshDatabase();
			await database.reviews.bulkAdd(
				Array.from({ length: streakDays }, (_, i) => ({
					cardId: 'x',
					rating: 3,
					reviewedAt: now - (i + 1) * DAY,
					durationMs: 1,
					before: newCardState(0),
					after: newCardState(0)
				}))
			);
			await stores.cards.ensureCards(['a', 'b'], now - 1000);
			const seen: [number, number][] = [];
			const stop = stores.watch(
				() => homeSummary(stores),
				(value) => seen.push([value.counts.new, value.streak])
			);
			await expect.poll(() => seen.length).toBe(1);
			await stores.reviews.recordReview('a|en2zh', 3, Date.now(), 1000, DEFAULT_SCHEDULER_SETTINGS);
			await expect.poll(() => seen.at(-1)).toEqual([2, streakDays + 1]);
			stop();
			expect(seen[0]).toEqual([4, streakDays > 0 ? streakDays : 0]);
		});
	}

	it('dayBounds holds exactly the times of one day key', () => {
		for (const zone of zones) {
			process.env.TZ = zone;
			const start = new Date(2026, 0, 1).getTime();
			for (let t = start; t < start + 366 * DAY; t += 7 * HOUR + 13 * 60_000) {
				const [from, to] = dayBounds(t);
				expect(from <= t && t < to, `${zone} ${new Date(t).toISOString()}`).toBe(true);
				expect(dayKey(from)).toBe(dayKey(t));
				expect(dayKey(to - 1)).toBe(dayKey(t));
				expect(dayKey(from - 1)).not.toBe(dayKey(t));
				expect(dayKey(to)).not.toBe(dayKey(t));
			}
		}
	});
});
