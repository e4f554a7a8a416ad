import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stores } from '../db/lazy.ts';
import type { DukaDatabase } from '../db/db.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { DraftStatus } from './draft.ts';
import { readJournal } from './journal.ts';
import { NoteEditing } from './noteEditing.svelte.ts';
import { memoryStorage } from '../test/memoryStorage.ts';

const place = { articleId: 'huang-2025', paragraphId: 'p0001', highlightId: null };
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
	vi.stubGlobal('localStorage', memoryStorage());
});

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('NoteEditing', () => {
	it('journals every change at once, saves it, then forgets the journal entry', async () => {
		const statuses: DraftStatus['state'][] = [];
		const editing = new NoteEditing(place, undefined, (status) => statuses.push(status.state), stores);
		editing.update('第一句');
		expect(readJournal().map((entry) => entry.text)).toEqual(['第一句']);
		expect(statuses).toEqual(['saving']);
		await editing.flush();
		expect(statuses).toEqual(['saving', 'saved']);
		expect((await database.notes.toArray()).map((note) => note.text)).toEqual(['第一句']);
		expect(readJournal()).toEqual([]);
	});

	it('keeps editing the same note, and deletes it when emptied', async () => {
		const editing = new NoteEditing(place, undefined, () => {}, stores);
		editing.update('one');
		await editing.flush();
		editing.update('one, two');
		await editing.flush();
		const rows = await database.notes.toArray();
		expect(rows.map((note) => note.text)).toEqual(['one, two']);

		const reopened = new NoteEditing(place, rows[0], () => {}, stores);
		reopened.update('');
		await reopened.flush();
		expect(await database.notes.count()).toBe(0);
	});

	it('reports a failed save and keeps the text journaled', async () => {
		const statuses: DraftStatus['state'][] = [];
		const { notes } = await stores();
		const failing = () =>
			stores().then((loaded) => ({
				...loaded,
				notes: { ...notes, saveNote: () => Promise.reject(new Error('disk full')) }
			}));
		const editing = new NoteEditing(place, undefined, (status) => statuses.push(status.state), failing);
		editing.update('unsaved');
		await editing.flush();
		expect(statuses.at(-1)).toBe('error');
		expect(readJournal().map((entry) => entry.text)).toEqual(['unsaved']);
	});
});
