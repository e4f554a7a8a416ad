import { describe, expect, it } from 'vitest';
import { countByDay, dayKey, forecast, heatmap, streak, trueRetention } from './stats.ts';

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
