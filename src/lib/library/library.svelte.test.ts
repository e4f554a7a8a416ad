import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IMPORTED_ID, sampleImportedText } from '../backup/testFixtures.ts';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { ArticleSummary } from '../model/articles.ts';
import { until } from '../test/until.ts';

const BUILT_IN: ArticleSummary = {
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

vi.mock('virtual:duka/catalog', () => ({ default: [BUILT_IN] }));
vi.mock('virtual:duka/loaders', () => ({ default: {} }));
vi.mock('virtual:duka/ruby-loaders', () => ({ default: {} }));

const { Library } = await import('./library.svelte.ts');
type Library = InstanceType<typeof Library>;

const T0 = Date.UTC(2026, 11, 1, 9);
const WORD = {
	zh: '算力',
	pinyin: 'suàn lì',
	en: 'computing power',
	defEn: 'computing power',
	defZh: '',
	example: '算力是核心。',
	paragraphId: 'p0003'
};

beforeEach(() => {
	freshDatabase();
});

async function importText(): Promise<void> {
	const { articles } = await stores();
	await articles.saveImportedArticle(sampleImportedText(), [WORD], { now: T0, estimate: async () => undefined });
}

/** Reads the library as the contents screen would, until `stop` is called. */
function show(library: Library): () => void {
	const stop = $effect.root(() => {
		$effect(() => {
			void library.status;
			void library.entries;
		});
	});
	flushSync();
	return stop;
}

const titles = (library: Library) => library.entries.map((entry) => entry.summary.meta.titleZh);

describe('Library', () => {
	it('shows the built-in articles at once and follows imports and renames live', async () => {
		const library = new Library();
		expect(titles(library)).toEqual(['访谈']);
		const stop = show(library);
		await until(() => library.status === 'ready');
		await importText();
		await until(() => library.entries.length === 2);
		expect(library.entries[1]?.imported).toEqual({ importedAt: T0, updatedAt: T0 });
		expect(await library.rename(IMPORTED_ID, '我的文章')).toBe('renamed');
		await until(() => titles(library)[1] === '我的文章');
		stop();
	});

	it('says why a rename was refused', async () => {
		await importText();
		const library = new Library();
		expect(await library.rename(IMPORTED_ID, '   ')).toBe('empty');
		expect(await library.rename(IMPORTED_ID, '长'.repeat(201))).toBe('too-long');
		expect(await library.rename('text-none', '标题')).toBe('missing');
	});

	it('deletes an article with or without its words, and undo puts it back', async () => {
		await importText();
		const library = new Library();
		const stop = show(library);
		await until(() => library.entries.length === 2);
		expect(await library.wordCount(IMPORTED_ID)).toBe(1);

		await library.remove(IMPORTED_ID, { keepWords: false });
		await until(() => library.entries.length === 1);
		expect(library.undo?.words.map((word) => word.entry.id)).toEqual(['user:算力']);
		expect(await library.wordCount(IMPORTED_ID)).toBe(0);
		await library.restore();
		expect(library.undo).toBeNull();
		await until(() => library.entries.length === 2);
		expect(await library.wordCount(IMPORTED_ID)).toBe(1);

		await library.remove(IMPORTED_ID, { keepWords: true });
		await until(() => library.entries.length === 1);
		const { userEntries } = await stores();
		expect((await userEntries.listUserEntries()).map((entry) => entry.id)).toEqual(['user:算力']);
		library.dismissUndo();
		expect(library.undo).toBeNull();
		stop();
	});

	it('exports an article’s text as a Markdown file', async () => {
		await importText();
		const saved: File[] = [];
		const library = new Library(stores, async (file) => {
			saved.push(file);
			return 'downloaded';
		});
		expect(await library.exportMarkdown(IMPORTED_ID)).toBe('downloaded');
		expect(saved[0]?.name).toBe('英伟达的全栈解决方案.md');
		expect(saved[0]?.type).toBe('text/markdown');
		expect(await saved[0]!.text()).toMatch(/^# 英伟达的全栈解决方案\n\n## 一、开场\n\n\*\*主持人:\*\* 欢迎收听。/);
	});
});
