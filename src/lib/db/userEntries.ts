import { userEntryId } from '../deck/entryIds.ts';
import { ensureCards } from './cards.ts';
import { db, type UserEntryRow } from './db.ts';

/** What the reader knows about a word when the user adds it; the store adds the id and the time. */
export type NewUserEntry = Omit<UserEntryRow, 'id' | 'createdAt'>;

export type AddUserEntryResult = { added: true; entry: UserEntryRow } | { added: false; entry: UserEntryRow };

/**
 * Adds a word from the reader with both of its study cards, in one transaction: a crash leaves a word with
 * its cards or nothing. A word already added is left exactly as it is.
 */
export async function addUserEntry(input: NewUserEntry, now = Date.now()): Promise<AddUserEntryResult> {
	const zh = input.zh.trim();
	if (!zh) throw new Error('A word to add needs its Chinese');
	const database = db();
	return database.transaction('rw', database.userEntries, database.cards, async () => {
		const id = userEntryId(zh);
		const existing = await database.userEntries.get(id);
		if (existing) return { added: false, entry: existing };
		const entry: UserEntryRow = { ...input, zh, id, createdAt: now };
		await database.userEntries.add(entry);
		await ensureCards([id], now);
		return { added: true, entry };
	});
}

export function getUserEntry(zh: string): Promise<UserEntryRow | undefined> {
	return db().userEntries.get(userEntryId(zh.trim()));
}

/** The user's words with these ids, in that order (undefined where there is none). */
export function getUserEntriesById(ids: readonly string[]): Promise<(UserEntryRow | undefined)[]> {
	return db().userEntries.bulkGet([...ids]);
}

export function listUserEntries(): Promise<UserEntryRow[]> {
	return db().userEntries.orderBy('createdAt').toArray();
}

/** Removes the word, its cards and their review history, in one transaction. Returns whether it existed. */
export async function deleteUserEntry(id: string): Promise<boolean> {
	const database = db();
	return database.transaction('rw', database.userEntries, database.cards, database.reviews, async () => {
		const existed = (await database.userEntries.get(id)) !== undefined;
		const cardIds = await database.cards.where('entryId').equals(id).primaryKeys();
		if (cardIds.length > 0) await database.reviews.where('cardId').anyOf(cardIds).delete();
		await database.cards.bulkDelete(cardIds);
		await database.userEntries.delete(id);
		return existed;
	});
}
