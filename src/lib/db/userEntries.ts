import { userEntryId } from '../model/ids.ts';
import type { UserWordFields } from '../deck/userWordEdit.ts';
import { ensureCards, ensureCardsOf, userClozeCards } from './cards.ts';
import { db } from './db.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { StudyCardRow } from '../model/cards.ts';
import type { UserEntryRow } from '../model/words.ts';

/** What the reader knows about a word when the user adds it; the store adds the id and the time. */
export type NewUserEntry = Omit<UserEntryRow, 'id' | 'createdAt'>;

export type AddUserEntryResult = { added: true; entry: UserEntryRow } | { added: false; entry: UserEntryRow };

/** How a word is added: with cloze cards on its sentence as well as its two flashcards, or not. */
export interface AddOptions {
	cloze?: boolean;
}

/**
 * Adds a word from the reader with both of its study cards (and its cloze cards when asked and its sentence
 * holds it), in one transaction: a crash leaves a word with its cards or nothing. A word already added is left
 * exactly as it is.
 */
export async function addUserEntry(
	input: NewUserEntry,
	now = Date.now(),
	options: AddOptions = {}
): Promise<AddUserEntryResult> {
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
		if (options.cloze) await ensureCardsOf(userClozeCards(entry), now + DIRECTIONS_COUNT);
		return { added: true, entry };
	});
}

// The flashcards take the first milliseconds of a word's creation time; its cloze cards come after them.
const DIRECTIONS_COUNT = 2;

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

/** The user's words taken from one article, in the order they were added. */
export function listUserEntriesOf(articleId: string): Promise<UserEntryRow[]> {
	return db().userEntries.where('articleId').equals(articleId).sortBy('createdAt');
}

/**
 * Changes what the user may edit of a word (never its Chinese or its cards). Returns the stored word, or undefined if
 * it is gone.
 */
export async function updateUserEntry(id: string, fields: UserWordFields): Promise<UserEntryRow | undefined> {
	const database = db();
	return database.transaction('rw', database.userEntries, async () => {
		const existing = await database.userEntries.get(id);
		if (!existing) return undefined;
		const updated: UserEntryRow = {
			...existing,
			en: fields.en,
			pinyin: fields.pinyin,
			defEn: fields.defEn,
			defZh: fields.defZh
		};
		await database.userEntries.put(updated);
		return updated;
	});
}

/** Everything deleting a word removed, to put it back exactly (undo). */
export interface DeletedUserEntry {
	entry: UserEntryRow;
	cards: StudyCardRow[];
	reviews: ReviewLogRow[];
}

/**
 * Removes the word, its cards and their review history, in one transaction. Returns what was removed, or undefined if
 * there was no such word.
 */
export async function deleteUserEntry(id: string): Promise<DeletedUserEntry | undefined> {
	const database = db();
	return database.transaction('rw', database.userEntries, database.cards, database.reviews, async () => {
		const entry = await database.userEntries.get(id);
		const cards = await database.cards.where('entryId').equals(id).toArray();
		const cardIds = cards.map((card) => card.id);
		const reviews = cardIds.length > 0 ? await database.reviews.where('cardId').anyOf(cardIds).toArray() : [];
		await database.reviews.bulkDelete(reviews.map((log) => log.id!));
		await database.cards.bulkDelete(cardIds);
		await database.userEntries.delete(id);
		return entry ? { entry, cards, reviews } : undefined;
	});
}

/** Puts back a deleted word with its cards and reviews, as they were (same ids), in one transaction. */
export async function restoreUserEntry(deleted: DeletedUserEntry): Promise<void> {
	const database = db();
	await database.transaction('rw', database.userEntries, database.cards, database.reviews, async () => {
		await database.userEntries.put(deleted.entry);
		await database.cards.bulkPut(deleted.cards);
		await database.reviews.bulkPut(deleted.reviews);
	});
}
