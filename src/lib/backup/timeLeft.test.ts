import { describe, expect, it } from 'vitest';
import { ESTIMATE_AFTER_MS, minutesToSay, timeLeft, timeLeftFrom } from './timeLeft.ts';

describe('timeLeft', () => {
	it('says nothing before a few seconds have passed, nor before any work is done', () => {
		expect(timeLeft(500, 1000, ESTIMATE_AFTER_MS - 1)).toBeUndefined();
		expect(timeLeft(0, 1000, 60_000)).toBeUndefined();
		// Two per cent done is the least a rate is read from.
		expect(timeLeft(19, 1000, 60_000)).toBeUndefined();
	});

	it('gives the rest at the rate so far', () => {
		expect(timeLeft(250, 1000, 10_000)).toBe(30_000);
		expect(timeLeft(100_000, 575_000, 20_000)).toBe(95_000);
	});

	it('says nothing once the work is done, or for a total it cannot use', () => {
		expect(timeLeft(1000, 1000, 10_000)).toBeUndefined();
		expect(timeLeft(10, 0, 10_000)).toBeUndefined();
		expect(timeLeft(Number.NaN, 1000, 10_000)).toBeUndefined();
	});
});

describe('timeLeftFrom', () => {
	it('times the job from when it was asked for', () => {
		let now = 100_000;
		const left = timeLeftFrom(() => now);
		now += 10_000;
		expect(left(250, 1000)).toBe(30_000);
		now += 10_000;
		expect(left(500, 1000)).toBe(20_000);
	});
});

describe('minutesToSay', () => {
	it('rounds to whole minutes, and leaves under a minute to be said as such', () => {
		expect(minutesToSay(59_999)).toBeNull();
		expect(minutesToSay(60_000)).toBe(1);
		expect(minutesToSay(95_000)).toBe(2);
		expect(minutesToSay(10 * 60_000 + 20_000)).toBe(10);
	});
});
