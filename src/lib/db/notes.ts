import type { TextAnchor } from '../notes/anchor.ts';
import { validateNoteText } from '../notes/limits.ts';
import { db } from './db.ts';
import type { BookmarkRow, HighlightRow, NoteRow } from '../model/notes.ts';

export type HighlightColor = HighlightRow['color'];

export const HIGHLIGHT_COLORS: readonly HighlightColor[] = ['yellow', 'green', 'blue', 'pink'];

const bookmarkKey = (articleId: string, paragraphId: string) => `${articleId}/${paragraphId}`;

function newId(prefix: string): string {
	return `${prefix}-${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(2)).join('')}`;
}

/** Everything the reader and the Notes screen show for one article. */
export interface ArticleAnnotations {
	bookmarks: BookmarkRow[];
	highlights: HighlightRow[];
	notes: NoteRow[];
}

export async function annotationsFor(articleId: string): Promise<ArticleAnnotations> {
	const database = db();
	return database.transaction('r', database.bookmarks, database.highlights, database.notes, async () => ({
		bookmarks: await database.bookmarks.where('articleId').equals(articleId).toArray(),
		highlights: await database.highlights.where('articleId').equals(articleId).toArray(),
		notes: await database.notes.where('articleId').equals(articleId).toArray()
	}));
}

export async function allAnnotations(): Promise<ArticleAnnotations> {
	const database = db();
	return database.transaction('r', database.bookmarks, database.highlights, database.notes, async () => ({
		bookmarks: await database.bookmarks.toArray(),
		highlights: await database.highlights.toArray(),
		notes: await database.notes.toArray()
	}));
}

/** Adds or removes the bookmark on a paragraph; returns whether it is bookmarked now. */
export async function toggleBookmark(articleId: string, paragraphId: string, now = Date.now()): Promise<boolean> {
	const database = db();
	const key = bookmarkKey(articleId, paragraphId);
	return database.transaction('rw', database.bookmarks, async () => {
		if (await database.bookmarks.get(key)) {
			await database.bookmarks.delete(key);
			return false;
		}
		await database.bookmarks.add({ key, articleId, paragraphId, createdAt: now });
		return true;
	});
}

export async function addHighlight(
	articleId: string,
	paragraphId: string,
	anchor: TextAnchor,
	color: HighlightColor,
	now = Date.now()
): Promise<HighlightRow> {
	const row: HighlightRow = {
		id: newId('h'),
		articleId,
		paragraphId,
		...anchor,
		color,
		createdAt: now,
		updatedAt: now
	};
	await db().highlights.add(row);
	return row;
}

export async function recolourHighlight(id: string, color: HighlightColor, now = Date.now()): Promise<void> {
	await db().highlights.update(id, { color, updatedAt: now });
}

export class NoteTooLongError extends Error {
	constructor(readonly over: number) {
		super(`note is ${over} characters too long`);
		this.name = 'NoteTooLongError';
	}
}

/** What a save did: the note as stored, and the other tab's text when it had changed the note meanwhile. */
export interface SavedNote {
	note: NoteRow | undefined;
	/** The newer text found in the database, kept as a note of its own instead of being overwritten. */
	conflictCopy?: NoteRow;
}

/**
 * Creates or updates a note with exactly the text typed; a note over the limit is refused, never cut.
 * An empty note is deleted rather than kept as a blank row.
 *
 * `baseUpdatedAt` is the version the editor started from. When the stored note is newer (another tab saved
 * it meanwhile), that text is not overwritten: it is kept as a conflict copy beside this one, the rule sync
 * uses too.
 */
export async function saveNote(
	note: {
		id?: string;
		articleId: string;
		paragraphId: string;
		highlightId: string | null;
		text: string;
		baseUpdatedAt?: number;
	},
	now = Date.now()
): Promise<SavedNote> {
	const check = validateNoteText(note.text);
	if (!check.ok) throw new NoteTooLongError(check.over);
	const database = db();
	return database.transaction('rw', database.notes, async () => {
		const existing = note.id ? await database.notes.get(note.id) : undefined;
		const changedElsewhere =
			existing !== undefined &&
			note.baseUpdatedAt !== undefined &&
			existing.updatedAt !== note.baseUpdatedAt &&
			existing.text !== note.text;
		let conflictCopy: NoteRow | undefined;
		if (changedElsewhere) {
			conflictCopy = { ...existing, id: newId('n'), createdAt: existing.updatedAt };
			await database.notes.add(conflictCopy);
		}
		if (note.text.trim() === '') {
			if (existing) await database.notes.delete(existing.id);
			return { note: undefined, conflictCopy };
		}
		const row: NoteRow = {
			id: existing?.id ?? note.id ?? newId('n'),
			articleId: note.articleId,
			paragraphId: note.paragraphId,
			highlightId: note.highlightId,
			text: note.text,
			createdAt: existing?.createdAt ?? now,
			// Strictly after what it replaces, so the next save from this editor starts from this version.
			updatedAt: Math.max(now, (existing?.updatedAt ?? 0) + 1)
		};
		await database.notes.put(row);
		return { note: row, conflictCopy };
	});
}

/** What a deletion removed, so the Undo button can put back exactly that. */
export interface DeletedAnnotations {
	bookmarks: BookmarkRow[];
	highlights: HighlightRow[];
	notes: NoteRow[];
}

/** Deletes a highlight together with the notes written on it, in one transaction. */
export async function deleteHighlight(id: string): Promise<DeletedAnnotations> {
	const database = db();
	return database.transaction('rw', database.highlights, database.notes, async () => {
		const highlight = await database.highlights.get(id);
		const notes = await database.notes.where('highlightId').equals(id).toArray();
		await database.notes.bulkDelete(notes.map((note) => note.id));
		await database.highlights.delete(id);
		return { bookmarks: [], highlights: highlight ? [highlight] : [], notes };
	});
}

export async function deleteNote(id: string): Promise<DeletedAnnotations> {
	const database = db();
	return database.transaction('rw', database.notes, async () => {
		const note = await database.notes.get(id);
		await database.notes.delete(id);
		return { bookmarks: [], highlights: [], notes: note ? [note] : [] };
	});
}

export async function deleteBookmark(articleId: string, paragraphId: string): Promise<DeletedAnnotations> {
	const database = db();
	const key = bookmarkKey(articleId, paragraphId);
	return database.transaction('rw', database.bookmarks, async () => {
		const bookmark = await database.bookmarks.get(key);
		await database.bookmarks.delete(key);
		return { bookmarks: bookmark ? [bookmark] : [], highlights: [], notes: [] };
	});
}

/** Deletes a paragraph's note and, with `bookmark`, the bookmark that shares its entry, in one transaction. */
export async function deleteNoteWithBookmark(
	id: string,
	bookmark?: { articleId: string; paragraphId: string }
): Promise<DeletedAnnotations> {
	const database = db();
	return database.transaction('rw', database.notes, database.bookmarks, async () => {
		const deleted = await deleteNote(id);
		return bookmark
			? { ...deleted, bookmarks: (await deleteBookmark(bookmark.articleId, bookmark.paragraphId)).bookmarks }
			: deleted;
	});
}

/** Gives a highlight these tags (already cleaned: notes/tags.ts); none removes the field. False if it is gone. */
export async function setHighlightTags(id: string, tags: readonly string[], now = Date.now()): Promise<boolean> {
	const database = db();
	return database.transaction('rw', database.highlights, async () => {
		const highlight = await database.highlights.get(id);
		if (!highlight) return false;
		const { tags: _old, ...rest } = highlight;
		await database.highlights.put(
			tags.length > 0 ? { ...rest, tags: [...tags], updatedAt: now } : { ...rest, updatedAt: now }
		);
		return true;
	});
}

export async function restoreAnnotations(deleted: DeletedAnnotations): Promise<void> {
	const database = db();
	await database.transaction('rw', database.bookmarks, database.highlights, database.notes, async () => {
		await database.bookmarks.bulkPut(deleted.bookmarks);
		await database.highlights.bulkPut(deleted.highlights);
		await database.notes.bulkPut(deleted.notes);
	});
}
