/**
 * Highlight anchors: where a highlight sits in a paragraph, stored so that it survives corrections to the
 * paragraph text (a fixed typo, changed punctuation, a sentence added before it).
 *
 * Offsets are UTF-16 code unit offsets, as the DOM's Range and Selection use, so the UI can hand them over
 * unchanged. A re-anchored range is widened to whole grapheme clusters, so it never splits a surrogate pair.
 */
import search from 'approx-string-match';

/** How much text either side of the quote is kept to tell repeated quotes apart and to re-anchor. */
export const ANCHOR_CONTEXT_LENGTH = 32;

/** Fuzzy re-anchoring accepts at most this many edits per code point of the quote. */
export const MAX_EDIT_RATIO = 0.2;

/** The stored shape; `HighlightRow` carries the same fields. */
export interface TextAnchor {
	/** Inclusive start, UTF-16 code units into the paragraph text. */
	start: number;
	/** Exclusive end. */
	end: number;
	quote: string;
	/** Up to `ANCHOR_CONTEXT_LENGTH` code units before the quote. */
	prefix: string;
	/** Up to `ANCHOR_CONTEXT_LENGTH` code units after the quote. */
	suffix: string;
}

export type AnchorStatus = 'exact' | 'moved' | 'detached';

export interface ResolvedAnchor {
	/**
	 * `exact`: the stored offsets still hold the quote. `moved`: the quote (or text within a few edits of it)
	 * was found elsewhere; `start`/`end` are its new place. `detached`: not found; `start === end` marks where
	 * it used to be (clamped into the text), so nothing gets painted by mistake.
	 */
	status: AnchorStatus;
	start: number;
	end: number;
}

/**
 * Anchors the selection [start, end) of `paragraphText`. Whitespace at either end of the selection is
 * dropped (double-click and drag selections pick it up), and the range is widened to whole grapheme clusters
 * so an emoji, a ZWJ sequence or a flag is never cut.
 * Throws `RangeError` for offsets outside the text, a reversed or empty range, or a whitespace-only selection.
 */
export function makeAnchor(paragraphText: string, start: number, end: number): TextAnchor {
	if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > paragraphText.length || start >= end) {
		throw new RangeError(
			`Selection [${start}, ${end}) is not a non-empty range within a paragraph of ${paragraphText.length} code units`
		);
	}
	let from = start;
	let to = end;
	while (from < to && isWhitespace(paragraphText.charCodeAt(from))) from++;
	while (to > from && isWhitespace(paragraphText.charCodeAt(to - 1))) to--;
	if (from === to) throw new RangeError('Selection contains only whitespace');
	[from, to] = widenToGraphemes(paragraphText, from, to);
	return {
		start: from,
		end: to,
		quote: paragraphText.slice(from, to),
		prefix: contextBefore(paragraphText, from),
		suffix: contextAfter(paragraphText, to)
	};
}

/**
 * Finds `anchor` in the paragraph's current text. Never throws; a malformed anchor is `detached`.
 *
 * Candidates are the verbatim occurrences of the quote or, when there are none and the quote is long enough
 * to allow an edit, the closest windows within `MAX_EDIT_RATIO` edits of it (found with approx-string-match,
 * as Hypothesis does). Each candidate scores how well the text around it matches the stored prefix/suffix,
 * minus its edit count; the best wins, ties go to the one nearest the old offset.
 */
export function resolveAnchor(anchor: TextAnchor, currentText: string): ResolvedAnchor {
	const { start, end, quote, prefix, suffix } = anchor;
	if (quote.length > 0 && Number.isInteger(start) && Number.isInteger(end) && end - start === quote.length) {
		if (start >= 0 && currentText.startsWith(quote, start)) return { status: 'exact', start, end };
	}
	const oldStart = Number.isInteger(start) ? start : 0;
	const detached: ResolvedAnchor = {
		status: 'detached',
		start: clamp(oldStart, 0, currentText.length),
		end: clamp(oldStart, 0, currentText.length)
	};
	if (quote.length === 0 || currentText.length === 0) return detached;

	const quotePoints = [...quote].length;
	const availableContext = prefix.length + suffix.length;
	let best: { start: number; end: number; score: number; distanceFromOld: number } | undefined;
	for (const candidate of candidates(currentText, quote, Math.floor(quotePoints * MAX_EDIT_RATIO))) {
		const before = currentText.slice(Math.max(0, candidate.start - prefix.length), candidate.start);
		const after = currentText.slice(candidate.end, candidate.end + suffix.length);
		const contextScore = similarity(prefix, before) + similarity(suffix, after);
		// A one- or two-character quote (的, AI) occurs all over a paragraph: without some of its old
		// surroundings, jumping to another occurrence would mark the wrong words.
		if (quotePoints < SHORT_QUOTE && availableContext > 0 && contextScore * 4 < availableContext) continue;
		const score = contextScore - candidate.errors;
		const distanceFromOld = Math.abs(candidate.start - oldStart);
		if (!best || score > best.score || (score === best.score && distanceFromOld < best.distanceFromOld)) {
			best = { start: candidate.start, end: candidate.end, score, distanceFromOld };
		}
	}
	if (!best) return detached;
	const [movedStart, movedEnd] = widenToGraphemes(currentText, best.start, best.end);
	return { status: 'moved', start: movedStart, end: movedEnd };
}

/** Quotes shorter than this (in code points) re-anchor only where some of their old context survives. */
const SHORT_QUOTE = 4;

interface Candidate {
	/** UTF-16 offsets into the current text. */
	start: number;
	end: number;
	errors: number;
}

function candidates(text: string, quote: string, maxErrors: number): Candidate[] {
	const exact: Candidate[] = [];
	for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
		exact.push({ start: at, end: at + quote.length, errors: 0 });
	}
	if (exact.length > 0 || maxErrors === 0) return exact;
	return search(text, quote, maxErrors);
}

/**
 * How many code units of `expected` are matched by `actual`: its length minus the errors of its best
 * approximate occurrence there.
 */
function similarity(expected: string, actual: string): number {
	if (expected.length === 0 || actual.length === 0) return 0;
	const errors = search(actual, expected, expected.length)[0]?.errors ?? expected.length;
	return expected.length - errors;
}

function contextBefore(text: string, quoteStart: number): string {
	let from = Math.max(0, quoteStart - ANCHOR_CONTEXT_LENGTH);
	if (from > 0 && isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from++;
	return text.slice(from, quoteStart);
}

function contextAfter(text: string, quoteEnd: number): string {
	let to = Math.min(text.length, quoteEnd + ANCHOR_CONTEXT_LENGTH);
	if (to < text.length && isHighSurrogate(text.charCodeAt(to - 1)) && isLowSurrogate(text.charCodeAt(to))) to--;
	return text.slice(quoteEnd, to);
}

let graphemeSegmenter: Intl.Segmenter | null | undefined;

function segmenter(): Intl.Segmenter | null {
	if (graphemeSegmenter === undefined) {
		graphemeSegmenter =
			typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
	}
	return graphemeSegmenter;
}

/** Widens [start, end) (start < end) to whole grapheme clusters; without Intl.Segmenter, to whole code points. */
function widenToGraphemes(text: string, start: number, end: number): [number, number] {
	const graphemes = segmenter();
	if (graphemes) {
		const segments = graphemes.segment(text);
		const first = segments.containing(start);
		const last = segments.containing(end - 1);
		return [first ? first.index : start, last ? last.index + last.segment.length : end];
	}
	let from = start;
	let to = end;
	if (isLowSurrogate(text.charCodeAt(from)) && isHighSurrogate(text.charCodeAt(from - 1))) from--;
	if (isHighSurrogate(text.charCodeAt(to - 1)) && isLowSurrogate(text.charCodeAt(to))) to++;
	return [from, to];
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

const WHITESPACE = /\s/;

function isWhitespace(code: number): boolean {
	return WHITESPACE.test(String.fromCharCode(code));
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}
