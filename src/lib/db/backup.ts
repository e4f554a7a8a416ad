import type { Table } from 'dexie';
import {
	emptyCounts,
	primaryKey,
	reviewIdentity,
	TABLE_NAMES,
	type BackupFile,
	type BackupTables,
	type TableName
} from '../backup/tables.ts';
import { isQuotaError } from '../storage/writeErrors.ts';
import { db } from './db.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
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

/**
 * Puts a backup's rows in the database, all in one read-write transaction: if anything fails, from a full
 * disk to a callback that throws, the transaction aborts and the database is exactly as it was.
 *
 * - `replace` empties every table, then adds the backup's rows as they are (review ids included).
 * - `merge` keeps every row already here and adds only rows whose key is new. Reviews count as the same
 *   when they are of the same card at the same millisecond; added reviews get fresh ids. Nothing else is
 *   recomputed: card states stay as the rows say.
 *
 * `onProgress` runs inside the transaction, so it must be synchronous (a state update, not a fetch).
 */
export async function restore(
	backup: BackupFile,
	mode: RestoreMode,
	onProgress?: (progress: RestoreProgress) => void
): Promise<RestoreResult> {
	const database = db();
	try {
		return await database.transaction('rw', allTables(), async () => {
			const plan = mode === 'replace' ? backup.tables : await newRows(backup.tables);
			const total = TABLE_NAMES.reduce((sum, name) => sum + plan[name].length, 0);
			const result: RestoreResult = { added: emptyCounts(), kept: emptyCounts() };
			let done = 0;
			onProgress?.({ done, total });
			if (mode === 'replace') for (const name of TABLE_NAMES) await database.table(name).clear();
			for (const name of TABLE_NAMES) {
				const rows: object[] = plan[name];
				const table: Table<object> = database.table(name);
				for (let start = 0; start < rows.length; start += RESTORE_CHUNK) {
					const chunk = rows.slice(start, start + RESTORE_CHUNK);
					await table.bulkAdd(chunk);
					done += chunk.length;
					onProgress?.({ done, total });
				}
				result.added[name] = rows.length;
				result.kept[name] = backup.tables[name].length - rows.length;
			}
			return result;
		});
	} catch (error) {
		throw new RestoreError(isQuotaError(error) ? 'quota' : 'failed', error);
	}
}

/** The backup's rows that are not on the device yet; runs inside the restore transaction. */
async function newRows(tables: BackupTables): Promise<BackupTables> {
	const database = db();
	const plan = {} as Record<TableName, object[]>;
	for (const name of TABLE_NAMES) {
		if (name === 'reviews') continue;
		const existing = new Set(await database.table(name).toCollection().primaryKeys());
		plan[name] = (tables[name] as object[]).filter((row) => !existing.has(primaryKey(name, row) as string));
	}
	const seen = new Set((await database.reviews.toArray()).map(reviewIdentity));
	plan.reviews = [];
	for (const review of tables.reviews) {
		const identity = reviewIdentity(review);
		if (seen.has(identity)) continue;
		seen.add(identity);
		// Ids are per device: the same number may be a different review here.
		const { id: _id, ...withoutId } = review;
		plan.reviews.push(withoutId);
	}
	return plan as unknown as BackupTables;
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
