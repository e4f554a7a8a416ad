import { readdirSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IMPORTED_ID, sampleImportedText } from '../backup/testFixtures.ts';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { Article, ArticleSummary } from '../model/articles.ts';
import { importedArticleId, isImportedArticleId } from '../model/ids.ts';

const BUILT_IN: Article = {
	meta: {
		id: 'test',
		titleZh: '访谈',
		titleEn: 'Interview',
		author: '',
		publication: '',
		sourceTitle: '',
		published: '2025-05-01',
		speakers: []
	},
	parts: [],
	cards: []
};
const BUILT_IN_SUMMARY: ArticleSummary = { meta: BUILT_IN.meta, parts: [], cards: [] };

vi.mock('virtual:duka/catalog', () => ({ default: [BUILT_IN_SUMMARY] }));
vi.mock('virtual:duka/loaders', () => ({ default: { test: () => Promise.resolve({ default: BUILT_IN }) } }));
vi.mock('virtual:duka/ruby-loaders', () => ({
	default: { test: () => Promise.resolve({ default: { p0001: [['nǐ']] } }) }
}));
vi.mock('virtual:duka/dictionary', () => ({ default: { 芯片: [['xīn piàn', 'chip']] } }));

const { allSummaries, dictionaryOf, findAnySummary, libraryEntries, loadAnyArticle, openArticle, rubyOf } =
	await import('./library.ts');

const T0 = Date.UTC(2026, 11, 1, 9);
const noStores = () => Promise.reject(new Error('the built-in article must not need the database'));

async function importText(id = IMPORTED_ID, now = T0) {
	const { articles } = await stores();
	const text = sampleImportedText(id);
	await articles.saveImportedArticle(text, [], { now, estimate: async () => undefined });
	return text;
}

beforeEach(() => {
	freshDatabase();
});

describe('the library', () => {
	it('lists the built-in articles first, then the imported ones, the newest first', async () => {
		const older = await importText(
			importedArticleId(T0, () => 1),
			T0
		);
		const newer = await importText(
			importedArticleId(T0 + 1000, () => 2),
			T0 + 1000
		);
		expect((await allSummaries()).map((summary) => summary.meta.id)).toEqual([
			'test',
			newer.article.meta.id,
			older.article.meta.id
		]);
		const { articles } = await stores();
		const entries = libraryEntries(await articles.listImportedSummaries());
		expect(entries[0]).toEqual({ summary: BUILT_IN_SUMMARY });
		expect(entries[1]?.imported).toEqual({ importedAt: T0 + 1000, updatedAt: T0 + 1000 });
	});

	it('finds a summary and loads an article of either kind; the built-in one without the database', async () => {
		const text = await importText();
		expect(await findAnySummary('test', noStores)).toBe(BUILT_IN_SUMMARY);
		expect(await loadAnyArticle('test', noStores)).toBe(BUILT_IN);
		expect((await findAnySummary(IMPORTED_ID))?.meta.titleZh).toBe(text.article.meta.titleZh);
		expect(await loadAnyArticle(IMPORTED_ID)).toEqual(text.article);
		expect(await findAnySummary('text-none')).toBeUndefined();
		expect(await findAnySummary('none', noStores)).toBeUndefined();
		await expect(loadAnyArticle('text-none')).rejects.toThrow('unknown article text-none');
	});

	it('opens an article with its summary, an imported one reading its listing once', async () => {
		const text = await importText();
		expect(await openArticle('test', noStores)).toEqual({ summary: BUILT_IN_SUMMARY, article: BUILT_IN });
		const { articles } = await stores();
		const reads = vi.spyOn(articles, 'getImportedSummary');
		const opened = await openArticle(IMPORTED_ID);
		expect(opened?.article).toEqual(text.article);
		expect(opened?.summary.meta.id).toBe(IMPORTED_ID);
		expect(reads).toHaveBeenCalledTimes(1);
		reads.mockRestore();
		expect(await openArticle('text-none')).toBeUndefined();
		expect(await openArticle('none', noStores)).toBeUndefined();
	});

	it('reads an imported article again after a rename', async () => {
		await importText();
		await loadAnyArticle(IMPORTED_ID);
		const { articles } = await stores();
		await articles.renameArticle(IMPORTED_ID, '新的标题', T0 + 10);
		expect((await loadAnyArticle(IMPORTED_ID)).meta.titleZh).toBe('新的标题');
	});

	it('gives each article its own pinyin and dictionary: shipped for the built-in one, stored for imports', async () => {
		const text = await importText();
		await expect(rubyOf('test', noStores).load()).resolves.toEqual({ p0001: [['nǐ']] });
		await expect(dictionaryOf('test', noStores).load()).resolves.toEqual({ 芯片: [['xīn piàn', 'chip']] });
		const ruby = rubyOf(IMPORTED_ID);
		expect(rubyOf(IMPORTED_ID)).toBe(ruby);
		await expect(ruby.load()).resolves.toEqual(text.ruby);
		expect(ruby.status).toBe('ready');
		await expect(dictionaryOf(IMPORTED_ID).load()).resolves.toEqual(text.dictionary);
		await expect(rubyOf('text-gone').load()).rejects.toThrow('No pinyin for article text-gone');
		expect(rubyOf('text-gone').status).toBe('error');
	});

	it('can tell every built-in article from an import by its id', () => {
		const folders = readdirSync(new URL('../../../content/articles/', import.meta.url));
		expect(folders.length).toBeGreaterThan(0);
		for (const folder of folders) expect(isImportedArticleId(folder), folder).toBe(false);
		expect(isImportedArticleId(importedArticleId())).toBe(true);
		expect(importedArticleId(T0, () => 0)).toMatch(/^text-[0-9a-z]+-000000$/);
		expect(importedArticleId(T0)).not.toContain('/');
	});
});
