import { db, type UserEntryRow } from './db.ts';

export function listUserEntries(): Promise<UserEntryRow[]> {
	return db().userEntries.orderBy('createdAt').toArray();
}
