/**
 * Saving a note as it is typed. There is no Save button to forget: a change starts a save at once, and
 * saves run one at a time, so what is typed while one runs is written, newest text only, the moment it
 * finishes. Keys typed in a burst are therefore two writes, not one per key, and an older text never lands
 * after a newer one. `flush()` resolves when the text typed so far is written (the editor calls it on blur,
 * on close and when the page is hidden).
 *
 * There is no pause before the first write because only what IndexedDB has committed survives a killed
 * browser process: the localStorage journal covers a closed tab, but Chromium writes localStorage to disk
 * seconds later. A pause is time in which a phone killing the app loses the note.
 */

import { validateNoteText } from './limits.ts';

export type DraftStatus =
	| { state: 'saved' }
	| { state: 'pending' }
	| { state: 'saving' }
	/** Refused, not cut: the text stays in the editor, unsaved, until it is short enough. */
	| { state: 'too-long'; over: number }
	| { state: 'error'; error: unknown };

export interface NoteDraftOptions {
	/**
	 * Writes `text` as the note with id `id` (undefined until the first save creates it) and returns the
	 * note's id. An empty text deletes the note; the id is kept, so typing again recreates the same note.
	 */
	save: (text: string, id: string | undefined) => Promise<string | undefined>;
	onStatus?: (status: DraftStatus) => void;
}

export class NoteDraft {
	#text: string;
	#saved: string;
	#id: string | undefined;
	/** The saves now running, one after another, until the database holds the newest text. */
	#writing: Promise<void> | undefined;
	#status: DraftStatus = { state: 'saved' };
	readonly #options: NoteDraftOptions;

	constructor(text: string, id: string | undefined, options: NoteDraftOptions) {
		this.#text = text;
		this.#saved = text;
		this.#id = id;
		this.#options = options;
	}

	get id(): string | undefined {
		return this.#id;
	}

	get text(): string {
		return this.#text;
	}

	/** The text the database holds, as far as this draft knows. */
	get savedText(): string {
		return this.#saved;
	}

	get status(): DraftStatus {
		return this.#status;
	}

	/** True while something typed is not in the database yet. */
	get dirty(): boolean {
		return this.#text !== this.#saved;
	}

	/** Takes the editor's text and saves it, at once or as soon as the save running now finishes. */
	update(text: string): void {
		this.#text = text;
		const check = validateNoteText(text);
		if (!check.ok) {
			this.#setStatus({ state: 'too-long', over: check.over });
			return;
		}
		if (!this.dirty) {
			if (this.#status.state !== 'saving') this.#setStatus({ state: 'saved' });
			return;
		}
		if (this.#writing) {
			this.#setStatus({ state: 'pending' });
			return;
		}
		void this.flush();
	}

	/** Saves now if anything is unsaved; resolves when the text typed so far is written or a save failed. */
	flush(): Promise<void> {
		if (!this.#writing && this.dirty && validateNoteText(this.#text).ok) this.#writing = this.#writeUntilSaved();
		return this.#writing ?? Promise.resolve();
	}

	async #writeUntilSaved(): Promise<void> {
		try {
			do {
				const text = this.#text;
				this.#setStatus({ state: 'saving' });
				try {
					this.#id = (await this.#options.save(text, this.#id)) ?? this.#id;
					this.#saved = text;
				} catch (error) {
					// The text stays in the editor and dirty, so the next change or flush tries again.
					this.#setStatus({ state: 'error', error });
					return;
				}
			} while (this.dirty && validateNoteText(this.#text).ok);
			// Otherwise the text is over the limit and its status says so already.
			if (!this.dirty) this.#setStatus({ state: 'saved' });
		} finally {
			// Cleared here, not in a `.finally()` callback, so a change made the moment the last save ends
			// starts a save of its own.
			this.#writing = undefined;
		}
	}

	#setStatus(status: DraftStatus): void {
		this.#status = status;
		this.#options.onStatus?.(status);
	}
}
