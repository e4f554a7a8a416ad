/**
 * Search over notes and highlights: case-insensitive substring matching, which suits Chinese (no word
 * boundaries to find) as well as English. Every whitespace-separated term must occur somewhere in the item;
 * all occurrences come back as ranges for highlighting. Results keep the input order (reading order).
 */

/** What a note or highlight offers to search. Pass '' for a field it does not have. */
export interface SearchableNote {
	/** The note as the list shows it; `markdownToPlainText` of the note keeps ranges aligned with a plain snippet. */
	noteText: string;
	quote: string;
	cardTitleZh: string;
	cardTitleEn: string;
}

export type NoteSearchField = keyof SearchableNote;

/** Fields in the order their matches are listed. */
export const NOTE_SEARCH_FIELDS: readonly NoteSearchField[] = ['noteText', 'quote', 'cardTitleZh', 'cardTitleEn'];

export interface NoteSearchMatch {
	field: NoteSearchField;
	/** UTF-16 offsets into the field's original text, [start, end); overlapping ranges are merged. */
	start: number;
	end: number;
}

export interface NoteSearchResult<T extends SearchableNote> {
	item: T;
	/** Sorted by field (as in `NOTE_SEARCH_FIELDS`), then by start. */
	matches: NoteSearchMatch[];
}

/** Items matching every term of `query`; a blank query matches nothing (the caller shows everything). */
export function searchNotes<T extends SearchableNote>(items: readonly T[], query: string): NoteSearchResult<T>[] {
	const terms = [
		...new Set(
			foldCase(query)
				.split(/\s+/u)
				.filter((term) => term.length > 0)
		)
	];
	if (terms.length === 0) return [];
	const results: NoteSearchResult<T>[] = [];
	const folded: string[] = [];
	for (const item of items) {
		for (let field = 0; field < NOTE_SEARCH_FIELDS.length; field++)
			folded[field] = foldCase(item[NOTE_SEARCH_FIELDS[field] ?? 'noteText']);
		if (terms.every((term) => folded.some((text) => text.includes(term)))) {
			results.push({ item, matches: matchRanges(folded, terms) });
		}
	}
	return results;
}

function matchRanges(folded: readonly string[], terms: readonly string[]): NoteSearchMatch[] {
	const matches: NoteSearchMatch[] = [];
	for (let fieldIndex = 0; fieldIndex < NOTE_SEARCH_FIELDS.length; fieldIndex++) {
		const field = NOTE_SEARCH_FIELDS[fieldIndex] ?? 'noteText';
		const text = folded[fieldIndex] ?? '';
		const ranges: [number, number][] = [];
		for (const term of terms) {
			for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + 1)) ranges.push([at, at + term.length]);
		}
		// One term's occurrences come in order already; several terms' need sorting before merging.
		if (terms.length > 1) ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
		let current: NoteSearchMatch | undefined;
		for (const [start, end] of ranges) {
			if (current && start <= current.end) current.end = Math.max(current.end, end);
			else {
				current = { field, start, end };
				matches.push(current);
			}
		}
	}
	return matches;
}

/**
 * Lower case without changing length, so offsets in the folded text are offsets in the original. Only
 * U+0130 (İ) lengthens when lower-cased, and no character shortens; that one keeps its case.
 */
export function foldCase(text: string): string {
	const lower = text.toLowerCase();
	if (lower.length === text.length) return lower;
	let folded = '';
	for (const char of text) {
		const lowerChar = char.toLowerCase();
		folded += lowerChar.length === char.length ? lowerChar : char;
	}
	return folded;
}
