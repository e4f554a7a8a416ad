/**
 * Limits on what a note may hold. A note that breaks one is refused with a reason, never shortened: cutting
 * text the user wrote would lose it silently.
 */

/**
 * Longest note, in UTF-16 code units: the unit `String.length` and `<textarea maxlength>` count in, so the
 * editor's counter and this check always agree. Generous for a note; it guards parsing and storage cost.
 */
export const MAX_NOTE_LENGTH = 100_000;

export type NoteTextCheck =
	| { ok: true }
	| {
			ok: false;
			reason: 'too-long';
			length: number;
			max: number;
			/** How many code units must go; always at least 1. */
			over: number;
			/** English explanation for logs and tests; the UI words its own message from the numbers. */
			message: string;
	  };

/** Checks a note before it is saved. Never alters the text: callers store exactly what was typed. */
export function validateNoteText(text: string): NoteTextCheck {
	if (text.length <= MAX_NOTE_LENGTH) return { ok: true };
	const over = text.length - MAX_NOTE_LENGTH;
	return {
		ok: false,
		reason: 'too-long',
		length: text.length,
		max: MAX_NOTE_LENGTH,
		over,
		message: `Note is ${over.toLocaleString('en')} character${over === 1 ? '' : 's'} over the limit of ${MAX_NOTE_LENGTH.toLocaleString('en')} (${text.length.toLocaleString('en')} in all).`
	};
}
