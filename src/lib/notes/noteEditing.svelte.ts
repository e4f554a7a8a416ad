import type { NoteRow } from '../model/notes.ts';
import { stores, type Stores } from '../db/lazy.ts';
import { maybeAskPersistence } from '../storage/persistence.ts';
import { NoteDraft, type DraftStatus } from './draft.ts';
import { clearJournal, writeJournal } from './journal.ts';

/** Where the note belongs: a paragraph, or one highlight in it. */
export interface NotePlace {
	articleId: string;
	paragraphId: string;
	highlightId: string | null;
}

/**
 * One note as it is typed: saved to the database as it changes (see draft.ts), and written to the
 * journal at every change so that a tab closed mid-save loses nothing (see journal.ts).
 */
export class NoteEditing {
	readonly #place: NotePlace;
	readonly #draft: NoteDraft;
	/** The stored version this editor last read or wrote: a save from an older one keeps the other text. */
	#base: number | undefined;

	constructor(
		place: NotePlace,
		note: NoteRow | undefined,
		onStatus: (status: DraftStatus) => void,
		loadStores: () => Promise<Stores> = stores,
		/** Told when another tab had changed the note: its text was kept as a note of its own. */
		onConflict: (kept: NoteRow) => void = () => {}
	) {
		this.#base = note?.updatedAt;
		this.#place = { articleId: place.articleId, paragraphId: place.paragraphId, highlightId: place.highlightId };
		this.#draft = new NoteDraft(note?.text ?? '', note?.id, {
			save: async (text, noteId) => {
				const { notes } = await loadStores();
				const saved = await notes.saveNote({ id: noteId, ...this.#place, text, baseUpdatedAt: this.#base });
				this.#base = saved.note?.updatedAt;
				if (saved.conflictCopy) onConflict(saved.conflictCopy);
				// A first note is worth keeping: ask the browser not to evict Duka's storage (asked once).
				void maybeAskPersistence();
				return saved.note?.id ?? noteId;
			},
			onStatus: (status) => {
				onStatus(status);
				if (status.state === 'saved') clearJournal(this.#place, this.#draft.savedText);
			}
		});
	}

	/** Takes the editor's text: journaled and saved at once, or saved as soon as the running save ends. */
	update(text: string): void {
		this.#draft.update(text);
		// Synchronous, unlike IndexedDB: survives the tab closing before the save commits.
		writeJournal({ ...this.#place, noteId: this.#draft.id, text, at: Date.now() });
	}

	/** Saves now whatever is unsaved; resolves when every save so far has finished. */
	flush(): Promise<void> {
		return this.#draft.flush();
	}
}
