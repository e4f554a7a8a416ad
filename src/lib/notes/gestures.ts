/**
 * The reader's side of highlighting, on the page: which paragraph a selection is in, painting a card's
 * highlights (again whenever its paragraphs are re-rendered), and the taps, keys and scrolls the
 * highlight toolbar follows.
 */

import { makeAnchor, type TextAnchor } from './anchor.ts';
import { MARK_CLASS, paint, selectionIn, unpaint, visibleText } from './dom.ts';
import { resolveHighlights, type PaintableHighlight } from './paint.ts';

export interface Box {
	top: number;
	bottom: number;
	left: number;
	right: number;
}

export interface PendingSelection {
	paragraphId: string;
	anchor: TextAnchor;
	box: Box;
}

export function boxOf(rect: DOMRect): Box {
	return { top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right };
}

/** Each paragraph's text element by paragraph id: the `<p>` directly inside `[data-paragraph-id]`. */
export function paragraphRoots(root: Element): [string, Element][] {
	const roots: [string, Element][] = [];
	for (const section of root.querySelectorAll<HTMLElement>('[data-paragraph-id]')) {
		const text = section.querySelector(':scope > p');
		if (text && section.dataset.paragraphId) roots.push([section.dataset.paragraphId, text]);
	}
	return roots;
}

/** The current selection as an anchor in one of `root`'s paragraphs, or null when there is nothing to highlight. */
export function readSelection(root: Element): PendingSelection | null {
	const selection = document.getSelection();
	if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
	const range = selection.getRangeAt(0);
	const roots = paragraphRoots(root);
	const found = selectionIn(
		range,
		roots.map(([, text]) => text)
	);
	const paragraphId = found && roots.find(([, text]) => text === found.root)?.[0];
	if (!found || !paragraphId) return null;
	try {
		return {
			paragraphId,
			anchor: makeAnchor(visibleText(found.root), found.start, found.end),
			box: boxOf(range.getBoundingClientRect())
		};
	} catch {
		return null; // only whitespace selected
	}
}

/** The rectangle around every piece of a painted highlight. */
export function highlightBox(root: Element, highlightId: string): Box | undefined {
	const rects = [...root.querySelectorAll<HTMLElement>(`mark.${MARK_CLASS}`)]
		.filter((mark) => mark.dataset.highlightId === highlightId)
		.map((mark) => mark.getBoundingClientRect());
	if (rects.length === 0) return undefined;
	return {
		top: Math.min(...rects.map((rect) => rect.top)),
		bottom: Math.max(...rects.map((rect) => rect.bottom)),
		left: Math.min(...rects.map((rect) => rect.left)),
		right: Math.max(...rects.map((rect) => rect.right))
	};
}

/**
 * Paints `highlights` into `root`'s paragraphs, where each one's words are now (detached ones are not
 * painted), and again whenever a paragraph is re-rendered (pinyin switched on, say). Returns `stop`,
 * which removes every mark.
 */
export function paintCard(
	root: Element,
	highlights: readonly (PaintableHighlight & { paragraphId: string })[],
	withNotes: ReadonlySet<string>
): () => void {
	const observer = new MutationObserver((records) => {
		const texts = paragraphRoots(root).map(([, text]) => text);
		// Only changes inside a paragraph's text, or a paragraph rendered anew; the toolbar and sheet come and
		// go inside the card too, and repainting for them would pull marks out from under focus.
		const touched = (record: MutationRecord) =>
			texts.some((text) => text.contains(record.target) || [...record.addedNodes].some((node) => node.contains(text)));
		if (records.some(touched)) repaint();
	});
	const repaint = () => {
		observer.disconnect();
		for (const [paragraphId, text] of paragraphRoots(root)) {
			unpaint(text);
			const own = highlights.filter((highlight) => highlight.paragraphId === paragraphId);
			if (own.length > 0) paint(text, resolveHighlights(own, visibleText(text)).ranges, withNotes);
		}
		observer.observe(root, { childList: true, subtree: true, characterData: true });
	};
	repaint();
	return () => {
		observer.disconnect();
		for (const [, text] of paragraphRoots(root)) unpaint(text);
	};
}

export interface GestureHandlers {
	/** The selection changed: what could be highlighted now, or null. */
	onSelection: (selection: PendingSelection | null) => void;
	/** A highlight was tapped, or chosen with Enter or Space (`byKey`: then focus belongs in the toolbar). */
	onTap: (highlightId: string, box: Box, byKey: boolean) => void;
	/** Escape, or a press outside `keepOpen`. */
	onDismiss: () => void;
	/** The page scrolled: toolbars follow their words. */
	onScroll: () => void;
	/** Selection changes are ignored while this says so (a press on the toolbar collapses a touch selection). */
	paused: () => boolean;
	/** Presses inside this element do not dismiss. */
	keepOpen: string;
}

export function listenForGestures(root: Element, handlers: GestureHandlers): () => void {
	const onSelectionChange = () => {
		if (!handlers.paused()) handlers.onSelection(readSelection(root));
	};
	const openMark = (event: Event) => {
		const mark = (event.target as Element | null)?.closest?.<HTMLElement>(`mark.${MARK_CLASS}`);
		const id = mark?.dataset.highlightId;
		if (!mark || !id || !root.contains(mark)) return;
		if (document.getSelection()?.isCollapsed === false) return; // the end of a selection, not a tap
		// A tap on a highlight opens its toolbar instead of the word look-up underneath.
		event.stopPropagation();
		event.preventDefault();
		handlers.onTap(id, highlightBox(root, id) ?? boxOf(mark.getBoundingClientRect()), event.type === 'keydown');
	};
	const onKeydown = (event: KeyboardEvent) => {
		if (event.key === 'Escape') handlers.onDismiss();
		else if (
			(event.key === 'Enter' || event.key === ' ') &&
			(event.target as Element | null)?.matches?.(`mark.${MARK_CLASS}`)
		)
			openMark(event);
	};
	const onPointerDown = (event: PointerEvent) => {
		const target = event.target as Element | null;
		if (!target?.closest?.(handlers.keepOpen) && !target?.closest?.(`mark.${MARK_CLASS}`)) handlers.onDismiss();
	};
	const onScroll = () => handlers.onScroll();
	document.addEventListener('selectionchange', onSelectionChange);
	root.addEventListener('click', openMark, true);
	document.addEventListener('keydown', onKeydown);
	document.addEventListener('pointerdown', onPointerDown, true);
	window.addEventListener('scroll', onScroll, { passive: true });
	return () => {
		document.removeEventListener('selectionchange', onSelectionChange);
		root.removeEventListener('click', openMark, true);
		document.removeEventListener('keydown', onKeydown);
		document.removeEventListener('pointerdown', onPointerDown, true);
		window.removeEventListener('scroll', onScroll);
	};
}
