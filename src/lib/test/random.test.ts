import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';

describe('seededRandom', () => {
	it('gives the mulberry32 sequence for a seed, so data generated from it never changes', () => {
		const next = seededRandom(42);
		expect([next(), next(), next()]).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
	});

	it('replays the same numbers for the same seed and others for another seed', () => {
		const first = seededRandom(7);
		const again = seededRandom(7);
		const other = seededRandom(8);
		const a = Array.from({ length: 100 }, first);
		expect(Array.from({ length: 100 }, again)).toEqual(a);
		expect(Array.from({ length: 100 }, other)).not.toEqual(a);
	});

	it('stays in [0, 1)', () => {
		const next = seededRandom(20261129);
		for (let i = 0; i < 10_000; i++) {
			const value = next();
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThan(1);
		}
	});
});
