/**
 * Sentences and clauses of normalised text, and short titles taken from them. Splits keep every
 * character: joining the pieces gives back the text.
 */

// A sentence ends at 。！？；… (closing quotes and brackets stay with it), or at . ! ? ; followed by a space.
const SENTENCE_END = /(?:[。！？；…]+|[.!?;]+(?=\s|$))[”’"'」』》）)\]]*/gu;
const CLAUSE_END = /[，、：,:—]+[”’"'」』》）)\]]*/gu;

function splitAfter(text: string, pattern: RegExp): string[] {
	const pieces: string[] = [];
	let start = 0;
	for (const match of text.matchAll(pattern)) {
		const end = match.index + match[0].length;
		if (end > start) pieces.push(text.slice(start, end));
		start = end;
	}
	if (start < text.length) pieces.push(text.slice(start));
	return pieces;
}

/** The sentences of a paragraph (a space after a sentence starts the next); `sentences(t).join('') === t`. */
export function sentences(text: string): string[] {
	return splitAfter(text, SENTENCE_END);
}

/** The clauses of a sentence, split after commas, colons and dashes; joined they give the sentence back. */
export function clauses(text: string): string[] {
	return splitAfter(text, CLAUSE_END);
}

export function codePointLength(text: string): number {
	let length = 0;
	for (let index = 0; index < text.length; index++) {
		const unit = text.charCodeAt(index);
		// A low surrogate belongs to the character before it.
		if (unit < 0xdc00 || unit > 0xdfff) length++;
	}
	return length;
}

const TRAILING_PUNCTUATION = /[\s，、：；。！？,.:;!?…—“”"'‘’（(【《「『]+$/u;
const LEADING_PUNCTUATION = /^[\s”’"'）)】》」』，、：；。]+/u;
const LATIN_WORD_END = /[A-Za-z0-9][A-Za-z0-9\-'’]*$/u;

/**
 * A short title from the start of a text: its first clause if that is short enough, else its first
 * `maxChars` characters (never cutting an English word) and an ellipsis.
 */
export function shortTitle(text: string, maxChars = 16): string {
	const first = (sentences(text.trim())[0] ?? '').replace(LEADING_PUNCTUATION, '');
	const clause = (clauses(first)[0] ?? first).replace(TRAILING_PUNCTUATION, '');
	const minClause = Math.min(4, maxChars);
	if (codePointLength(clause) >= minClause && codePointLength(clause) <= maxChars) return clause;
	const whole = first.replace(TRAILING_PUNCTUATION, '');
	if (codePointLength(whole) <= maxChars) return whole;
	let cut = Array.from(whole).slice(0, maxChars).join('');
	const next = whole.slice(cut.length, cut.length + 1);
	if (/[A-Za-z0-9]/.test(next)) {
		const shorter = cut.replace(LATIN_WORD_END, '');
		if (codePointLength(shorter.trim()) >= minClause) cut = shorter;
	}
	return `${cut.replace(TRAILING_PUNCTUATION, '')}…`;
}
