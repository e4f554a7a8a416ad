import { db } from './db.ts';
import { writeValue } from './kv.ts';
import { dexieReader } from './dexieReader.ts';
import {
	LAST_POSITION,
	lastPosition as sharedLastPosition,
	readCardIds as sharedReadCardIds,
	type ReadingPosition
} from './indexReads.ts';
import type { ReadingStateRow } from '../model/reading.ts';

export { LAST_POSITION, type ReadingPosition } from './indexReads.ts';
export const positionKey = (articleId: string) => `reading:position:${articleId}`;

export async function markCardRead(articleId: string, cardId: string, now = Date.now()): Promise<void> {
	const key = `${articleId}/${cardId}`;
	await db().transaction('rw', db().reading, async () => {
		if (!(await db().reading.get(key))) await db().reading.put({ key, articleId, cardId, readAt: now });
	});
}

export function readCardIds(articleId: string): Promise<Set<string>> {
	return sharedReadCardIds(dexieReader, articleId);
}

/** Every card read, of every article: a row per card, so a few hundred at most. */
export function listReadCards(): Promise<ReadingStateRow[]> {
	return db().reading.toArray();
}

/** The card last opened in each article that has one. */
export async function listPositions(): Promise<ReadingPosition[]> {
	const rows = await db().kv.where('key').startsWith(positionKey('')).toArray();
	return rows.map((row) => row.value as ReadingPosition);
}

export async function savePosition(articleId: string, cardId: string, now = Date.now()): Promise<void> {
	const position: ReadingPosition = { articleId, cardId, at: now };
	await db().transaction('rw', db().kv, async () => {
		await writeValue(positionKey(articleId), position);
		await writeValue(LAST_POSITION, position);
	});
}

export function lastPosition(): Promise<ReadingPosition | undefined> {
	return sharedLastPosition(dexieReader);
}
