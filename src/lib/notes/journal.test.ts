import { beforeEach, describe, expect, it } from 'vitest';
import { annotationsFor, saveNote } from '../db/notes.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { clearJournal, readJournal, recoverJournal, writeJournal, type JournalEntry } from './journal.ts';
import { MAX_NOTE_LENGTH } from './limits.ts';
import { memoryStorage } from '../test/memoryStorage.ts';

const entry = (text: string, at: number, extra: Partial<JournalEntry> = {}): JournalEntry => ({
	articleId: 'a',
	paragraphId: 'p0001',
	highlightId: null,
	noteId: undefined,
	text,
	at,
	...extra
});

const store = { annotationsFor, saveNote };
let storage: ReturnType<typeof memoryStorage>;

beforeEach(() => {
	freshDatabase();
	storage = memoryStorage();
});

describe('note journal', () => {
	it('keeps one entry per note target, the latest text', () => {
		writeJournal(entry('一', 1), storage);
		writeJournal(entry('一二', 2), storage);
		writeJournal(entry('other', 3, { highlightId: 'h1' }), storage);
		expect(readJournal(storage).map((item) => item.text)).toEqual(['一二', 'other']);
	});

	it('is cleared by a save of the same text, but not by a save of an older one', () => {
		writeJournal(entry('newer', 2), storage);
		clearJournal(entry('older', 1), 'older', storage);
		expect(readJournal(storage)).toHaveLength(1);
		clearJournal(entry('newer', 2), 'newer', storage);
		expect(readJournal(storage)).toEqual([]);
	});

	it('does not journal a note over the limit, which could never be saved', () => {
		writeJournal(entry('x'.repeat(MAX_NOTE_LENGTH + 1), 1), storage);
		expect(storage.items.size).toBe(0);
	});

	it('ignores malformed and foreign items', () => {
		storage.setItem('duka:note-draft:broken', '{"text": 5}');
		storage.setItem('duka:note-draft:junk', 'not json');
		storage.setItem('duka:display', '{}');
		expect(readJournal(storage)).toEqual([]);
	});

	it('saves a note typed just before the tab closed, as a new note or over the saved one', async () => {
		writeJournal(entry('**粗体** 🚀 <script>', 10), storage);
		expect(await recoverJournal(store, storage)).toBe(1);
		const [created] = (await annotationsFor('a')).notes;
		expect(created?.text).toBe('**粗体** 🚀 <script>');

		writeJournal(entry('edited', 20, { noteId: created?.id }), storage);
		expect(await recoverJournal(store, storage)).toBe(1);
		expect((await annotationsFor('a')).notes.map((note) => [note.id, note.text])).toEqual([[created?.id, 'edited']]);
		expect(readJournal(storage)).toEqual([]);
	});

	it('finds the note on the same target when the journal never learned its id', async () => {
		const { note: saved } = await saveNote(
			{ articleId: 'a', paragraphId: 'p0001', highlightId: 'h1', text: 'first' },
			5
		);
		writeJournal(entry('first, then more', 6, { highlightId: 'h1' }), storage);
		await recoverJournal(store, storage);
		expect((await annotationsFor('a')).notes.map((note) => [note.id, note.text])).toEqual([
			[saved?.id, 'first, then more']
		]);
	});

	it('leaves a note alone when the database already has the text or a later edit', async () => {
		const { note: saved } = await saveNote(
			{ articleId: 'a', paragraphId: 'p0001', highlightId: null, text: 'later, in another tab' },
			50
		);
		writeJournal(entry('typed earlier', 40, { noteId: saved?.id }), storage);
		expect(await recoverJournal(store, storage)).toBe(0);
		expect((await annotationsFor('a')).notes[0]?.text).toBe('later, in another tab');
		expect(readJournal(storage)).toEqual([]);
	});
});
