/**
 * Highlights on the page: reading a selection as offsets into a paragraph's text, and wrapping highlighted
 * text in `<mark>` elements. The paragraph is rendered by other components, so painting only ever splits
 * and wraps text nodes (never moves or replaces elements), and `unpaint` puts back the very text nodes it
 * found, so whatever rendered them keeps working.
 */

import { boundaryOffset, paintPieces, type PaintRange } from './paint.ts';

/** Pinyin ruby and anything marked as interface are not part of the paragraph's text. */
const NOT_TEXT = 'rt, rp, [data-annotation-ui]';

export const MARK_CLASS = 'duka-highlight';

export function textNodes(root: Element): Text[] {
	const nodes: Text[] = [];
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode(); node; node = walker.nextNode()) {
		const excluded = node.parentElement?.closest(NOT_TEXT);
		if (!excluded || !root.contains(excluded)) nodes.push(node as Text);
	}
	return nodes;
}

/** The paragraph's text as the reader sees it, without pinyin. */
export function visibleText(root: Element): string {
	return textNodes(root)
		.map((node) => node.data)
		.join('');
}

/** The offset into the paragraph text of a DOM boundary point (a selection's start or end). */
export function offsetAt(root: Element, container: Node, offset: number): number {
	const nodes = textNodes(root);
	const lengths = nodes.map((node) => node.length);
	const index = container.nodeType === Node.TEXT_NODE ? nodes.indexOf(container as Text) : -1;
	if (index !== -1) return boundaryOffset(lengths, index, offset);
	// A point between elements, or inside ruby text: everything that starts before it counts in full.
	const point = document.createRange();
	point.setStart(container, offset);
	const before = nodes.filter((node) => point.comparePoint(node, 0) < 0).length;
	return boundaryOffset(lengths, before, 0);
}

/**
 * Where a selection falls in one paragraph: the paragraph its start is in, or, for a selection that starts
 * above the paragraphs, the one its end is in. The part beyond that paragraph is left out.
 */
export function selectionIn(
	range: Range,
	roots: readonly Element[]
): { root: Element; start: number; end: number } | null {
	const startRoot = roots.find((root) => root.contains(range.startContainer));
	const root = startRoot ?? roots.find((root) => root.contains(range.endContainer));
	if (!root) return null;
	const start = startRoot ? offsetAt(root, range.startContainer, range.startOffset) : 0;
	const end = root.contains(range.endContainer)
		? offsetAt(root, range.endContainer, range.endOffset)
		: visibleText(root).length;
	return start < end ? { root, start, end } : null;
}

interface SplitText {
	/** The text node that was there before painting; it holds the first piece. */
	original: Text;
	text: string;
	parts: Text[];
}

const painted = new WeakMap<Element, SplitText[]>();

/** Wraps the ranges' text in marks. Call `unpaint` first when painting the same paragraph again. */
export function paint(root: Element, ranges: readonly PaintRange[], notes: ReadonlySet<string>): void {
	const nodes = textNodes(root);
	const pieces = paintPieces(
		nodes.map((node) => node.length),
		ranges
	);
	const splits: SplitText[] = [];
	const focusable = new Set<string>();
	for (const [segment, node] of nodes.entries()) {
		const own = pieces.filter((piece) => piece.segment === segment);
		if (own.length === 0) continue;
		const cuts = [...new Set(own.flatMap((piece) => [piece.start, piece.end]))]
			.filter((cut) => cut > 0 && cut < node.length)
			.sort((a, b) => a - b);
		const split: SplitText = { original: node, text: node.data, parts: [node] };
		let current = node;
		let consumed = 0;
		for (const cut of cuts) {
			current = current.splitText(cut - consumed);
			consumed = cut;
			split.parts.push(current);
		}
		let partStart = 0;
		for (const part of split.parts) {
			const piece = own.find((candidate) => candidate.start <= partStart && candidate.end >= partStart + part.length);
			partStart += part.length;
			if (!piece) continue;
			const mark = document.createElement('mark');
			mark.className = MARK_CLASS;
			mark.dataset.highlightId = piece.range.id;
			mark.dataset.color = piece.range.color;
			if (notes.has(piece.range.id)) mark.dataset.note = '';
			// One tab stop per highlight, on its first piece: keyboard users can open it with Enter.
			if (!focusable.has(piece.range.id)) {
				focusable.add(piece.range.id);
				mark.tabIndex = 0;
			}
			part.parentNode?.insertBefore(mark, part);
			mark.append(part);
		}
		splits.push(split);
	}
	painted.set(root, splits);
}

/** Removes the marks `paint` added, restoring the original text nodes with their whole text. */
export function unpaint(root: Element): void {
	for (const { original, text, parts } of painted.get(root) ?? []) {
		const host = (node: Text) => (node.parentElement?.classList.contains(MARK_CLASS) ? node.parentElement : node);
		const first = host(original);
		if (first !== original) first.parentNode?.insertBefore(original, first);
		original.data = text;
		if (first !== original) first.remove();
		for (const part of parts.slice(1)) host(part).remove();
	}
	painted.delete(root);
	// When the paragraph re-renders, the renderer removes the text nodes it made but not the marks around
	// them; those are left empty.
	for (const mark of root.querySelectorAll(`mark.${MARK_CLASS}`)) if (!mark.firstChild) mark.remove();
}
