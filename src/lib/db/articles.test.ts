import { Rating, State } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IMPORTED_ID, sampleImportedText } from '../backup/testFixtures.ts';
import { summariseArticle } from '../model/articles.ts';
import { importedArticleId } from '../model/ids.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import {
	addImportedWords,
	deleteArticle,
	getImportedSummary,
	InvalidTitleError,
	listImportedSummaries,
	loadImportedArticle,
	loadImportedDictionary,
	loadImportedRuby,
	renameArticle,
	restoreDeletedArticle,
	saveImportedArticle,
	type ImportedWord
} from './articles.ts';
import { exportAll, lastChangeAt } from './backup.ts';
import { MAX_TITLE_LENGTH } from '../model/imported.ts';
import { ensureCards, loadQueue } from './cards.ts';
import type { DukaDatabase } from './db.ts';
import { addHighlight, saveNote, toggleBookmark } from './notes.ts';
import { lastPosition, markCardRead, savePosition } from './reading.ts';
import { recordReview } from './reviews.ts';
import { freshDatabase } from './testDatabase.ts';
import { addUserEntry } from './userEntries.ts';

const T0 = Date.UTC(2026, 11, 1, 9);
const roomy = { estimate: async () => ({ usage: 0, quota: 1024 ** 3 }) };

const COMPUTING: ImportedWord = {
	zh: '算力',
	pinyin: 'suàn lì',
	en: 'computing power',
	defEn: 'computing power',
	defZh: '',
	example: '算力是Nvidia全栈解决方案full-stack Nvidia solution的核心。',
	paragraphId: 'p0003'
};
const SOLUTION: ImportedWord = {
	...COMPUTING,
	zh: '解决方案',
	pinyin: 'jiě jué fāng àn',
	en: 'solution',
	defEn: 'solution'
};

let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

afterEach(() => {
	vi.restoreAllMocks();
	database.close();
});

/** Every backed-up table and both tallies, to compare the whole database. */
const everything = async () => ({
	...(await exportAll()),
	cardTally: await database.cardTally.toArray(),
	reviewTally: await database.reviewTally.toArray()
});

describe('saveImportedArticle', () => {
	it('stores the listing and the body, the listing derived from the article', async () => {
		const text = sampleImportedText();
		const result = await saveImportedArticle({ ...text, suggestions: ['not stored'] } as never, [], {
			now: T0,
			...roomy
		});
		expect(result).toMatchObject({ saved: true, words: { added: [], existing: [] } });
		expect(await getImportedSummary(IMPORTED_ID)).toEqual({
			id: IMPORTED_ID,
			summary: summariseArticle(text.article),
			importedAt: T0,
			updatedAt: T0
		});
		expect(await database.articleTexts.get(IMPORTED_ID)).toEqual({ id: IMPORTED_ID, ...text });
		expect(await loadImportedArticle(IMPORTED_ID)).toEqual(text.article);
		expect(await loadImportedRuby(IMPORTED_ID)).toEqual(text.ruby);
		expect(await loadImportedDictionary(IMPORTED_ID)).toEqual(text.dictionary);
		expect(await loadImportedArticle('text-none')).toBeUndefined();
	});

	it('adds the chosen words with two cards each, linked to their paragraph, first among new cards', async () => {
		// Built-in cards made earlier, which would otherwise come first by their creation time.
		await ensureCards(['huang-2025:芯片', 'huang-2025:模型'], T0 - 10_000);
		const result = await saveImportedArticle(sampleImportedText(), [COMPUTING, SOLUTION], { now: T0, ...roomy });
		if (!result.saved) throw new Error('not saved');
		expect(result.words.added.map((entry) => [entry.id, entry.articleId, entry.paragraphId, entry.createdAt])).toEqual([
			['user:算力', IMPORTED_ID, 'p0003', T0],
			['user:解决方案', IMPORTED_ID, 'p0003', T0 + 2]
		]);
		const cards = await database.cards.where('entryId').startsWith('user:').sortBy('createdAt');
		expect(cards.map((card) => [card.id, card.userMade, card.state])).toEqual([
			['user:算力|en2zh', 1, State.New],
			['user:算力|zh2en', 1, State.New],
			['user:解决方案|en2zh', 1, State.New],
			['user:解决方案|zh2en', 1, State.New]
		]);
		const queue = await loadQueue(T0 + 1000, { ...DEFAULT_SCHEDULER_SETTINGS, newCardsPerDay: 2 });
		expect(queue.map((card) => card.entryId)).toEqual(['user:算力', 'user:算力']);
	});

	it('leaves a word the deck already has exactly as it is', async () => {
		const { entry } = await addUserEntry({ ...COMPUTING, articleId: 'huang-2025', defEn: 'mine' }, T0 - 5000);
		const result = await saveImportedArticle(sampleImportedText(), [COMPUTING, { ...COMPUTING, zh: ' 算力 ' }], {
			now: T0,
			...roomy
		});
		expect(result).toMatchObject({ saved: true, words: { added: [], existing: [entry] } });
		expect(await database.userEntries.toArray()).toEqual([entry]);
		expect(await database.cards.count()).toBe(2);
	});

	it('writes nothing when the disk has no room for it, and says how much is needed', async () => {
		const before = await everything();
		const result = await saveImportedArticle(sampleImportedText(), [COMPUTING], {
			now: T0,
			estimate: async () => ({ usage: 100, quota: 1_000_000 })
		});
		expect(result).toMatchObject({ saved: false, noRoom: { free: 999_900 } });
		if (!result.saved) expect(result.noRoom.needed).toBeGreaterThan(5 * 1024 * 1024);
		expect(await everything()).toEqual(before);
	});

	it('stores all of it or nothing: a failure while adding the words leaves no article', async () => {
		const before = await everything();
		vi.spyOn(database.cards, 'bulkAdd').mockImplementation(
			() => Promise.reject(new DOMException('disk went away', 'UnknownError')) as never
		);
		await expect(saveImportedArticle(sampleImportedText(), [COMPUTING], { now: T0, ...roomy })).rejects.toThrow();
		vi.restoreAllMocks();
		expect(await everything()).toEqual(before);
	});

	it('never replaces another article, and refuses an id that is not an imported one', async () => {
		await saveImportedArticle(sampleImportedText(), [], { now: T0, ...roomy });
		const before = await everything();
		await expect(saveImportedArticle(sampleImportedText(), [COMPUTING], { now: T0 + 1, ...roomy })).rejects.toThrow();
		expect(await everything()).toEqual(before);

		const builtIn = sampleImportedText();
		builtIn.article.meta.id = 'huang-2025';
		await expect(saveImportedArticle(builtIn, [], roomy)).rejects.toThrow(/importedArticleId/);
		expect(await everything()).toEqual(before);
	});
});

describe('addImportedWords', () => {
	it('adds words after the import, in one transaction, telling new from existing', async () => {
		await saveImportedArticle(sampleImportedText(), [COMPUTING], { now: T0, ...roomy });
		const result = await addImportedWords(IMPORTED_ID, [COMPUTING, SOLUTION], T0 + 100);
		expect(result.added.map((entry) => entry.id)).toEqual(['user:解决方案']);
		expect(result.existing.map((entry) => entry.id)).toEqual(['user:算力']);
		expect(await database.cards.where('entryId').equals('user:解决方案').count()).toBe(2);
	});

	it('adds cloze cards on the words’ sentences when asked, after every word’s flashcards', async () => {
		await saveImportedArticle(sampleImportedText(), [], { now: T0, ...roomy });
		const missing = { ...SOLUTION, zh: '不在句中', example: '这句话没有那个词。' };
		await addImportedWords(IMPORTED_ID, [COMPUTING, missing], T0 + 100, { cloze: true });
		const computing = await database.cards.where('entryId').equals('user:算力').sortBy('createdAt');
		expect(computing.map((card) => card.direction)).toEqual(['en2zh', 'zh2en', 'clozeZh']);
		const flashcards = await database.cards.filter((card) => !card.direction.startsWith('cloze')).toArray();
		expect(Math.max(...flashcards.map((card) => card.createdAt))).toBeLessThan(computing[2]!.createdAt);
		// A word its sentence does not hold gets no cloze card, and the others are still added.
		expect(
			(await database.cards.where('entryId').equals('user:不在句中').toArray()).map((card) => card.direction).sort()
		).toEqual(['en2zh', 'zh2en']);
	});
});

describe('the library list', () => {
	it('lists imported articles newest first', async () => {
		const older = sampleImportedText(importedArticleId(T0, () => 1));
		const newer = sampleImportedText(importedArticleId(T0 + 60_000, () => 2));
		await saveImportedArticle(older, [], { now: T0, ...roomy });
		await saveImportedArticle(newer, [], { now: T0 + 60_000, ...roomy });
		expect((await listImportedSummaries()).map((row) => row.id)).toEqual([
			newer.article.meta.id,
			older.article.meta.id
		]);
	});
});

describe('renameArticle', () => {
	it('renames the listing and the body together, and counts as a change for the daily backup', async () => {
		await saveImportedArticle(sampleImportedText(), [], { now: T0, ...roomy });
		const renamed = await renameArticle(IMPORTED_ID, '  全栈\n访谈 ', T0 + 5000);
		expect(renamed?.summary.meta.titleZh).toBe('全栈 访谈');
		expect(renamed?.updatedAt).toBe(T0 + 5000);
		expect(await getImportedSummary(IMPORTED_ID)).toEqual(renamed);
		expect((await loadImportedArticle(IMPORTED_ID))?.meta.titleZh).toBe('全栈 访谈');
		expect(await lastChangeAt()).toBe(T0 + 5000);
	});

	it('keeps an English title of its own, and lets one that repeated the title follow it', async () => {
		const own = sampleImportedText();
		own.article.meta.titleEn = 'The full stack';
		await saveImportedArticle(own, [], { now: T0, ...roomy });
		expect((await renameArticle(IMPORTED_ID, '新标题'))?.summary.meta.titleEn).toBe('The full stack');

		const english = sampleImportedText('text-english');
		english.article.meta.titleZh = english.article.meta.titleEn = 'Stratechery';
		await saveImportedArticle(english, [], { now: T0, ...roomy });
		expect((await renameArticle('text-english', 'An interview'))?.summary.meta).toMatchObject({
			titleZh: 'An interview',
			titleEn: 'An interview'
		});
	});

	it('refuses an empty or overlong title and answers undefined for a missing article', async () => {
		await saveImportedArticle(sampleImportedText(), [], { now: T0, ...roomy });
		await expect(renameArticle(IMPORTED_ID, ' \n ')).rejects.toBeInstanceOf(InvalidTitleError);
		await expect(renameArticle(IMPORTED_ID, '字'.repeat(MAX_TITLE_LENGTH + 1))).rejects.toMatchObject({
			reason: 'too-long'
		});
		expect((await getImportedSummary(IMPORTED_ID))?.summary.meta.titleZh).toBe('英伟达的全栈解决方案');
		expect(await renameArticle('text-none', 'x')).toBeUndefined();
	});
});

describe('deleteArticle and its undo', () => {
	/** An imported article the user has read, marked, annotated, learnt words from and reviewed them. */
	async function used(): Promise<void> {
		await saveImportedArticle(sampleImportedText(), [COMPUTING, SOLUTION], { now: T0, ...roomy });
		await markCardRead(IMPORTED_ID, 'part1-01', T0 + 1);
		await savePosition(IMPORTED_ID, 'part2-01', T0 + 2);
		await toggleBookmark(IMPORTED_ID, 'p0001', T0 + 3);
		const highlight = await addHighlight(
			IMPORTED_ID,
			'p0003',
			{ start: 0, end: 2, quote: '算力', prefix: '', suffix: '是' },
			'green',
			T0 + 4
		);
		await saveNote({ articleId: IMPORTED_ID, paragraphId: 'p0003', highlightId: highlight.id, text: '关键' }, T0 + 5);
		await saveNote({ articleId: IMPORTED_ID, paragraphId: 'p0002', highlightId: null, text: '寒暄' }, T0 + 6);
		await recordReview('user:算力|en2zh', Rating.Good, T0 + 60_000, 3000, DEFAULT_SCHEDULER_SETTINGS);
		await recordReview('user:解决方案|zh2en', Rating.Again, T0 + 120_000, 5000, DEFAULT_SCHEDULER_SETTINGS);
		// Another article's data, which the deletion must not touch.
		await markCardRead('huang-2025', 'p1-01', T0 + 7);
		await toggleBookmark('huang-2025', 'p0009', T0 + 8);
		await addUserEntry({ ...COMPUTING, zh: '芯片', articleId: 'huang-2025' }, T0 + 9);
	}

	it('removes the article, its progress, marks, notes, words, cards and reviews; undo puts back exactly that', async () => {
		await used();
		const before = await everything();
		const deleted = await deleteArticle(IMPORTED_ID, { keepWords: false });
		expect(deleted?.words.map((word) => [word.entry.id, word.cards.length, word.reviews.length])).toEqual([
			['user:算力', 2, 1],
			['user:解决方案', 2, 1]
		]);
		const after = await everything();
		expect(after.articles).toEqual([]);
		expect(after.articleTexts).toEqual([]);
		expect(after.reading.map((row) => row.articleId)).toEqual(['huang-2025']);
		expect(after.bookmarks.map((row) => row.articleId)).toEqual(['huang-2025']);
		expect(after.highlights).toEqual([]);
		expect(after.notes).toEqual([]);
		expect(after.userEntries.map((row) => row.id)).toEqual(['user:芯片']);
		expect(after.cards.map((row) => row.entryId)).toEqual(['user:芯片', 'user:芯片']);
		expect(after.reviews).toEqual([]);
		expect(after.kv.map((row) => row.key)).toEqual([]);
		expect(after.reviewTally).toEqual([]);

		await restoreDeletedArticle(deleted!);
		expect(await everything()).toEqual(before);
	});

	it('keeps the words, their cards and reviews when asked to', async () => {
		await used();
		const before = await everything();
		const deleted = await deleteArticle(IMPORTED_ID, { keepWords: true });
		expect(deleted?.words).toEqual([]);
		const after = await everything();
		expect(after.userEntries).toEqual(before.userEntries);
		expect(after.cards).toEqual(before.cards);
		expect(after.reviews).toEqual(before.reviews);
		await restoreDeletedArticle(deleted!);
		expect(await everything()).toEqual(before);
	});

	it('keeps the last reading position when it is in another article, and a newer one on undo', async () => {
		await used();
		await savePosition('huang-2025', 'p1-02', T0 + 10);
		const deleted = await deleteArticle(IMPORTED_ID, { keepWords: false });
		expect(await lastPosition()).toMatchObject({ articleId: 'huang-2025' });
		expect(deleted?.positions.map((row) => row.key)).toEqual([`reading:position:${IMPORTED_ID}`]);
		await restoreDeletedArticle(deleted!);

		// Deleted while it held the last position; another article read before the undo keeps its place.
		await savePosition(IMPORTED_ID, 'part1-01', T0 + 11);
		const again = await deleteArticle(IMPORTED_ID, { keepWords: false });
		expect(await lastPosition()).toBeUndefined();
		await savePosition('huang-2025', 'p1-03', T0 + 12);
		await restoreDeletedArticle(again!);
		expect(await lastPosition()).toMatchObject({ articleId: 'huang-2025', cardId: 'p1-03' });
		expect((await database.kv.get(`reading:position:${IMPORTED_ID}`))?.value).toMatchObject({ cardId: 'part1-01' });
	});

	it('answers undefined for an article that is not there', async () => {
		expect(await deleteArticle('text-none', { keepWords: false })).toBeUndefined();
	});
});
