import type { BackupAge } from '../db/backup.ts';

const DAY = 24 * 60 * 60 * 1000;
/** Reviews over this long with no backup since earn a reminder. */
export const REMIND_AFTER_MS = 7 * DAY;

export interface BackupStatus {
	/** Whole days since the last backup left the device; undefined when none ever did. */
	days: number | undefined;
	/** Whether to remind: reviews go back a week or more past the last backup (or there never was one). */
	remind: boolean;
}

export function backupStatus(age: BackupAge, now: number): BackupStatus {
	const days = age.lastSavedAt === undefined ? undefined : Math.max(0, Math.floor((now - age.lastSavedAt) / DAY));
	const remind = age.firstReviewSince !== undefined && now - age.firstReviewSince >= REMIND_AFTER_MS;
	return { days, remind };
}
