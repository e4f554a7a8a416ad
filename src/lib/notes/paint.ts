/**
 * The arithmetic behind painting highlights into a paragraph and reading a selection back out of it, kept
 * free of the DOM so it can be tested on its own. The paragraph's text is seen as a list of segments (its
 * text nodes, without pinyin ruby); offsets are UTF-16 code units into the paragraph text, as in anchor.ts.
 */

import type { HighlightRow } from '../model/notes.ts';
import { resolveAnchor, type TextAnchor } from './anchor.ts';

export type HighlightColor = HighlightRow['color'];

/** Toolbar order. A copy of the store's list: importing values from db/ would pull Dexie into the reader. */
export const HIGHLIGHT_COLORS: readonly HighlightColor[] = ['yellow', 'green', 'blue', 'pink'];

/** A stored highlight, as far as painting cares. */
export interface PaintableHighlight extends TextAnchor {
	id: string;
	color: HighlightColor;
	createdAt: number;
}

/** A highlight resolved against the text on screen. */
export interface PaintRange {
	id: string;
	start: number;
	end: number;
	color: HighlightColor;
	createdAt: number;
}

/** One stretch of one segment to wrap in a mark; `start`/`end` are offsets within that segment. */
export interface PaintPiece {
	segment: number;
	start: number;
	end: number;
	range: PaintRange;
}

/**
 * Resolves each highlight against `text`: the ones still found are painted (where they are now), the
 * detached ones are returned apart so the Notes screen can still list them.
 */
export function resolveHighlights<T extends PaintableHighlight>(
	highlights: readonly T[],
	text: string
): { ranges: PaintRange[]; detached: T[] } {
	const ranges: PaintRange[] = [];
	const detached: T[] = [];
	for (const highlight of highlights) {
		const resolved = resolveAnchor(highlight, text);
		if (resolved.status === 'detached' || resolved.start >= resolved.end) detached.push(highlight);
		else
			ranges.push({
				id: highlight.id,
				start: resolved.start,
				end: resolved.end,
				color: highlight.color,
				createdAt: highlight.createdAt
			});
	}
	return { ranges, detached };
}

/**
 * Where each segment gets a mark. Overlapping highlights do not nest: every stretch of text shows one of
 * them, the shortest (the most specific thing the reader picked out), ties going to the newest, so a tap
 * always reaches the highlight whose colour is showing.
 */
export function paintPieces(segmentLengths: readonly number[], ranges: readonly PaintRange[]): PaintPiece[] {
	const total = segmentLengths.reduce((sum, length) => sum + length, 0);
	const valid = ranges.filter((range) => range.start < range.end && range.start < total && range.end > 0);
	if (valid.length === 0) return [];

	const boundaries = [
		...new Set(valid.flatMap((range) => [Math.max(0, range.start), Math.min(total, range.end)]))
	].sort((a, b) => a - b);
	const stretches: { start: number; end: number; range: PaintRange }[] = [];
	for (let index = 0; index + 1 < boundaries.length; index++) {
		const start = boundaries[index] ?? 0;
		const end = boundaries[index + 1] ?? 0;
		let top: PaintRange | undefined;
		for (const range of valid) {
			if (range.start > start || range.end < end) continue;
			if (!top || isAbove(range, top)) top = range;
		}
		if (!top) continue;
		const previous = stretches[stretches.length - 1];
		if (previous && previous.range === top && previous.end === start) previous.end = end;
		else stretches.push({ start, end, range: top });
	}

	const pieces: PaintPiece[] = [];
	let segmentStart = 0;
	for (let segment = 0; segment < segmentLengths.length; segment++) {
		const segmentEnd = segmentStart + (segmentLengths[segment] ?? 0);
		for (const stretch of stretches) {
			const start = Math.max(stretch.start, segmentStart);
			const end = Math.min(stretch.end, segmentEnd);
			if (start < end)
				pieces.push({ segment, start: start - segmentStart, end: end - segmentStart, range: stretch.range });
		}
		segmentStart = segmentEnd;
	}
	return pieces;
}

function isAbove(candidate: PaintRange, current: PaintRange): boolean {
	const candidateLength = candidate.end - candidate.start;
	const currentLength = current.end - current.start;
	if (candidateLength !== currentLength) return candidateLength < currentLength;
	return candidate.createdAt > current.createdAt;
}

/**
 * A selection boundary as an offset into the paragraph text. `segment` is the index of the text segment the
 * boundary sits in and `offset` the position inside it; a boundary between elements is given as the number
 * of segments before it with `offset` 0. Out-of-range values are clamped.
 */
export function boundaryOffset(segmentLengths: readonly number[], segment: number, offset: number): number {
	let sum = 0;
	const last = Math.min(segment, segmentLengths.length);
	for (let index = 0; index < last; index++) sum += segmentLengths[index] ?? 0;
	const inside = segmentLengths[segment] ?? 0;
	return sum + Math.max(0, Math.min(offset, inside));
}
