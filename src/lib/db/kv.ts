import { db } from './db.ts';

/** Small keyed values: settings, reading positions, flags. */
export async function readValue<T>(key: string): Promise<T | undefined> {
	const row = await db().kv.get(key);
	return row?.value as T | undefined;
}

export async function writeValue(key: string, value: unknown): Promise<void> {
	await db().kv.put({ key, value });
}
