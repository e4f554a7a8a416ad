import type { BookmarkRow, HighlightRow, NoteRow } from '../model/notes.ts';
import { stores } from '../db/lazy.ts';
import type { DeletedAnnotations } from '../db/notes.ts';
import type { TextAnchor } from './anchor.ts';
import { recoverJournal } from './journal.ts';
import type { HighlightColor } from './paint.ts';

interface Annotations {
	bookmarks: readonly BookmarkRow[];
	highlights: readonly HighlightRow[];
	notes: readonly NoteRow[];
}

/** What the note sheet is editing: a note on a whole paragraph, or on one highlight. */
export interface NoteTarget {
	articleId: string;
	paragraphId: string;
	highlightId: string | null;
	/** Shown above the editor so the reader sees what the note is about. */
	quote: string;
}

let recovery: Promise<number> | undefined;

/** Saves notes typed just before a tab closed (see journal.ts); once per page load, before anything is shown. */
export function recoverNoteDrafts(): Promise<number> {
	recovery ??= stores().then(({ notes }) => recoverJournal(notes));
	return recovery;
}

const EMPTY: Annotations = { bookmarks: [], highlights: [], notes: [] };

let byArticle = $state.raw<Record<string, Annotations>>({});
let editing = $state.raw<NoteTarget | null>(null);
// Not reactive: only `follow` reads it.
const following: Record<string, true> = {};

function set(articleId: string, annotations: Annotations): void {
	byArticle = { ...byArticle, [articleId]: annotations };
}

/**
 * The reader's view of one article's bookmarks, highlights and notes, kept live (a note saved in another
 * tab shows up here). Once followed, an article stays followed: moving card to card must not flash
 * every mark off and on again, and there are only a few articles.
 */
export const readerNotes = {
	// A hand-written watch, not a LiveQuery (ui/live.svelte.ts): the reader shows a new bookmark or
	// highlight before its write commits (see toggleBookmark, addHighlight), and a LiveQuery holds only
	// what the database last answered.
	follow(articleId: string): void {
		if (following[articleId]) return;
		following[articleId] = true;
		void recoverNoteDrafts()
			.catch(() => 0)
			.then(() => stores())
			.then(({ notes, watch }) =>
				watch(
					() => notes.annotationsFor(articleId),
					(value) => set(articleId, value)
				)
			);
	},
	of(articleId: string): Annotations {
		return byArticle[articleId] ?? EMPTY;
	},
	isBookmarked(articleId: string, paragraphId: string): boolean {
		return readerNotes.of(articleId).bookmarks.some((bookmark) => bookmark.paragraphId === paragraphId);
	},
	async toggleBookmark(articleId: string, paragraphId: string): Promise<void> {
		// Shown at once; the live query confirms it (or puts it back if the write failed).
		const current = readerNotes.of(articleId);
		const bookmarks = readerNotes.isBookmarked(articleId, paragraphId)
			? current.bookmarks.filter((bookmark) => bookmark.paragraphId !== paragraphId)
			: [...current.bookmarks, { key: `${articleId}/${paragraphId}`, articleId, paragraphId, createdAt: Date.now() }];
		set(articleId, { ...current, bookmarks });
		const { notes } = await stores();
		await notes.toggleBookmark(articleId, paragraphId);
	},
	async addHighlight(
		articleId: string,
		paragraphId: string,
		anchor: TextAnchor,
		color: HighlightColor
	): Promise<HighlightRow> {
		const { notes } = await stores();
		const row = await notes.addHighlight(articleId, paragraphId, anchor, color);
		const current = readerNotes.of(articleId);
		if (!current.highlights.some((highlight) => highlight.id === row.id))
			set(articleId, { ...current, highlights: [...current.highlights, row] });
		return row;
	},
	async recolour(highlightId: string, color: HighlightColor): Promise<void> {
		const { notes } = await stores();
		await notes.recolourHighlight(highlightId, color);
	},
	async deleteHighlight(highlightId: string): Promise<DeletedAnnotations> {
		const { notes } = await stores();
		return notes.deleteHighlight(highlightId);
	},
	async restore(deleted: DeletedAnnotations): Promise<void> {
		const { notes } = await stores();
		await notes.restoreAnnotations(deleted);
	},
	get editing(): NoteTarget | null {
		return editing;
	},
	openNote(target: NoteTarget): void {
		editing = target;
	},
	closeNote(): void {
		editing = null;
	}
};
