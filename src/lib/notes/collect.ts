/**
 * Arranges an article's bookmarks, highlights and notes the way the Notes screen and the export show them:
 * by part and card in reading order, then by place in the paragraph. Nothing is dropped: a note whose
 * highlight is gone counts as a note on the paragraph, a highlight whose words were edited away is kept and
 * marked detached, and anything on a paragraph no longer in the article is listed apart.
 */

import type { Article, ReadingCard } from '../model/articles.ts';
import type { BookmarkRow, HighlightRow, NoteRow } from '../model/notes.ts';
import { resolveAnchor } from './anchor.ts';
import type { NotesExportInput, NotesExportParagraph } from './export.ts';
import { markdownToPlainText } from './markdown.ts';
import type { SearchableNote } from './search.ts';

export interface AnnotationRows {
	bookmarks: readonly BookmarkRow[];
	highlights: readonly HighlightRow[];
	notes: readonly NoteRow[];
}

interface EntryBase extends SearchableNote {
	/** Unique across the article; stable while the row exists. */
	key: string;
	articleId: string;
	paragraphId: string;
	/** Null when the paragraph is no longer in the article. */
	cardId: string | null;
	/** The paragraph's current text; '' when it is no longer in the article. */
	paragraphText: string;
}

export type NotesEntry =
	| (EntryBase & { kind: 'bookmark'; bookmark: BookmarkRow })
	/** A note on the paragraph; `bookmark` when the paragraph is bookmarked too, so both make one entry. */
	| (EntryBase & { kind: 'note'; note: NoteRow; bookmark?: BookmarkRow })
	| (EntryBase & { kind: 'highlight'; highlight: HighlightRow; notes: NoteRow[]; detached: boolean });

export interface NotesCard {
	cardId: string;
	titleZh: string;
	titleEn: string;
	entries: NotesEntry[];
}

export interface NotesPart {
	partId: string;
	n?: number;
	titleZh: string;
	titleEn: string;
	cards: NotesCard[];
}

export interface ArticleNotes {
	articleId: string;
	titleZh: string;
	titleEn: string;
	parts: NotesPart[];
	/** On paragraphs that are no longer in the article. */
	unplaced: NotesEntry[];
	counts: { bookmarks: number; highlights: number; notes: number };
}

interface Place {
	card: ReadingCard;
	order: number;
	text: string;
}

export function collectNotes(article: Article, rows: AnnotationRows): ArticleNotes {
	const articleId = article.meta.id;
	const places = new Map<string, Place>();
	let order = 0;
	for (const card of article.cards)
		for (const paragraph of card.paragraphs) places.set(paragraph.id, { card, order: order++, text: paragraph.text });

	const highlightIds = new Set(rows.highlights.map((highlight) => highlight.id));
	const notesByHighlight = new Map<string, NoteRow[]>();
	const paragraphNotes: NoteRow[] = [];
	for (const note of [...rows.notes].sort(byCreation)) {
		if (note.highlightId !== null && highlightIds.has(note.highlightId)) {
			const list = notesByHighlight.get(note.highlightId) ?? [];
			list.push(note);
			notesByHighlight.set(note.highlightId, list);
		} else {
			paragraphNotes.push(note);
		}
	}

	const base = (kind: string, id: string, paragraphId: string, noteText: string, quote: string): EntryBase => {
		const place = places.get(paragraphId);
		return {
			key: `${kind}:${id}`,
			articleId,
			paragraphId,
			cardId: place?.card.id ?? null,
			paragraphText: place?.text ?? '',
			noteText,
			quote,
			cardTitleZh: place?.card.titleZh ?? '',
			cardTitleEn: place?.card.titleEn ?? ''
		};
	};

	// Sort keys: paragraph order, then bookmark, paragraph notes, highlights by where they start.
	const sorted: { entry: NotesEntry; rank: [number, number, number, number] }[] = [];
	const orderOf = (paragraphId: string) => places.get(paragraphId)?.order ?? Number.MAX_SAFE_INTEGER;
	// A bookmarked paragraph with a note on it is one entry: the bookmark goes with its first note.
	const bookmarkOf = new Map(rows.bookmarks.map((bookmark) => [bookmark.paragraphId, bookmark]));
	const noted = new Set(paragraphNotes.map((note) => note.paragraphId));
	for (const bookmark of rows.bookmarks) {
		if (noted.has(bookmark.paragraphId)) continue;
		const entry: NotesEntry = {
			...base('bookmark', bookmark.key, bookmark.paragraphId, '', places.get(bookmark.paragraphId)?.text ?? ''),
			kind: 'bookmark',
			bookmark
		};
		sorted.push({ entry, rank: [orderOf(bookmark.paragraphId), 0, 0, bookmark.createdAt] });
	}
	for (const note of paragraphNotes) {
		const entry: NotesEntry = {
			...base(
				'note',
				note.id,
				note.paragraphId,
				markdownToPlainText(note.text),
				places.get(note.paragraphId)?.text ?? ''
			),
			kind: 'note',
			note
		};
		const bookmark = bookmarkOf.get(note.paragraphId);
		if (bookmark) {
			entry.bookmark = bookmark;
			bookmarkOf.delete(note.paragraphId);
		}
		sorted.push({ entry, rank: [orderOf(note.paragraphId), 1, 0, note.createdAt] });
	}
	for (const highlight of rows.highlights) {
		const place = places.get(highlight.paragraphId);
		const resolved = place ? resolveAnchor(highlight, place.text) : undefined;
		const detached = !resolved || resolved.status === 'detached' || resolved.start >= resolved.end;
		const quote = resolved && !detached ? (place?.text ?? '').slice(resolved.start, resolved.end) : highlight.quote;
		const notes = notesByHighlight.get(highlight.id) ?? [];
		const noteText = notes.map((note) => markdownToPlainText(note.text)).join('\n\n');
		const entry: NotesEntry = {
			...base('highlight', highlight.id, highlight.paragraphId, noteText, quote),
			kind: 'highlight',
			highlight,
			notes,
			detached
		};
		sorted.push({ entry, rank: [orderOf(highlight.paragraphId), 2, resolved?.start ?? 0, highlight.createdAt] });
	}
	sorted.sort((a, b) => compareRanks(a.rank, b.rank));

	const parts: NotesPart[] = [];
	const unplaced: NotesEntry[] = [];
	for (const { entry } of sorted) {
		const place = places.get(entry.paragraphId);
		if (!place) {
			unplaced.push(entry);
			continue;
		}
		const part = article.parts.find((candidate) => candidate.id === place.card.partId);
		let partGroup = parts[parts.length - 1];
		if (partGroup?.partId !== place.card.partId) {
			partGroup = {
				partId: place.card.partId,
				n: part?.n,
				titleZh: part?.titleZh ?? '',
				titleEn: part?.titleEn ?? '',
				cards: []
			};
			parts.push(partGroup);
		}
		let cardGroup = partGroup.cards[partGroup.cards.length - 1];
		if (cardGroup?.cardId !== place.card.id) {
			cardGroup = { cardId: place.card.id, titleZh: place.card.titleZh, titleEn: place.card.titleEn, entries: [] };
			partGroup.cards.push(cardGroup);
		}
		cardGroup.entries.push(entry);
	}

	return {
		articleId,
		titleZh: article.meta.titleZh,
		titleEn: article.meta.titleEn,
		parts,
		unplaced,
		counts: {
			bookmarks: rows.bookmarks.length,
			highlights: rows.highlights.length,
			notes: rows.notes.filter((note) => note.text.trim() !== '').length
		}
	};
}

/** Every entry, in the order the screen lists them. */
export function notesEntries(notes: ArticleNotes): NotesEntry[] {
	return [...notes.parts.flatMap((part) => part.cards.flatMap((card) => card.entries)), ...notes.unplaced];
}

/** The same arrangement with only the entries whose key is in `keep`; empty cards and parts drop out. */
export function filterNotes(notes: ArticleNotes, keep: ReadonlySet<string>): ArticleNotes {
	const parts = notes.parts
		.map((part) => ({
			...part,
			cards: part.cards
				.map((card) => ({ ...card, entries: card.entries.filter((entry) => keep.has(entry.key)) }))
				.filter((card) => card.entries.length > 0)
		}))
		.filter((part) => part.cards.length > 0);
	return { ...notes, parts, unplaced: notes.unplaced.filter((entry) => keep.has(entry.key)) };
}

/**
 * The export's input. Entries on paragraphs no longer in the article have no passage to quote or link to,
 * so they stay in the app (and in backups) but not in the file.
 */
export function notesExportInput(notes: ArticleNotes, origin: string, exportedAt: Date): NotesExportInput {
	return {
		articleId: notes.articleId,
		articleTitleZh: notes.titleZh,
		articleTitleEn: notes.titleEn,
		origin,
		exportedAt,
		parts: notes.parts.map((part) => ({
			titleZh: part.titleZh,
			titleEn: part.titleEn,
			cards: part.cards.map((card) => {
				const paragraphs: NotesExportParagraph[] = [];
				for (const entry of card.entries) {
					let paragraph = paragraphs[paragraphs.length - 1];
					if (paragraph?.paragraphId !== entry.paragraphId) {
						paragraph = {
							paragraphId: entry.paragraphId,
							text: entry.paragraphText,
							bookmarked: false,
							notes: [],
							highlights: []
						};
						paragraphs.push(paragraph);
					}
					if (entry.kind === 'bookmark') paragraph.bookmarked = true;
					else if (entry.kind === 'note') {
						paragraph.notes.push(entry.note.text);
						if (entry.bookmark) paragraph.bookmarked = true;
					} else
						paragraph.highlights.push({
							quote: entry.quote,
							notes: entry.notes.map((note) => note.text),
							detached: entry.detached
						});
				}
				return { cardId: card.cardId, titleZh: card.titleZh, titleEn: card.titleEn, paragraphs };
			})
		}))
	};
}

function byCreation(a: { createdAt: number }, b: { createdAt: number }): number {
	return a.createdAt - b.createdAt;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
	for (let index = 0; index < a.length; index++) {
		const difference = (a[index] ?? 0) - (b[index] ?? 0);
		if (difference !== 0) return difference;
	}
	return 0;
}
