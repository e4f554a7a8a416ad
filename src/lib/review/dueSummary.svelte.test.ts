import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Rating, State } from 'ts-fsrs';
import * as stores from '../db/stores.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { VocabEntry } from '../model/words.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { until } from '../test/until.ts';

const entry = (zh: string): VocabEntry => ({
	id: `test:${zh}`,
	articleId: 'test',
	zh,
	pinyin: '',
	en: zh,
	defEn: zh,
	defZh: zh,
	pos: 'noun',
	tags: [],
	forms: [zh],
	occurrences: [{ cardId: 'c1', paragraphId: 'p1' }]
});

vi.mock('virtual:duka/vocab', () => ({ default: [entry('供应链'), entry('关税')] }));
vi.mock('virtual:duka/vocab-ids', () => ({ default: [entry('供应链').id, entry('关税').id] }));

const { DueSummaryState } = await import('./dueSummary.svelte.ts');
const { quickHomeSummary } = await import('../deck/summaries.ts');

const MORNING = new Date(2026, 0, 10, 9).getTime();

let database: ReturnType<typeof freshDatabase>;

beforeEach(() => {
	database = freshDatabase();
});

describe('DueSummaryState', () => {
	it('makes the built-in cards, counts them, and follows a review while read', async () => {
		const summary = new DueSummaryState(() => Promise.resolve(stores), { clock: () => MORNING });
		const stop = $effect.root(() => {
			$effect(() => {
				void summary.counts;
			});
		});
		flushSync();
		expect(summary.counts).toBeUndefined();
		await until(() => summary.counts !== undefined);
		expect(summary.counts).toEqual({ new: 4, learning: 0, review: 0 });
		expect(summary.streak).toBe(0);

		await stores.reviews.recordReview('test:供应链|en2zh', Rating.Good, MORNING, 1000, DEFAULT_SCHEDULER_SETTINGS);
		// The graded card is learning (due in a minute) and its sibling buried until tomorrow.
		await until(() => summary.counts?.new === 2);
		expect(summary.streak).toBe(1);
		stop();
	});

	it('with nothing due, says so and when the next card falls due, following the cards', async () => {
		await stores.settings.saveSchedulerSettings({ ...DEFAULT_SCHEDULER_SETTINGS, newCardsPerDay: 0 });
		const summary = new DueSummaryState(() => Promise.resolve(stores), { clock: () => MORNING });
		const stop = $effect.root(() => {
			$effect(() => {
				if (summary.nothingDue) void summary.nextDueAt;
			});
		});
		flushSync();
		await until(() => summary.nothingDue && summary.nextDueAt !== undefined);
		expect(summary.counts).toEqual({ new: 0, learning: 0, review: 0 });
		expect(summary.nextDueAt).toBeNull();
		const due = MORNING + 3 * 86_400_000;
		await database.cards.update('test:关税|zh2en', { state: State.Review, due, last_review: MORNING - 86_400_000 });
		await until(() => summary.nextDueAt === due);
		expect(summary.nothingDue).toBe(true);
		expect(summary.now()).toBe(MORNING);
		stop();
	});

	it('first shows the numbers read without the database library, then follows changes once it is loaded', async () => {
		let loads = 0;
		let release: () => void = () => {};
		const loadedElsewhere = new Promise<void>((resolve) => (release = resolve));
		const summary = new DueSummaryState(
			() => {
				loads++;
				return Promise.resolve(stores);
			},
			{ clock: () => MORNING, quick: quickHomeSummary, whenLoaded: () => loadedElsewhere.then(() => stores) }
		);
		const stop = $effect.root(() => {
			$effect(() => {
				void summary.counts;
			});
		});
		flushSync();
		// No database yet on this device: the numbers of the built-in deck as the first start makes its cards.
		await until(() => summary.counts !== undefined);
		expect(summary.counts).toEqual({ new: 4, learning: 0, review: 0 });
		expect(summary.status).toBe('ready');
		expect(loads).toBe(0);
		expect(await database.cards.count()).toBe(0);

		release();
		// Once the library is there, the live query makes the cards, as it does without a quick read.
		await expect.poll(() => database.cards.count()).toBe(4);
		expect(loads).toBe(0);
		await stores.reviews.recordReview('test:供应链|en2zh', Rating.Good, MORNING, 1000, DEFAULT_SCHEDULER_SETTINGS);
		await until(() => summary.counts?.new === 2);
		stop();
	});

	it('loads the stores at once when the quick read cannot answer', async () => {
		let loads = 0;
		const summary = new DueSummaryState(
			() => {
				loads++;
				return Promise.resolve(stores);
			},
			{ clock: () => MORNING, quick: () => Promise.resolve(undefined), whenLoaded: () => new Promise(() => {}) }
		);
		const stop = $effect.root(() => {
			$effect(() => {
				void summary.counts;
			});
		});
		flushSync();
		await until(() => summary.counts !== undefined);
		expect(summary.counts).toEqual({ new: 4, learning: 0, review: 0 });
		expect(loads).toBeGreaterThan(0);
		stop();
	});
});
