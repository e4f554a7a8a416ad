import type { BookmarkRow, HighlightRow, NoteRow } from '../model/notes.ts';
import type { KeyValueRow } from '../db/db.ts';
import type { ArticleTextRow, ImportedArticleRow } from '../model/imported.ts';
import type { ReadingStateRow } from '../model/reading.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { StudyCardRow } from '../model/cards.ts';
import type { UserEntryRow } from '../model/words.ts';

/**
 * Every table a backup holds, in the order they are written on restore. Kept apart from schema.ts so the
 * database chunk can use the names without pulling in the validator.
 */
export const TABLE_NAMES = [
	'kv',
	'reading',
	'cards',
	'reviews',
	'userEntries',
	'bookmarks',
	'highlights',
	'notes',
	'articles',
	'articleTexts'
] as const;

export type TableName = (typeof TABLE_NAMES)[number];

/** The rows of every table, as stored. */
export interface BackupTables {
	kv: KeyValueRow[];
	reading: ReadingStateRow[];
	cards: StudyCardRow[];
	reviews: ReviewLogRow[];
	userEntries: UserEntryRow[];
	bookmarks: BookmarkRow[];
	highlights: HighlightRow[];
	notes: NoteRow[];
	/** Imported articles (since format 2). */
	articles: ImportedArticleRow[];
	articleTexts: ArticleTextRow[];
}

export const BACKUP_APP = 'duka';
/**
 * 2 added imported articles; a file of format 1 restores as one without them. 3 is the same rows as gzip-compressed
 * lines (stream.ts), so a backup of any size is written and read a part at a time.
 */
export const BACKUP_FORMAT = 3;

/** A whole backup in memory: what the tests, and files of formats 1 and 2, are read as. */
export interface BackupFile {
	app: typeof BACKUP_APP;
	format: typeof BACKUP_FORMAT;
	/** ISO 8601, UTC. */
	exportedAt: string;
	tables: BackupTables;
}

/** The first line of a format-3 file: what the lines after it hold, so a file cut short is known as such. */
export interface BackupHeader {
	app: typeof BACKUP_APP;
	format: typeof BACKUP_FORMAT;
	/** The Duka that wrote the file (package.json's version). */
	appVersion: string;
	exportedAt: string;
	/** Every table, in the order its rows follow (the cards each after its own reviews), with how many rows it has. */
	tables: Record<TableName, number>;
	/** Earliest and latest review, epoch ms; null without reviews. */
	reviews: { first: number; last: number } | null;
}

/** Rows of one table, as they are written and restored: a part of a table at a time. */
export interface RowBatch {
	table: TableName;
	rows: object[];
}

/**
 * The cards and reviews as a backup lists them, each card right after its own reviews (db/backup.ts `exportInParts`
 * says why), in runs of one table: `reviews` in the order of the cardId index (card, then id), `cards` in key order,
 * `compare` ordering keys as the database does. A card the reviews have not passed yet waits for the next reviews
 * (a page of them) unless these are the `last`; the cards still waiting are returned.
 */
export function cardsAfterTheirReviews(
	cards: readonly StudyCardRow[],
	reviews: readonly ReviewLogRow[],
	compare: (a: string, b: string) => number,
	last: boolean
): { runs: RowBatch[]; waiting: StudyCardRow[] } {
	const runs: RowBatch[] = [];
	const add = (table: TableName, row: object) => {
		const run = runs.at(-1);
		if (run?.table === table) run.rows.push(row);
		else runs.push({ table, rows: [row] });
	};
	let next = 0;
	for (const review of reviews) {
		while (next < cards.length && compare(cards[next]!.id, review.cardId) < 0) add('cards', cards[next++]!);
		add('reviews', review);
	}
	if (last) for (; next < cards.length; next++) add('cards', cards[next]!);
	return { runs, waiting: cards.slice(next) };
}

/** The primary key of a row, as the database sees it; reviews without an id have none yet. */
export function primaryKey(table: TableName, row: object): string | number | undefined {
	const record = row as Record<string, unknown>;
	const key = table === 'kv' || table === 'reading' || table === 'bookmarks' ? record.key : record.id;
	return typeof key === 'string' || typeof key === 'number' ? key : undefined;
}

/** Reviews are the same review when they are of the same card at the same millisecond: ids differ between devices. */
export const reviewIdentity = (row: Pick<ReviewLogRow, 'cardId' | 'reviewedAt'>) =>
	`${row.reviewedAt}\u0000${row.cardId}`;

export function emptyCounts(): Record<TableName, number> {
	return Object.fromEntries(TABLE_NAMES.map((name) => [name, 0])) as Record<TableName, number>;
}
