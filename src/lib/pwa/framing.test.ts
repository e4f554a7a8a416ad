import { describe, expect, it } from 'vitest';
import { framedByAnotherOrigin } from './framing.ts';

const windowLike = (top: unknown, origin = 'https://duka.example') =>
	({ top, location: { origin } }) as unknown as Window;

describe('framedByAnotherOrigin', () => {
	it('is false for a page of its own', () => {
		const self = windowLike(undefined);
		(self as { top: unknown }).top = self;
		expect(framedByAnotherOrigin(self)).toBe(false);
	});

	it('is false inside a frame of the same origin', () => {
		expect(framedByAnotherOrigin(windowLike({ location: { origin: 'https://duka.example' } }))).toBe(false);
	});

	it('is true inside a frame of another origin, whose location cannot be read', () => {
		const foreignTop = {
			get location(): never {
				throw new DOMException('Blocked a frame', 'SecurityError');
			}
		};
		expect(framedByAnotherOrigin(windowLike(foreignTop))).toBe(true);
	});
});
