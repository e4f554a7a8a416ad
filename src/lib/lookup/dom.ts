/**
 * The reader's side of word look-up, on the page. Paragraphs are text (ParagraphText), not one element per word:
 * the word a tap lands on is read from the caret position under the finger and the paragraph's tokens
 * (wordPosition.ts). Keyboard users get one tab stop, on a paragraph, with a word cursor inside it that ← and →
 * move; the cursor, the word being looked up and the word under the mouse are drawn with the CSS Custom Highlight
 * API, which paints without touching the DOM (and so cannot upset the highlight marks or cause a re-layout).
 */
import type { TextRange } from '../dictionary/lookup.ts';
import type { Paragraph } from '../model/articles.ts';
import { offsetAt, textNodes } from '../notes/dom.ts';
import { timingStart } from '../ui/perf.ts';
import { tokenRanges } from './word.ts';
import { characterUnder, firstWord, isWord, lastWord, stepWord, wordAtOffset } from './wordPosition.ts';

/** A word of the card: its paragraph and the index of its token there. */
export interface WordHit {
	paragraphId: string;
	index: number;
}

const PARAGRAPH_TEXT = '[data-paragraph-id] > p';

/** The paragraph's text element: the `<p>` directly inside `[data-paragraph-id]`. */
export function paragraphElement(container: Element, paragraphId: string): HTMLElement | null {
	return container.querySelector<HTMLElement>(`[data-paragraph-id="${CSS.escape(paragraphId)}"] > p`);
}

/** The paragraph text element an event target is in, with its paragraph id. */
function paragraphTextOf(target: EventTarget | null, container: Element): { root: HTMLElement; id: string } | null {
	const element = target instanceof Element ? target : target instanceof Node ? target.parentElement : null;
	const root = element?.closest<HTMLElement>(PARAGRAPH_TEXT);
	const id = root?.parentElement?.dataset.paragraphId;
	if (!root || !id || !container.contains(root) || element?.closest('[data-annotation-ui]')) return null;
	return { root, id };
}

/** The caret position under a point: `caretPositionFromPoint` where there is one, else WebKit's older call. */
function caretAt(x: number, y: number): { node: Node; offset: number } | null {
	if (typeof document.caretPositionFromPoint === 'function') {
		const position = document.caretPositionFromPoint(x, y);
		return position ? { node: position.offsetNode, offset: position.offset } : null;
	}
	const range = typeof document.caretRangeFromPoint === 'function' ? document.caretRangeFromPoint(x, y) : null;
	return range ? { node: range.startContainer, offset: range.startOffset } : null;
}

/**
 * Whether the characters [start, end) of the paragraph are drawn under the point. A little height is added above
 * and below each glyph box, so a finger between two lines' glyphs still counts for the nearer line.
 */
function covers(root: Element, range: TextRange, x: number, y: number): boolean {
	for (const piece of textRanges(root, range)) {
		for (const rect of piece.getClientRects()) {
			const slack = rect.height * 0.3;
			if (x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - slack && y <= rect.bottom + slack) return true;
		}
	}
	return false;
}

/** The word (Chinese or English) drawn under the point `x`, `y` of an event on `target`, or null. */
export function wordAtPoint(
	container: Element,
	paragraphs: readonly Paragraph[],
	target: EventTarget | null,
	x: number,
	y: number
): WordHit | null {
	const found = paragraphTextOf(target, container);
	const paragraph = found && paragraphs.find((candidate) => candidate.id === found.id);
	if (!found || !paragraph) return null;
	let offset: number | null;
	// A tap on a syllable of pinyin means its character.
	const ruby = (target instanceof Element ? target : null)?.closest('ruby');
	if (ruby && found.root.contains(ruby)) {
		const base = textNodes(ruby)[0];
		offset = base ? offsetAt(found.root, base, 0) : null;
	} else {
		const caret = caretAt(x, y);
		if (!caret || !found.root.contains(caret.node)) return null;
		const at = offsetAt(found.root, caret.node, caret.offset);
		offset = characterUnder(paragraph.text, at, (start, end) => covers(found.root, { start, end }, x, y));
	}
	const index = offset === null ? null : wordAtOffset(paragraph.tokens, offset);
	return index === null ? null : { paragraphId: paragraph.id, index };
}

/** Where a word is in its paragraph's text. */
export function wordRange(paragraphs: readonly Paragraph[], hit: WordHit): TextRange | undefined {
	const paragraph = paragraphs.find((candidate) => candidate.id === hit.paragraphId);
	return paragraph && isWord(paragraph.tokens[hit.index]) ? tokenRanges(paragraph.tokens)[hit.index] : undefined;
}

/** The id of the element that explains the keys, set as the tab stop's description. */
export const WORD_HINT_ID = 'duka-word-hint';

/** Makes `paragraph`'s text the card's one tab stop for reaching words. */
export function setTabStop(container: Element, paragraph: HTMLElement): void {
	for (const other of container.querySelectorAll<HTMLElement>(`${PARAGRAPH_TEXT}[tabindex]`)) {
		if (other === paragraph) continue;
		other.removeAttribute('tabindex');
		other.removeAttribute('aria-describedby');
	}
	paragraph.tabIndex = 0;
	paragraph.setAttribute('aria-describedby', WORD_HINT_ID);
}

/**
 * Puts the tab stop on `preferred`, else keeps the one there is, else puts it on the first paragraph with a word
 * (after a re-render, say).
 */
export function ensureTabStop(container: Element, paragraphs: readonly Paragraph[], preferred?: HTMLElement | null) {
	if (preferred) return setTabStop(container, preferred);
	if (container.querySelector(`${PARAGRAPH_TEXT}[tabindex="0"]`)) return;
	const first = firstWord(paragraphs);
	const element = first && paragraphElement(container, paragraphs[first.paragraph]?.id ?? '');
	if (element) setTabStop(container, element);
}

/**
 * One DOM range per text node over `[start, end)` of the paragraph's text as read, leaving out the pinyin ruby between
 * them.
 */
export function textRanges(paragraph: Element, range: TextRange): Range[] {
	const ranges: Range[] = [];
	let offset = 0;
	for (const node of textNodes(paragraph)) {
		const next = offset + node.length;
		const start = Math.max(range.start, offset);
		const end = Math.min(range.end, next);
		if (start < end) {
			const piece = document.createRange();
			piece.setStart(node, start - offset);
			piece.setEnd(node, end - offset);
			ranges.push(piece);
		}
		offset = next;
		if (offset >= range.end) break;
	}
	return ranges;
}

/** The word being looked up, the keyboard's word cursor, the word under the mouse, and a flashcard's word. */
export type WordMark = 'duka-lookup' | 'duka-word-cursor' | 'duka-word-hover' | 'duka-review-word';

const OVERLAY_CLASS = 'word-mark-overlay';

/**
 * Draws characters of a paragraph as one of the word marks: with the CSS Custom Highlight API where there is one,
 * else with boxes laid over the text (never inside it). Returns a function that clears it.
 */
export function markWord(paragraph: Element, range: TextRange, name: WordMark): () => void {
	const pieces = textRanges(paragraph, range);
	if (pieces.length === 0) return () => {};
	const highlights = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined;
	if (highlights && typeof Highlight !== 'undefined') {
		const highlight = new Highlight(...pieces);
		highlights.set(name, highlight);
		return () => {
			if (highlights.get(name) === highlight) highlights.delete(name);
		};
	}
	const boxes = pieces
		.flatMap((piece) => [...piece.getClientRects()])
		.map((rect) => {
			const box = document.createElement('div');
			box.className = OVERLAY_CLASS;
			box.dataset.mark = name;
			Object.assign(box.style, {
				left: `${rect.left + scrollX}px`,
				top: `${rect.top + scrollY}px`,
				width: `${rect.width}px`,
				height: `${rect.height}px`
			});
			return box;
		});
	document.body.append(...boxes);
	return () => boxes.forEach((box) => box.remove());
}

/** The rectangle around the selected characters, for placing the popover next to them. */
export function selectionRect(paragraph: Element, range: TextRange): DOMRect | undefined {
	const pieces = textRanges(paragraph, range);
	const first = pieces[0];
	const last = pieces.at(-1);
	if (!first || !last) return undefined;
	const whole = document.createRange();
	whole.setStart(first.startContainer, first.startOffset);
	whole.setEnd(last.endContainer, last.endOffset);
	return whole.getBoundingClientRect();
}

export interface WordListeners {
	/** The card's paragraphs, as rendered. */
	paragraphs: () => readonly Paragraph[];
	/** Where the keyboard's word cursor is, if anywhere. */
	cursor: () => WordHit | undefined;
	/** The cursor moves to `hit`, and focus with it to its paragraph. */
	onMove: (hit: WordHit) => void;
	/** A paragraph got or lost focus (the cursor is drawn only in a focused one). */
	onFocusChange: () => void;
	onOpen: (hit: WordHit) => void;
}

/**
 * Taps and keys on the card's words: a tap (not the end of a text selection) opens the word under it; on the
 * focused paragraph, Enter or Space opens the word at the cursor, ← and → move the cursor to the neighbouring
 * word (into the next paragraph at either end) instead of changing cards, Home and End to the paragraph's first and
 * last word. With a mouse, the word under the pointer is underlined.
 */
export function listenForWords(root: HTMLElement, listeners: WordListeners): () => void {
	const onClick = (event: MouseEvent) => {
		if (event.defaultPrevented || document.getSelection()?.isCollapsed === false) return;
		timingStart('duka:word');
		const hit = wordAtPoint(root, listeners.paragraphs(), event.target, event.clientX, event.clientY);
		if (hit) listeners.onOpen(hit);
	};
	const onKeydown = (event: KeyboardEvent) => {
		const found = paragraphTextOf(event.target, root);
		// The paragraph itself: Enter on a highlight inside it opens the highlight, not the word.
		if (!found || found.root !== event.target || event.altKey || event.ctrlKey || event.metaKey) return;
		const paragraphs = listeners.paragraphs();
		const here = paragraphs.findIndex((paragraph) => paragraph.id === found.id);
		const cursor = listeners.cursor();
		const at =
			cursor?.paragraphId === found.id
				? { paragraph: here, token: cursor.index }
				: (firstWord(paragraphs, here) ?? undefined);
		const toHit = (position: { paragraph: number; token: number } | null) =>
			position && { paragraphId: paragraphs[position.paragraph]?.id ?? '', index: position.token };
		let next: WordHit | null = null;
		if (event.key === 'Enter' || event.key === ' ') {
			const open = toHit(at ?? null);
			if (open) listeners.onOpen(open);
		} else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
			next = at ? toHit(stepWord(paragraphs, at, event.key === 'ArrowRight' ? 1 : -1)) : null;
		} else if (event.key === 'Home') next = toHit(firstWord(paragraphs, here));
		else if (event.key === 'End') next = toHit(lastWord(paragraphs, here));
		else return;
		if (next) listeners.onMove(next);
		event.preventDefault();
	};
	const onFocus = (event: FocusEvent) => {
		if (paragraphTextOf(event.target, root)?.root === event.target) listeners.onFocusChange();
	};
	// The word under the mouse, looked for once a frame at most.
	let clearHover = () => {};
	let pending: PointerEvent | undefined;
	const hoverFrame = () => {
		const event = pending;
		pending = undefined;
		clearHover();
		clearHover = () => {};
		const hit = event && wordAtPoint(root, listeners.paragraphs(), event.target, event.clientX, event.clientY);
		const range = hit && wordRange(listeners.paragraphs(), hit);
		const paragraph = hit && paragraphElement(root, hit.paragraphId);
		if (range && paragraph) clearHover = markWord(paragraph, range, 'duka-word-hover');
		root.style.cursor = hit ? 'pointer' : '';
	};
	const onPointerMove = (event: PointerEvent) => {
		if (event.pointerType !== 'mouse') return;
		if (!pending) requestAnimationFrame(hoverFrame);
		pending = event;
	};
	const onPointerLeave = () => {
		clearHover();
		clearHover = () => {};
		root.style.cursor = '';
	};
	root.addEventListener('click', onClick);
	root.addEventListener('keydown', onKeydown);
	root.addEventListener('focusin', onFocus);
	root.addEventListener('focusout', onFocus);
	root.addEventListener('pointermove', onPointerMove);
	root.addEventListener('pointerleave', onPointerLeave);
	return () => {
		root.removeEventListener('click', onClick);
		root.removeEventListener('keydown', onKeydown);
		root.removeEventListener('focusin', onFocus);
		root.removeEventListener('focusout', onFocus);
		root.removeEventListener('pointermove', onPointerMove);
		root.removeEventListener('pointerleave', onPointerLeave);
		onPointerLeave();
	};
}

/** The word cursor's paragraph, when it has focus. */
export function focusedParagraph(root: Element): HTMLElement | null {
	const active = document.activeElement;
	return active instanceof HTMLElement && active.matches(PARAGRAPH_TEXT) && root.contains(active) ? active : null;
}

/**
 * While the word sheet is open: Escape closes it (focus back to the word); a press outside it closes it
 * (focus stays where the press put it), except on another word, which the sheet moves to; so does
 * starting a text selection in the card, which belongs to the highlight toolbar.
 */
export function dismissOnOutside(
	root: Element,
	paragraphs: () => readonly Paragraph[],
	close: (returnFocus: boolean) => void
): () => void {
	const onPointerDown = (event: PointerEvent) => {
		const pressed = event.target instanceof Element ? event.target : null;
		if (pressed?.closest('[data-word-sheet]')) return;
		const onWord = wordAtPoint(root, paragraphs(), pressed, event.clientX, event.clientY);
		if (onWord && !pressed?.closest('mark')) return;
		close(false);
	};
	const onKeydown = (event: KeyboardEvent) => {
		if (event.key === 'Escape') close(true);
	};
	const onSelectionChange = () => {
		const selection = document.getSelection();
		const at = selection?.anchorNode;
		const inSheet = (at instanceof Element ? at : at?.parentElement)?.closest('[data-word-sheet]');
		if (selection && !selection.isCollapsed && at && root.contains(at) && !inSheet) close(false);
	};
	document.addEventListener('pointerdown', onPointerDown, true);
	document.addEventListener('keydown', onKeydown);
	document.addEventListener('selectionchange', onSelectionChange);
	return () => {
		document.removeEventListener('pointerdown', onPointerDown, true);
		document.removeEventListener('keydown', onKeydown);
		document.removeEventListener('selectionchange', onSelectionChange);
	};
}
