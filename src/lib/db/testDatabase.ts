import { DukaDatabase, useDatabase } from './db.ts';

let counter = 0;

/** A fresh, empty database per test, so tests never share rows. */
export function freshDatabase(): DukaDatabase {
	const database = new DukaDatabase(`test-${Date.now()}-${counter++}`);
	useDatabase(database);
	return database;
}
