import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stores } from '../db/lazy.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { SUPPLY } from '../db/testWords.ts';
import { IMPORTED_ID, sampleImportedText } from '../backup/testFixtures.ts';
import type { VocabEntry } from '../model/words.ts';
import type { CardStateFilter, DeckQuery, DeckRow } from './browser.svelte.ts';

function entry(zh: string, en: string, pinyin: string, tags: string[], cardId: string): VocabEntry {
	return {
		id: `test:${zh}`,
		articleId: 'test',
		zh,
		pinyin,
		en,
		defEn: en,
		defZh: '',
		pos: 'noun',
		tags,
		forms: [zh],
		occurrences: [{ cardId, paragraphId: 'p0001' }]
	};
}

vi.mock('virtual:duka/vocab', () => ({
	default: [
		entry('芯片', 'chip', 'xīn piàn', ['hardware'], 'c1'),
		entry('算力', 'computing power', 'suàn lì', ['hardware', 'ai'], 'c2'),
		entry('模型', 'model', 'mó xíng', ['ai'], 'c3')
	]
}));
vi.mock('virtual:duka/catalog', () => ({
	default: [
		{
			meta: { id: 'test' },
			parts: [],
			cards: [
				{ id: 'c1', partId: 'part-1', titleZh: '', titleEn: '', chars: 0 },
				{ id: 'c2', partId: 'part-1', titleZh: '', titleEn: '', chars: 0 },
				{ id: 'c3', partId: 'part-2', titleZh: '', titleEn: '', chars: 0 }
			]
		}
	]
}));

const { DeckBrowser, DEFAULT_DECK_QUERY } = await import('./browser.svelte.ts');

beforeEach(() => {
	freshDatabase();
});

async function loaded() {
	const browser = new DeckBrowser(stores);
	expect(browser.status).toBe('idle');
	await browser.load();
	expect(browser.status).toBe('ready');
	return browser;
}

const ask = (query: string, part: string, state: CardStateFilter, tag: string): DeckQuery => ({
	...DEFAULT_DECK_QUERY,
	query,
	part,
	state,
	tag
});

const zhs = (result: { rows: DeckRow[] }) => result.rows.map((row) => row.entry.zh);

const zhOf = (result: { rows: DeckRow[] }) =>
	result.rows.map((row) => `${row.entry.zh} ${row.cards.map((card) => card.direction).join(' ')}`);

describe('DeckBrowser', () => {
	it('loads every entry once, with both of its cards, creating the cards it lacks', async () => {
		const browser = await loaded();
		expect(zhOf(browser.search(ask('', 'all', 'all', 'all')))).toEqual([
			'芯片 en2zh zh2en',
			'算力 en2zh zh2en',
			'模型 en2zh zh2en'
		]);
		expect(browser.tags).toEqual(['ai', 'hardware']);
		const { cards } = await stores();
		expect(await cards.countCards()).toBe(6);
	});

	it('searches by Chinese, English and toneless pinyin', async () => {
		const browser = await loaded();
		expect(zhOf(browser.search(ask('芯', 'all', 'all', 'all')))).toEqual(['芯片 en2zh zh2en']);
		expect(browser.search(ask('COMPUTING', 'all', 'all', 'all')).rows.map((row) => row.entry.zh)).toEqual(['算力']);
		expect(browser.search(ask('moxing', 'all', 'all', 'all')).rows.map((row) => row.entry.zh)).toEqual(['模型']);
		expect(browser.search(ask('nothing like it', 'all', 'all', 'all'))).toEqual({ rows: [], total: 0 });
	});

	it('filters by part, tag and card state', async () => {
		const browser = await loaded();
		expect(zhs(browser.search(ask('', 'test/part-1', 'all', 'all')))).toEqual(['芯片', '算力']);
		expect(zhs(browser.search(ask('', 'test/part-2', 'all', 'all')))).toEqual(['模型']);
		expect(zhs(browser.search(ask('', 'all', 'all', 'ai')))).toEqual(['算力', '模型']);
		expect(zhs(browser.search(ask('', 'test/part-1', 'all', 'ai')))).toEqual(['算力']);

		const { cards } = await stores();
		await cards.setSuspended('test:模型|zh2en', true);
		await browser.load();
		// A word is listed when one of its cards is in the state, with both cards.
		expect(zhOf(browser.search(ask('', 'all', 'suspended', 'all')))).toEqual(['模型 en2zh zh2en']);
		expect(browser.search(ask('', 'all', 'new', 'all')).total).toBe(3);
		expect(browser.search(ask('', 'all', 'review', 'all')).total).toBe(0);
		expect(browser.search(ask('', 'all', 'leech', 'all')).total).toBe(0);
	});

	it('lists a word’s cloze cards after its flashcards, and filters by card type', async () => {
		const { cards } = await stores();
		await cards.ensureCardsOf([{ entryId: 'test:算力', direction: 'clozeZh' }], 1);
		const browser = await loaded();
		expect(zhOf(browser.search({ ...DEFAULT_DECK_QUERY, kind: 'cloze' }))).toEqual(['算力 en2zh zh2en clozeZh']);
		expect(browser.search({ ...DEFAULT_DECK_QUERY, kind: 'flashcard' }).total).toBe(3);
		// Type and state together: the cloze card itself must be in the state.
		await cards.setSuspended('test:算力|en2zh', true);
		await browser.load();
		expect(browser.search({ ...DEFAULT_DECK_QUERY, kind: 'cloze', state: 'suspended' }).total).toBe(0);
		expect(browser.search({ ...DEFAULT_DECK_QUERY, kind: 'cloze', state: 'new' }).total).toBe(1);
	});

	it('returns a page of rows and the total of all matches', async () => {
		const browser = await loaded();
		const page = browser.search(ask('', 'all', 'all', 'all'), 2);
		expect(page.rows).toHaveLength(2);
		expect(page.total).toBe(3);
		expect(browser.search(ask('', 'all', 'all', 'all'), 10).rows).toHaveLength(3);
		expect(browser.matchingIds(ask('', 'all', 'all', 'all'))).toEqual(['test:芯片', 'test:算力', 'test:模型']);
	});

	it('shows a word the user added, tagged as theirs', async () => {
		const { userEntries } = await stores();
		await userEntries.addUserEntry(SUPPLY);
		const browser = await loaded();
		expect(browser.tags).toEqual(['ai', 'hardware', 'mine']);
		const mine = browser.search(ask('gongying', 'all', 'all', 'mine'));
		expect(mine.total).toBe(1);
		expect(mine.rows[0]!.entry.userMade).toBe(true);
		expect(mine.rows[0]!.cards.map((card) => card.id)).toEqual(['user:供应|en2zh', 'user:供应|zh2en']);
	});

	it("filters an imported text's words by its parts, listed with the built-in ones", async () => {
		const { articles } = await stores();
		const word = { zh: '核心', pinyin: 'hé xīn', en: 'core', defEn: 'core', defZh: '', example: '' };
		await articles.saveImportedArticle(
			sampleImportedText(),
			[
				{ ...word, paragraphId: 'p0003' },
				{ ...word, zh: '欢迎', en: 'welcome', paragraphId: 'p0001' }
			],
			{ estimate: async () => undefined }
		);
		const browser = await loaded();
		expect(browser.parts.map((part) => [part.key, part.articleTitle, part.titleZh])).toEqual([
			[`${IMPORTED_ID}/part1`, '英伟达的全栈解决方案', '一、开场'],
			[`${IMPORTED_ID}/part2`, '英伟达的全栈解决方案', '二、算力']
		]);
		const inPart = (part: string) => zhs(browser.search(ask('', part, 'all', 'all')));
		expect(inPart(`${IMPORTED_ID}/part2`)).toEqual(['核心']);
		expect(inPart(`${IMPORTED_ID}/part1`)).toEqual(['欢迎']);
		// Another article's part of the same name holds none of them.
		expect(inPart('test/part-1')).toEqual(['芯片', '算力']);
	});

	it("sorts, and lists the user's own words first when asked", async () => {
		const { userEntries, reviews } = await stores();
		const browser = await loaded();
		await userEntries.addUserEntry(SUPPLY, Date.now() + 60_000);
		await browser.load();
		const order = (change: Partial<DeckQuery>) =>
			browser.search({ ...DEFAULT_DECK_QUERY, ...change }).rows.map((row) => row.entry.zh);
		expect(order({ sort: 'alphabetical' })).toEqual(['供应', '模型', '算力', '芯片']);
		expect(order({ sort: 'added' })[0]).toBe('供应');
		expect(order({ mineFirst: true })).toEqual(['供应', '芯片', '算力', '模型']);
		await reviews.recordReview('test:模型|zh2en', 1, Date.now(), 1000, DEFAULT_SCHEDULER_SETTINGS);
		await browser.load();
		expect(order({ sort: 'due' })[0]).toBe('模型');
		expect(order({ state: 'learning' })).toEqual(['模型']);
	});

	it('suspends, resets and deletes a selection of words, each undone as one', async () => {
		const { userEntries, cards, reviews } = await stores();
		await userEntries.addUserEntry(SUPPLY);
		const browser = await loaded();
		const states = async () =>
			(await cards.listCards()).map((card) => `${card.id} ${card.state}${card.suspended}`).sort();
		const before = await states();

		const suspended = await browser.apply('suspend', ['test:芯片', 'user:供应']);
		expect(suspended).toMatchObject({ action: 'suspend', words: 2 });
		expect(zhs(browser.search({ ...DEFAULT_DECK_QUERY, state: 'suspended' }))).toEqual(['芯片', '供应']);
		await browser.undo(suspended!);
		expect(await states()).toEqual(before);
		expect(browser.search({ ...DEFAULT_DECK_QUERY, state: 'suspended' }).total).toBe(0);

		await reviews.recordReview('test:算力|en2zh', 3, Date.now(), 1000, DEFAULT_SCHEDULER_SETTINGS);
		await browser.load();
		const reviewed = await states();
		const reset = await browser.apply('reset', ['test:算力']);
		expect(reset?.undo.reviews).toHaveLength(1);
		expect(browser.search({ ...DEFAULT_DECK_QUERY, state: 'new' }).total).toBe(4);
		await browser.undo(reset!);
		expect(await states()).toEqual(reviewed);

		// Only the user's own words can be deleted; built-in ones come with the app.
		expect(await browser.apply('delete', ['test:芯片'])).toBeNull();
		const deleted = await browser.apply('delete', ['test:芯片', 'user:供应']);
		expect(deleted).toMatchObject({ action: 'delete', words: 1 });
		expect(browser.search(DEFAULT_DECK_QUERY).total).toBe(3);
		await browser.undo(deleted!);
		expect(zhs(browser.search({ ...DEFAULT_DECK_QUERY, mineFirst: true }))[0]).toBe('供应');
		expect(await states()).toEqual(reviewed);
	});

	it('reports a database that cannot be read', async () => {
		const browser = new DeckBrowser(() => Promise.reject(new Error('blocked')));
		const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
		await browser.load();
		expect(browser.status).toBe('error');
		expect(quiet).toHaveBeenCalled();
		quiet.mockRestore();
	});
});
