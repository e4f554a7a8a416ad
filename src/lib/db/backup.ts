import Dexie, { cmp, type IndexableType, type Table } from 'dexie';
import {
	cardsAfterTheirReviews,
	emptyCounts,
	primaryKey,
	reviewIdentity,
	TABLE_NAMES,
	type BackupFile,
	type BackupTables,
	type RowBatch,
	type TableName
} from '../backup/tables.ts';
import { isQuotaError } from '../storage/writeErrors.ts';
import { db } from './db.ts';
import { reviewsOf } from './reviews.ts';
import { deferTallies } from './tally.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { StudyCardRow } from '../model/cards.ts';
import { readValue, writeValue } from './kv.ts';

/** Rows per bulk write: big enough to be quick, small enough for progress to move on a phone. */
export const RESTORE_CHUNK = 1_000;

export type RestoreMode = 'replace' | 'merge';

export interface RestoreProgress {
	done: number;
	total: number;
}

export interface RestoreResult {
	/** Rows written per table. */
	added: Record<TableName, number>;
	/** Rows of the backup left out because the device already had them (merge only). */
	kept: Record<TableName, number>;
}

export class RestoreError extends Error {
	constructor(
		readonly kind: 'quota' | 'failed',
		readonly cause: unknown
	) {
		super(
			kind === 'quota'
				? 'The device ran out of storage space while restoring; nothing was changed.'
				: 'The restore failed; nothing was changed.'
		);
		this.name = 'RestoreError';
	}
}

const allTables = () => TABLE_NAMES.map((name) => db().table(name));

/** Every row of every table, read in one transaction so the backup is one moment's consistent state. */
export async function exportAll(): Promise<BackupTables> {
	const database = db();
	return database.transaction('r', allTables(), async () => {
		const rows = await Promise.all(TABLE_NAMES.map((name) => database.table(name).toArray()));
		return Object.fromEntries(TABLE_NAMES.map((name, index) => [name, rows[index]])) as unknown as BackupTables;
	});
}

/**
 * When the learner's own data last changed (a review, a word, a mark, a note or an imported text), read from
 * indexes: the daily automatic backup is taken only after a change. 0 when there is nothing of theirs.
 */
export async function lastChangeAt(): Promise<number> {
	const database = db();
	const [review, note, word, highlight, bookmark, article] = await Promise.all([
		database.reviews.orderBy('id').last(),
		database.notes.orderBy('updatedAt').last(),
		database.userEntries.orderBy('createdAt').last(),
		database.highlights.orderBy('createdAt').last(),
		database.bookmarks.orderBy('createdAt').last(),
		database.articles.orderBy('updatedAt').last()
	]);
	return Math.max(
		0,
		review?.reviewedAt ?? 0,
		note?.updatedAt ?? 0,
		word?.createdAt ?? 0,
		highlight?.updatedAt ?? 0,
		bookmark?.createdAt ?? 0,
		article?.updatedAt ?? 0
	);
}

export async function tableCounts(): Promise<Record<TableName, number>> {
	const database = db();
	const counts = emptyCounts();
	await database.transaction('r', allTables(), async () => {
		for (const name of TABLE_NAMES) counts[name] = await database.table(name).count();
	});
	return counts;
}

/** Rows read per page when a backup is made: a page is held, encoded and compressed before the next is read. */
export const EXPORT_PAGE = 2_000;
/** Ranges of cards whose reads are in flight at once while the reviews are read card by card. */
const RANGES_AHEAD = 4;

/** Where the rows of a backup being made go, a page at a time; a returned promise is waited for before the next. */
export interface ExportSink {
	start(counts: Record<TableName, number>, reviews: { first: number; last: number } | null): Promise<void> | void;
	rows(table: TableName, rows: object[]): Promise<void> | void;
	/** A page of rows of more than one table, in runs of one table each, kept in this order (the cards and reviews). */
	runs(runs: RowBatch[]): Promise<void> | void;
}

/** Waits, inside a transaction, for something that is not the database (the compressor, the file being read). */
const waitInside = <T>(work: Promise<T>): Promise<T> => Dexie.waitFor(work, 10 * 60_000);

/**
 * Rows a page at a time: each call reads the next (once the one before has come), as runs of one table each (one
 * run but for the cards and reviews, which take turns); undefined at the end.
 */
type PageReader = () => Promise<RowBatch[] | undefined>;

/**
 * A page asked for ahead, as a promise of Dexie's own: awaited after a wait for the sink, a native promise (an async
 * function's) resolved long before comes back outside the transaction's zone, and the next read then went to a
 * transaction of its own while this one committed (PrematureCommitError, seen once the writer was a worker and the
 * export waited for it at every page).
 */
const pageAhead = (nextPage: PageReader) => Dexie.Promise.resolve(nextPage());

/** The rows of a table in key order. */
function inKeyOrder(name: TableName, pageSize: number): PageReader {
	const table: Table<object, IndexableType> = db().table(name);
	let after: IndexableType | undefined;
	let ended = false;
	return async () => {
		if (ended) return undefined;
		const page = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after))
			.limit(pageSize)
			.toArray();
		if (page.length < pageSize) ended = true;
		else {
			after = primaryKey(name, page.at(-1)!);
			if (after === undefined) throw new Error(`a ${name} row without a key`);
		}
		return page.length ? [{ table: name, rows: page }] : [];
	};
}

/**
 * The reviews card by card, each card's in the order they were made, and each card's row right after its reviews.
 * A device writes its reviews as they are made, so in key order each lies far from the card's review before it, and
 * gzip, which only looks back 32 KB, finds little to share (a backup of 500,000 reviews took 46 MB so, 30 MB card by
 * card); side by side, one review's state before is the last one's after, and the card's own state is its last
 * review's after. The cards' keys split the cardId index into ranges of about a page of reviews each, which between
 * them hold every review (a review of no card here too), and every card. A range is read in one go, up to four pages:
 * its rest, if any, is skipped to with a cursor, one row at a time, which is slow, so it is rare.
 */
async function cardsWithTheirReviews(pageSize: number, reviewCount: number): Promise<PageReader> {
	const { cards, reviews } = db();
	const cardKeys = (await cards.toCollection().primaryKeys()) as IndexableType[];
	// At most a page of cards too: a deck barely reviewed yet is not read in one go.
	const cardsPerRange = Math.min(
		pageSize,
		Math.max(1, Math.floor((pageSize * cardKeys.length) / Math.max(1, reviewCount)))
	);
	const bounds = [Dexie.minKey, ...cardKeys.filter((_, i) => i > 0 && i % cardsPerRange === 0), Dexie.maxKey];
	const ranges = bounds.length - 1;
	const firstRead = 4 * pageSize;
	// Each range's first read (its cards, and its reviews up to firstRead) is asked for a few ranges ahead: through the
	// cardId index the database answers faster with several reads in flight (bare IndexedDB at 500,000 reviews: 13.1 s
	// one range at a time, 11.2 s four at a time). Dexie's promises, so that they resolve inside the transaction.
	const firstReads = new Map<number, Promise<[StudyCardRow[], ReviewLogRow[]]>>();
	let asked = 0;
	const askAhead = (from: number) => {
		for (; asked < Math.min(ranges, from + RANGES_AHEAD); asked++) {
			const [lower, upper] = [bounds[asked]!, bounds[asked + 1]!];
			const read = Dexie.Promise.all([
				cards.where(':id').between(lower, upper, true, false).toArray(),
				reviews.where('cardId').between(lower, upper, true, false).limit(firstRead).toArray()
			]) as Promise<[StudyCardRow[], ReviewLogRow[]]>;
			// Seen by the read that takes it; one still in flight when the export fails is not a failure of its own.
			read.catch(() => {});
			firstReads.set(asked, read);
		}
	};
	let range = 0;
	let offset = 0;
	// The range's cards not written yet, in key order: each goes once the reviews have passed it.
	let waiting: StudyCardRow[] = [];
	return async () => {
		if (range >= ranges) return undefined;
		const [lower, upper] = [bounds[range]!, bounds[range + 1]!];
		let page: ReviewLogRow[];
		if (offset === 0) {
			askAhead(range);
			const read = firstReads.get(range)!;
			firstReads.delete(range);
			[waiting, page] = await read;
		} else
			page = await reviews.where('cardId').between(lower, upper, true, false).offset(offset).limit(pageSize).toArray();
		const limit = offset === 0 ? firstRead : pageSize;
		const rangeEnds = page.length < limit;
		const listed = cardsAfterTheirReviews(waiting, page, cmp, rangeEnds);
		waiting = listed.waiting;
		if (rangeEnds) {
			range++;
			offset = 0;
		} else offset += limit;
		return listed.runs;
	};
}

/**
 * Every row of every table, a page at a time (in key order; the reviews card by card, each card after its own), in
 * one read transaction, so the backup is one moment's consistent state however long it takes; the sink gets the
 * counts first. Memory holds a few pages.
 */
export async function exportInParts(sink: ExportSink, pageSize = EXPORT_PAGE): Promise<void> {
	const database = db();
	await database.transaction('r', allTables(), async () => {
		const counts = emptyCounts();
		for (const name of TABLE_NAMES) counts[name] = await database.table(name).count();
		const [first, last] = await Promise.all([
			database.reviews.orderBy('reviewedAt').first(),
			database.reviews.orderBy('reviewedAt').last()
		]);
		const started = sink.start(counts, first && last ? { first: first.reviewedAt, last: last.reviewedAt } : null);
		if (started) await waitInside(started);
		for (const name of TABLE_NAMES) {
			// The cards are written beside their reviews.
			if (name === 'cards') continue;
			const nextPage =
				name === 'reviews' ? await cardsWithTheirReviews(pageSize, counts.reviews) : inKeyOrder(name, pageSize);
			let coming = pageAhead(nextPage);
			for (;;) {
				const runs = await coming;
				if (runs === undefined) break;
				// The next page is asked for before this one goes to the sink, so the database reads it meanwhile.
				coming = pageAhead(nextPage);
				// Seen only if the sink fails first (the transaction then aborts); the await above reports it otherwise.
				coming.catch(() => {});
				if (runs.length === 0) continue;
				const written = runs.length === 1 ? sink.rows(runs[0]!.table, runs[0]!.rows) : sink.runs(runs);
				if (written) await waitInside(written);
			}
		}
	});
}

/** A failure of the rows' source (a damaged file): passed on as it is, not as a failure of the database. */
class SourceFailure {
	constructor(readonly cause: unknown) {}
}

export interface RestoreOptions {
	/** How many rows the source will give, for the progress. */
	total?: number;
	/** Runs inside the transaction, so it must be synchronous (a state update, not a fetch). */
	onProgress?: (progress: RestoreProgress) => void;
}

/**
 * Puts rows into the database as a source gives them, a batch at a time, all in one read-write transaction: if
 * anything fails, from a full disk to a damaged line near the end of a file (the source throws) or a tab closed
 * halfway, the transaction aborts and the database is exactly as it was. Memory holds one batch.
 *
 * - `replace` empties every table, then adds the rows as they are (review ids included).
 * - `merge` keeps every row already here and adds only rows whose key is new. Reviews count as the same
 *   when they are of the same card at the same millisecond; added reviews get fresh ids. Nothing else is
 *   recomputed: card states stay as the rows say.
 *
 * An error of the source is thrown as it is; any other as a RestoreError.
 */
export async function restoreRows(
	source: AsyncIterable<RowBatch>,
	mode: RestoreMode,
	{ total = 0, onProgress }: RestoreOptions = {}
): Promise<RestoreResult> {
	const database = db();
	const batches = source[Symbol.asyncIterator]();
	const next = () =>
		batches.next().catch((error: unknown) => {
			throw new SourceFailure(error);
		});
	try {
		return await database.transaction('rw', allTables(), async () => {
			const result: RestoreResult = { added: emptyCounts(), kept: emptyCounts() };
			let done = 0;
			onProgress?.({ done, total });
			if (mode === 'replace') for (const name of TABLE_NAMES) await database.table(name).clear();
			const flushTallies = deferTallies(Dexie.currentTransaction);
			// The next batch is read (decompressed, parsed, checked) while this one is written: the write's time is
			// mostly the database's own process, so the page would otherwise wait idle through it.
			let coming = next();
			for (;;) {
				const batch = await waitInside(coming);
				if (batch.done) break;
				coming = next();
				// Seen only if the write below fails first; the await above reports it otherwise.
				coming.catch(() => {});
				const { table: name, rows } = batch.value;
				const table: Table<object> = database.table(name);
				for (let start = 0; start < rows.length; start += RESTORE_CHUNK) {
					const chunk = rows.slice(start, start + RESTORE_CHUNK);
					const added = mode === 'replace' ? chunk : await newRows(name, chunk);
					if (added.length > 0) await table.bulkAdd(added);
					result.added[name] += added.length;
					result.kept[name] += chunk.length - added.length;
					done += chunk.length;
					onProgress?.({ done, total: Math.max(total, done) });
				}
			}
			await flushTallies();
			return result;
		});
	} catch (error) {
		if (error instanceof SourceFailure) throw error.cause;
		throw new RestoreError(isQuotaError(error) ? 'quota' : 'failed', error);
	} finally {
		await batches.return?.(undefined).catch(() => {});
	}
}

/** A backup held in memory as batches of rows, in table order. */
export async function* batchesOf(tables: BackupTables): AsyncGenerator<RowBatch> {
	for (const name of TABLE_NAMES) {
		const rows: object[] = tables[name];
		for (let start = 0; start < rows.length; start += RESTORE_CHUNK)
			yield { table: name, rows: rows.slice(start, start + RESTORE_CHUNK) };
	}
}

/** Puts a backup held in memory in the database, as restoreRows does. */
export function restore(
	backup: BackupFile,
	mode: RestoreMode,
	onProgress?: (progress: RestoreProgress) => void
): Promise<RestoreResult> {
	const total = TABLE_NAMES.reduce((sum, name) => sum + backup.tables[name].length, 0);
	return restoreRows(batchesOf(backup.tables), mode, { total, onProgress });
}

/** The rows of a batch that are not on the device yet; runs inside the restore. */
async function newRows(name: TableName, rows: object[]): Promise<object[]> {
	const database = db();
	if (name !== 'reviews') {
		const keys = rows.flatMap((row) => {
			const key = primaryKey(name, row);
			return key === undefined ? [] : [key];
		});
		const existing = new Set(await database.table(name).where(':id').anyOf(keys).primaryKeys());
		// Two new rows with one key are left to fail the write: a source that gives them is damaged.
		return rows.filter((row) => {
			const key = primaryKey(name, row);
			return key !== undefined && !existing.has(key);
		});
	}
	const reviews = rows as ReviewLogRow[];
	const seen = new Set((await reviewsOf(reviews)).map(reviewIdentity));
	const added: object[] = [];
	for (const review of reviews) {
		const identity = reviewIdentity(review);
		if (seen.has(identity)) continue;
		seen.add(identity);
		// Ids are per device: the same number may be a different review here.
		const { id: _id, ...withoutId } = review;
		added.push(withoutId);
	}
	return added;
}

const PERSIST_ASKED = 'storage:persist-asked';

/** Whether Duka has already asked the browser to keep its storage, so it asks only once by itself. */
export async function persistenceAsked(): Promise<boolean> {
	return (await readValue<boolean>(PERSIST_ASKED)) === true;
}

export async function markPersistenceAsked(): Promise<void> {
	await writeValue(PERSIST_ASKED, true);
}

/** The whole review log, for the CSV export. */
export function listReviews(): Promise<ReviewLogRow[]> {
	return db().reviews.toArray();
}

const LAST_BACKUP = 'backup:last-saved';

/** Remembers that a backup file left the device (downloaded or shared), for "last backup 12 days ago". */
export async function markBackupSaved(at: number): Promise<void> {
	await writeValue(LAST_BACKUP, at);
}

export interface BackupAge {
	/** When a backup file last left the device; undefined when none ever did. */
	lastSavedAt: number | undefined;
	/** The first review since then (since ever, without a backup); undefined when there is none. */
	firstReviewSince: number | undefined;
}

export async function backupAge(): Promise<BackupAge> {
	const saved = await readValue<number>(LAST_BACKUP);
	const lastSavedAt = typeof saved === 'number' ? saved : undefined;
	const first = await db()
		.reviews.where('reviewedAt')
		.above(lastSavedAt ?? -Infinity)
		.first();
	return { lastSavedAt, firstReviewSince: first?.reviewedAt };
}
