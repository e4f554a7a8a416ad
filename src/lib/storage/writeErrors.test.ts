import { describe, expect, it } from 'vitest';
import { isQuotaError, isWriteFull } from './writeErrors.ts';

const named = (name: string, extra: object = {}) => Object.assign(new Error(name), { name, ...extra });

describe('write errors', () => {
	it('recognises the quota error however Dexie wraps it', () => {
		expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
		expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
		expect(
			isQuotaError({ name: 'BulkError', failures: [{ name: 'ConstraintError' }, { name: 'QuotaExceededError' }] })
		).toBe(true);
		expect(isQuotaError({ name: 'AbortError', inner: { name: 'ConstraintError' } })).toBe(false);
		expect(isQuotaError(new Error('QuotaExceededError'))).toBe(false);
		expect(isQuotaError(undefined)).toBe(false);
	});

	it('treats what Chromium reports on a full disk as storage full', () => {
		expect(isWriteFull(named('AbortError', { inner: named('UnknownError') }))).toBe(true);
		expect(isWriteFull(named('DatabaseClosedError'))).toBe(true);
		expect(isWriteFull(named('ConstraintError'))).toBe(false);
	});

	it('stops searching a chain that loops', () => {
		const loop: { name: string; inner?: unknown } = { name: 'AbortError' };
		loop.inner = loop;
		expect(isWriteFull(loop)).toBe(false);
	});
});
