import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { until } from '../test/until.ts';
import { WordRecall } from './wordRecall.svelte.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();
const DAY = 24 * 60 * 60_000;
const ENTRY = 'huang-2025:模型';

beforeEach(() => {
	freshDatabase();
});

function watched(recall: WordRecall) {
	return $effect.root(() => {
		$effect(() => {
			void recall.view;
		});
	});
}

describe('WordRecall', () => {
	it('says how well a word is known and its history, from both cards', async () => {
		const { cards, reviews } = await stores();
		await cards.ensureCards([ENTRY], T0);
		await reviews.recordReview(`${ENTRY}|en2zh`, Rating.Again, T0 + 1000, 2000, DEFAULT_SCHEDULER_SETTINGS);
		await reviews.recordReview(`${ENTRY}|zh2en`, Rating.Good, T0 + 2000, 2000, DEFAULT_SCHEDULER_SETTINGS);
		const recall = new WordRecall(ENTRY, stores, () => T0 + 3 * DAY);
		const stop = watched(recall);
		flushSync();
		await until(() => recall.view !== null);
		const view = recall.view!;
		expect(view.memory.recall).toBe('weak');
		expect(view.line.percent).toBeGreaterThan(0);
		expect(view.line.nextIn).toBeNull();
		expect(view.history).toEqual({
			reviews: 2,
			lapses: 0,
			last: { rating: Rating.Good, ago: { unit: 'days', amount: '3' } }
		});
		stop();
	});

	it('has nothing to say of a word without cards', async () => {
		const recall = new WordRecall('huang-2025:没有', stores, () => T0);
		const stop = watched(recall);
		flushSync();
		await until(() => recall.status === 'ready');
		expect(recall.view).toBeNull();
		stop();
	});
});
