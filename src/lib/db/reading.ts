import { db } from './db.ts';
import { readValue, writeValue } from './kv.ts';

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
