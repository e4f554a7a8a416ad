import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Rating } from 'ts-fsrs';
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

const MORNING = new Date(2026, 0, 10, 9).getTime();

beforeEach(() => {
	freshDatabase();
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
});
