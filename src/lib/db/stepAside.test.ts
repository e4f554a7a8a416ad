import { describe, expect, it } from 'vitest';
import { DB_NAME, INDEXEDDB_VERSION } from './keys.ts';
import { db, DukaDatabase, onUpgradeElsewhere, stepAsideFromNewer, useDatabase } from './db.ts';

function openRaw(version: number): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const opening = indexedDB.open(DB_NAME, version);
		opening.onsuccess = () => resolve(opening.result);
		opening.onerror = () => reject(opening.error);
	});
}

describe('stepAsideFromNewer', () => {
	it("opens this version's database as before", async () => {
		useDatabase(new DukaDatabase());
		await db().kv.put({ key: 'a', value: 1 });
		let told = 0;
		const stop = onUpgradeElsewhere(() => told++);
		await stepAsideFromNewer(indexedDB);
		expect(told).toBe(0);
		expect(await db().kv.get('a')).toEqual({ key: 'a', value: 1 });
		stop();
		db().close();
	});

	it("leaves a newer Duka's database alone and steps aside, telling listeners that come later too", async () => {
		const newer = await openRaw(100_000);
		newer.close();
		useDatabase(new DukaDatabase());
		await stepAsideFromNewer(indexedDB);
		let told = 0;
		onUpgradeElsewhere(() => told++);
		expect(told).toBe(1);
		await expect(db().kv.get('a')).rejects.toThrow();
		const after = await openRaw(100_000);
		expect(after.version).toBe(100_000);
		expect(after.version).toBeGreaterThan(INDEXEDDB_VERSION);
		after.close();
	});
});
