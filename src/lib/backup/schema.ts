/**
 * The backup file: what a valid one looks like, and why a file is refused. Everything in a file is data to
 * be checked by shape and length, never markup or code to run: strings are only ever stored and shown as text.
 */

import * as v from 'valibot';
import { summariseArticle } from '../model/articles.ts';
import { isImportedArticleId } from '../model/ids.ts';
import { CARD_DIRECTIONS } from '../model/cards.ts';
import { FSRS_PARAMETER_COUNT } from '../model/reviews.ts';
import { MAX_NOTE_LENGTH } from '../notes/limits.ts';
import { MAX_TAG_LENGTH, MAX_TAGS } from '../notes/tags.ts';
import { canonicalJson } from './export.ts';
import {
	BACKUP_APP,
	BACKUP_FORMAT,
	emptyCounts,
	primaryKey,
	TABLE_NAMES,
	type BackupFile,
	type BackupHeader,
	type BackupTables,
	type TableName
} from './tables.ts';

// Generous for anything Duka writes; they bound the cost of a hostile file, not what a user may type.
const MAX_ID = 1_000;
const MAX_SHORT_TEXT = 2_000;
const MAX_TEXT = 20_000;
const MAX_SETTING_JSON = 100_000;
/** An imported text is at most 2 MB of text: none of its strings can be longer, whatever the import made of it. */
const MAX_ARTICLE_TEXT = 2_500_000;
/** Speakers, parts, cards, paragraphs or tokens of one article; a hostile file is bounded by its size anyway. */
const MAX_ARTICLE_ITEMS = 5_000_000;
/** Latest instant a JavaScript Date can hold. */
const MAX_TIME = 8.64e15;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID));
const shortText = v.pipe(v.string(), v.maxLength(MAX_SHORT_TEXT));
const text = v.pipe(v.string(), v.maxLength(MAX_TEXT));
const time = v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(MAX_TIME));
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0));
const amount = v.pipe(v.number(), v.finite(), v.minValue(0));
const flag = v.picklist([0, 1]);
const articleText = v.pipe(v.string(), v.maxLength(MAX_ARTICLE_TEXT));
const items = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.maxLength(MAX_ARTICLE_ITEMS));
const steps = v.pipe(v.array(v.pipe(v.string(), v.maxLength(20))), v.maxLength(50));

const fsrsEntries = {
	due: time,
	stability: amount,
	difficulty: amount,
	elapsed_days: amount,
	scheduled_days: amount,
	learning_steps: count,
	reps: count,
	lapses: count,
	state: v.picklist([0, 1, 2, 3]),
	last_review: v.nullable(time)
};

const fsrsState = v.strictObject(fsrsEntries);

const kvRow = v.strictObject({
	key: id,
	value: v.pipe(
		v.unknown(),
		v.check(
			(value) => value !== undefined && JSON.stringify(value).length <= MAX_SETTING_JSON,
			`must be a JSON value of at most ${MAX_SETTING_JSON} characters`
		)
	)
});

const readingRow = v.pipe(
	v.strictObject({ key: id, articleId: id, cardId: id, readAt: time }),
	v.check((row) => row.key === `${row.articleId}/${row.cardId}`, 'key must be articleId/cardId')
);

const cardRow = v.pipe(
	v.strictObject({
		...fsrsEntries,
		id,
		entryId: id,
		direction: v.picklist(CARD_DIRECTIONS),
		suspended: flag,
		buriedUntil: time,
		leech: flag,
		createdAt: time,
		// Written by the app since schema version 3; derived from entryId on restore either way.
		userMade: v.optional(v.literal(1))
	}),
	v.check((row) => row.id === `${row.entryId}|${row.direction}`, 'id must be entryId|direction')
);

const reviewRow = v.strictObject({
	id: v.exactOptional(v.pipe(v.number(), v.safeInteger(), v.minValue(1))),
	cardId: id,
	rating: v.picklist([1, 2, 3, 4]),
	reviewedAt: time,
	durationMs: count,
	before: fsrsState,
	after: fsrsState,
	sideEffects: v.exactOptional(
		v.strictObject({
			leechBefore: flag,
			buriedSiblings: v.pipe(v.array(v.strictObject({ id, buriedUntil: time })), v.maxLength(100))
		})
	),
	parameters: v.exactOptional(
		v.strictObject({
			desiredRetention: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
			maximumIntervalDays: count,
			learningSteps: steps,
			relearningSteps: steps,
			enableFuzz: v.boolean(),
			// The FSRS-6 parameters optimised from the user's reviews, when the grade used them.
			weights: v.exactOptional(v.pipe(v.array(v.pipe(v.number(), v.finite())), v.length(FSRS_PARAMETER_COUNT)))
		})
	)
});

const userEntryRow = v.strictObject({
	id,
	zh: shortText,
	pinyin: shortText,
	en: shortText,
	defEn: text,
	defZh: text,
	example: text,
	articleId: id,
	paragraphId: id,
	createdAt: time
});

const bookmarkRow = v.pipe(
	v.strictObject({ key: id, articleId: id, paragraphId: id, createdAt: time }),
	v.check((row) => row.key === `${row.articleId}/${row.paragraphId}`, 'key must be articleId/paragraphId')
);

const highlightRow = v.pipe(
	v.strictObject({
		id,
		articleId: id,
		paragraphId: id,
		start: count,
		end: count,
		quote: text,
		prefix: text,
		suffix: text,
		color: v.picklist(['yellow', 'green', 'blue', 'pink']),
		tags: v.exactOptional(
			v.pipe(v.array(v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_TAG_LENGTH * 2))), v.maxLength(MAX_TAGS))
		),
		createdAt: time,
		updatedAt: time
	}),
	v.check((row) => row.start <= row.end, 'start must not be after end')
);

const noteRow = v.strictObject({
	id,
	articleId: id,
	paragraphId: id,
	highlightId: v.nullable(id),
	text: v.pipe(v.string(), v.maxLength(MAX_NOTE_LENGTH)),
	createdAt: time,
	updatedAt: time
});

// Imported articles, in the shapes of model/articles.ts and model/imported.ts.
const articleMeta = v.strictObject({
	id,
	titleZh: articleText,
	titleEn: articleText,
	author: articleText,
	publication: articleText,
	sourceTitle: articleText,
	sourceUrl: v.exactOptional(articleText),
	translator: v.exactOptional(articleText),
	published: articleText,
	speakers: items(
		v.strictObject({
			id,
			zh: articleText,
			en: articleText,
			colour: v.pipe(v.number(), v.safeInteger(), v.minValue(0), v.maxValue(1_000)),
			label: v.boolean()
		})
	)
});

const articlePart = v.strictObject({
	id,
	n: v.exactOptional(count),
	titleZh: articleText,
	titleEn: articleText,
	included: v.boolean(),
	cardIds: items(id)
});

const paragraph = v.pipe(
	v.strictObject({
		id,
		speaker: id,
		text: articleText,
		tokens: items(v.strictObject({ s: articleText, k: v.picklist(['zh', 'en', 'p']) }))
	}),
	v.check((row) => row.tokens.map((token) => token.s).join('') === row.text, 'tokens must join to the paragraph text')
);

const article = v.strictObject({
	meta: articleMeta,
	parts: items(articlePart),
	cards: items(
		v.strictObject({ id, partId: id, titleZh: articleText, titleEn: articleText, paragraphs: items(paragraph) })
	)
});

const articleRow = v.pipe(
	v.strictObject({
		id,
		summary: v.strictObject({
			meta: articleMeta,
			parts: items(articlePart),
			cards: items(v.strictObject({ id, partId: id, titleZh: articleText, titleEn: articleText, chars: count }))
		}),
		importedAt: time,
		updatedAt: time
	}),
	v.check(
		(row) => isImportedArticleId(row.id) && row.summary.meta.id === row.id,
		'id must be an imported article id, the same as the summary’s'
	)
);

const articleTextRow = v.pipe(
	v.strictObject({
		id,
		article,
		ruby: v.record(id, items(v.nullable(v.pipe(v.array(shortText), v.maxLength(MAX_SHORT_TEXT))))),
		dictionary: v.record(
			v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SHORT_TEXT)),
			v.pipe(v.array(v.tupleWithRest([articleText], articleText)), v.maxLength(MAX_SHORT_TEXT))
		)
	}),
	v.check(
		(row) => isImportedArticleId(row.id) && row.article.meta.id === row.id,
		'id must be an imported article id, the same as the article’s'
	)
);

/** The rule for each table's rows: the one check every row of every format goes through. */
const rowSchemas = {
	kv: kvRow,
	reading: readingRow,
	cards: cardRow,
	reviews: reviewRow,
	userEntries: userEntryRow,
	bookmarks: bookmarkRow,
	highlights: highlightRow,
	notes: noteRow,
	articles: articleRow,
	articleTexts: articleTextRow
} satisfies Record<TableName, v.GenericSchema>;

/** The tables a file of formats 1 and 2 holds; format 1 was before imported articles. */
const TABLES_OF_FORMAT: Record<1 | 2, readonly TableName[]> = {
	1: TABLE_NAMES.filter((name) => name !== 'articles' && name !== 'articleTexts'),
	2: TABLE_NAMES
};

/** One row of a table, as a backup checks it: sync checks every pulled document's row with the same rules. */
export function isValidRow(table: TableName, row: unknown): boolean {
	return v.safeParse(rowSchemas[table], row).success;
}

const exportedAt = v.pipe(v.string(), v.isoTimestamp());

/** Formats 1 and 2: one JSON object; its tables are checked row by row after this. */
const jsonHeader = v.strictObject({
	app: v.literal(BACKUP_APP),
	format: v.picklist([1, 2]),
	exportedAt,
	tables: v.unknown()
});

const lineHeader = v.strictObject({
	app: v.literal(BACKUP_APP),
	format: v.literal(BACKUP_FORMAT),
	appVersion: v.pipe(v.string(), v.maxLength(100)),
	exportedAt,
	tables: v.strictObject(
		Object.fromEntries(TABLE_NAMES.map((name) => [name, count])) as Record<TableName, typeof count>
	),
	reviews: v.nullable(v.strictObject({ first: time, last: time }))
});

// The schema and the database rows must describe the same thing: these fail to compile if they drift apart,
// as when a field is added to a row in db.ts but not here (a backup would then refuse every such row).
type Parsed = { [K in TableName]: v.InferOutput<(typeof rowSchemas)[K]> };
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
const _toRows = (parsed: Parsed): { [K in TableName]: BackupTables[K][number] } => parsed;
const _toHeader = (parsed: v.InferOutput<typeof lineHeader>): BackupHeader => parsed;
const _sameFields: { [K in TableName]: SameKeys<BackupTables[K][number], Parsed[K]> } & {
	fsrs: SameKeys<BackupTables['reviews'][number]['before'], Parsed['reviews']['before']>;
} = {
	kv: true,
	reading: true,
	cards: true,
	reviews: true,
	userEntries: true,
	bookmarks: true,
	highlights: true,
	notes: true,
	articles: true,
	articleTexts: true,
	fsrs: true
};

/** What a valid file holds, for the "this file holds…" confirmation. */
export interface BackupSummary {
	exportedAt: string;
	counts: Record<TableName, number>;
	/** Earliest and latest review, epoch ms; null without reviews. */
	reviews: { first: number; last: number } | null;
}

export type RowProblem = 'missing' | 'unexpected' | 'too-long' | 'duplicate' | 'inconsistent' | 'invalid';

export type BackupProblem =
	| { kind: 'not-json' }
	| { kind: 'truncated' }
	/** A compressed file whose compressed data is broken: changed, or cut off inside a block. */
	| { kind: 'corrupt' }
	| { kind: 'foreign' }
	| { kind: 'future'; format: number }
	| {
			kind: 'invalid';
			/** Absent when the problem is in the file's header rather than in a table. */
			table?: TableName;
			/** 1-based, as a person counts. */
			row?: number;
			/** Dotted path inside the row (or header), e.g. `before.due`; absent when the whole row is wrong. */
			field?: string;
			/** The line of a format-3 file, 1-based, when the line itself is wrong (not JSON, too long, no table). */
			line?: number;
			problem: RowProblem;
	  };

/** English explanation for logs and tests; the UI words its own message from the fields. */
export type BackupRefusal = BackupProblem & { message: string };

/** Thrown from a stream of rows when the file turns out to be damaged: whatever was written from it is undone. */
export class BackupRefused extends Error {
	readonly reason: BackupRefusal;
	constructor(problem: BackupProblem) {
		const reason = describe(problem);
		super(reason.message);
		this.name = 'BackupRefused';
		this.reason = reason;
	}
}

export type ParseResult =
	{ ok: true; backup: BackupFile; summary: BackupSummary } | { ok: false; reason: BackupRefusal };

/**
 * The longest line of a format-3 file, which holds one row: the cost of a hostile file stays bounded by it, and it
 * is beyond any row Duka writes (an imported text is at most 2 MB of text).
 */
export const MAX_LINE_CHARS = 50 * 1024 * 1024;

/**
 * Checks rows one at a time, in the order of the file, and what holds between them: no key twice, no review of
 * a card the file lacks, each imported text's listing and body together and in agreement. Holds only keys and
 * small summaries, so memory grows with the number of rows, not with their size.
 */
export class RowChecker {
	readonly counts = emptyCounts();
	reviews: BackupSummary['reviews'] = null;
	readonly #keys = new Map<TableName, Set<string | number>>(TABLE_NAMES.map((name) => [name, new Set()]));
	/** Reviews whose card was not (yet) in the file: the first row of each such card. */
	readonly #unmatchedReviews = new Map<string, number>();
	readonly #listings = new Map<string, { row: number; summary: string }>();
	readonly #bodies = new Map<string, { row: number; summary: string }>();

	/** The row as stored (a checked copy), or throws BackupRefused saying what is wrong and where. */
	check(table: TableName, row: unknown): object {
		const index = ++this.counts[table];
		const result = v.safeParse(rowSchemas[table], row, { abortEarly: true });
		if (!result.success) throw new BackupRefused(locate(result.issues[0], table, index));
		const checked = result.output;
		const key = primaryKey(table, checked);
		const keys = this.#keys.get(table)!;
		if (key !== undefined) {
			if (keys.has(key))
				throw new BackupRefused({
					kind: 'invalid',
					table,
					row: index,
					field: table === 'kv' || table === 'reading' || table === 'bookmarks' ? 'key' : 'id',
					problem: 'duplicate'
				});
			keys.add(key);
		}
		if (table === 'cards') this.#unmatchedReviews.delete((checked as { id: string }).id);
		if (table === 'reviews') {
			const { cardId, reviewedAt } = checked as { cardId: string; reviewedAt: number };
			if (!this.#keys.get('cards')!.has(cardId) && !this.#unmatchedReviews.has(cardId))
				this.#unmatchedReviews.set(cardId, index);
			this.reviews = this.reviews
				? { first: Math.min(this.reviews.first, reviewedAt), last: Math.max(this.reviews.last, reviewedAt) }
				: { first: reviewedAt, last: reviewedAt };
		}
		if (table === 'articles') {
			const listing = checked as { id: string; summary: unknown };
			this.#listings.set(listing.id, { row: index, summary: canonicalJson(listing.summary) });
		}
		if (table === 'articleTexts') {
			const body = checked as { id: string; article: Parameters<typeof summariseArticle>[0] };
			this.#bodies.set(body.id, { row: index, summary: canonicalJson(summariseArticle(body.article)) });
		}
		return checked;
	}

	/** After the last row: what only the whole file can show. Throws BackupRefused. */
	finish(): void {
		const orphans = [...this.#unmatchedReviews.values()];
		if (orphans.length > 0)
			throw new BackupRefused({
				kind: 'invalid',
				table: 'reviews',
				row: Math.min(...orphans),
				field: 'cardId',
				problem: 'inconsistent'
			});
		// A listing without its body (or disagreeing with it) would list an article the reader cannot open.
		for (const [id, listing] of this.#listings) {
			const body = this.#bodies.get(id);
			if (!body || body.summary !== listing.summary)
				throw new BackupRefused({
					kind: 'invalid',
					table: 'articles',
					row: listing.row,
					field: body ? 'summary' : 'id',
					problem: 'inconsistent'
				});
		}
		for (const [id, body] of this.#bodies)
			if (!this.#listings.has(id))
				throw new BackupRefused({
					kind: 'invalid',
					table: 'articleTexts',
					row: body.row,
					field: 'id',
					problem: 'inconsistent'
				});
	}
}

/**
 * Reads a format-3 file line by line: the header, then rows tagged with their table (`["cards",{…}]`), each
 * checked as it comes. Throws BackupRefused at the first problem, and at the end when the file holds fewer or
 * more rows than its header says (a file cut off between two lines).
 */
export class BackupLines {
	header: BackupHeader | undefined;
	readonly #checker = new RowChecker();
	#line = 0;

	/** The checked header, for a first line; the row and its table for any other; undefined for a blank line. */
	read(text: string): { table: TableName; row: object } | BackupHeader | undefined {
		const line = ++this.#line;
		if (text.length > MAX_LINE_CHARS) throw new BackupRefused({ kind: 'invalid', line, problem: 'too-long' });
		if (line === 1) {
			this.header = readHeader(text);
			return this.header;
		}
		if (text === '' || text === '\r') return undefined;
		let data: unknown;
		try {
			data = JSON.parse(text);
		} catch {
			throw new BackupRefused({ kind: 'invalid', line, problem: 'invalid' });
		}
		if (!Array.isArray(data) || data.length !== 2 || !(TABLE_NAMES as readonly unknown[]).includes(data[0]))
			throw new BackupRefused({ kind: 'invalid', line, problem: 'unexpected' });
		const table = data[0] as TableName;
		return { table, row: this.#checker.check(table, data[1]) };
	}

	/** After the last line. */
	finish(): BackupSummary {
		if (!this.header) throw new BackupRefused({ kind: 'truncated' });
		for (const name of TABLE_NAMES)
			if (this.#checker.counts[name] !== this.header.tables[name]) {
				// Fewer rows than announced: the file stops early. More: it was changed.
				if (this.#checker.counts[name] < this.header.tables[name]) throw new BackupRefused({ kind: 'truncated' });
				throw new BackupRefused({ kind: 'invalid', table: name, field: 'count', problem: 'inconsistent' });
			}
		this.#checker.finish();
		return { exportedAt: this.header.exportedAt, counts: { ...this.#checker.counts }, reviews: this.#checker.reviews };
	}
}

function readHeader(text: string): BackupHeader {
	let data: unknown;
	try {
		data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
	} catch {
		throw new BackupRefused({ kind: 'foreign' });
	}
	if (!isRecord(data) || data.app !== BACKUP_APP) throw new BackupRefused({ kind: 'foreign' });
	if (typeof data.format === 'number' && Number.isInteger(data.format) && data.format > BACKUP_FORMAT)
		throw new BackupRefused({ kind: 'future', format: data.format });
	const result = v.safeParse(lineHeader, data, { abortEarly: true });
	if (!result.success) throw new BackupRefused(locate(result.issues[0]));
	return result.output;
}

/** Whether a file's text is format 3: a header line of its own, rather than one JSON object. */
const isLineFormat = (text: string) => /^\{"app":"duka","format":[3-9]\d*,/.test(text);

/**
 * Reads a whole backup file's text, of any format: the backup and what it holds, or why it cannot be restored.
 * Never throws. For what fits in memory (tests, automatic backups of a small collection); files are streamed.
 */
export function parseBackup(text: string): ParseResult {
	// Some editors save a byte-order mark, which JSON.parse refuses.
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	try {
		return isLineFormat(body) ? parseLines(body) : parseJson(body);
	} catch (error) {
		if (error instanceof BackupRefused) return { ok: false, reason: error.reason };
		throw error;
	}
}

function parseLines(text: string): ParseResult {
	const lines = new BackupLines();
	const tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, []])) as unknown as Record<TableName, object[]>;
	let start = 0;
	while (start < text.length) {
		const end = text.indexOf('\n', start);
		const read = lines.read(text.slice(start, end < 0 ? text.length : end));
		if (read && 'table' in read && 'row' in read) tables[read.table].push(read.row);
		start = end < 0 ? text.length : end + 1;
	}
	const summary = lines.finish();
	const header = lines.header!;
	return {
		ok: true,
		backup: { app: header.app, format: BACKUP_FORMAT, exportedAt: header.exportedAt, tables: tables as never },
		summary
	};
}

/** Formats 1 and 2: the whole file is one JSON object, its rows checked by the same rules as format 3's. */
function parseJson(body: string): ParseResult {
	let data: unknown;
	try {
		data = JSON.parse(body);
	} catch {
		return refuse(looksTruncated(body) ? { kind: 'truncated' } : { kind: 'not-json' });
	}
	if (!isRecord(data) || data.app !== BACKUP_APP) return refuse({ kind: 'foreign' });
	if (typeof data.format === 'number' && Number.isInteger(data.format) && data.format > BACKUP_FORMAT)
		return refuse({ kind: 'future', format: data.format });
	const header = v.safeParse(jsonHeader, data, { abortEarly: true });
	if (!header.success) return refuse(locate(header.issues[0]));
	// Checked before the rows, which would otherwise name a table that is not there ("Settings is missing" for
	// `"tables": []`) or one that cannot be named (`__proto__`) instead of the real problem.
	const fileTables = data.tables;
	if (!isRecord(fileTables)) return refuse({ kind: 'invalid', field: 'tables', problem: 'invalid' });
	const expected = TABLES_OF_FORMAT[header.output.format];
	const unknownTable = Object.keys(fileTables).find((name) => !(TABLE_NAMES as readonly string[]).includes(name));
	if (unknownTable !== undefined)
		return refuse({ kind: 'invalid', field: `tables.${unknownTable}`, problem: 'unexpected' });
	const notInFormat = Object.keys(fileTables).find((name) => !(expected as readonly string[]).includes(name));
	if (notInFormat !== undefined)
		return refuse({ kind: 'invalid', table: notInFormat as TableName, problem: 'unexpected' });
	const checker = new RowChecker();
	const tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, []])) as unknown as Record<TableName, object[]>;
	for (const name of expected) {
		const rows = fileTables[name];
		if (rows === undefined) return refuse({ kind: 'invalid', table: name, problem: 'missing' });
		if (!Array.isArray(rows)) return refuse({ kind: 'invalid', table: name, problem: 'invalid' });
		for (const row of rows) tables[name].push(checker.check(name, row));
	}
	checker.finish();
	const backup: BackupFile = {
		app: BACKUP_APP,
		format: BACKUP_FORMAT,
		exportedAt: header.output.exportedAt,
		tables: tables as unknown as BackupTables
	};
	return {
		ok: true,
		backup,
		summary: { exportedAt: backup.exportedAt, counts: checker.counts, reviews: checker.reviews }
	};
}

export function summarise(backup: BackupFile): BackupSummary {
	const counts = emptyCounts();
	for (const name of TABLE_NAMES) counts[name] = backup.tables[name].length;
	let reviews: BackupSummary['reviews'] = null;
	for (const { reviewedAt } of backup.tables.reviews) {
		reviews = reviews
			? { first: Math.min(reviews.first, reviewedAt), last: Math.max(reviews.last, reviewedAt) }
			: { first: reviewedAt, last: reviewedAt };
	}
	return { exportedAt: backup.exportedAt, counts, reviews };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A file that starts like JSON but stops before it closes: an interrupted download or copy. */
function looksTruncated(text: string): boolean {
	const trimmed = text.trim();
	return trimmed.startsWith('{') && !trimmed.endsWith('}');
}

/** Where an issue is: in a row of `table` (the row's own path), or in the header. */
function locate(
	issue: v.BaseIssue<unknown> | undefined,
	table?: TableName,
	row?: number
): Extract<BackupProblem, { kind: 'invalid' }> {
	const keys = (issue?.path ?? []).map((item) => String(item.key));
	const problem = issueProblem(issue, table !== undefined);
	if (table === undefined) return { kind: 'invalid', field: keys.join('.') || undefined, problem };
	return { kind: 'invalid', table, row, field: keys.join('.') || undefined, problem };
}

function issueProblem(issue: v.BaseIssue<unknown> | undefined, inRow: boolean): RowProblem {
	if (!issue) return 'invalid';
	if (issue.type === 'strict_object' && issue.expected === 'never') return 'unexpected';
	if (issue.type === 'strict_object' && issue.received === 'undefined') return 'missing';
	if (issue.type === 'max_length') return 'too-long';
	if (issue.type === 'check' && inRow && (issue.path?.length ?? 0) === 0) return 'inconsistent';
	return 'invalid';
}

function refuse(problem: BackupProblem): ParseResult {
	return { ok: false, reason: describe(problem) };
}

const PROBLEM_WORDS: Record<RowProblem, string> = {
	missing: 'is missing',
	unexpected: 'is not part of a Duka backup',
	'too-long': 'is too long',
	duplicate: 'repeats a key used by an earlier row',
	inconsistent: 'does not agree with its other fields',
	invalid: 'has a value Duka cannot use'
};

function describe(problem: BackupProblem): BackupRefusal {
	switch (problem.kind) {
		case 'not-json':
			return { ...problem, message: 'This file is not a Duka backup: it is not JSON.' };
		case 'truncated':
			return {
				...problem,
				message: 'This backup is incomplete: the file ends too early, perhaps because a download or copy was cut off.'
			};
		case 'corrupt':
			return {
				...problem,
				message: 'This backup is damaged: its compressed data cannot be read (the file was changed or cut off).'
			};
		case 'foreign':
			return { ...problem, message: 'This file is not a Duka backup.' };
		case 'future':
			return {
				...problem,
				message: `This backup was made by a newer Duka (format ${problem.format}). Update Duka, then restore it.`
			};
		case 'invalid': {
			const where = [
				problem.line && `line ${problem.line}`,
				problem.table && `table ${problem.table}`,
				problem.row && `row ${problem.row}`,
				problem.field && `field ${problem.field}`
			]
				.filter(Boolean)
				.join(', ');
			return {
				...problem,
				message: `This backup is damaged: ${where || 'the file'} ${PROBLEM_WORDS[problem.problem]}.`
			};
		}
	}
}
