/**
 * Light Markdown for notes, parsed into a token tree that the UI renders as elements. There is no HTML
 * anywhere in or out of this module: whatever a user typed, tags included, ends up in `text` tokens and is
 * rendered as text by construction. Links exist only for http, https and mailto URLs.
 *
 * Runs in linear time (no backtracking regular expressions, no rescanning), so a 100,000-character note
 * parses in milliseconds even when written to be pathological.
 */

export type Inline =
	| { t: 'text'; v: string }
	| { t: 'strong'; c: Inline[] }
	| { t: 'em'; c: Inline[] }
	| { t: 'code'; v: string }
	| { t: 'link'; href: string; c: Inline[] }
	| { t: 'br' };

export type Block =
	{ t: 'p'; c: Inline[] } | { t: 'ul'; items: Inline[][] } | { t: 'ol'; start: number; items: Inline[][] };

/** Emphasis nested deeper than this renders its markers as text, keeping recursive renderers' stacks shallow. */
export const MAX_EMPHASIS_DEPTH = 16;

/**
 * Blocks are separated by blank lines. Inside a paragraph every line break is kept (notes are typed, not
 * typeset). `- ` and `* ` start bullet items, `1. ` numbered ones; an indented line continues the item above.
 */
export function parseMarkdown(source: string): Block[] {
	const blocks: Block[] = [];
	let paragraphLines: string[] = [];
	let list: { kind: 'ul' | 'ol'; start: number; items: string[] } | null = null;
	let blankSinceListItem = false;

	const flushParagraph = () => {
		if (paragraphLines.length === 0) return;
		blocks.push({ t: 'p', c: parseInline(paragraphLines.join('\n')) });
		paragraphLines = [];
	};
	const flushList = () => {
		if (!list) return;
		const items = list.items.map((item) => parseInline(item));
		blocks.push(list.kind === 'ul' ? { t: 'ul', items } : { t: 'ol', start: list.start, items });
		list = null;
	};

	for (const line of source.split(LINE_BREAK)) {
		if (BLANK.test(line)) {
			flushParagraph();
			if (list) blankSinceListItem = true;
			continue;
		}
		const bullet = BULLET_ITEM.exec(line);
		const numbered = bullet ? null : NUMBERED_ITEM.exec(line);
		if (bullet || numbered) {
			flushParagraph();
			const kind = bullet ? 'ul' : 'ol';
			if (list && list.kind !== kind) flushList();
			list ??= { kind, start: numbered ? Number(numbered[1]) : 1, items: [] };
			list.items.push((bullet?.[1] ?? numbered?.[2] ?? '').trim());
			blankSinceListItem = false;
			continue;
		}
		if (list && !blankSinceListItem && INDENTED.test(line)) {
			const last = list.items.length - 1;
			list.items[last] = `${list.items[last] ?? ''}\n${line.trim()}`;
			continue;
		}
		flushList();
		blankSinceListItem = false;
		paragraphLines.push(line.trim());
	}
	flushParagraph();
	flushList();
	return blocks;
}

/** Inline Markdown of one paragraph or list item: emphasis, code, links, escapes; `\n` becomes `br`. */
export function parseInline(source: string): Inline[] {
	return parseInlineText(source, true);
}

/** Text for search and snippets: markup dropped, line breaks kept, list items one per line. */
export function markdownToPlainText(source: string): string {
	return parseMarkdown(source)
		.map((block) => {
			if (block.t === 'p') return inlinesToPlainText(block.c);
			if (block.t === 'ul') return block.items.map((item) => `• ${inlinesToPlainText(item)}`).join('\n');
			return block.items.map((item, index) => `${block.start + index}. ${inlinesToPlainText(item)}`).join('\n');
		})
		.join('\n\n');
}

export function inlinesToPlainText(inlines: readonly Inline[]): string {
	let text = '';
	for (const inline of inlines) {
		if (inline.t === 'text' || inline.t === 'code') text += inline.v;
		else if (inline.t === 'br') text += '\n';
		else text += inlinesToPlainText(inline.c);
	}
	return text;
}

const ALLOWED_SCHEME = /^(?:https?:\/\/|mailto:)/i;
const UNSAFE_IN_HREF = /[\s\p{Cc}]/u;

/** True only for well-formed http(s) URLs with a host and for mailto: URLs; `javascript:`, `data:` etc. are refused. */
export function isAllowedLinkHref(href: string): boolean {
	if (!ALLOWED_SCHEME.test(href) || UNSAFE_IN_HREF.test(href)) return false;
	let url: URL;
	try {
		url = new URL(href);
	} catch {
		return false;
	}
	if (url.protocol === 'mailto:') return url.pathname.length > 0;
	return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
}

const LINE_BREAK = /\r\n?|\n/;
const BLANK = /^\s*$/;
const BULLET_ITEM = /^ {0,3}[-*][ \t]+(.*)$/s;
const NUMBERED_ITEM = /^ {0,3}(\d{1,9})\.[ \t]+(.*)$/s;
const INDENTED = /^[ \t]/;
const WHITESPACE = /\s/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const LATIN_LETTER_OR_DIGIT = /[0-9A-Za-z\u00c0-\u024f]/;
const BARE_URL_START = /https?:\/\//iy;

type EmphasisType = 'strong' | 'em';

interface EmphasisEvent {
	type: EmphasisType;
	/** How many delimiter characters the pair used: 2 for strong, 1 for em. */
	used: number;
}

/** A run of `*` or `_`; while matching, `count` is what is left unused. */
interface DelimiterRun {
	kind: 'delimiter';
	char: '*' | '_';
	count: number;
	canOpen: boolean;
	canClose: boolean;
	/** Pairs this run closes, innermost first. */
	closes: EmphasisEvent[];
	/** Pairs this run opens, innermost first. */
	opens: EmphasisEvent[];
}

type FlatToken = { kind: 'inline'; inline: Inline } | DelimiterRun;

function parseInlineText(source: string, allowLinks: boolean): Inline[] {
	const tokens = tokenize(source, allowLinks);
	pairEmphasis(tokens);
	return buildTree(tokens);
}

/**
 * First pass: code spans, escapes, breaks, links and bare URLs become finished inlines; `*`/`_` runs become
 * delimiter runs for `pairEmphasis`. Each scan moves forward and every look-ahead is bounded by a character
 * later scans start after, which keeps the whole pass linear.
 */
function tokenize(source: string, allowLinks: boolean): FlatToken[] {
	const tokens: FlatToken[] = [];
	const backtickRuns = new BacktickRuns(source);
	const nextCloseBracket = forwardIndexOf(source, ']');
	const nextOpenBracket = forwardIndexOf(source, '[');
	let textStart = 0;
	let position = 0;

	const flushText = (until: number) => {
		if (until > textStart) tokens.push({ kind: 'inline', inline: { t: 'text', v: source.slice(textStart, until) } });
	};
	const emit = (inline: Inline, next: number) => {
		flushText(position);
		tokens.push({ kind: 'inline', inline });
		position = next;
		textStart = next;
	};

	while (position < source.length) {
		const char = source[position] ?? '';
		if (char === '\\') {
			const escaped = source[position + 1];
			if (escaped === '\n') emit({ t: 'br' }, position + 2);
			else if (escaped !== undefined && ASCII_PUNCTUATION.test(escaped)) emit({ t: 'text', v: escaped }, position + 2);
			else position++;
		} else if (char === '\n') {
			emit({ t: 'br' }, position + 1);
		} else if (char === '`') {
			const length = runLength(source, position, '`');
			const closing = backtickRuns.next(length, position + length);
			if (closing === undefined) {
				position += length; // an unmatched run is literal text, all of it
			} else {
				emit({ t: 'code', v: codeSpanContent(source.slice(position + length, closing)) }, closing + length);
			}
		} else if (char === '*' || char === '_') {
			const length = runLength(source, position, char);
			flushText(position);
			tokens.push(delimiterRun(char, length, source[position - 1], source[position + length]));
			position += length;
			textStart = position;
		} else if (allowLinks && char === '[') {
			const link = bracketLink(source, position, nextCloseBracket, nextOpenBracket);
			if (link) emit(link.inline, link.end);
			else position++;
		} else if (
			allowLinks &&
			(char === 'h' || char === 'H') &&
			!LATIN_LETTER_OR_DIGIT.test(source[position - 1] ?? ' ')
		) {
			const url = bareUrl(source, position);
			if (url === null) position++;
			else if (url.href) emit({ t: 'link', href: url.href, c: [{ t: 'text', v: url.href }] }, url.end);
			else position = url.end; // not a usable URL: skip it as text so it is not rescanned from every 'h'
		} else {
			position++;
		}
	}
	flushText(position);
	return tokens;
}

function runLength(source: string, start: number, char: string): number {
	let end = start;
	while (source[end] === char) end++;
	return end - start;
}

/** Per CommonMark: line breaks become spaces; one space each side is stripped when both are there. */
function codeSpanContent(raw: string): string {
	const content = raw.replace(/\n/g, ' ');
	if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '') {
		return content.slice(1, -1);
	}
	return content;
}

/** Maximal backtick runs by length, for finding a code span's closing run without rescanning. */
class BacktickRuns {
	private readonly startsByLength = new Map<number, number[]>();
	private readonly cursorByLength = new Map<number, number>();

	constructor(source: string) {
		let position = source.indexOf('`');
		while (position !== -1) {
			const length = runLength(source, position, '`');
			const starts = this.startsByLength.get(length);
			if (starts) starts.push(position);
			else this.startsByLength.set(length, [position]);
			position = source.indexOf('`', position + length);
		}
	}

	/** The first run of exactly `length` backticks starting at or after `from`; `from` never decreases. */
	next(length: number, from: number): number | undefined {
		const starts = this.startsByLength.get(length);
		if (!starts) return undefined;
		let cursor = this.cursorByLength.get(length) ?? 0;
		while (cursor < starts.length && (starts[cursor] ?? 0) < from) cursor++;
		this.cursorByLength.set(length, cursor);
		return starts[cursor];
	}
}

/** `indexOf` for a sequence of non-decreasing `from`s, reusing the last answer while it is still ahead. */
function forwardIndexOf(source: string, char: string): (from: number) => number {
	let found = -2;
	return (from) => {
		if (found === -1 || found >= from) return found;
		found = source.indexOf(char, from);
		return found;
	};
}

function delimiterRun(
	char: '*' | '_',
	count: number,
	before: string | undefined,
	after: string | undefined
): DelimiterRun {
	const spaceBefore = before === undefined || WHITESPACE.test(before);
	const spaceAfter = after === undefined || WHITESPACE.test(after);
	// `*` works inside words (Chinese has no spaces between them); `_` does not, so snake_case stays as typed.
	const canOpen = !spaceAfter && (char === '*' || !LATIN_LETTER_OR_DIGIT.test(before ?? ' '));
	const canClose = !spaceBefore && (char === '*' || !LATIN_LETTER_OR_DIGIT.test(after ?? ' '));
	return { kind: 'delimiter', char, count, canOpen, canClose, closes: [], opens: [] };
}

/**
 * `[text](url)` starting at `open`. The text may not contain `[`, and the URL stops at whitespace, `<`, `>`,
 * `[` or `]`: so a failed attempt never scans past the next `[`, where the next attempt begins.
 */
function bracketLink(
	source: string,
	open: number,
	nextCloseBracket: (from: number) => number,
	nextOpenBracket: (from: number) => number
): { inline: Inline; end: number } | null {
	const close = nextCloseBracket(open + 1);
	if (close === -1) return null;
	const innerOpen = nextOpenBracket(open + 1);
	if (innerOpen !== -1 && innerOpen < close) return null;
	if (source[close + 1] !== '(') return null;
	let depth = 0;
	let position = close + 2;
	for (; position < source.length; position++) {
		const char = source[position] ?? '';
		if (WHITESPACE.test(char) || char === '<' || char === '>' || char === '[' || char === ']') return null;
		if (char === '(') depth++;
		else if (char === ')') {
			if (depth === 0) break;
			depth--;
		}
	}
	if (position >= source.length) return null;
	const href = source.slice(close + 2, position);
	if (!isAllowedLinkHref(href)) return null;
	const content = parseInlineText(source.slice(open + 1, close), false);
	return { inline: { t: 'link', href, c: content.length > 0 ? content : [{ t: 'text', v: href }] }, end: position + 1 };
}

/** Characters that end a bare URL: whitespace, anything non-ASCII (Chinese text often follows directly), brackets, quotes. */
function endsBareUrl(code: number): boolean {
	return code <= 0x20 || code >= 0x7f || '<>"`[]{}|\\^'.includes(String.fromCharCode(code));
}

/**
 * A bare http(s) URL at `start`: `null` when there is none, `{ href: '' }` with the end of the scanned run
 * when it looks like one but is not valid. Trailing punctuation belongs to the sentence, not the URL.
 */
function bareUrl(source: string, start: number): { href: string; end: number } | null {
	BARE_URL_START.lastIndex = start;
	if (!BARE_URL_START.test(source)) return null;
	let end = start;
	while (end < source.length && !endsBareUrl(source.charCodeAt(end))) end++;
	const scannedEnd = end;
	for (;;) {
		const last = source[end - 1] ?? '';
		if (".,:;!?'*_~".includes(last)) end--;
		else if (last === ')' && unbalancedCloseParen(source.slice(start, end))) end--;
		else break;
	}
	const href = source.slice(start, end);
	return isAllowedLinkHref(href) ? { href, end } : { href: '', end: scannedEnd };
}

function unbalancedCloseParen(url: string): boolean {
	let depth = 0;
	for (const char of url) {
		if (char === '(') depth++;
		else if (char === ')') depth--;
	}
	return depth < 0;
}

/**
 * Second pass, CommonMark's delimiter algorithm without the rule of three: each closing run pairs with the
 * nearest open run of the same character, strong when both have two to spare. Openers between a matched
 * pair are dropped, so pairs always nest. `searchFloor` remembers where a failed search stopped, so no
 * opener is examined twice by failing searches.
 */
function pairEmphasis(tokens: FlatToken[]): void {
	const openers: DelimiterRun[] = [];
	const searchFloor = { '*': 0, _: 0 };
	for (const token of tokens) {
		if (token.kind !== 'delimiter') continue;
		if (token.canClose) {
			while (token.count > 0) {
				let index = openers.length - 1;
				while (index >= searchFloor[token.char] && openers[index]?.char !== token.char) index--;
				const opener = index >= searchFloor[token.char] ? openers[index] : undefined;
				if (!opener) {
					searchFloor[token.char] = openers.length;
					break;
				}
				const used = opener.count >= 2 && token.count >= 2 ? 2 : 1;
				const event: EmphasisEvent = { type: used === 2 ? 'strong' : 'em', used };
				opener.count -= used;
				token.count -= used;
				opener.opens.push(event);
				token.closes.push(event);
				openers.length = opener.count > 0 ? index + 1 : index;
				searchFloor['*'] = Math.min(searchFloor['*'], openers.length);
				searchFloor._ = Math.min(searchFloor._, openers.length);
			}
		}
		if (token.count > 0 && token.canOpen) openers.push(token);
	}
}

interface Frame {
	/** Null when the pair is nested too deep and its markers are written out as text instead. */
	node: { t: EmphasisType; c: Inline[] } | null;
	children: Inline[];
	marker: string;
}

/** Third pass: a run emits its closes, then its unused characters as text, then its opens (outermost first). */
function buildTree(tokens: FlatToken[]): Inline[] {
	const root: Inline[] = [];
	const frames: Frame[] = [];
	let depth = 0;
	const children = () => frames[frames.length - 1]?.children ?? root;

	for (const token of tokens) {
		if (token.kind === 'inline') {
			append(children(), token.inline);
			continue;
		}
		for (const _event of token.closes) {
			const frame = frames.pop();
			if (!frame) break;
			if (frame.node) depth--;
			else appendText(children(), frame.marker);
		}
		if (token.count > 0) appendText(children(), token.char.repeat(token.count));
		for (let index = token.opens.length - 1; index >= 0; index--) {
			const event = token.opens[index];
			if (!event) continue;
			const marker = token.char.repeat(event.used);
			const parent = children();
			if (depth >= MAX_EMPHASIS_DEPTH) {
				appendText(parent, marker);
				frames.push({ node: null, children: parent, marker });
			} else {
				const node: { t: EmphasisType; c: Inline[] } = { t: event.type, c: [] };
				parent.push(node);
				frames.push({ node, children: node.c, marker });
				depth++;
			}
		}
	}
	return root;
}

function append(target: Inline[], inline: Inline): void {
	if (inline.t === 'text') appendText(target, inline.v);
	else target.push(inline);
}

function appendText(target: Inline[], text: string): void {
	const last = target[target.length - 1];
	if (last?.t === 'text') last.v += text;
	else target.push({ t: 'text', v: text });
}
