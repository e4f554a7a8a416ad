import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { LiveQuery } from './live.svelte.ts';
import { until } from '../test/until.ts';

beforeEach(() => {
	freshDatabase();
});

describe('LiveQuery', () => {
	it('follows the data while read in an effect, and stops watching when the last reader goes', async () => {
		let runs = 0;
		const live = new LiveQuery(async ({ reading }) => {
			runs++;
			return [...(await reading.readCardIds('a'))].sort();
		}, [] as string[]);
		const seen: string[][] = [];
		const stop = $effect.root(() => {
			$effect(() => {
				seen.push(live.current);
			});
		});
		flushSync();
		expect(live.status).toBe('loading');
		await until(() => live.status === 'ready');
		const { reading } = await stores();
		await reading.markCardRead('a', 'c1');
		await until(() => seen.at(-1)?.join() === 'c1');
		stop();
		const runsWhenStopped = runs;
		await reading.markCardRead('a', 'c2');
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(runs).toBe(runsWhenStopped);
		expect(seen[0]).toEqual([]);
	});

	it('reports a failed query as an error', async () => {
		const live = new LiveQuery(() => Promise.reject(new Error('broken')), 0);
		const stop = $effect.root(() => {
			$effect(() => {
				void live.current;
			});
		});
		flushSync();
		await until(() => live.status === 'error');
		expect((live.error as Error).message).toBe('broken');
		stop();
	});
});
