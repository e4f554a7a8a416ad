import { beforeEach, describe, expect, it } from 'vitest';
import type { NoteRow } from '../model/notes.ts';
import { decodeHlc } from '../sync/hlc.ts';
import type { DukaDatabase } from './db.ts';
import { markFromSync } from './outbox.ts';
import { addUserEntry, deleteUserEntry } from './userEntries.ts';
import { saveNote, deleteNote } from './notes.ts';
import { recordReview } from './reviews.ts';
import { ensureCards } from './cards.ts';
import { saveDisplaySettings } from './settings.ts';
import { turnOnSync, turnOffSync } from './syncState.ts';
import { freshDatabase } from './testDatabase.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { DEFAULT_DISPLAY_SETTINGS } from '../settings/settings.ts';

let database: DukaDatabase;

const account = { url: '/couchdb/duka', user: 'u', password: 'p' };
const note = { articleId: 'huang-2025', paragraphId: 'p0001', highlightId: null, text: 'first' };

beforeEach(() => {
	database = freshDatabase();
});

describe('outbox', () => {
	it('records nothing while sync is off', async () => {
		await saveNote(note, 1000);
		expect(await database.outbox.count()).toBe(0);
	});

	it('writes an outbox row with every change to a synced table, in the same transaction', async () => {
		await turnOnSync(account);
		const { note: saved } = await saveNote(note, 1000);
		await saveDisplaySettings(DEFAULT_DISPLAY_SETTINGS);
		await database.kv.put({ key: 'storage:persist-asked', value: true });
		const rows = await database.outbox.toArray();
		expect(rows.map((row) => row.docId).sort()).toEqual(['kv:settings:display', `notes:${saved!.id}`]);
		expect(rows.every((row) => decodeHlc(row.hlc) !== undefined)).toBe(true);
	});

	it('leaves no outbox row when the transaction fails', async () => {
		await turnOnSync(account);
		await expect(
			database.transaction('rw', database.notes, async () => {
				await database.notes.put({ ...note, id: 'n-1', createdAt: 1, updatedAt: 1 } as NoteRow);
				throw new Error('the disk is full');
			})
		).rejects.toThrow('the disk is full');
		expect(await database.notes.count()).toBe(0);
		expect(await database.outbox.count()).toBe(0);
	});

	it('records a deletion, and a review by its card and millisecond', async () => {
		await turnOnSync(account);
		const { entry } = await addUserEntry(
			{
				zh: '算力',
				pinyin: 'suàn lì',
				en: 'compute',
				defEn: '',
				defZh: '',
				example: '',
				articleId: 'huang-2025',
				paragraphId: 'p0002'
			},
			1000
		);
		await recordReview(`${entry.id}|en2zh`, 3, 2000, 10, DEFAULT_SCHEDULER_SETTINGS);
		expect(await database.outbox.get(`reviews:${entry.id}|en2zh@2000`)).toMatchObject({
			table: 'reviews',
			review: { cardId: `${entry.id}|en2zh`, reviewedAt: 2000 }
		});
		await deleteUserEntry(entry.id);
		// Still waiting: pushed, each finds its row gone and goes as a tombstone.
		expect(await database.outbox.get(`userEntries:${entry.id}`)).toBeDefined();
		expect(await database.outbox.get(`reviews:${entry.id}|en2zh@2000`)).toBeDefined();
		const { note: saved } = await saveNote(note, 3000);
		await deleteNote(saved!.id);
		expect(await database.notes.count()).toBe(0);
		expect(await database.outbox.get(`notes:${saved!.id}`)).toBeDefined();
	});

	it('gives each change a later clock than the one before, even when the wall clock steps back', async () => {
		await turnOnSync(account);
		const { note: saved } = await saveNote(note, 1000);
		const first = (await database.outbox.get(`notes:${saved!.id}`))!.hlc;
		await saveNote({ ...note, id: saved!.id, text: 'second' }, 500);
		const second = (await database.outbox.get(`notes:${saved!.id}`))!.hlc;
		expect(second > first).toBe(true);
	});

	it("does not record sync's own writes, nor anything after sync is turned off", async () => {
		await turnOnSync(account);
		await database.transaction('rw', database.notes, async () => {
			markFromSync();
			await database.notes.put({ ...note, id: 'n-remote', createdAt: 1, updatedAt: 1 } as NoteRow);
		});
		expect(await database.outbox.count()).toBe(0);
		await turnOffSync();
		await ensureCards(['huang-2025:算力'], 1);
		await saveNote(note, 1000);
		expect(await database.outbox.count()).toBe(0);
		expect(await database.notes.count()).toBe(2);
	});

	it('queues the rows already here when sync is turned on', async () => {
		const { note: saved } = await saveNote(note, 1000);
		await saveDisplaySettings(DEFAULT_DISPLAY_SETTINGS);
		await turnOnSync(account);
		const rows = await database.outbox.toArray();
		expect(rows.map((row) => row.docId).sort()).toEqual([`kv:settings:display`, `notes:${saved!.id}`]);
		expect(decodeHlc((await database.outbox.get(`notes:${saved!.id}`))!.hlc)?.wall).toBe(saved!.updatedAt);
	});
});
