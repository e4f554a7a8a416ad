/**
 * Markdown to blocks with `marked`'s lexer: `#`–`###` are headings, everything else is text with its
 * markup taken off (emphasis, links keep their text, images go). Raw HTML inside goes through the HTML
 * reader, so it yields text only.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { normaliseText } from '../content/normalise.ts';
import { decodeEntities, readHtml } from './html.ts';
import type { Block } from './types.ts';

// Marks a hard line break in inline text; a soft one stays '\n' and becomes a space when normalised.
const HARD_BREAK = '\u2028';

export function readMarkdown(source: string): Block[] {
	const blocks: Block[] = [];
	const tokens = new Lexer({ gfm: true }).lex(source);
	for (const token of tokens) pushBlock(blocks, token);
	return blocks;
}

function pushParagraphs(blocks: Block[], text: string): void {
	// A hard break (two trailing spaces, a backslash or <br>) ends a paragraph; a soft line break does not.
	for (const line of text.split(HARD_BREAK)) {
		const normalised = normaliseText(line);
		if (normalised) blocks.push({ kind: 'paragraph', text: normalised });
	}
}

function pushBlock(blocks: Block[], token: Token): void {
	switch (token.type) {
		case 'heading': {
			const { depth, tokens } = token as Tokens.Heading;
			const text = normaliseText(inlineText(tokens));
			if (!text) return;
			// Below ### a heading is a minor one: it still starts a card, never a part.
			blocks.push({ kind: 'heading', level: Math.min(depth, 4), text });
			return;
		}
		case 'paragraph':
			pushParagraphs(blocks, inlineText((token as Tokens.Paragraph).tokens, true));
			return;
		case 'text': {
			const text = token as Tokens.Text;
			pushParagraphs(blocks, text.tokens ? inlineText(text.tokens, true) : decodeEntities(text.text));
			return;
		}
		case 'list':
			for (const item of (token as Tokens.List).items) for (const child of item.tokens) pushBlock(blocks, child);
			return;
		case 'blockquote':
			for (const child of (token as Tokens.Blockquote).tokens) pushBlock(blocks, child);
			return;
		case 'code':
			pushParagraphs(blocks, (token as Tokens.Code).text.replaceAll('\n', HARD_BREAK));
			return;
		case 'table': {
			const table = token as Tokens.Table;
			const row = (cells: Tokens.TableCell[]) => cells.map((cell) => inlineText(cell.tokens)).join(' ');
			pushParagraphs(blocks, row(table.header));
			for (const cells of table.rows) pushParagraphs(blocks, row(cells));
			return;
		}
		case 'html':
			blocks.push(...readHtml((token as Tokens.HTML).text).blocks);
			return;
		default:
			// space, hr, def and extensions carry no reading text.
			return;
	}
}

/** The plain text of inline tokens; with `breaks`, hard line breaks come out as HARD_BREAK. */
function inlineText(tokens: readonly Token[] | undefined, breaks = false): string {
	if (!tokens) return '';
	let text = '';
	for (const token of tokens) {
		switch (token.type) {
			case 'text':
			case 'escape': {
				const inline = token as Tokens.Text;
				text += inline.tokens ? inlineText(inline.tokens, breaks) : decodeEntities(inline.text);
				break;
			}
			case 'codespan':
				text += decodeEntities((token as Tokens.Codespan).text);
				break;
			case 'strong':
			case 'em':
			case 'del':
			case 'link':
				text += inlineText((token as Tokens.Strong).tokens, breaks);
				break;
			case 'br':
				text += breaks ? HARD_BREAK : ' ';
				break;
			case 'html':
				// Inline tags are dropped (their text is in the tokens around them); <br> still breaks the line.
				if (/^<br\s*\/?>$/i.test((token as Tokens.Tag).text)) text += breaks ? HARD_BREAK : ' ';
				break;
			default:
				// Images and anything unknown add no text.
				break;
		}
	}
	return text;
}
