import { describe, expect, it } from 'vitest';
import {
	countByDay,
	dayKey,
	forecast,
	heatmap,
	heatmapGrid,
	streak,
	trueRetention,
	weekdayOf,
	type DayCell
} from './stats.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const noon = new Date(2026, 10, 29, 12).getTime();

describe('review statistics', () => {
	it('keys days from the 4 am rollover', () => {
		expect(dayKey(new Date(2026, 10, 29, 3).getTime())).toBe('2026-11-28');
		expect(dayKey(new Date(2026, 10, 29, 5).getTime())).toBe('2026-11-29');
	});

	it('counts a streak that survives until today ends', () => {
		const counts = countByDay([noon - 2 * DAY, noon - DAY, noon - DAY + HOUR]);
		expect(streak(counts, noon)).toBe(2);
		expect(streak(countByDay([...[noon - 2 * DAY, noon - DAY], noon]), noon)).toBe(3);
		expect(streak(countByDay([noon - 3 * DAY]), noon)).toBe(0);
	});

	it('builds a 12-week heatmap with levels', () => {
		const cells = heatmap(countByDay([noon, noon, noon - DAY]), noon);
		expect(cells).toHaveLength(84);
		expect(cells.at(-1)).toEqual({ key: '2026-11-29', count: 2, level: 4 });
		expect(cells.at(-2)?.level).toBe(2);
		expect(cells[0]?.count).toBe(0);
	});

	it('forecasts due cards, overdue counted today', () => {
		const days = forecast([noon - 5 * DAY, noon + HOUR, noon + DAY, noon + 40 * DAY], noon);
		expect(days).toHaveLength(30);
		expect(days[0]?.count).toBe(2);
		expect(days[1]?.count).toBe(1);
		expect(days.reduce((sum, day) => sum + day.count, 0)).toBe(3);
	});

	it('computes true retention over review-state cards only', () => {
		expect(
			trueRetention([
				{ rating: 3, stateBefore: 2 },
				{ rating: 1, stateBefore: 2 },
				{ rating: 1, stateBefore: 0 }
			])
		).toEqual({ passed: 1, total: 2, rate: 0.5 });
		expect(trueRetention([]).rate).toBeNull();
	});
});

describe('heatmapGrid', () => {
	const cell = (key: string, count = 0): DayCell => ({ key, count, level: 0 });

	it('names Monday 0 and Sunday 6', () => {
		expect(weekdayOf('2026-11-30')).toBe(0);
		expect(weekdayOf('2026-12-06')).toBe(6);
	});

	it('lays the days out in calendar weeks from Monday, with the month each column begins', () => {
		// Thursday 26 November to Wednesday 9 December 2026.
		const keys = [26, 27, 28, 29, 30].map((d) => `2026-11-${d}`);
		keys.push(...Array.from({ length: 9 }, (_, i) => `2026-12-0${i + 1}`));
		const grid = heatmapGrid(keys.map((key) => cell(key)));
		expect(grid.weeks.map((week) => week.map((day) => day?.key.slice(8) ?? '--'))).toEqual([
			['--', '--', '--', '26', '27', '28', '29'],
			['30', '01', '02', '03', '04', '05', '06'],
			['07', '08', '09', '--', '--', '--', '--']
		]);
		// December's first day falls in the second column, which is where its label goes.
		expect(grid.months).toEqual([
			{ week: 0, month: 11 },
			{ week: 1, month: 12 }
		]);
	});

	it('gives a full grid of the stats screen’s 12 weeks', () => {
		const now = new Date(2026, 11, 1, 12).getTime();
		const grid = heatmapGrid(heatmap(new Map(), now));
		expect(grid.weeks.flat().filter(Boolean)).toHaveLength(84);
		expect(grid.weeks.every((week) => week.length === 7)).toBe(true);
	});
});
