import { describe, expect, it } from 'vitest';
import { clockOffset, compareHlc, decodeHlc, encodeHlc, MAX_FORWARD_MS, receive, tick, ZERO_HLC } from './hlc.ts';

describe('hybrid logical clock', () => {
	it('encodes so that comparing strings compares clocks', () => {
		const clocks = [
			{ wall: 5, counter: 0, device: 'b' },
			{ wall: 5, counter: 1, device: 'a' },
			{ wall: 1_800_000_000_000, counter: 0, device: 'a' },
			{ wall: 5, counter: 0, device: 'a' },
			{ wall: 5, counter: 40, device: 'a' }
		];
		const byString = [...clocks].sort((a, b) => (encodeHlc(a) < encodeHlc(b) ? -1 : 1));
		expect(byString).toEqual([...clocks].sort(compareHlc));
		for (const clock of clocks) expect(decodeHlc(encodeHlc(clock))).toEqual(clock);
	});

	it('refuses what is not a clock', () => {
		for (const bad of [undefined, 3, '', '12-0-a', 'x'.repeat(30), '000000000000005-000000-a b'])
			expect(decodeHlc(bad)).toBeUndefined();
	});

	it('never goes back, even when the wall clock does', () => {
		const first = tick(ZERO_HLC, 1000, 'a');
		const second = tick(first, 900, 'a');
		const third = tick(second, 900, 'a');
		expect(compareHlc(second, first)).toBeGreaterThan(0);
		expect(compareHlc(third, second)).toBeGreaterThan(0);
		expect(tick(third, 2000, 'a')).toEqual({ wall: 2000, counter: 0, device: 'a' });
	});

	it('breaks a tie between two devices by their ids, the same way on both', () => {
		const a = tick(ZERO_HLC, 1000, 'a');
		const b = tick(ZERO_HLC, 1000, 'b');
		expect(compareHlc(b, a)).toBeGreaterThan(0);
		expect(compareHlc(a, b)).toBeLessThan(0);
	});

	it('moves past a clock it receives, so a later change here wins over it', () => {
		const local = tick(ZERO_HLC, 1000, 'a');
		const remote = { wall: 1500, counter: 3, device: 'b' };
		const after = tick(receive(local, remote, 1000), 1000, 'a');
		expect(compareHlc(after, remote)).toBeGreaterThan(0);
	});

	it('is not dragged an hour ahead by a device whose clock is an hour fast', () => {
		const now = 10_000_000;
		const fast = { wall: now + 3_600_000, counter: 0, device: 'b' };
		const after = receive(tick(ZERO_HLC, now, 'a'), fast, now);
		expect(after.wall).toBe(now + MAX_FORWARD_MS);
	});

	it("learns the server's time from its Date header, ignoring small differences", () => {
		const sent = Date.parse('2026-12-01T10:00:00.000Z');
		expect(clockOffset('Tue, 01 Dec 2026 09:00:00 GMT', sent, sent + 100)).toBe(-3_600_000 + 500 - 50);
		expect(clockOffset('Tue, 01 Dec 2026 10:00:01 GMT', sent, sent + 100)).toBe(0);
		expect(clockOffset(null, sent, sent)).toBeUndefined();
		expect(clockOffset('garbage', sent, sent)).toBeUndefined();
	});
});
