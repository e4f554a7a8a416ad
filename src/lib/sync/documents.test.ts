import { describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import type { NoteRow } from '../model/notes.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { UserEntryRow } from '../model/words.ts';
import {
	conflictCopy,
	docIdOfRow,
	inTimeOrder,
	isSyncedKvKey,
	readDoc,
	remoteWins,
	reviewDocId,
	SYNC_FORMAT,
	textDiffers,
	toDoc
} from './documents.ts';
import { encodeHlc, type Hlc } from './hlc.ts';

const hlc = (wall: number, device = 'a'): Hlc => ({ wall, counter: 0, device });
const note: NoteRow = {
	id: 'n-1',
	articleId: 'huang-2025',
	paragraphId: 'p0001',
	highlightId: null,
	text: 'mine',
	createdAt: 1,
	updatedAt: 2
};
const state = {
	due: 1,
	stability: 0,
	difficulty: 0,
	elapsed_days: 0,
	scheduled_days: 0,
	learning_steps: 0,
	reps: 0,
	lapses: 0,
	state: State.New,
	last_review: null
};
const review: ReviewLogRow = {
	id: 7,
	cardId: 'huang-2025:算力|en2zh',
	rating: 3,
	reviewedAt: 1000,
	durationMs: 5,
	before: state,
	after: state
};

describe('documents', () => {
	it('names a row by its table and key, a review by its card and millisecond', () => {
		expect(docIdOfRow('notes', { ...note })).toBe('notes:n-1');
		expect(docIdOfRow('kv', { key: 'settings:display', value: {} })).toBe('kv:settings:display');
		expect(docIdOfRow('reviews', { ...review })).toBe(reviewDocId(review));
		expect(reviewDocId(review)).toBe('reviews:huang-2025:算力|en2zh@1000');
	});

	it("keeps this device's flags out of sync", () => {
		expect(isSyncedKvKey('settings:display')).toBe(true);
		expect(isSyncedKvKey('reading:position:huang-2025')).toBe(true);
		expect(isSyncedKvKey('storage:persist-asked')).toBe(false);
	});

	it('writes a review without its local id, and reads back what it wrote', () => {
		const card = { entryId: 'huang-2025:算力', direction: 'en2zh' as const, createdAt: 1 };
		const doc = toDoc(reviewDocId(review), 'reviews', encodeHlc(hlc(1000)), { ...review }, card);
		expect(doc.row).not.toHaveProperty('id');
		expect(doc.formatVersion).toBe(SYNC_FORMAT);
		const read = readDoc(JSON.parse(JSON.stringify(doc)));
		expect(read).toMatchObject({ kind: 'doc', hlc: hlc(1000) });
	});

	it('carries a review of a cloze card, and refuses a card of a kind Duka does not know', () => {
		const cloze = { entryId: 'huang-2025:IT预算', direction: 'clozeEn' as const, createdAt: 1 };
		const doc = JSON.parse(
			JSON.stringify(toDoc(reviewDocId(review), 'reviews', encodeHlc(hlc(9)), { ...review }, cloze))
		);
		expect(readDoc(doc)).toMatchObject({ kind: 'doc', doc: { card: cloze } });
		expect(readDoc({ ...doc, card: { ...cloze, direction: 'clozeFr' } })).toMatchObject({ kind: 'invalid' });
	});

	it('reads a tombstone', () => {
		const doc = toDoc('notes:n-1', 'notes', encodeHlc(hlc(5)), undefined);
		expect(readDoc(doc)).toMatchObject({ kind: 'doc', doc: { deleted: true } });
	});

	it('leaves a document of a newer format alone, whatever else it holds', () => {
		expect(readDoc({ _id: 'notes:n-1', formatVersion: SYNC_FORMAT + 1, whatever: true })).toEqual({
			kind: 'newer',
			id: 'notes:n-1'
		});
	});

	it('refuses what is not a Duka document, or does not match its id', () => {
		const good = toDoc('notes:n-1', 'notes', encodeHlc(hlc(5)), { ...note });
		expect(readDoc({ ...good, _id: 'notes:n-2' })).toMatchObject({ kind: 'invalid' });
		expect(readDoc({ ...good, hlc: 'yesterday' })).toMatchObject({ kind: 'invalid' });
		expect(readDoc({ ...good, table: 'cards' })).toMatchObject({ kind: 'invalid' });
		expect(readDoc({ _id: '_design/x', language: 'javascript' })).toMatchObject({ kind: 'invalid' });
		expect(readDoc({ ...good, formatVersion: undefined })).toMatchObject({ kind: 'invalid' });
		expect(readDoc('garbage')).toMatchObject({ kind: 'invalid' });
		const secret = toDoc('kv:sync:password', 'kv', encodeHlc(hlc(5)), { key: 'sync:password', value: 'x' });
		expect(readDoc(secret)).toMatchObject({ kind: 'invalid' });
	});

	it('lets the later clock win, and a change waiting here win over an older remote one', () => {
		expect(remoteWins(hlc(5), undefined)).toBe(true);
		expect(remoteWins(hlc(5), hlc(4))).toBe(true);
		expect(remoteWins(hlc(5), hlc(6))).toBe(false);
		expect(remoteWins(hlc(5, 'a'), hlc(5, 'b'))).toBe(false);
		expect(remoteWins(hlc(5, 'b'), hlc(5, 'a'))).toBe(true);
	});

	it('keeps a conflict copy only of text the winner lacks', () => {
		expect(textDiffers('notes', note, { ...note, text: 'theirs' })).toBe(true);
		expect(textDiffers('notes', note, { ...note, updatedAt: 9 })).toBe(false);
		expect(textDiffers('notes', undefined, note)).toBe(true);
		expect(textDiffers('highlights', {}, { color: 'blue' })).toBe(false);
		const word: UserEntryRow = {
			id: 'user:算力',
			zh: '算力',
			pinyin: 'suàn lì',
			en: 'compute',
			defEn: 'computing power',
			defZh: '',
			example: '',
			articleId: 'huang-2025',
			paragraphId: 'p0002',
			createdAt: 1
		};
		expect(textDiffers('userEntries', word, { ...word, en: 'computing power' })).toBe(true);
		expect(textDiffers('userEntries', word, { ...word })).toBe(false);
		const copy = conflictCopy('userEntries', { ...word, en: 'GPU capacity' }, 'n-copy', 50);
		expect(copy).toMatchObject({ id: 'n-copy', articleId: 'huang-2025', paragraphId: 'p0002', highlightId: null });
		expect(copy.text).toContain('GPU capacity');
		expect(conflictCopy('notes', { ...note, text: 'theirs' }, 'n-2', 50)).toMatchObject({ id: 'n-2', text: 'theirs' });
	});

	it('orders a card’s reviews by time, ties by the order they were stored', () => {
		const logs = [{ id: 1, reviewedAt: 30 }, { id: 2, reviewedAt: 10 }, { reviewedAt: 20 }, { id: 3, reviewedAt: 10 }];
		expect(inTimeOrder(logs)).toEqual([
			{ id: 2, reviewedAt: 10 },
			{ id: 3, reviewedAt: 10 },
			{ reviewedAt: 20 },
			{ id: 1, reviewedAt: 30 }
		]);
	});
});
