import { beforeEach, describe, expect, it } from 'vitest';
import { makeAnchor } from '../notes/anchor.ts';
import { MAX_NOTE_LENGTH } from '../notes/limits.ts';
import type { DukaDatabase } from './db.ts';
import {
	addHighlight,
	annotationsFor,
	deleteHighlight,
	deleteNoteWithBookmark,
	NoteTooLongError,
	restoreAnnotations,
	saveNote,
	setHighlightTags,
	toggleBookmark
} from './notes.ts';
import { freshDatabase } from './testDatabase.ts';

let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

describe('notes store', () => {
	it('toggles bookmarks', async () => {
		expect(await toggleBookmark('a', 'p0001', 1)).toBe(true);
		expect((await annotationsFor('a')).bookmarks).toEqual([
			{ key: 'a/p0001', articleId: 'a', paragraphId: 'p0001', createdAt: 1 }
		]);
		expect(await toggleBookmark('a', 'p0001', 2)).toBe(false);
		expect((await annotationsFor('a')).bookmarks).toEqual([]);
	});

	it('round-trips emoji and mixed Chinese/English text exactly', async () => {
		const text = '数据中心 data center 👩🏽‍💻🇹🇼 **粗体** <script>alert(1)</script>\n- 列表';
		const { note: saved } = await saveNote({ articleId: 'a', paragraphId: 'p0001', highlightId: null, text }, 5);
		expect((await database.notes.get(saved!.id))?.text).toBe(text);
	});

	it('refuses a note over the limit and changes nothing', async () => {
		const { note: saved } = await saveNote({ articleId: 'a', paragraphId: 'p0001', highlightId: null, text: 'first' });
		await expect(
			saveNote({
				id: saved!.id,
				articleId: 'a',
				paragraphId: 'p0001',
				highlightId: null,
				text: 'x'.repeat(MAX_NOTE_LENGTH + 3)
			})
		).rejects.toEqual(new NoteTooLongError(3));
		expect((await database.notes.get(saved!.id))?.text).toBe('first');
		const longest = 'y'.repeat(MAX_NOTE_LENGTH);
		await saveNote({ id: saved!.id, articleId: 'a', paragraphId: 'p0001', highlightId: null, text: longest });
		expect((await database.notes.get(saved!.id))?.text).toBe(longest);
	});

	it('deletes a highlight with its notes, and undo restores both', async () => {
		const text = '我们是一家基础设施公司。';
		const highlight = await addHighlight('a', 'p0002', makeAnchor(text, 5, 9), 'yellow', 1);
		await saveNote({ articleId: 'a', paragraphId: 'p0002', highlightId: highlight.id, text: 'infrastructure' }, 2);
		const before = await annotationsFor('a');
		const deleted = await deleteHighlight(highlight.id);
		expect(await annotationsFor('a')).toEqual({ bookmarks: [], highlights: [], notes: [] });
		await restoreAnnotations(deleted);
		expect(await annotationsFor('a')).toEqual(before);
	});

	it('deletes a note with the bookmark of its paragraph in one go, and undo restores both', async () => {
		await toggleBookmark('a', 'p0001', 1);
		const { note } = await saveNote({ articleId: 'a', paragraphId: 'p0001', highlightId: null, text: 'x' }, 2);
		const before = await annotationsFor('a');
		const deleted = await deleteNoteWithBookmark(note!.id, { articleId: 'a', paragraphId: 'p0001' });
		expect(deleted.bookmarks).toHaveLength(1);
		expect(deleted.notes).toHaveLength(1);
		expect(await annotationsFor('a')).toEqual({ bookmarks: [], highlights: [], notes: [] });
		await restoreAnnotations(deleted);
		expect(await annotationsFor('a')).toEqual(before);
	});

	it('keeps tags on a highlight, and drops the field when none are left', async () => {
		const highlight = await addHighlight('a', 'p0002', makeAnchor('我们是一家公司。', 0, 2), 'green', 1);
		expect(await setHighlightTags(highlight.id, ['芯片', 'policy'], 5)).toBe(true);
		expect(await database.highlights.get(highlight.id)).toEqual({
			...highlight,
			tags: ['芯片', 'policy'],
			updatedAt: 5
		});
		await setHighlightTags(highlight.id, [], 6);
		expect(await database.highlights.get(highlight.id)).toEqual({ ...highlight, updatedAt: 6 });
		expect(await setHighlightTags('gone', ['x'])).toBe(false);
	});

	it('deletes an emptied note instead of keeping a blank one', async () => {
		const { note: saved } = await saveNote({ articleId: 'a', paragraphId: 'p0001', highlightId: null, text: 'x' });
		expect(
			(await saveNote({ id: saved!.id, articleId: 'a', paragraphId: 'p0001', highlightId: null, text: '  ' })).note
		).toBeUndefined();
		expect(await database.notes.count()).toBe(0);
	});

	describe('the same note edited in two tabs', () => {
		const place = { articleId: 'a', paragraphId: 'p0001', highlightId: null };

		it('keeps the newer text as a conflict copy instead of overwriting it', async () => {
			const { note: original } = await saveNote({ ...place, text: 'start' }, 10);
			// Both tabs opened the note at version 10; tab A saves first.
			const tabA = await saveNote({ ...place, id: original!.id, text: 'A', baseUpdatedAt: 10 }, 20);
			expect(tabA.conflictCopy).toBeUndefined();
			const tabB = await saveNote({ ...place, id: original!.id, text: 'B', baseUpdatedAt: 10 }, 30);
			expect(tabB.note?.text).toBe('B');
			expect(tabB.conflictCopy?.text).toBe('A');
			const texts = (await database.notes.toArray()).map((note) => note.text).sort();
			expect(texts).toEqual(['A', 'B']);
		});

		it('goes on saving quietly from the version it wrote itself', async () => {
			const { note: first } = await saveNote({ ...place, text: 'one' }, 10);
			const second = await saveNote({ ...place, id: first!.id, text: 'two', baseUpdatedAt: first!.updatedAt }, 10);
			const third = await saveNote(
				{ ...place, id: first!.id, text: 'three', baseUpdatedAt: second.note!.updatedAt },
				10
			);
			expect(second.conflictCopy ?? third.conflictCopy).toBeUndefined();
			expect(await database.notes.count()).toBe(1);
		});

		it('keeps the other text when this tab empties the note', async () => {
			const { note: original } = await saveNote({ ...place, text: 'start' }, 10);
			await saveNote({ ...place, id: original!.id, text: 'A', baseUpdatedAt: 10 }, 20);
			const emptied = await saveNote({ ...place, id: original!.id, text: '', baseUpdatedAt: 10 }, 30);
			expect(emptied.note).toBeUndefined();
			expect((await database.notes.toArray()).map((note) => note.text)).toEqual(['A']);
		});
	});
});
