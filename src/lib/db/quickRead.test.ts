import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DukaDatabase } from './db.ts';
import { keyRange } from './indexReads.ts';
import { INDEXEDDB_VERSION } from './keys.ts';
import { openQuickReader, rawReader } from './quickRead.ts';

let counter = 0;
const uniqueName = () => `quick-${Date.now()}-${counter++}`;
const listed = async (name: string) => (await indexedDB.databases()).some((info) => info.name === name);

describe('openQuickReader', () => {
	it('finds no database, and makes none', async () => {
		const name = uniqueName();
		expect(await openQuickReader(indexedDB, name)).toEqual({ kind: 'absent' });
		expect(await listed(name)).toBe(false);
	});

	it("opens this build's database for reading", async () => {
		const name = uniqueName();
		const database = new DukaDatabase(name);
		await database.kv.put({ key: 'a', value: 1 });
		const opened = await openQuickReader(indexedDB, name);
		expect(opened.kind).toBe('open');
		if (opened.kind !== 'open') return;
		expect(await opened.reader.get('kv', 'a')).toEqual({ key: 'a', value: 1 });
		opened.close();
		database.close();
	});

	it('leaves a database of another version to Dexie, untouched', async () => {
		const name = uniqueName();
		const old = new Dexie(name);
		old.version(4).stores({ kv: '&key' });
		await old.table('kv').put({ key: 'kept', value: true });
		old.close();
		expect(await openQuickReader(indexedDB, name)).toEqual({ kind: 'unavailable' });
		const reopened = new Dexie(name);
		await reopened.open();
		expect(reopened.verno).toBe(4);
		expect(await reopened.table('kv').get('kept')).toEqual({ key: 'kept', value: true });
		reopened.close();
	});

	it('cannot tell without a way to list databases', async () => {
		const factory = { open: indexedDB.open.bind(indexedDB), cmp: indexedDB.cmp.bind(indexedDB) } as IDBFactory;
		expect(await openQuickReader(factory)).toEqual({ kind: 'unavailable' });
	});

	it('lets go of the database when another tab upgrades or deletes it', async () => {
		const name = uniqueName();
		const database = new DukaDatabase(name);
		await database.open();
		database.close();
		const opened = await openQuickReader(indexedDB, name);
		expect(opened.kind).toBe('open');
		// The delete waits for every connection to close: it finishes only because the reader lets go.
		await Dexie.delete(name);
		expect(await listed(name)).toBe(false);
		if (opened.kind === 'open') await expect(opened.reader.get('kv', 'a')).rejects.toThrow();
	});
});

describe('rawReader', () => {
	it('answers ranges as Dexie does: in index order, limited, empty when reversed, the first accepted', async () => {
		const database = new DukaDatabase(uniqueName());
		await database.kv.bulkPut([1, 5, 3, 9, 7].map((n) => ({ key: `k${n}`, value: n })));
		const reader = rawReader(database.backendDB(), indexedDB);
		const all = keyRange('k0', 'k9');
		expect((await reader.rows<{ value: number }>('kv', 'key', all)).map((row) => row.value)).toEqual([1, 3, 5, 7, 9]);
		expect((await reader.rows<{ value: number }>('kv', 'key', all, 2)).map((row) => row.value)).toEqual([1, 3]);
		expect(await reader.count('kv', 'key', keyRange('k3', 'k7', false, true))).toBe(2);
		expect(await reader.primaryKeys('kv', 'key', keyRange('k3', 'k7', true, false))).toEqual(['k3', 'k5']);
		expect(await reader.rows('kv', 'key', keyRange('k9', 'k0'))).toEqual([]);
		expect(await reader.count('kv', 'key', keyRange('k5', 'k5', false, true))).toBe(0);
		expect(await reader.first<{ value: number }>('kv', 'key', all, (row) => row.value > 4)).toEqual({
			key: 'k5',
			value: 5
		});
		expect(await reader.first<{ value: number }>('kv', 'key', all, (row) => row.value > 9)).toBeUndefined();
		expect(database.backendDB().version).toBe(INDEXEDDB_VERSION);
		database.close();
	});
});
