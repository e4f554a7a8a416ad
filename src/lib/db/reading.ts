import { db } from './db.ts';
import { writeValue } from './kv.ts';
import { dexieReader } from './dexieReader.ts';
import {
	LAST_POSITION,
	lastPosition as sharedLastPosition,
	readCardIds as sharedReadCardIds,
	type ReadingPosition
} from './indexReads.ts';

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
