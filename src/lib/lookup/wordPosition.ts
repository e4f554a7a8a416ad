/**
 * Which word of a card a tap or a key lands on, without the DOM: the paragraphs are rendered as text (not one
 * element per word), so a tap is read as an offset into the paragraph text and the paragraph's tokens say which
 * word holds it. Offsets are UTF-16 code units into the paragraph text, as in dictionary/lookup.ts.
 */
import type { Token } from '../model/articles.ts';

/** A word of the card: the index of its paragraph and of its token there. */
export interface WordPosition {
	paragraph: number;
	token: number;
}

/** Chinese words and inline English terms can be looked up; punctuation, digits and spaces cannot. */
export function isWord(token: Token | undefined): boolean {
	return token !== undefined && token.k !== 'p';
}

/** The token holding the character that starts at `offset`, when it is a word; null for punctuation or outside. */
export function wordAtOffset(tokens: readonly Token[], offset: number): number | null {
	if (!Number.isInteger(offset) || offset < 0) return null;
	let start = 0;
	for (const [index, token] of tokens.entries()) {
		const end = start + token.s.length;
		if (offset < end) return isWord(token) ? index : null;
		start = end;
	}
	return null;
}

/**
 * The character under a point, from the caret offset the browser gives for it: the caret falls on the nearer edge
 * of the character, so the character is the one after the caret or the one before it, whichever `covers` the point
 * (`covers(start, end)` measures the characters on screen). Returns its start offset, or null (a point in the
 * margin, or between lines, is on no character).
 */
export function characterUnder(
	text: string,
	caret: number,
	covers: (start: number, end: number) => boolean
): number | null {
	if (!Number.isInteger(caret) || caret < 0 || caret > text.length) return null;
	const after = codePointAt(text, caret);
	if (after && covers(after.start, after.end)) return after.start;
	const before = codePointBefore(text, caret);
	if (before && covers(before.start, before.end)) return before.start;
	return null;
}

function codePointAt(text: string, offset: number): { start: number; end: number } | null {
	if (offset >= text.length) return null;
	let start = offset;
	if (isLowSurrogate(text.charCodeAt(start)) && isHighSurrogate(text.charCodeAt(start - 1))) start--;
	const end =
		isHighSurrogate(text.charCodeAt(start)) && isLowSurrogate(text.charCodeAt(start + 1)) ? start + 2 : start + 1;
	return { start, end };
}

function codePointBefore(text: string, offset: number): { start: number; end: number } | null {
	if (offset <= 0) return null;
	return codePointAt(text, offset - 1);
}

function isHighSurrogate(code: number): boolean {
	return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
	return code >= 0xdc00 && code <= 0xdfff;
}

/** The first word of paragraph `from` or of the first paragraph after it that has one. */
export function firstWord(paragraphs: readonly { tokens: readonly Token[] }[], from = 0): WordPosition | null {
	for (let paragraph = Math.max(0, from); paragraph < paragraphs.length; paragraph++) {
		const token = paragraphs[paragraph]?.tokens.findIndex(isWord) ?? -1;
		if (token >= 0) return { paragraph, token };
	}
	return null;
}

/** The last word of paragraph `from` or of the last paragraph before it that has one. */
export function lastWord(paragraphs: readonly { tokens: readonly Token[] }[], from: number): WordPosition | null {
	for (let paragraph = Math.min(from, paragraphs.length - 1); paragraph >= 0; paragraph--) {
		const token = paragraphs[paragraph]?.tokens.findLastIndex(isWord) ?? -1;
		if (token >= 0) return { paragraph, token };
	}
	return null;
}

/**
 * The word before (`step` -1) or after (1) `from`, across paragraphs; null at either end of the card. Punctuation
 * is stepped over.
 */
export function stepWord(
	paragraphs: readonly { tokens: readonly Token[] }[],
	from: WordPosition,
	step: 1 | -1
): WordPosition | null {
	const tokens = paragraphs[from.paragraph]?.tokens;
	if (!tokens) return null;
	for (let token = from.token + step; token >= 0 && token < tokens.length; token += step) {
		if (isWord(tokens[token])) return { paragraph: from.paragraph, token };
	}
	return step === 1 ? firstWord(paragraphs, from.paragraph + 1) : lastWord(paragraphs, from.paragraph - 1);
}
