// Must come first: Dexie picks up the global indexedDB when it loads.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { DukaDatabase } from '../db/db.ts';
import type { NoteRow } from '../model/notes.ts';
import { MAX_NOTE_LENGTH, validateNoteText } from './limits.ts';

const MIXED_TEXTS = [
	'老黄说:“加速计算已经到了临界点。”',
	'Jensen 提到 CUDA 生态 and the AI factory — 很有意思',
	'家庭 👨‍👩‍👧‍👦,程序员 👩🏽‍💻,国旗 🇨🇳🇺🇸,彩虹旗 🏳️‍🌈,键帽 1️⃣',
	'组合字符 é (e + U+0301) 与 é 不同;全角 ＡＢＣ,半角 ABC;零宽\u200b空格',
	'  前后空白与\r\n换行\n\n保留  ',
	'𠀀𪚥 (CJK Extension B, surrogate pairs)'
];

describe('validateNoteText', () => {
	it('accepts notes up to the limit', () => {
		expect(validateNoteText('')).toEqual({ ok: true });
		expect(validateNoteText('笔记')).toEqual({ ok: true });
		expect(validateNoteText('字'.repeat(MAX_NOTE_LENGTH))).toEqual({ ok: true });
	});

	it('refuses longer notes, saying by how much, and does not truncate', () => {
		const text = 'a'.repeat(MAX_NOTE_LENGTH) + '😀';
		const check = validateNoteText(text);
		expect(check).toMatchObject({
			ok: false,
			reason: 'too-long',
			length: MAX_NOTE_LENGTH + 2,
			max: MAX_NOTE_LENGTH,
			over: 2
		});
		if (check.ok) return;
		expect(check.message).toBe('Note is 2 characters over the limit of 100,000 (100,002 in all).');
		expect(validateNoteText('x'.repeat(MAX_NOTE_LENGTH + 1))).toMatchObject({
			over: 1,
			message: expect.stringContaining('1 character over')
		});
		expect(text.length).toBe(MAX_NOTE_LENGTH + 2);
	});

	it('counts UTF-16 code units, like String.length and <textarea maxlength>', () => {
		const emoji = '👩‍💻'; // 5 code units: 2 + ZWJ + 2
		const check = validateNoteText(emoji.repeat(MAX_NOTE_LENGTH / 5 + 1));
		expect(check).toMatchObject({ ok: false, over: 5 });
	});
});

describe('note text round-trips exactly', () => {
	const database = new DukaDatabase(`duka-notes-limits-${Math.random()}`);
	afterAll(async () => {
		await database.delete();
	});

	function noteRow(id: string, text: string): NoteRow {
		return { id, articleId: 'huang', paragraphId: 'p0001', highlightId: null, text, createdAt: 1, updatedAt: 1 };
	}

	it('stores and reads back CJK, ZWJ emoji sequences and mixed text unchanged', async () => {
		for (const [index, text] of MIXED_TEXTS.entries()) {
			expect(validateNoteText(text).ok).toBe(true);
			await database.notes.put(noteRow(`n${index}`, text));
			const stored = await database.notes.get(`n${index}`);
			expect(stored?.text).toBe(text);
			expect(stored?.text.length).toBe(text.length);
			expect(JSON.parse(JSON.stringify(text))).toBe(text);
		}
	});

	it('stores any well-formed text unchanged (property)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), async (text) => {
				const check = validateNoteText(text);
				expect(check.ok).toBe(true);
				await database.notes.put(noteRow('property', text));
				expect((await database.notes.get('property'))?.text).toBe(text);
			}),
			{ numRuns: 100 }
		);
	});
});
