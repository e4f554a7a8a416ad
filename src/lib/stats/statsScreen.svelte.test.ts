import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { StatsScreen } from './statsScreen.svelte.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();

beforeEach(() => {
	freshDatabase();
});

describe('StatsScreen', () => {
	it('loads the figures of the collection', async () => {
		const { cards, reviews } = await stores();
		await cards.ensureCards(['a', 'b'], T0 - 1000);
		await cards.setSuspended('b|zh2en', true);
		await reviews.recordReview('a|en2zh', 3, T0, 2000, DEFAULT_SCHEDULER_SETTINGS);
		const screen = new StatsScreen(stores);
		expect(screen.status).toBe('idle');
		expect(screen.summary).toBeUndefined();
		const loading = screen.load(T0 + 1000);
		expect(screen.status).toBe('loading');
		await loading;
		expect(screen.status).toBe('ready');
		// New, learning, review, suspended: a|en2zh is learning after its first Good.
		expect(screen.summary?.byState).toEqual([2, 1, 0, 1]);
		expect(screen.summary?.cells.at(-1)?.count).toBe(1);
		expect(screen.summary?.upcoming[0]?.count).toBe(1);
		expect(screen.summary?.retention).toEqual({ passed: 0, total: 0, rate: null });
		expect(screen.summary?.today).toEqual({ reviews: 1, cards: 1, minutes: 0 });
		expect(screen.cloze).toBe(0);
	});

	it('counts the cloze cards among the cards, by state like the others', async () => {
		const { cards } = await stores();
		await cards.ensureCards(['a'], T0 - 1000);
		await cards.ensureCardsOf(
			[
				{ entryId: 'a', direction: 'clozeZh' },
				{ entryId: 'a', direction: 'clozeEn' }
			],
			T0 - 500
		);
		await cards.setSuspended('a|clozeEn', true);
		const screen = new StatsScreen(stores);
		await screen.load(T0);
		expect(screen.cloze).toBe(2);
		expect(screen.summary?.byState).toEqual([3, 0, 0, 1]);
	});

	it("counts today's cards and minutes, not yesterday's", async () => {
		const { cards, reviews } = await stores();
		await cards.ensureCards(['a', 'b'], T0 - 2 * 86_400_000);
		await reviews.recordReview('b|en2zh', 3, T0 - 86_400_000, 50_000, DEFAULT_SCHEDULER_SETTINGS);
		await reviews.recordReview('a|en2zh', 1, T0, 40_000, DEFAULT_SCHEDULER_SETTINGS);
		await reviews.recordReview('a|en2zh', 3, T0 + 60_000, 50_000, DEFAULT_SCHEDULER_SETTINGS);
		await reviews.recordReview('a|zh2en', 3, T0 + 120_000, 60_000, DEFAULT_SCHEDULER_SETTINGS);
		const screen = new StatsScreen(stores);
		await screen.load(T0 + 200_000);
		expect(screen.summary?.today).toEqual({ reviews: 3, cards: 2, minutes: 3 });
	});

	it('reports a database that cannot be read', async () => {
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
		const screen = new StatsScreen(() => Promise.reject(new Error('blocked')));
		await screen.load(T0);
		expect(screen.status).toBe('error');
		expect(screen.summary).toBeUndefined();
		quiet.mockRestore();
	});
});
