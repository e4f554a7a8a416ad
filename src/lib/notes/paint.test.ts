import { describe, expect, it } from 'vitest';
import { makeAnchor } from './anchor.ts';
import { boundaryOffset, paintPieces, resolveHighlights, type PaintRange } from './paint.ts';

const range = (id: string, start: number, end: number, createdAt = 0): PaintRange => ({
	id,
	start,
	end,
	color: 'yellow',
	createdAt
});

/** What the pieces would paint, as text: `[id:text]` for each piece, in order. */
function painted(segments: string[], ranges: PaintRange[]): string[] {
	return paintPieces(
		segments.map((segment) => segment.length),
		ranges
	).map((piece) => `${piece.range.id}:${segments[piece.segment]?.slice(piece.start, piece.end)}`);
}

describe('paintPieces', () => {
	it('splits one highlight across the segments it spans', () => {
		expect(painted(['我们是', '一家', 'infrastructure', '公司。'], [range('a', 2, 8)])).toEqual([
			'a:是',
			'a:一家',
			'a:inf'
		]);
	});

	it('paints nothing for no highlights, empty ranges or ranges beyond the text', () => {
		expect(painted(['abc'], [])).toEqual([]);
		expect(painted(['abc'], [range('a', 2, 2), range('b', 5, 9)])).toEqual([]);
	});

	it('clamps a range that runs past the end of the text', () => {
		expect(painted(['ab', 'cd'], [range('a', 1, 10)])).toEqual(['a:b', 'a:cd']);
	});

	it('shows the shorter of two overlapping highlights where they overlap', () => {
		expect(painted(['abcdefgh'], [range('long', 0, 8), range('short', 2, 4)])).toEqual([
			'long:ab',
			'short:cd',
			'long:efgh'
		]);
	});

	it('breaks ties between equally long highlights in favour of the newer one', () => {
		expect(painted(['abcdef'], [range('new', 2, 5, 2), range('old', 1, 4, 1)])).toEqual(['old:b', 'new:cde']);
		expect(painted(['abcdef'], [range('old', 0, 3, 1), range('new', 0, 3, 2)])).toEqual(['new:abc']);
	});

	it('keeps adjacent highlights apart and skips empty segments', () => {
		expect(painted(['ab', '', 'cd'], [range('a', 0, 2), range('b', 2, 4)])).toEqual(['a:ab', 'b:cd']);
	});

	it('never cuts a surrogate pair that the anchor kept whole', () => {
		const text = '好😀的';
		const anchor = makeAnchor(text, 1, 2);
		expect(painted(['好', '😀的'], [range('a', anchor.start, anchor.end)])).toEqual(['a:😀']);
	});
});

describe('boundaryOffset', () => {
	const lengths = [3, 2, 14, 3];

	it('adds the lengths of the segments before the boundary', () => {
		expect(boundaryOffset(lengths, 0, 0)).toBe(0);
		expect(boundaryOffset(lengths, 0, 2)).toBe(2);
		expect(boundaryOffset(lengths, 2, 5)).toBe(10);
		expect(boundaryOffset(lengths, 3, 3)).toBe(22);
	});

	it('treats a boundary after the last segment as the end of the text, and clamps', () => {
		expect(boundaryOffset(lengths, 4, 0)).toBe(22);
		expect(boundaryOffset(lengths, 9, 3)).toBe(22);
		expect(boundaryOffset(lengths, 1, 99)).toBe(5);
		expect(boundaryOffset(lengths, 1, -4)).toBe(3);
	});
});

describe('resolveHighlights', () => {
	const text = '我们是一家基础设施公司,不是芯片公司。';
	const highlight = (id: string, start: number, end: number, createdAt = 1) => ({
		id,
		color: 'green' as const,
		createdAt,
		...makeAnchor(text, start, end)
	});

	it('paints highlights where their words are now and sets aside the ones that are gone', () => {
		const kept = highlight('kept', 5, 9);
		const gone = { ...highlight('gone', 13, 15), quote: '显卡', prefix: '', suffix: '' };
		const edited = '序:' + text;
		const { ranges, detached } = resolveHighlights([kept, gone], edited);
		expect(ranges).toEqual([{ id: 'kept', start: 7, end: 11, color: 'green', createdAt: 1 }]);
		expect(edited.slice(7, 11)).toBe('基础设施');
		expect(detached.map((row) => row.id)).toEqual(['gone']);
	});
});
