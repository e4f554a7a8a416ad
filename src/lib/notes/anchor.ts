/**
 * Highlight anchors: where a highlight sits in a paragraph, stored so that it survives corrections to the
 * paragraph text (a fixed typo, changed punctuation, a sentence added before it).
 *
 * Offsets are UTF-16 code unit offsets, as the DOM's Range and Selection use, so the UI can hand them over
 * unchanged. Matching works on code points, so a re-anchored range never splits a surrogate pair.
 */

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
 * Candidates are every verbatim occurrence of the quote and, for quotes long enough to allow an edit, every
 * window within `MAX_EDIT_RATIO` edits of it. Each candidate scores how well the text around it matches the
 * stored prefix/suffix, minus its edit distance; the best wins, ties go to the one nearest the old offset.
 */
export function resolveAnchor(anchor: TextAnchor, currentText: string): ResolvedAnchor {
	const { start, end, quote } = anchor;
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

	const text = codePoints(currentText);
	const quotePoints = codePoints(quote).points;
	const prefixPoints = codePoints(anchor.prefix).points;
	const suffixPoints = codePoints(anchor.suffix).points;
	const maxEdits = Math.floor(quotePoints.length * MAX_EDIT_RATIO);

	const candidates = exactMatches(text.points, quotePoints);
	if (maxEdits > 0) candidates.push(...approximateMatches(text.points, quotePoints, maxEdits));

	const availableContext = prefixPoints.length + suffixPoints.length;
	let best: { start: number; end: number; score: number; distanceFromOld: number } | undefined;
	for (const candidate of candidates) {
		const before = text.points.slice(Math.max(0, candidate.start - prefixPoints.length), candidate.start);
		const after = text.points.slice(candidate.end, candidate.end + suffixPoints.length);
		const contextScore = similarity(prefixPoints, before) + similarity(suffixPoints, after);
		// A one- or two-character quote (的, AI) occurs all over a paragraph: without some of its old
		// surroundings, jumping to another occurrence would mark the wrong words.
		if (quotePoints.length < SHORT_QUOTE && availableContext > 0 && contextScore * 4 < availableContext) continue;
		const startOffset = text.offsets[candidate.start] ?? currentText.length;
		const endOffset = text.offsets[candidate.end] ?? currentText.length;
		const score = contextScore - candidate.edits;
		const distanceFromOld = Math.abs(startOffset - oldStart);
		if (!best || score > best.score || (score === best.score && distanceFromOld < best.distanceFromOld)) {
			best = { start: startOffset, end: endOffset, score, distanceFromOld };
		}
	}
	if (!best) return detached;
	const [movedStart, movedEnd] = widenToGraphemes(currentText, best.start, best.end);
	return { status: 'moved', start: movedStart, end: movedEnd };
}

/** Quotes shorter than this (in code points) re-anchor only where some of their old context survives. */
const SHORT_QUOTE = 4;

interface Candidate {
	/** Code point indices. */
	start: number;
	end: number;
	edits: number;
}

interface CodePoints {
	points: number[];
	/** `offsets[i]` is the UTF-16 offset of code point i; `offsets[points.length]` is the text's length. */
	offsets: number[];
}

function codePoints(text: string): CodePoints {
	const points: number[] = [];
	const offsets: number[] = [];
	let offset = 0;
	while (offset < text.length) {
		const point = text.codePointAt(offset) ?? 0;
		points.push(point);
		offsets.push(offset);
		offset += point > 0xffff ? 2 : 1;
	}
	offsets.push(text.length);
	return { points, offsets };
}

function exactMatches(text: number[], quote: number[]): Candidate[] {
	const matches: Candidate[] = [];
	const first = quote[0];
	for (let start = 0; start + quote.length <= text.length; start++) {
		if (text[start] !== first) continue;
		let length = 1;
		while (length < quote.length && text[start + length] === quote[length]) length++;
		if (length === quote.length) matches.push({ start, end: start + quote.length, edits: 0 });
	}
	return matches;
}

/**
 * Sellers' algorithm: edit distance between `quote` and the best text window ending at each position, with
 * the window's start carried along. O(quote × text), which for a paragraph is a few hundred thousand steps.
 */
function approximateMatches(text: number[], quote: number[], maxEdits: number): Candidate[] {
	const rows = quote.length + 1;
	let cost = new Int32Array(rows);
	let windowStart = new Int32Array(rows);
	let nextCost = new Int32Array(rows);
	let nextWindowStart = new Int32Array(rows);
	for (let row = 0; row < rows; row++) cost[row] = row;

	const matches: Candidate[] = [];
	for (let column = 1; column <= text.length; column++) {
		const textPoint = text[column - 1];
		// Row 0 costs nothing anywhere: a match may begin at any position.
		nextCost[0] = 0;
		nextWindowStart[0] = column;
		for (let row = 1; row < rows; row++) {
			const substitute = (cost[row - 1] ?? 0) + (quote[row - 1] === textPoint ? 0 : 1);
			const skipTextPoint = (cost[row] ?? 0) + 1;
			const skipQuotePoint = (nextCost[row - 1] ?? 0) + 1;
			if (substitute <= skipTextPoint && substitute <= skipQuotePoint) {
				nextCost[row] = substitute;
				nextWindowStart[row] = windowStart[row - 1] ?? 0;
			} else if (skipTextPoint <= skipQuotePoint) {
				nextCost[row] = skipTextPoint;
				nextWindowStart[row] = windowStart[row] ?? 0;
			} else {
				nextCost[row] = skipQuotePoint;
				nextWindowStart[row] = nextWindowStart[row - 1] ?? 0;
			}
		}
		const edits = nextCost[rows - 1] ?? maxEdits + 1;
		if (edits <= maxEdits) matches.push({ start: nextWindowStart[rows - 1] ?? 0, end: column, edits });
		[cost, nextCost] = [nextCost, cost];
		[windowStart, nextWindowStart] = [nextWindowStart, windowStart];
	}
	return matches;
}

/** How many code points of `expected` are matched by `actual` (its length minus the edit distance). */
function similarity(expected: number[], actual: number[]): number {
	return expected.length - editDistance(expected, actual);
}

function editDistance(a: number[], b: number[]): number {
	if (a.length === 0) return b.length;
	if (b.length === 0) return a.length;
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	let current = new Array<number>(b.length + 1).fill(0);
	for (let i = 1; i <= a.length; i++) {
		current[0] = i;
		for (let j = 1; j <= b.length; j++) {
			const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
			current[j] = Math.min(substitution, (previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1);
		}
		[previous, current] = [current, previous];
	}
	return previous[b.length] ?? 0;
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
