import { beforeEach, describe, expect, it } from 'vitest';
import { makeAnchor } from '../notes/anchor.ts';
import { MAX_NOTE_LENGTH } from '../notes/limits.ts';
import type { DukaDatabase } from './db.ts';
import {
	addHighlight,
	annotationsFor,
	deleteHighlight,
	NoteTooLongError,
	restoreAnnotations,
	saveNote,
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
		const saved = await saveNote({ articleId: 'a', paragraphId: 'p0001', highlightId: null, text }, 5);
		expect((await database.notes.get(saved!.id))?.text).toBe(text);
	});

	it('refuses a note over the limit and changes nothing', async () => {
		const saved = await saveNote({ articleId: 'a', paragraphId: 'p0001', highlightId: null, text: 'first' });
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

	it('deletes an emptied note instead of keeping a blank one', async () => {
		const saved = await saveNote({ articleId: 'a', paragraphId: 'p0001', highlightId: null, text: 'x' });
		expect(
			await saveNote({ id: saved!.id, articleId: 'a', paragraphId: 'p0001', highlightId: null, text: '  ' })
		).toBeUndefined();
		expect(await database.notes.count()).toBe(0);
	});
});
