/**
 * Saving a note as it is typed. There is no Save button to forget: every change is written after a short
 * pause, and `flush()` writes at once (the editor calls it on blur, on close and when the page is hidden),
 * so closing the tab mid-sentence loses nothing. Saves run one at a time, in order, so an older text never
 * lands after a newer one.
 */

import { validateNoteText } from './limits.ts';

/**
 * Pause after the last keystroke before saving, so a burst of keys is one write: short, because the
 * localStorage journal does not survive a killed browser process, and only what IndexedDB has committed
 * does. One small row per pause is cheap.
 */
export const NOTE_SAVE_DELAY_MS = 30;

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
	delay?: number;
}

export class NoteDraft {
	#text: string;
	#saved: string;
	#id: string | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#queue: Promise<void> = Promise.resolve();
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

	/** Takes the editor's text and schedules a save. */
	update(text: string): void {
		this.#text = text;
		this.#cancelTimer();
		const check = validateNoteText(text);
		if (!check.ok) {
			this.#setStatus({ state: 'too-long', over: check.over });
			return;
		}
		if (!this.dirty) {
			if (this.#status.state !== 'saving') this.#setStatus({ state: 'saved' });
			return;
		}
		this.#setStatus({ state: 'pending' });
		this.#timer = setTimeout(() => void this.flush(), this.#options.delay ?? NOTE_SAVE_DELAY_MS);
	}

	/** Saves now if anything is unsaved; resolves when every save so far has finished. */
	flush(): Promise<void> {
		this.#cancelTimer();
		if (this.dirty && validateNoteText(this.#text).ok) {
			const text = this.#text;
			this.#queue = this.#queue.then(() => this.#write(text));
		}
		return this.#queue;
	}

	async #write(text: string): Promise<void> {
		// An earlier save in the queue may already have written this text.
		if (text === this.#saved) return;
		this.#setStatus({ state: 'saving' });
		try {
			this.#id = (await this.#options.save(text, this.#id)) ?? this.#id;
			this.#saved = text;
			if (!this.dirty) this.#setStatus({ state: 'saved' });
			else if (validateNoteText(this.#text).ok) this.#setStatus({ state: 'pending' });
		} catch (error) {
			// The text stays in the editor and dirty, so the next change or flush tries again.
			this.#setStatus({ state: 'error', error });
		}
	}

	#cancelTimer(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		this.#timer = undefined;
	}

	#setStatus(status: DraftStatus): void {
		this.#status = status;
		this.#options.onStatus?.(status);
	}
}
