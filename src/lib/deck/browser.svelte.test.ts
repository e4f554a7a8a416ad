import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { SUPPLY } from '../db/testWords.ts';
import { IMPORTED_ID, sampleImportedText } from '../backup/testFixtures.ts';
import type { VocabEntry } from '../model/words.ts';

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

const { DeckBrowser } = await import('./browser.svelte.ts');

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

const zhOf = (result: { rows: { entry: VocabEntry; card: { direction: string } }[] }) =>
	result.rows.map((row) => `${row.entry.zh} ${row.card.direction}`);

describe('DeckBrowser', () => {
	it('loads every entry with both of its cards, creating the cards it lacks', async () => {
		const browser = await loaded();
		expect(browser.search('', 'all', 'all', 'all').total).toBe(6);
		expect(browser.tags).toEqual(['ai', 'hardware']);
		const { cards } = await stores();
		expect(await cards.countCards()).toBe(6);
	});

	it('searches by Chinese, English and toneless pinyin', async () => {
		const browser = await loaded();
		expect(zhOf(browser.search('芯', 'all', 'all', 'all'))).toEqual(['芯片 en2zh', '芯片 zh2en']);
		expect(browser.search('COMPUTING', 'all', 'all', 'all').rows.map((row) => row.entry.zh)).toEqual(['算力', '算力']);
		expect(browser.search('moxing', 'all', 'all', 'all').rows.map((row) => row.entry.zh)).toEqual(['模型', '模型']);
		expect(browser.search('nothing like it', 'all', 'all', 'all')).toEqual({ rows: [], total: 0 });
	});

	it('filters by part, tag and card state', async () => {
		const browser = await loaded();
		const zhs = (result: { rows: { entry: VocabEntry }[] }) => [...new Set(result.rows.map((row) => row.entry.zh))];
		expect(zhs(browser.search('', 'test/part-1', 'all', 'all'))).toEqual(['芯片', '算力']);
		expect(zhs(browser.search('', 'test/part-2', 'all', 'all'))).toEqual(['模型']);
		expect(zhs(browser.search('', 'all', 'all', 'ai'))).toEqual(['算力', '模型']);
		expect(zhs(browser.search('', 'test/part-1', 'all', 'ai'))).toEqual(['算力']);

		const { cards } = await stores();
		await cards.setSuspended('test:模型|zh2en', true);
		await browser.load();
		expect(zhOf(browser.search('', 'all', 'suspended', 'all'))).toEqual(['模型 zh2en']);
		expect(browser.search('', 'all', 'new', 'all').total).toBe(6);
		expect(browser.search('', 'all', 'review', 'all').total).toBe(0);
		expect(browser.search('', 'all', 'leech', 'all').total).toBe(0);
	});

	it('returns a page of rows and the total of all matches', async () => {
		const browser = await loaded();
		const page = browser.search('', 'all', 'all', 'all', 4);
		expect(page.rows).toHaveLength(4);
		expect(page.total).toBe(6);
		expect(browser.search('', 'all', 'all', 'all', 10).rows).toHaveLength(6);
	});

	it('shows a word the user added, tagged as theirs', async () => {
		const { userEntries } = await stores();
		await userEntries.addUserEntry(SUPPLY);
		const browser = await loaded();
		expect(browser.tags).toEqual(['ai', 'hardware', 'mine']);
		const mine = browser.search('gongying', 'all', 'all', 'mine');
		expect(mine.total).toBe(2);
		expect(mine.rows.every((row) => row.entry.userMade && row.card.entryId === 'user:供应')).toBe(true);
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
		const zhs = (part: string) => [...new Set(browser.search('', part, 'all', 'all').rows.map((row) => row.entry.zh))];
		expect(zhs(`${IMPORTED_ID}/part2`)).toEqual(['核心']);
		expect(zhs(`${IMPORTED_ID}/part1`)).toEqual(['欢迎']);
		// Another article's part of the same name holds none of them.
		expect(zhs('test/part-1')).toEqual(['芯片', '算力']);
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
