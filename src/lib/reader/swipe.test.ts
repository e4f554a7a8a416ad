import { describe, expect, it } from 'vitest';
import { isSwipe } from './swipe.ts';

describe('isSwipe', () => {
	it('reads a quick horizontal move as a swipe', () => {
		expect(isSwipe(-120, 10, 200)).toBe(1);
		expect(isSwipe(120, -10, 200)).toBe(-1);
	});
	it('ignores scrolls, short moves and slow drags', () => {
		expect(isSwipe(-80, 100, 200)).toBe(0);
		expect(isSwipe(-30, 0, 100)).toBe(0);
		expect(isSwipe(-200, 0, 1500)).toBe(0);
	});
});
