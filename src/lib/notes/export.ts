/**
 * Exports bookmarks, highlights and notes as one Markdown file. Article text is escaped so that a quote can
 * never turn into a heading, list, link or HTML; notes are re-written from the parsed note tree, so they
 * keep their bold, lists and links but bring no structure Duka itself would not show.
 */

import { readerPath } from '../library/readerPath.ts';
import { parseMarkdown, type Inline } from './markdown.ts';

/** Everything the file needs, in reading order; the app maps database rows and article content onto it. */
export interface NotesExportInput {
	/** Reader links lead to the card and paragraph (see readerPath). */
	articleId: string;
	articleTitleZh: string;
	articleTitleEn: string;
	/** Where the app is served, e.g. `https://duka.example`; links back into the reader start with it. */
	origin: string;
	exportedAt: Date;
	parts: NotesExportPart[];
}

export interface NotesExportPart {
	titleZh: string;
	titleEn: string;
	cards: NotesExportCard[];
}

export interface NotesExportCard {
	cardId: string;
	titleZh: string;
	titleEn: string;
	paragraphs: NotesExportParagraph[];
}

export interface NotesExportParagraph {
	paragraphId: string;
	/** The paragraph text, quoted when the paragraph is bookmarked or has notes of its own. */
	text: string;
	bookmarked: boolean;
	/** Notes on the whole paragraph (light Markdown), oldest first. */
	notes: string[];
	/** In the order they appear in the paragraph. */
	highlights: NotesExportHighlight[];
}

export interface NotesExportHighlight {
	quote: string;
	/** Notes on this highlight (light Markdown), oldest first. */
	notes: string[];
	/** True when the highlighted words are no longer in the paragraph (see `resolveAnchor`). */
	detached?: boolean;
}

export function notesToMarkdown(input: NotesExportInput): string {
	const sections: string[] = [];
	const counts = { bookmarks: 0, highlights: 0, notes: 0 };

	for (const part of input.parts) {
		const cardSections: string[] = [];
		for (const card of part.cards) {
			const entries: string[] = [];
			for (const paragraph of card.paragraphs) {
				const link = `[打开 Open](${readerLink(input.origin, input.articleId, card.cardId, paragraph.paragraphId)})`;
				const paragraphNotes = paragraph.notes.filter(hasText);
				if (paragraph.bookmarked || paragraphNotes.length > 0) {
					if (paragraph.bookmarked) counts.bookmarks++;
					counts.notes += paragraphNotes.length;
					const label = paragraph.bookmarked ? '🔖 **书签 Bookmark**' : '📝 **段落笔记 Paragraph note**';
					entries.push(
						[`${label} · ${link}`, blockquote(paragraph.text), ...paragraphNotes.map(noteToMarkdown)].join('\n\n')
					);
				}
				for (const highlight of paragraph.highlights) {
					const highlightNotes = highlight.notes.filter(hasText);
					counts.highlights++;
					counts.notes += highlightNotes.length;
					const label = `🖍 **高亮 Highlight**${highlight.detached ? ' (原文已修改 no longer in the text)' : ''}`;
					entries.push(
						[`${label} · ${link}`, blockquote(highlight.quote), ...highlightNotes.map(noteToMarkdown)].join('\n\n')
					);
				}
			}
			if (entries.length > 0)
				cardSections.push(
					[`### ${bilingualTitle(card.titleZh, card.titleEn) || escapeInline(card.cardId)}`, ...entries].join('\n\n')
				);
		}
		if (cardSections.length > 0)
			sections.push([`## ${bilingualTitle(part.titleZh, part.titleEn)}`, ...cardSections].join('\n\n'));
	}

	const title = `# 笔记 Notes: ${bilingualTitle(input.articleTitleZh, input.articleTitleEn)}`;
	const date = `导出日期 Exported: ${localDate(input.exportedAt)}`;
	if (sections.length === 0) {
		return (
			[title, date, '还没有书签、高亮或笔记。Nothing here yet: no bookmarks, highlights or notes.'].join('\n\n') + '\n'
		);
	}
	const summary =
		`书签 ${counts.bookmarks} · 高亮 ${counts.highlights} · 笔记 ${counts.notes} ` +
		`(${plural(counts.bookmarks, 'bookmark')}, ${plural(counts.highlights, 'highlight')}, ${plural(counts.notes, 'note')})`;
	return [title, `${date} · ${summary}`, ...sections].join('\n\n') + '\n';
}

/** `duka-notes-<article>-<yyyy-mm-dd>.md`, safe on every file system. */
export function notesExportFileName(articleId: string, exportedAt: Date): string {
	const safeId = articleId.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '') || 'article';
	return `duka-notes-${safeId}-${localDate(exportedAt)}.md`;
}

/** The reader's address of a paragraph under `origin`, encoded so it is also a valid Markdown link destination. */
export function readerLink(origin: string, articleId: string, cardId: string, paragraphId: string): string {
	const base = origin.replace(/\/+$/, '');
	return `${base}${readerPath(articleId, cardId, { paragraphId })}`.replace(/[\s()<>\\]/g, (char) =>
		percentEncode(char)
	);
}

/** A note as Markdown: parsed with Duka's own rules, then written back with everything else escaped. */
export function noteToMarkdown(source: string): string {
	return parseMarkdown(source)
		.map((block) => {
			if (block.t === 'p') return inlinesToMarkdown(block.c, '');
			if (block.t === 'ul') return block.items.map((item) => `- ${inlinesToMarkdown(item, '  ')}`).join('\n');
			return block.items
				.map((item, index) => {
					// Numbers past nine digits would stop being list markers; repeating the start is equally valid.
					const number = block.start + index <= 999_999_999 ? block.start + index : block.start;
					const marker = `${number}. `;
					return marker + inlinesToMarkdown(item, ' '.repeat(marker.length));
				})
				.join('\n');
		})
		.join('\n\n');
}

function hasText(note: string): boolean {
	return note.trim().length > 0;
}

/** A bilingual title on one line, `zh · en` (once when both are the same), escaped as Markdown text. */
export function bilingualTitle(zh: string, en: string): string {
	const parts = [zh, en].map((title) => title.replace(/\s+/g, ' ').trim()).filter((title) => title.length > 0);
	if (parts.length === 2 && parts[0] === parts[1]) parts.pop();
	return escapeInline(parts.join(' · '));
}

/** Plain text as a blockquote: each line its own quoted paragraph, so line breaks survive every renderer. */
function blockquote(text: string): string {
	const lines = text
		.split(/\r\n?|\n/)
		.map((line) => line.trim())
		.filter((line) => line.length > 0);
	if (lines.length === 0) return '>';
	return lines.map((line) => `> ${escapeLineStart(escapeInline(line))}`).join('\n>\n');
}

// Characters that can start inline markup, autolinks, HTML or entities (and GFM tables and strikethrough).
const INLINE_SIGNIFICANT = /[\\`*_[\]<>&|~]/g;

export function escapeInline(text: string): string {
	return text.replace(INLINE_SIGNIFICANT, '\\$&');
}

/** Escapes what would make a line a heading, list item, setext underline or thematic break. */
export function escapeLineStart(line: string): string {
	if (/^[#+=-]/.test(line)) return `\\${line}`;
	return line.replace(/^(\d+)([.)])/, '$1\\$2');
}

function inlinesToMarkdown(inlines: readonly Inline[], continuationIndent: string): string {
	let out = '';
	let atLineStart = true;
	// `out.length` just after the last emphasis closed.
	let closedAt = -1;

	interface Context {
		/** Where the text the parser will see as one unit starts: link text is parsed on its own. */
		start: number;
		/** Emphasis markers open around the current position, within this unit. */
		depth: number;
		/** `out.length` just after the enclosing emphasis opened, or -1. */
		parentOpenedAt: number;
		/** The kind of the enclosing emphasis, within this unit. */
		parentKind?: 'strong' | 'em';
	}

	const write = (inlines: readonly Inline[], context: Context) => {
		for (const inline of inlines) {
			switch (inline.t) {
				case 'text': {
					const escaped = escapeInline(inline.v);
					out += atLineStart ? escapeLineStart(escaped.replace(/^[ \t]+/, '')) : escaped;
					break;
				}
				case 'br':
					// A backslash before the line break is CommonMark's hard break.
					out += `\\\n${continuationIndent}`;
					atLineStart = true;
					continue;
				case 'code':
					out += codeSpan(inline.v);
					break;
				case 'strong':
				case 'em': {
					// Inside other emphasis, a `*` right after a non-space character can close the enclosing
					// pair instead of opening a new one, and an opener straight after a closer joins it in one
					// delimiter run. Those rare nestings keep their text and lose the markup; so does emphasis
					// inside emphasis of its own kind, which shows nothing more and whose merged run (`**`, `****`)
					// can fall foul of CommonMark's rule of three. Another opener directly after its parent's
					// merges into one run (`***`), which parses as intended.
					const previous = out.length > context.start ? out[out.length - 1] : undefined;
					const canBeReadAsCloser =
						previous !== undefined && !/\s/.test(previous) && context.parentOpenedAt !== out.length;
					const misread = (context.depth > 0 && canBeReadAsCloser) || closedAt === out.length;
					if (misread || context.parentKind === inline.t) {
						write(inline.c, { ...context, parentOpenedAt: -1 });
						break;
					}
					// Text written without markup may still start the line (and be escaped there); a marker may not.
					atLineStart = false;
					const marker = inline.t === 'strong' ? '**' : '*';
					out += marker;
					write(inline.c, {
						start: context.start,
						depth: context.depth + 1,
						parentOpenedAt: out.length,
						parentKind: inline.t
					});
					out += marker;
					closedAt = out.length;
					break;
				}
				case 'link':
					// `!` right before a link would make it an image, which a Markdown viewer loads from its host.
					if (out.endsWith('!')) out = `${out.slice(0, -1)}\\!`;
					out += '[';
					atLineStart = false;
					write(inline.c, { start: out.length, depth: 0, parentOpenedAt: -1 });
					out += `](${inline.href.replace(/[\s()<>\\]/g, (char) => percentEncode(char))})`;
					break;
			}
			atLineStart = false;
		}
	};
	write(inlines, { start: 0, depth: 0, parentOpenedAt: -1 });
	return out;
}

/** A fence longer than any backtick run inside, padded when the content touches a backtick or space. */
function codeSpan(content: string): string {
	const longestRun = (content.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0);
	const fence = '`'.repeat(longestRun + 1);
	if (content === '') return '';
	const touchesSpace = content.startsWith(' ') && content.endsWith(' ') && content.trim() !== '';
	const pad = content.startsWith('`') || content.endsWith('`') || touchesSpace ? ' ' : '';
	return `${fence}${pad}${content}${pad}${fence}`;
}

function percentEncode(char: string): string {
	return encodeURIComponent(char).replace(/[()]/g, (paren) => `%${paren.charCodeAt(0).toString(16).toUpperCase()}`);
}

function localDate(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
