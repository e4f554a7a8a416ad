import { describe, expect, it } from 'vitest';
import { backupStatus, REMIND_AFTER_MS } from './backupAge.ts';

const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 86_400_000;

describe('backupStatus', () => {
	it('counts whole days since the last backup', () => {
		expect(backupStatus({ lastSavedAt: NOW - 12 * DAY - 1000, firstReviewSince: undefined }, NOW)).toEqual({
			days: 12,
			remind: false
		});
		expect(backupStatus({ lastSavedAt: NOW - 1000, firstReviewSince: undefined }, NOW).days).toBe(0);
		expect(backupStatus({ lastSavedAt: undefined, firstReviewSince: undefined }, NOW).days).toBeUndefined();
	});

	it('reminds only after a week of reviews without a backup', () => {
		const since = (ms: number) => backupStatus({ lastSavedAt: NOW - 30 * DAY, firstReviewSince: NOW - ms }, NOW).remind;
		expect(since(REMIND_AFTER_MS - 1)).toBe(false);
		expect(since(REMIND_AFTER_MS)).toBe(true);
		// An old backup with no reviews since needs no reminder: nothing is at risk.
		expect(backupStatus({ lastSavedAt: NOW - 30 * DAY, firstReviewSince: undefined }, NOW).remind).toBe(false);
		// Never backed up, reviewing for eight days.
		expect(backupStatus({ lastSavedAt: undefined, firstReviewSince: NOW - 8 * DAY }, NOW).remind).toBe(true);
	});
});
