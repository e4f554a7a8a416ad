import type { IndexableType } from 'dexie';
import { db } from './db.ts';
import type { IndexReader, KeyRange, ReadTable } from './indexReads.ts';

const between = (table: ReadTable, index: string, range: KeyRange) =>
	db().table(table).where(index).between(range.lower, range.upper, !range.lowerOpen, !range.upperOpen);

/**
 * The index reads of indexReads.ts through Dexie: inside a Dexie transaction they join it, and a live query sees
 * them, so the screens that watch the counts follow every change.
 */
export const dexieReader: IndexReader = {
	rows: <T>(table: ReadTable, index: string, range: KeyRange, limit?: number) => {
		const rows = between(table, index, range);
		return (limit === undefined ? rows : rows.limit(limit)).toArray() as Promise<T[]>;
	},
	count: (table, index, range) => between(table, index, range).count(),
	primaryKeys: (table, index, range) => between(table, index, range).primaryKeys() as Promise<IDBValidKey[]>,
	first: <T>(table: ReadTable, index: string, range: KeyRange, accept: (row: T) => boolean) =>
		between(table, index, range)
			.filter((row) => accept(row as T))
			.first() as Promise<T | undefined>,
	bulkGet: <T>(table: ReadTable, keys: readonly IDBValidKey[]) =>
		db()
			.table(table)
			.bulkGet(keys as IndexableType[]) as Promise<(T | undefined)[]>,
	get: <T>(table: ReadTable, key: IDBValidKey) =>
		db()
			.table(table)
			.get(key as IndexableType) as Promise<T | undefined>
};
