/**
 * The backup file: what a valid one looks like, and why a file is refused. Everything in a file is data to
 * be checked by shape and length, never markup or code to run: strings are only ever stored and shown as text.
 */

import * as v from 'valibot';
import { summariseArticle } from '../model/articles.ts';
import { isImportedArticleId } from '../model/ids.ts';
import { MAX_NOTE_LENGTH } from '../notes/limits.ts';
import { canonicalJson } from './export.ts';
import {
	BACKUP_APP,
	BACKUP_FORMAT,
	emptyCounts,
	primaryKey,
	TABLE_NAMES,
	type BackupFile,
	type BackupTables,
	type TableName
} from './tables.ts';

/** Refused before parsing: JSON.parse of much more would freeze a phone and could run it out of memory. */
export const MAX_BACKUP_BYTES = 50 * 1024 * 1024;

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
		direction: v.picklist(['en2zh', 'zh2en']),
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
			enableFuzz: v.boolean()
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

const tablesBefore2 = {
	kv: v.array(kvRow),
	reading: v.array(readingRow),
	cards: v.array(cardRow),
	reviews: v.array(reviewRow),
	userEntries: v.array(userEntryRow),
	bookmarks: v.array(bookmarkRow),
	highlights: v.array(highlightRow),
	notes: v.array(noteRow)
};

/** One row of a table, as a backup checks it: sync checks every pulled document's row with the same rules. */
export function isValidRow(table: TableName, row: unknown): boolean {
	const schemas = { ...tablesBefore2, articles: v.array(articleRow), articleTexts: v.array(articleTextRow) };
	return v.safeParse(schemas[table], [row]).success;
}

export const backupSchema = v.strictObject({
	app: v.literal(BACKUP_APP),
	format: v.literal(BACKUP_FORMAT),
	exportedAt: v.pipe(v.string(), v.isoTimestamp()),
	tables: v.strictObject({ ...tablesBefore2, articles: v.array(articleRow), articleTexts: v.array(articleTextRow) })
});

/** A file of format 1 (before imported articles), which restores as it always did. */
const backupSchemaFormat1 = v.strictObject({
	app: v.literal(BACKUP_APP),
	format: v.literal(1),
	exportedAt: v.pipe(v.string(), v.isoTimestamp()),
	tables: v.strictObject(tablesBefore2)
});

// The schema and the database rows must describe the same thing: these fail to compile if they drift apart,
// as when a field is added to a row in db.ts but not here (a backup would then refuse every such row).
type Parsed = v.InferOutput<typeof backupSchema>;
type SameKeys<A, B> = [Exclude<keyof A, keyof B> | Exclude<keyof B, keyof A>] extends [never] ? true : false;
const _toRows = (parsed: Parsed): BackupFile => parsed;
const _sameFields: { [K in TableName]: SameKeys<BackupTables[K][number], Parsed['tables'][K][number]> } & {
	fsrs: SameKeys<BackupTables['reviews'][number]['before'], Parsed['tables']['reviews'][number]['before']>;
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
	| { kind: 'too-large'; size: number; max: number }
	| { kind: 'not-json' }
	| { kind: 'truncated' }
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
			problem: RowProblem;
	  };

/** English explanation for logs and tests; the UI words its own message from the fields. */
export type BackupRefusal = BackupProblem & { message: string };

export type ParseResult =
	{ ok: true; backup: BackupFile; summary: BackupSummary } | { ok: false; reason: BackupRefusal };

/** A size check to run on `File.size` before reading the file at all. */
export function checkBackupSize(size: number): BackupRefusal | undefined {
	if (size <= MAX_BACKUP_BYTES) return undefined;
	return describe({ kind: 'too-large', size, max: MAX_BACKUP_BYTES });
}

/** Reads a backup file's text: the backup and what it holds, or why it cannot be restored. Never throws. */
export function parseBackup(text: string): ParseResult {
	const tooLarge = checkBackupSize(text.length);
	if (tooLarge) return { ok: false, reason: tooLarge };
	// Some editors save a byte-order mark, which JSON.parse refuses.
	const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
	let data: unknown;
	try {
		data = JSON.parse(body);
	} catch {
		return refuse(looksTruncated(body) ? { kind: 'truncated' } : { kind: 'not-json' });
	}
	if (!isRecord(data) || data.app !== BACKUP_APP) return refuse({ kind: 'foreign' });
	if (typeof data.format === 'number' && Number.isInteger(data.format) && data.format > BACKUP_FORMAT)
		return refuse({ kind: 'future', format: data.format });

	// Checked before the schema, which would name a table that is not there ("Settings is missing" for
	// `"tables": []`) or one that cannot be named (`__proto__`) instead of the real problem.
	if (!isRecord(data.tables)) return refuse({ kind: 'invalid', field: 'tables', problem: 'invalid' });
	const unknownTable = Object.keys(data.tables).find((name) => !(TABLE_NAMES as readonly string[]).includes(name));
	if (unknownTable !== undefined)
		return refuse({ kind: 'invalid', field: `tables.${unknownTable}`, problem: 'unexpected' });
	const parsed = readTables(data);
	if (!parsed.ok) return refuse(parsed.problem);
	const backup = parsed.backup;
	const duplicate = findDuplicate(backup.tables);
	if (duplicate) return refuse(duplicate);
	const orphan = findOrphanReview(backup.tables);
	if (orphan) return refuse(orphan);
	const mismatch = findArticleMismatch(backup.tables);
	if (mismatch) return refuse(mismatch);
	return { ok: true, backup, summary: summarise(backup) };
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

/** The file checked against the schema of its format; an earlier format comes back as today's, new tables empty. */
function readTables(
	data: Record<string, unknown>
): { ok: true; backup: BackupFile } | { ok: false; problem: BackupProblem } {
	if (data.format === 1) {
		const earlier = v.safeParse(backupSchemaFormat1, data, { abortEarly: true });
		if (!earlier.success) return { ok: false, problem: locate(earlier.issues[0]) };
		const { tables, ...header } = earlier.output;
		return {
			ok: true,
			backup: { ...header, format: BACKUP_FORMAT, tables: { ...tables, articles: [], articleTexts: [] } }
		};
	}
	const result = v.safeParse(backupSchema, data, { abortEarly: true });
	return result.success ? { ok: true, backup: result.output } : { ok: false, problem: locate(result.issues[0]) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A file that starts like JSON but stops before it closes: an interrupted download or copy. */
function looksTruncated(text: string): boolean {
	const trimmed = text.trim();
	return trimmed.startsWith('{') && !trimmed.endsWith('}');
}

function locate(issue: v.BaseIssue<unknown> | undefined): Extract<BackupProblem, { kind: 'invalid' }> {
	const keys = (issue?.path ?? []).map((item) => String(item.key));
	const problem = issueProblem(issue);
	if (keys[0] !== 'tables' || keys.length < 2) return { kind: 'invalid', field: keys.join('.') || undefined, problem };
	const table = keys[1] as TableName;
	if (keys.length < 3) return { kind: 'invalid', table, problem };
	const field = keys.slice(3).join('.');
	return { kind: 'invalid', table, row: Number(keys[2]) + 1, field: field || undefined, problem };
}

function issueProblem(issue: v.BaseIssue<unknown> | undefined): RowProblem {
	if (!issue) return 'invalid';
	if (issue.type === 'strict_object' && issue.expected === 'never') return 'unexpected';
	if (issue.type === 'strict_object' && issue.received === 'undefined') return 'missing';
	if (issue.type === 'max_length') return 'too-long';
	if (issue.type === 'check' && (issue.path?.length ?? 0) === 3) return 'inconsistent';
	return 'invalid';
}

/** Two rows with one key could never both be stored: the restore would fail halfway, so refuse up front. */
function findDuplicate(tables: BackupTables): BackupProblem | undefined {
	for (const table of TABLE_NAMES) {
		const seen = new Set<string | number>();
		for (const [index, row] of tables[table].entries()) {
			const key = primaryKey(table, row);
			if (key === undefined) continue;
			if (seen.has(key))
				return {
					kind: 'invalid',
					table,
					row: index + 1,
					field: table === 'kv' || table === 'reading' || table === 'bookmarks' ? 'key' : 'id',
					problem: 'duplicate'
				};
			seen.add(key);
		}
	}
	return undefined;
}

/**
 * A review of a card the backup does not hold would count against the day's new cards once restored, and no
 * card would show it: Duka writes a card's reviews and the card together, so such a file is damaged.
 */
function findOrphanReview(tables: BackupTables): BackupProblem | undefined {
	const cardIds = new Set(tables.cards.map((card) => card.id));
	const index = tables.reviews.findIndex((review) => !cardIds.has(review.cardId));
	if (index < 0) return undefined;
	return { kind: 'invalid', table: 'reviews', row: index + 1, field: 'cardId', problem: 'inconsistent' };
}

/**
 * Duka writes an imported article's listing and its body together, the listing derived from the body: a file where
 * one is missing, or they disagree, would list an article the reader cannot open (or one it shows differently).
 */
function findArticleMismatch(tables: BackupTables): BackupProblem | undefined {
	const bodies = new Map(tables.articleTexts.map((body) => [body.id, body]));
	for (const [index, row] of tables.articles.entries()) {
		const body = bodies.get(row.id);
		if (!body) return { kind: 'invalid', table: 'articles', row: index + 1, field: 'id', problem: 'inconsistent' };
		if (canonicalJson(row.summary) !== canonicalJson(summariseArticle(body.article)))
			return { kind: 'invalid', table: 'articles', row: index + 1, field: 'summary', problem: 'inconsistent' };
	}
	const listed = new Set(tables.articles.map((row) => row.id));
	const index = tables.articleTexts.findIndex((body) => !listed.has(body.id));
	if (index < 0) return undefined;
	return { kind: 'invalid', table: 'articleTexts', row: index + 1, field: 'id', problem: 'inconsistent' };
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
		case 'too-large':
			return {
				...problem,
				message: `This file is ${(problem.size / 1024 / 1024).toFixed(1)} MB; a Duka backup can be at most ${problem.max / 1024 / 1024} MB.`
			};
		case 'not-json':
			return { ...problem, message: 'This file is not a Duka backup: it is not JSON.' };
		case 'truncated':
			return {
				...problem,
				message: 'This backup is incomplete: the file ends too early, perhaps because a download or copy was cut off.'
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
