import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stores, type Stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { Article } from '../model/articles.ts';
import type { NotesEntry } from './collect.ts';
import { NotesScreen } from './notesScreen.svelte.ts';
import { makeAnchor } from './anchor.ts';
import { until } from '../test/until.ts';
import { IMPORTED_ID, sampleImportedText } from '../backup/testFixtures.ts';

const ARTICLE: Article = {
	meta: {
		id: 'test',
		titleZh: '访谈',
		titleEn: 'Interview',
		author: '',
		publication: '',
		sourceTitle: '',
		published: '2025-05-01',
		speakers: [{ id: 'ben', zh: '本', en: 'Ben', colour: 1, label: true }]
	},
	parts: [{ id: 'intro', titleZh: '导读', titleEn: 'Introduction', included: true, cardIds: ['c1'] }],
	cards: [
		{
			id: 'c1',
			partId: 'intro',
			titleZh: '开场',
			titleEn: 'Opening',
			paragraphs: [
				{ id: 'p0001', speaker: 'ben', text: '欢迎回来。', tokens: [{ s: '欢迎回来。', k: 'zh' }] },
				{ id: 'p0002', speaker: 'ben', text: '芯片很重要。', tokens: [{ s: '芯片很重要。', k: 'zh' }] }
			]
		}
	]
};

vi.mock('virtual:duka/catalog', () => ({
	default: [{ meta: { id: 'test' }, parts: [], cards: [] }]
}));
vi.mock('virtual:duka/loaders', () => ({ default: { test: () => Promise.resolve({ default: ARTICLE }) } }));

beforeEach(() => {
	freshDatabase();
});

/** The stores, counting how often the screen reads every annotation. */
function countingStores(): { load: () => Promise<Stores>; reads: () => number } {
	let reads = 0;
	const load = () =>
		stores().then((loaded) => ({
			...loaded,
			notes: {
				...loaded.notes,
				allAnnotations: () => {
					reads++;
					return loaded.notes.allAnnotations();
				}
			}
		}));
	return { load, reads: () => reads };
}

/** Reads the screen as its template would, until `stop` is called. */
function show(screen: NotesScreen): () => void {
	const stop = $effect.root(() => {
		$effect(() => {
			void screen.status;
			void screen.shown;
			void screen.matches;
		});
	});
	flushSync();
	return stop;
}

describe('NotesScreen', () => {
	it('lists the annotations grouped by article, live, and stops watching when no longer shown', async () => {
		const counting = countingStores();
		const screen = new NotesScreen(counting.load);
		const stop = show(screen);
		expect(screen.status).toBe('loading');
		await until(() => screen.status === 'ready');
		expect(screen.total).toBe(0);

		const { notes } = await stores();
		await notes.toggleBookmark('test', 'p0001');
		await notes.saveNote({ articleId: 'test', paragraphId: 'p0002', highlightId: null, text: 'about chips' });
		await until(() => screen.total === 2);
		expect(screen.counts).toEqual({ bookmarks: 1, highlights: 0, notes: 1 });
		expect(screen.articles.map((article) => article.articleId)).toEqual(['test']);

		stop();
		await new Promise((resolve) => setTimeout(resolve, 20));
		const readsWhenStopped = counting.reads();
		await notes.toggleBookmark('test', 'p0002');
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(counting.reads()).toBe(readsWhenStopped);
	});

	it('searches the notes, keeping entries open for editing', async () => {
		const { notes } = await stores();
		await notes.toggleBookmark('test', 'p0001');
		await notes.saveNote({ articleId: 'test', paragraphId: 'p0002', highlightId: null, text: 'about chips' });
		const screen = new NotesScreen(stores);
		const stop = show(screen);
		await until(() => screen.total === 2);
		expect(screen.searching).toBe(false);

		screen.query = 'chips';
		expect(screen.searching).toBe(true);
		expect(screen.matches).toBe(1);
		screen.query = 'nothing like this';
		expect(screen.matches).toBe(0);
		const bookmark = screen.articles[0]!.parts.flatMap((part) => part.cards.flatMap((card) => card.entries))[0]!;
		screen.setEditing(bookmark.key, true);
		expect(screen.matches).toBe(1);
		screen.setEditing(bookmark.key, false);
		expect(screen.matches).toBe(0);
		stop();
	});

	it('deletes an entry and puts it back on undo', async () => {
		const { notes } = await stores();
		await notes.saveNote({ articleId: 'test', paragraphId: 'p0002', highlightId: null, text: 'about chips' });
		const screen = new NotesScreen(stores);
		const stop = show(screen);
		await until(() => screen.total === 1);
		const entry: NotesEntry = screen.articles[0]!.parts[0]!.cards[0]!.entries[0]!;

		await screen.remove(entry);
		expect(screen.undo?.kind).toBe('note');
		await until(() => screen.total === 0);
		await screen.restore();
		expect(screen.undo).toBeNull();
		await until(() => screen.total === 1);
		stop();
	});

	it('deletes a note with the bookmark it shares an entry with, or only the bookmark, each undone', async () => {
		const { notes } = await stores();
		await notes.toggleBookmark('test', 'p0002');
		await notes.saveNote({ articleId: 'test', paragraphId: 'p0002', highlightId: null, text: 'about chips' });
		const screen = new NotesScreen(stores);
		const stop = show(screen);
		await until(() => screen.total === 1);
		const entry = () => screen.articles[0]!.parts[0]!.cards[0]!.entries[0]!;
		expect(entry()).toMatchObject({ kind: 'note', bookmark: { paragraphId: 'p0002' } });

		await screen.remove(entry());
		expect(screen.undo?.kind).toBe('note-bookmark');
		await until(() => screen.total === 0);
		await screen.restore();
		await until(() => screen.total === 1 && entry().kind === 'note');

		await screen.removeBookmark(entry());
		expect(screen.undo?.kind).toBe('bookmark');
		await until(() => screen.counts.bookmarks === 0);
		expect(entry()).toMatchObject({ kind: 'note' });
		expect(entry()).not.toHaveProperty('bookmark');
		stop();
	});

	it('tags highlights, refuses what cannot be a tag, and filters by tag', async () => {
		const { notes } = await stores();
		const chips = await notes.addHighlight('test', 'p0002', makeAnchor('芯片很重要。', 0, 2), 'yellow');
		await notes.addHighlight('test', 'p0001', makeAnchor('欢迎回来。', 0, 2), 'blue');
		await notes.toggleBookmark('test', 'p0001');
		const screen = new NotesScreen(stores);
		const stop = show(screen);
		await until(() => screen.total === 3);
		const highlightOf = (id: string) =>
			screen.articles[0]!.parts[0]!.cards[0]!.entries.find(
				(entry) => entry.kind === 'highlight' && entry.highlight.id === id
			)!;

		expect(await screen.setTags(highlightOf(chips.id), '#芯片, Policy')).toEqual({
			ok: true,
			tags: ['芯片', 'Policy']
		});
		await until(() => screen.tags('en').length === 2);
		expect(screen.tags('en')).toEqual(['Policy', '芯片']);
		expect(await screen.setTags(highlightOf(chips.id), 'x'.repeat(41))).toMatchObject({ ok: false });
		expect((await notes.annotationsFor('test')).highlights.find((h) => h.id === chips.id)?.tags).toEqual([
			'芯片',
			'Policy'
		]);

		screen.tag = 'policy';
		expect(screen.searching).toBe(true);
		expect(screen.matches).toBe(1);
		screen.query = '欢迎';
		expect(screen.matches).toBe(0);
		screen.query = '';
		screen.tag = '';
		expect(screen.matches).toBe(3);
		stop();
	});

	it("lists an imported article's annotations after the built-in one's, and follows its deletion", async () => {
		const { notes, articles } = await stores();
		await articles.saveImportedArticle(sampleImportedText(), [], { estimate: async () => undefined });
		await notes.saveNote({ articleId: IMPORTED_ID, paragraphId: 'p0003', highlightId: null, text: '算力' });
		await notes.toggleBookmark('test', 'p0001');
		const screen = new NotesScreen(stores);
		const stop = show(screen);
		await until(() => screen.total === 2);
		expect(screen.articles.map((article) => article.articleId)).toEqual(['test', IMPORTED_ID]);
		const imported = screen.articles[1]!.parts.flatMap((part) => part.cards.map((card) => card.cardId));
		expect(imported).toEqual(['part2-01']);

		await articles.deleteArticle(IMPORTED_ID, { keepWords: true });
		await until(() => screen.total === 1);
		stop();
	});

	it('reports a failed load', async () => {
		const screen = new NotesScreen(() => Promise.reject(new Error('blocked')));
		const stop = show(screen);
		await until(() => screen.status === 'error');
		stop();
	});
});
