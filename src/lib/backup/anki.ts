/**
 * Exports for other tools: the deck as an Anki text file, the review history as CSV. Both are plain text
 * built from data; nothing in an entry can add a column, a row, a header line or markup to either file.
 */

import type { Article, ArticleMeta } from '../model/articles.ts';
import { isImportedArticleId } from '../model/ids.ts';
import type { VocabEntry } from '../model/words.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import { sentenceWith, splitOnTerm } from '../deck/entries.ts';
import { markedCloze } from '../content/cloze.ts';
import type { ClozeWay } from '../model/cards.ts';

export interface AnkiNote {
	entry: VocabEntry;
	/** The article sentence the term is taken from, if known. */
	example?: string;
}

/** Column order of the note lines; the header lines below name them for Anki. */
const COLUMNS = ['Front', 'Back', 'Tags', 'Deck', 'GUID'] as const;
const column = (name: (typeof COLUMNS)[number]) => COLUMNS.indexOf(name) + 1;

export const ankiDeckName = (articleId: string) => `Duka::${articleId}`;

/**
 * The deck of an article's words: the built-in articles' keep their id, an imported text is named by its title (its
 * id means nothing to the user). `::` would start a sub-deck in Anki, so a title's colons stay single.
 */
export function ankiDeckOf(meta: Pick<ArticleMeta, 'id' | 'titleZh'>): string {
	if (!isImportedArticleId(meta.id)) return ankiDeckName(meta.id);
	const title = meta.titleZh.replace(/\s+/g, ' ').replace(/:{2,}/g, ':').trim();
	return title ? `Duka::${title}` : ankiDeckName(meta.id);
}

/**
 * A tab-separated file that Anki (2.1.55 or later) imports as it is: the header lines choose the separator,
 * HTML fields, the note type, the deck, and which columns hold tags and the note's id. The id (GUID) makes
 * a second import update the notes instead of adding copies.
 */
export function deckToAnki(articleId: string, notes: readonly AnkiNote[], deck = ankiDeckName(articleId)): string {
	const header = [
		'#separator:tab',
		'#html:true',
		'#notetype:Basic (and reversed card)',
		// Anki applies `#deck` only when that deck already exists; the deck column after it creates the deck.
		`#deck:${plain(deck)}`,
		`#deck column:${column('Deck')}`,
		`#tags column:${column('Tags')}`,
		`#guid column:${column('GUID')}`,
		`#columns:${COLUMNS.join('\t')}`
	];
	const lines = notes.map(({ entry, example }) =>
		[
			ankiField(escapeHtml(entry.en)),
			ankiField(backOf(entry, example)),
			ankiTags(entry, articleId),
			plain(deck),
			plain(`duka:${entry.id}`)
		].join('\t')
	);
	return [...header, ...lines].join('\n') + '\n';
}

/** A word with cloze cards, for Anki's Cloze note type: its sentence, and which of its ways it has cards of. */
export interface AnkiClozeNote {
	entry: VocabEntry;
	sentence: string;
	ways: readonly ClozeWay[];
}

const CLOZE_COLUMNS = ['Text', 'Back Extra', 'Tags', 'Deck', 'GUID'] as const;
const clozeColumn = (name: (typeof CLOZE_COLUMNS)[number]) => CLOZE_COLUMNS.indexOf(name) + 1;

// Anki numbers a note's cloze deletions; each number is one card. The Chinese blanked is c1, the English c2.
const CLOZE_NUMBER: Record<ClozeWay, number> = { clozeZh: 1, clozeEn: 2 };

/**
 * The cloze cards of an article's words as a file of Anki's Cloze note type, one note a word: its sentence with the
 * Chinese as `{{c1::…}}` and, where the word has that card, the English as `{{c2::…}}`, each with the other language
 * as its hint when the sentence does not show it. A note of no cloze the sentence allows is left out.
 */
export function clozeDeckToAnki(
	articleId: string,
	notes: readonly AnkiClozeNote[],
	deck = ankiDeckName(articleId)
): string {
	const header = [
		'#separator:tab',
		'#html:true',
		'#notetype:Cloze',
		`#deck:${plain(deck)}`,
		`#deck column:${clozeColumn('Deck')}`,
		`#tags column:${clozeColumn('Tags')}`,
		`#guid column:${clozeColumn('GUID')}`,
		`#columns:${CLOZE_COLUMNS.join('\t')}`
	];
	const lines = notes.flatMap(({ entry, sentence, ways }) => {
		const text = clozeText(entry, sentence, ways);
		return text
			? [
					[
						ankiField(text),
						ankiField(extraOf(entry)),
						ankiTags(entry, articleId),
						plain(deck),
						plain(`duka:${entry.id}:cloze`)
					].join('\t')
				]
			: [];
	});
	return [...header, ...lines].join('\n') + '\n';
}

/** The sentence with its deletions, as HTML; undefined when it holds none. */
function clozeText(entry: VocabEntry, sentence: string, ways: readonly ClozeWay[]): string | undefined {
	const { pieces, clues } = markedCloze({ zh: entry.zh, en: entry.en, forms: entry.forms }, sentence, ways);
	if (!pieces.some((piece) => piece.way)) return undefined;
	const html = pieces.map(({ text, way }) => {
		if (!way) return clozeSafe(escapeHtml(text));
		const clue = clues[way];
		const hint = clue ? `::${clozeSafe(escapeHtml(clue), true)}` : '';
		return `{{c${CLOZE_NUMBER[way]}::${clozeSafe(escapeHtml(text), true)}${hint}}}`;
	});
	return `<span lang="zh-Hans">${html.join('')}</span>`;
}

/** Braces (and, inside a deletion, colons) as character references, so text can never open or split a deletion. */
function clozeSafe(html: string, inDeletion = false): string {
	const safe = html.replace(/[{}]/g, (char) => `&#${char.charCodeAt(0)};`);
	return inDeletion ? safe.replace(/:/g, '&#58;') : safe;
}

/** What the back of a cloze card adds: the word, its pinyin, English and definitions. */
function extraOf(entry: VocabEntry): string {
	const parts = [
		`<div lang="zh-Hans"><b>${escapeHtml(entry.zh)}</b> ${escapeHtml(entry.pinyin)}</div>`,
		`<div>${escapeHtml(entry.en)}</div>`
	];
	if (entry.defEn && entry.defEn !== entry.en) parts.push(`<div>${escapeHtml(entry.defEn)}</div>`);
	if (entry.defZh) parts.push(`<div lang="zh-Hans">${escapeHtml(entry.defZh)}</div>`);
	return parts.join('');
}

/** The back of the card, as HTML: the term, its pinyin, definitions and the sentence with the term in bold. */
function backOf(entry: VocabEntry, example: string | undefined): string {
	const parts = [`<div lang="zh-Hans"><b>${escapeHtml(entry.zh)}</b></div>`, `<div>${escapeHtml(entry.pinyin)}</div>`];
	if (entry.defEn) parts.push(`<div>${escapeHtml(entry.defEn)}</div>`);
	if (entry.defZh) parts.push(`<div lang="zh-Hans">${escapeHtml(entry.defZh)}</div>`);
	if (example) {
		const { before, term, after } = splitOnTerm(example, entry.forms.length > 0 ? entry.forms : [entry.zh]);
		const marked = term ? `${escapeHtml(before)}<b>${escapeHtml(term)}</b>${escapeHtml(after)}` : escapeHtml(example);
		parts.push(`<div lang="zh-Hans"><i>${marked}</i></div>`);
	}
	return parts.join('');
}

/** Escapes text for an HTML field: markup shows as text, and a field can never end early or start a comment. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`).replace(/\r\n|\r|\n/g, '<br>');
}

/**
 * One field of a note line. Tabs and newlines would start a new column or note, so they become `&#9;` and
 * `<br>`; a line starting with `#` would be read as a comment, so a leading `#` becomes `&#35;`.
 */
export function ankiField(html: string): string {
	return html
		.replace(/\t/g, '&#9;')
		.replace(/\r\n|\r|\n/g, '<br>')
		.replace(/^#/, '&#35;');
}

/** A column Anki reads as plain text (deck, GUID): only a tab or line break could harm it. */
const plain = (text: string) => text.replace(/[\t\r\n]/g, ' ');

/** Anki tags are separated by spaces and may not hold quotes; everything else in a tag is kept. */
function ankiTags(entry: VocabEntry, articleId: string): string {
	const tags = ['duka', articleId, entry.pos, ...entry.tags];
	return [...new Set(tags.map((tag) => tag.replace(/[\s"]+/g, '_')).filter(Boolean))].join(' ');
}

/** The sentence of the entry's first occurrence in the article, for the back of the card. */
export function exampleFor(entry: VocabEntry, article: Article | undefined): string | undefined {
	if (!article) return undefined;
	for (const occurrence of entry.occurrences) {
		for (const card of article.cards) {
			const paragraph = card.paragraphs.find((p) => p.id === occurrence.paragraphId);
			if (paragraph) return sentenceWith(paragraph.text, entry.forms.length > 0 ? entry.forms : [entry.zh]);
		}
	}
	return undefined;
}

const STATE_NAMES = ['new', 'learning', 'review', 'relearning'];
const RATING_NAMES = ['manual', 'again', 'hard', 'good', 'easy'];

export const REVIEW_CSV_COLUMNS = [
	'card_id',
	'entry',
	'direction',
	'rating',
	'rating_name',
	'reviewed_at',
	'duration_ms',
	'state_before',
	'state_after',
	'due_after'
];

/** The review history, oldest first, as RFC 4180 CSV (CRLF line ends, fields quoted where needed). */
export function reviewsToCsv(rows: readonly ReviewLogRow[]): string {
	const sorted = [...rows].sort((a, b) => a.reviewedAt - b.reviewedAt || (a.id ?? 0) - (b.id ?? 0));
	const lines = [REVIEW_CSV_COLUMNS.join(',')];
	for (const row of sorted) {
		const split = row.cardId.lastIndexOf('|');
		const entry = split >= 0 ? row.cardId.slice(0, split) : row.cardId;
		const direction = split >= 0 ? row.cardId.slice(split + 1) : '';
		lines.push(
			[
				csvText(row.cardId),
				csvText(entry),
				csvText(direction),
				String(row.rating),
				RATING_NAMES[row.rating] ?? '',
				isoTime(row.reviewedAt),
				String(row.durationMs),
				STATE_NAMES[row.before.state] ?? String(row.before.state),
				STATE_NAMES[row.after.state] ?? String(row.after.state),
				isoTime(row.after.due)
			].join(',')
		);
	}
	return lines.join('\r\n') + '\r\n';
}

const isoTime = (ms: number) => (Number.isFinite(ms) ? new Date(ms).toISOString() : '');

/**
 * A text field: quoted when it holds a comma, quote or line break (quotes doubled). A field a spreadsheet
 * would run as a formula (starting with = + - @) gets a leading apostrophe, as OWASP advises for CSV.
 */
export function csvText(value: string): string {
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
