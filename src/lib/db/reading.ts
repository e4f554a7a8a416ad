import { db } from './db.ts';
import { readValue, writeValue } from './kv.ts';
import type { ReadingStateRow } from '../model/reading.ts';

export interface ReadingPosition {
	articleId: string;
	cardId: string;
	at: number;
}

export const LAST_POSITION = 'reading:last';
export const positionKey = (articleId: string) => `reading:position:${articleId}`;

export async function markCardRead(articleId: string, cardId: string, now = Date.now()): Promise<void> {
	const key = `${articleId}/${cardId}`;
	await db().transaction('rw', db().reading, async () => {
		if (!(await db().reading.get(key))) await db().reading.put({ key, articleId, cardId, readAt: now });
	});
}

export async function readCardIds(articleId: string): Promise<Set<string>> {
	const rows = await db().reading.where('articleId').equals(articleId).toArray();
	return new Set(rows.map((row) => row.cardId));
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
	return readValue<ReadingPosition>(LAST_POSITION);
}
