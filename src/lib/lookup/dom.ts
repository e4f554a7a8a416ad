/**
 * The reader's side of word look-up, on the page: which word token a tap or key landed on, one roving tab
 * stop over the word tokens (a card has hundreds; Tab should not visit each), and showing the selected
 * characters in the text while the word sheet is open.
 */
import type { TextRange } from '../dictionary/lookup.ts';
import { textNodes } from '../notes/dom.ts';

/** Chinese word tokens and inline English terms, as ParagraphText renders them. */
const WORD_TOKEN = ':scope [data-paragraph-id] > p [data-token].word, :scope [data-paragraph-id] > p [data-token].term';

export interface TokenHit {
	paragraphId: string;
	index: number;
	element: HTMLElement;
}

/** The word token (Chinese or English) an event landed on in one of the card's paragraphs, or null. */
export function wordTokenAt(target: EventTarget | null, container: Element): TokenHit | null {
	const element = (target instanceof Element ? target : null)?.closest<HTMLElement>('[data-token]');
	if (!element || !container.contains(element) || !element.matches('.word, .term')) return null;
	const paragraphId = element.closest<HTMLElement>('[data-paragraph-id]')?.dataset.paragraphId;
	const index = Number(element.dataset.token);
	if (!paragraphId || !Number.isInteger(index)) return null;
	return { paragraphId, index, element };
}

/** The paragraph's text element: the `<p>` directly inside `[data-paragraph-id]`. */
export function paragraphElement(container: Element, paragraphId: string): HTMLElement | null {
	return container.querySelector<HTMLElement>(`[data-paragraph-id="${CSS.escape(paragraphId)}"] > p`);
}

export function tokenElement(container: Element, paragraphId: string, index: number): HTMLElement | null {
	return paragraphElement(container, paragraphId)?.querySelector<HTMLElement>(`[data-token="${index}"]`) ?? null;
}

/** The id of the element that explains the keys, set as each tab stop's description. */
export const WORD_HINT_ID = 'duka-word-hint';

/** Makes `element` the card's one tab stop among the word tokens. */
export function setTabStop(container: Element, element: HTMLElement): void {
	for (const other of container.querySelectorAll<HTMLElement>('[data-token][tabindex]')) {
		if (other === element) continue;
		other.removeAttribute('tabindex');
		other.removeAttribute('role');
		other.removeAttribute('aria-haspopup');
		other.removeAttribute('aria-describedby');
	}
	element.tabIndex = 0;
	element.setAttribute('aria-describedby', WORD_HINT_ID);
	// Only the tab stop is announced as a button: a role on every word would make a screen reader say "button" hundreds
	// of times.
	element.setAttribute('role', 'button');
	element.setAttribute('aria-haspopup', 'dialog');
}

/**
 * Puts the tab stop on `preferred`, else keeps the one there is, else puts it on the first word (after a re-render,
 * say).
 */
export function ensureTabStop(container: Element, preferred?: HTMLElement | null): void {
	if (preferred) return setTabStop(container, preferred);
	if (container.querySelector('[data-token][tabindex="0"]')) return;
	const first = container.querySelector<HTMLElement>(WORD_TOKEN);
	if (first) setTabStop(container, first);
}

/** The word token before or after `from`, across paragraphs, or null at either end of the card. */
export function neighbourToken(container: Element, from: HTMLElement, step: 1 | -1): HTMLElement | null {
	const tokens = [...container.querySelectorAll<HTMLElement>(WORD_TOKEN)];
	const index = tokens.indexOf(from);
	return index < 0 ? null : (tokens[index + step] ?? null);
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

const HIGHLIGHT = 'duka-lookup';
const FALLBACK = 'lookedUp';

/**
 * Shows the selected characters in the text: with the CSS Custom Highlight API where there is one, which
 * paints without touching the DOM (and so cannot upset the highlight marks or cause a re-layout), else by
 * marking the tokens the selection touches. Returns a function that clears it.
 */
export function showSelection(paragraph: Element, range: TextRange, tokenRanges: readonly TextRange[]): () => void {
	const highlights = typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined;
	const pieces = highlights && typeof Highlight !== 'undefined' ? textRanges(paragraph, range) : [];
	if (highlights && pieces.length > 0) {
		highlights.set(HIGHLIGHT, new Highlight(...pieces));
		return () => highlights.delete(HIGHLIGHT);
	}
	const marked: HTMLElement[] = [];
	tokenRanges.forEach((token, index) => {
		const element =
			token.end > range.start && token.start < range.end
				? paragraph.querySelector<HTMLElement>(`[data-token="${index}"]`)
				: null;
		if (element) {
			element.dataset[FALLBACK] = '';
			marked.push(element);
		}
	});
	return () => marked.forEach((element) => delete element.dataset[FALLBACK]);
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

/**
 * Taps and keys on the card's words: a tap (not the end of a text selection) or Enter/Space opens a word;
 * on a word, ← and → move the tab stop to the neighbouring word instead of changing cards.
 */
export function listenForWords(root: HTMLElement, onOpen: (hit: TokenHit) => void): () => void {
	const onClick = (event: MouseEvent) => {
		if (event.defaultPrevented || document.getSelection()?.isCollapsed === false) return;
		const hit = wordTokenAt(event.target, root);
		if (hit) onOpen(hit);
	};
	const onKeydown = (event: KeyboardEvent) => {
		const hit = wordTokenAt(event.target, root);
		// The target itself: Enter on a highlight inside a word opens the highlight, not the word.
		if (!hit || hit.element !== event.target || event.altKey || event.ctrlKey || event.metaKey) return;
		if (event.key === 'Enter' || event.key === ' ') onOpen(hit);
		else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
			const next = neighbourToken(root, hit.element, event.key === 'ArrowRight' ? 1 : -1);
			if (next) {
				setTabStop(root, next);
				next.focus();
			}
		} else return;
		event.preventDefault();
	};
	root.addEventListener('click', onClick);
	root.addEventListener('keydown', onKeydown);
	return () => {
		root.removeEventListener('click', onClick);
		root.removeEventListener('keydown', onKeydown);
	};
}

/**
 * While the word sheet is open: Escape closes it (focus back to the word); a press outside it closes it
 * (focus stays where the press put it), except on another word, which the sheet moves to; so does
 * starting a text selection in the card, which belongs to the highlight toolbar.
 */
export function dismissOnOutside(root: Element, close: (returnFocus: boolean) => void): () => void {
	const onPointerDown = (event: PointerEvent) => {
		const pressed = event.target instanceof Element ? event.target : null;
		if (pressed?.closest('[data-word-sheet]')) return;
		if (wordTokenAt(pressed, root) && !pressed?.closest('mark')) return;
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
