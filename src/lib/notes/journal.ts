/**
 * A note typed just before the tab closes must not be lost, yet an IndexedDB write started while the page
 * unloads may never commit. So every change is also written synchronously to localStorage, and removed once
 * the database holds that text; whatever is left is saved to the database the next time Duka starts.
 */

import type { NoteRow } from '../model/notes.ts';
import { validateNoteText } from './limits.ts';
import { pageStorage } from '../storage/pageStorage.ts';

const PREFIX = 'duka:note-draft:';

/** A note's text not yet known to be in the database. */
export interface JournalEntry {
	articleId: string;
	paragraphId: string;
	highlightId: string | null;
	/** Undefined until the first save has created the note. */
	noteId: string | undefined;
	text: string;
	/** When it was typed (epoch ms): a newer edit in the database wins. */
	at: number;
}

type Target = Pick<JournalEntry, 'articleId' | 'paragraphId' | 'highlightId'>;

/** The subset of `Storage` used here, so tests can pass a stand-in. */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function keyOf(target: Target): string {
	return `${PREFIX}${target.articleId}/${target.paragraphId}/${target.highlightId ?? ''}`;
}

export function writeJournal(entry: JournalEntry, store: JournalStorage | undefined = pageStorage()): void {
	// Text over the limit cannot be saved anyway; the editor keeps it and says so.
	if (!validateNoteText(entry.text).ok) return;
	try {
		store?.setItem(keyOf(entry), JSON.stringify(entry));
	} catch {
		// Quota full: the database save still runs.
	}
}

/** Forgets the entry once the database holds `savedText`; a newer text typed meanwhile stays. */
export function clearJournal(
	target: Target,
	savedText: string,
	store: JournalStorage | undefined = pageStorage()
): void {
	const entry = readEntry(keyOf(target), store);
	if (entry && entry.text === savedText) store?.removeItem(keyOf(target));
}

export function readJournal(store: JournalStorage | undefined = pageStorage()): JournalEntry[] {
	const entries: JournalEntry[] = [];
	for (let index = 0; index < (store?.length ?? 0); index++) {
		const key = store?.key(index);
		const entry = key?.startsWith(PREFIX) ? readEntry(key, store) : undefined;
		if (entry) entries.push(entry);
	}
	return entries;
}

export interface JournalStore {
	annotationsFor: (articleId: string) => Promise<{ notes: NoteRow[] }>;
	saveNote: (
		note: { id?: string; articleId: string; paragraphId: string; highlightId: string | null; text: string },
		now?: number
	) => Promise<unknown>;
}

/**
 * Saves every journal entry the database does not have yet, unless the note was edited later elsewhere.
 * Returns how many notes were saved. An entry that fails to save stays for the next start.
 */
export async function recoverJournal(
	notes: JournalStore,
	store: JournalStorage | undefined = pageStorage()
): Promise<number> {
	let recovered = 0;
	for (const entry of readJournal(store)) {
		try {
			const existing = (await notes.annotationsFor(entry.articleId)).notes.find((note) =>
				entry.noteId
					? note.id === entry.noteId
					: note.paragraphId === entry.paragraphId && note.highlightId === entry.highlightId
			);
			const unchanged = existing ? existing.text === entry.text : entry.text.trim() === '';
			if (!unchanged && !(existing && existing.updatedAt > entry.at)) {
				await notes.saveNote(
					{
						id: existing?.id ?? entry.noteId,
						articleId: entry.articleId,
						paragraphId: entry.paragraphId,
						highlightId: entry.highlightId,
						text: entry.text
					},
					entry.at
				);
				recovered++;
			}
			store?.removeItem(keyOf(entry));
		} catch (error) {
			console.warn('A note draft could not be recovered yet', error);
		}
	}
	return recovered;
}

function readEntry(key: string, store: JournalStorage | undefined): JournalEntry | undefined {
	try {
		const value: unknown = JSON.parse(store?.getItem(key) ?? 'null');
		if (!value || typeof value !== 'object') return undefined;
		const entry = value as Partial<JournalEntry>;
		const valid =
			typeof entry.articleId === 'string' &&
			typeof entry.paragraphId === 'string' &&
			(entry.highlightId === null || typeof entry.highlightId === 'string') &&
			(entry.noteId === undefined || typeof entry.noteId === 'string') &&
			typeof entry.text === 'string' &&
			typeof entry.at === 'number';
		return valid ? (entry as JournalEntry) : undefined;
	} catch {
		return undefined;
	}
}
