import { describe, expect, it } from 'vitest';
import { checkHeadroom, fileSize, megabytes, SAFETY_MARGIN_BYTES, WRITE_OVERHEAD } from './headroom.ts';

const MB = 1024 * 1024;

describe('checkHeadroom', () => {
	it('lets a write go ahead when it fits with its overhead and margin', () => {
		expect(checkHeadroom(6.5 * MB, { usage: 10 * MB, quota: 100 * MB })).toEqual({ ok: true, free: 90 * MB });
	});

	it('refuses a write that would not fit, saying what it needs and what is free', () => {
		const result = checkHeadroom(6.5 * MB, { usage: 36 * MB, quota: 40 * MB });
		expect(result).toEqual({ ok: false, needed: 6.5 * MB * WRITE_OVERHEAD + SAFETY_MARGIN_BYTES, free: 4 * MB });
	});

	it('never reports negative room on an over-full origin', () => {
		expect(checkHeadroom(1, { usage: 50 * MB, quota: 40 * MB })).toMatchObject({ ok: false, free: 0 });
	});

	it('lets the write go ahead when the browser gives no estimate', () => {
		expect(checkHeadroom(500 * MB, undefined)).toEqual({ ok: true });
		expect(checkHeadroom(500 * MB, { usage: 1 })).toEqual({ ok: true });
	});

	it('formats megabytes with one decimal', () => {
		expect(megabytes(6.5 * MB)).toBe('6.5');
		expect(fileSize(6.5 * MB)).toBe('6.5 MB');
		expect(fileSize(40 * 1024)).toBe('40 KB');
		expect(fileSize(12)).toBe('1 KB');
	});
});
