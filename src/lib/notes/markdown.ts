/**
 * Light Markdown for notes: marked's lexer reads the source and its tokens are mapped to the small tree below,
 * which the UI renders as elements. There is no HTML anywhere in or out of this module: marked's HTML tokenizers
 * are switched off, so whatever a user typed, tags included, ends up in `text` tokens and is rendered as text.
 * Links exist only for http, https and mailto URLs. Work stays linear on hostile input: marked's regular
 * expressions are, and the nesting it would read again level by level is capped (see `NoteTokenizer`).
 */
import { Hooks, Lexer, Tokenizer, type MarkedOptions, type Token, type Tokens, type TokenizerThis } from 'marked';

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
/** Lists nested deeper than this read as text; notes show nested items as items of the outer list anyway. */
const MAX_LIST_DEPTH = 16;

/**
 * Blocks are separated by blank lines. Inside a paragraph every line break is kept (notes are typed, not
 * typeset). `- ` and `* ` start bullet items, `1. ` numbered ones; an indented line continues the item above.
 */
export function parseMarkdown(source: string): Block[] {
	return toBlocks(new Lexer(lexerOptions(0)).lex(source));
}

/** Inline Markdown of one paragraph or list item: emphasis, code, links, escapes; `\n` becomes `br`. */
export function parseInline(source: string): Inline[] {
	return toInlines(Lexer.lexInline(source, lexerOptions(0)), 0, []);
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

const LIST_ITEM = /^ {0,3}(?:[-*]|\d{1,9}\.)[ \t]/;
const BLANK = /^[ \t]*$/;
const INDENTED = /^[ \t]/;
const LATIN_LETTER_OR_DIGIT = /[0-9A-Za-z\u00c0-\u024f]/;
const BARE_URL_START = /^https?:\/\/[0-9A-Za-z-]/i;
/** Punctuation or a symbol just before a run of `*` that a letter (or anything but punctuation or space) follows. */
const PUNCTUATION_BEFORE_ASTERISKS = /(?![*_])[\p{P}\p{S}](?=\*+[^\s\p{P}\p{S}])/gu;

/**
 * Options for one lexer run: marked's lexer keeps its state in the tokenizer, so each run gets its own.
 * `emphasisDepth` is how deeply the text to read is already nested in emphasis.
 */
function lexerOptions(emphasisDepth: number): MarkedOptions {
	return {
		gfm: true,
		breaks: true,
		tokenizer: new NoteTokenizer(emphasisDepth),
		hooks: new NoteHooks(),
		extensions: { renderers: {}, childTokens: {}, inline: [bareUrl] }
	};
}

/**
 * Notes have paragraphs, lists, emphasis, code spans and links, nothing more. A tokenizer that finds nothing
 * lets its input through as paragraph or text, so the constructs switched off here (headings, quotes, rules,
 * code blocks, tables, HTML, reference links, strikethrough) keep every character the user typed.
 */
class NoteTokenizer extends Tokenizer {
	private emphasisDepth: number;
	private listDepth = 0;

	constructor(emphasisDepth: number) {
		super();
		this.emphasisDepth = emphasisDepth;
	}

	override code(): undefined {}
	override fences(): undefined {}
	override heading(): undefined {}
	override hr(): undefined {}
	override blockquote(): undefined {}
	override html(): undefined {}
	override def(): undefined {}
	override table(): undefined {}
	override lheading(): undefined {}
	override tag(): undefined {}
	override autolink(): undefined {}
	override reflink(): undefined {}
	override del(): undefined {}
	/** Replaced by `bareUrl`, which sees the token before it. */
	override url(): undefined {}

	/**
	 * marked reads each level of nesting by reading the text inside it again, so capping the depth here keeps
	 * the work on hostile input linear and the stack shallow; deeper markers stay text.
	 */
	override emStrong(src: string, maskedSrc: string, prevChar = ''): Tokens.Em | Tokens.Strong | undefined {
		if (this.emphasisDepth >= MAX_EMPHASIS_DEPTH) return undefined;
		// CommonMark lets `*` open before punctuation only after whitespace or punctuation, which Chinese does
		// not put there (`以及*「强调」*`); a `*` before it keeps its meaning, which marked needs to read `**a*`.
		const opensAnywhere = src.startsWith('*') && prevChar !== '*';
		this.emphasisDepth++;
		try {
			return super.emStrong(src, maskedSrc, opensAnywhere ? '' : prevChar);
		} finally {
			this.emphasisDepth--;
		}
	}

	/** Only `-`, `*` and `1.` items, the list stops where `listLength` says, and nesting is capped as emphasis is. */
	override list(src: string): Tokens.List | undefined {
		if (this.listDepth >= MAX_LIST_DEPTH || !LIST_ITEM.test(src)) return undefined;
		this.listDepth++;
		try {
			return super.list(src.slice(0, listLength(src)));
		} finally {
			this.listDepth--;
		}
	}
}

/**
 * Chinese puts emphasis right against punctuation (`*强调。*后文`, `**[官网](https://nvidia.com)**的`), where
 * CommonMark's flanking rules would not let it close: a run of `*` after punctuation and before a letter may
 * only open. In the copy of the text marked searches for closing delimiters, such punctuation reads as a
 * letter, so the run may close too (each replacement keeps the length, as marked requires). `_` keeps
 * CommonMark's rules, which keep snake_case as typed.
 */
class NoteHooks extends Hooks {
	override emStrongMask(src: string): string {
		return src.replace(PUNCTUATION_BEFORE_ASTERISKS, asLetter);
	}
}

function asLetter(char: string): string {
	return char.length === 2 ? '\u{20000}' : '\u4e00';
}

/**
 * A bare http(s) URL, unless it runs on from a word (`xhttp://`) or sits in a link's text. It ends at
 * whitespace, at anything non-ASCII (Chinese text often follows directly) and at brackets and quotes; trailing
 * punctuation belongs to the sentence. One that is not a valid URL is kept whole, so that `toInlines` writes
 * all of it out as text and it is not read again from every `http` inside.
 */
function bareUrl(this: TokenizerThis, src: string, tokens: Token[]): Tokens.Generic | undefined {
	if (!BARE_URL_START.test(src) || this.lexer.state.inLink) return undefined;
	if (LATIN_LETTER_OR_DIGIT.test(tokens[tokens.length - 1]?.raw.at(-1) ?? '')) return undefined;
	let end = 0;
	while (end < src.length && !endsBareUrl(src.charCodeAt(end))) end++;
	const scanned = src.slice(0, end);
	const href = withoutTrailingPunctuation(scanned);
	const raw = isAllowedLinkHref(href) ? href : scanned;
	return { type: 'link', raw, href: raw, text: raw, tokens: [{ type: 'text', raw, text: raw }] };
}

/**
 * Where a list starting at `src` ends: at the first line that is neither an item, a blank line nor an indented
 * line straight after an item. Notes have no lazy continuation lines: an unindented line starts a paragraph.
 */
function listLength(src: string): number {
	let start = 0;
	let afterBlank = false;
	while (start < src.length) {
		const newline = src.indexOf('\n', start);
		const end = newline === -1 ? src.length : newline + 1;
		const line = src.slice(start, newline === -1 ? end : newline);
		const blank = BLANK.test(line);
		if (start > 0 && !blank && !LIST_ITEM.test(line) && (afterBlank || !INDENTED.test(line))) return start;
		afterBlank = blank;
		start = end;
	}
	return src.length;
}

/** Characters that end a bare URL: whitespace, anything non-ASCII, brackets, quotes. */
function endsBareUrl(code: number): boolean {
	return code <= 0x20 || code >= 0x7f || '<>"`[]{}|\\^'.includes(String.fromCharCode(code));
}

function withoutTrailingPunctuation(url: string): string {
	let end = url.length;
	for (;;) {
		const last = url[end - 1] ?? '';
		if (".,:;!?'*_~".includes(last) && last !== '') end--;
		else if (last === ')' && unbalancedCloseParen(url.slice(0, end))) end--;
		else return url.slice(0, end);
	}
}

function unbalancedCloseParen(url: string): boolean {
	let depth = 0;
	for (const char of url) {
		if (char === '(') depth++;
		else if (char === ')') depth--;
	}
	return depth < 0;
}

function toBlocks(tokens: readonly Token[]): Block[] {
	const blocks: Block[] = [];
	// The paragraph the previous token made: marked starts a new one at a line it would have read as a
	// heading, quote or rule, which in a note continues the paragraph above it.
	let paragraph: Inline[] | undefined;
	for (const token of tokens) {
		if (token.type === 'space') {
			paragraph = undefined;
		} else if (token.type === 'list') {
			const list = token as Tokens.List;
			const items = listItems(list);
			const last = blocks[blocks.length - 1];
			// A change of bullet character starts a new list in CommonMark; in a note it is the same list.
			if (last && last.t !== 'p' && last.t === (list.ordered ? 'ol' : 'ul')) last.items.push(...items);
			else if (list.ordered) blocks.push({ t: 'ol', start: Number(list.start), items });
			else blocks.push({ t: 'ul', items });
			paragraph = undefined;
		} else if (paragraph) {
			paragraph.push({ t: 'br' });
			for (const inline of blockInlines(token)) append(paragraph, inline);
		} else {
			paragraph = blockInlines(token);
			blocks.push({ t: 'p', c: paragraph });
		}
	}
	for (const block of blocks) if (block.t === 'p') block.c = trimLines(block.c, true);
	return blocks.filter((block) => block.t !== 'p' || block.c.length > 0);
}

/**
 * Lines keep no leading or trailing whitespace, as notes always had it: marked leaves a paragraph's
 * indentation in its text. `atEdges` trims the first and last text too, which suits a whole block.
 */
function trimLines(inlines: Inline[], atEdges: boolean): Inline[] {
	inlines.forEach((inline, index) => {
		if (inline.t === 'strong' || inline.t === 'em' || inline.t === 'link') inline.c = trimLines(inline.c, false);
		if (inline.t !== 'text') return;
		const previous = inlines[index - 1];
		const next = inlines[index + 1];
		if (previous ? previous.t === 'br' : atEdges) inline.v = inline.v.trimStart();
		if (next ? next.t === 'br' : atEdges) inline.v = inline.v.trimEnd();
	});
	return inlines.filter((inline) => inline.t !== 'text' || inline.v !== '');
}

/**
 * The items of a list, nested ones included: notes have no nesting, so an indented item is the next item of
 * the same list. An item's paragraphs each start a line of their own.
 */
function listItems(list: Tokens.List): Inline[][] {
	const items: Inline[][] = [];
	for (const item of list.items) {
		const inlines: Inline[] = [];
		const nested: Inline[][] = [];
		let hasLine = false;
		for (const token of item.tokens) {
			if (token.type === 'space') continue;
			if (token.type === 'list') {
				nested.push(...listItems(token as Tokens.List));
			} else if (token.type === 'checkbox') {
				// Task lists are not part of notes: the box stays the text that was typed, on the item's first line.
				appendText(inlines, token.raw);
			} else {
				if (hasLine) inlines.push({ t: 'br' });
				for (const inline of blockInlines(token)) append(inlines, inline);
				hasLine = true;
			}
		}
		// `- - a` nests a list on the item's own line: the item is then just its nested ones.
		if (inlines.length > 0 || nested.length === 0) items.push(trimLines(inlines, true));
		items.push(...nested);
	}
	return items;
}

function blockInlines(token: Token): Inline[] {
	return 'tokens' in token && token.tokens ? toInlines(token.tokens, 0, []) : textInlines(token.raw);
}

function textInlines(text: string): Inline[] {
	return text ? [{ t: 'text', v: text }] : [];
}

function toInlines(tokens: readonly Token[], depth: number, into: Inline[]): Inline[] {
	for (const token of tokens) {
		switch (token.type) {
			case 'text':
				if ('tokens' in token && token.tokens) toInlines(token.tokens, depth, into);
				else appendText(into, (token as Tokens.Text).text);
				break;
			case 'escape':
				appendText(into, (token as Tokens.Escape).text);
				break;
			case 'br':
				into.push({ t: 'br' });
				break;
			case 'codespan':
				into.push({ t: 'code', v: (token as Tokens.Codespan).text });
				break;
			case 'strong':
			case 'em':
				into.push({ t: token.type, c: toInlines((token as Tokens.Strong | Tokens.Em).tokens, depth + 1, []) });
				break;
			case 'link':
			case 'image':
				appendLink(into, token as Tokens.Link | Tokens.Image, depth);
				break;
			default:
				appendText(into, token.raw);
		}
	}
	return into;
}

/**
 * A link notes allow becomes a link. Any other stays as typed: a bare URL as text, a bracketed one as `[`
 * followed by what comes after it, read again, so that the brackets and destination show and a bare URL inside
 * them still links, as it would without the brackets.
 */
function appendLink(into: Inline[], token: Tokens.Link | Tokens.Image, depth: number): void {
	const bracketed = token.raw.startsWith('[') || token.raw.startsWith('![');
	if (!bracketed) {
		if (isAllowedLinkHref(token.href)) {
			into.push({ t: 'link', href: token.href, c: [{ t: 'text', v: token.href }] });
		} else {
			appendText(into, token.raw);
		}
		return;
	}
	// Images are not part of notes: the `!` stays text and what follows is an ordinary link.
	const opening = token.type === 'image' ? '![' : '[';
	if (isAllowedLinkHref(token.href) && !token.title) {
		if (token.type === 'image') appendText(into, '!');
		const content = toInlines(token.tokens, depth, []);
		into.push({ t: 'link', href: token.href, c: content.length > 0 ? content : [{ t: 'text', v: token.href }] });
		return;
	}
	appendText(into, opening);
	toInlines(Lexer.lexInline(token.raw.slice(opening.length), lexerOptions(depth)), depth, into);
}

function append(target: Inline[], inline: Inline): void {
	if (inline.t === 'text') appendText(target, inline.v);
	else target.push(inline);
}

function appendText(target: Inline[], text: string): void {
	if (!text) return;
	const last = target[target.length - 1];
	if (last?.t === 'text') last.v += text;
	else target.push({ t: 'text', v: text });
}
