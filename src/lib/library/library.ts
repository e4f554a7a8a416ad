/**
 * The one place that knows both kinds of article: the built-in ones, shipped with the app (content/library.ts), and
 * the texts the user imported, stored on the device (db/articles.ts). Everything else asks here, by article id, and
 * treats them alike.
 */
import { catalog, findSummary, loadArticle } from '../content/library.ts';
import { stores, type Stores } from '../db/lazy.ts';
import {
	articleRuby,
	dictionary,
	lazyModule,
	type ArticleRuby,
	type LazyModule
} from '../dictionary/dictionary.svelte.ts';
import type { SubsetDictionary } from '../dictionary/lookup.ts';
import type { Article, ArticleSummary } from '../model/articles.ts';
import { isImportedArticleId } from '../model/ids.ts';
import type { ArticleTextRow, ImportedArticleRow } from '../model/imported.ts';

export { readerPath, type ReaderPathOptions } from './readerPath.ts';

type LoadStores = () => Promise<Stores>;

/** An article as the library lists it; `imported` is set on the user's own texts. */
export interface LibraryEntry {
	summary: ArticleSummary;
	imported?: { importedAt: number; updatedAt: number };
}

/** The library in its order: the built-in articles as shipped, then the imported ones, the newest first. */
export function libraryEntries(imported: readonly ImportedArticleRow[]): LibraryEntry[] {
	const own = [...imported]
		.sort((a, b) => b.importedAt - a.importedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
		.map((row) => ({ summary: row.summary, imported: { importedAt: row.importedAt, updatedAt: row.updatedAt } }));
	return [...catalog.map((summary) => ({ summary })), ...own];
}

/** Every article's summary, in the library's order. */
export async function allSummaries(loadStores: LoadStores = stores): Promise<ArticleSummary[]> {
	const { articles } = await loadStores();
	return libraryEntries(await articles.listImportedSummaries()).map((entry) => entry.summary);
}

/** An article's summary, built-in or imported; a built-in one never waits for the database. */
export async function findAnySummary(
	articleId: string,
	loadStores: LoadStores = stores
): Promise<ArticleSummary | undefined> {
	if (!isImportedArticleId(articleId)) return findSummary(articleId);
	const { articles } = await loadStores();
	return (await articles.getImportedSummary(articleId))?.summary;
}

// The body of the imported article last opened: the reader, its pinyin and its look-ups read it in turn, and a body
// can be megabytes. Kept with the listing's updatedAt, so a rename (here or in another tab) reads it again.
let lastBody: { id: string; updatedAt: number; body: Promise<ArticleTextRow | undefined> } | undefined;

async function importedBody(
	articleId: string,
	loadStores: LoadStores,
	listed?: ImportedArticleRow
): Promise<ArticleTextRow | undefined> {
	const { articles } = await loadStores();
	const row = listed ?? (await articles.getImportedSummary(articleId));
	if (!row) return undefined;
	if (lastBody?.id !== articleId || lastBody.updatedAt !== row.updatedAt) {
		const body = articles.loadImportedText(articleId);
		lastBody = { id: articleId, updatedAt: row.updatedAt, body };
		body.catch(() => {
			if (lastBody?.body === body) lastBody = undefined;
		});
	}
	return lastBody.body;
}

/** An article with its paragraphs; rejects for an id that is neither built in nor stored. */
export async function loadAnyArticle(articleId: string, loadStores: LoadStores = stores): Promise<Article> {
	if (!isImportedArticleId(articleId)) return loadArticle(articleId);
	const body = await importedBody(articleId, loadStores);
	if (!body) throw new Error(`unknown article ${articleId}`);
	return body.article;
}

/**
 * An article's summary and paragraphs together, as the reader opens a card: an imported one's listing is read
 * once for both. Undefined for an id that is neither built in nor stored.
 */
export async function openArticle(
	articleId: string,
	loadStores: LoadStores = stores
): Promise<{ summary: ArticleSummary; article: Article } | undefined> {
	if (!isImportedArticleId(articleId)) {
		const summary = findSummary(articleId);
		return summary && { summary, article: await loadArticle(articleId) };
	}
	const { articles } = await loadStores();
	const row = await articles.getImportedSummary(articleId);
	const body = row && (await importedBody(articleId, loadStores, row));
	return row && body && { summary: row.summary, article: body.article };
}

// Caches, not state: each module's own status and value are what screens react to.
const importedRubies: Record<string, LazyModule<ArticleRuby>> = {};
const importedDictionaries: Record<string, LazyModule<SubsetDictionary>> = {};

/** A part of an imported article's body as a lazy module, like the built-in article's chunks. */
function fromBody<T>(
	articleId: string,
	loadStores: LoadStores,
	pick: (body: ArticleTextRow) => T,
	what: string
): LazyModule<T> {
	return lazyModule(async () => {
		const body = await importedBody(articleId, loadStores);
		if (!body) throw new Error(`No ${what} for article ${articleId}`);
		return { default: pick(body) };
	});
}

/** The pinyin ruby of an article's paragraphs: the built-in article's chunk, or the imported article's own. */
export function rubyOf(articleId: string, loadStores: LoadStores = stores): LazyModule<ArticleRuby> {
	if (!isImportedArticleId(articleId)) return articleRuby(articleId);
	importedRubies[articleId] ??= fromBody(articleId, loadStores, (body) => body.ruby, 'pinyin');
	return importedRubies[articleId];
}

/**
 * The dictionary an article's look-ups use: the subset shared by the built-in articles, or the subset an imported
 * article was stored with.
 */
export function dictionaryOf(articleId: string, loadStores: LoadStores = stores): LazyModule<SubsetDictionary> {
	if (!isImportedArticleId(articleId)) return dictionary;
	importedDictionaries[articleId] ??= fromBody(articleId, loadStores, (body) => body.dictionary, 'dictionary');
	return importedDictionaries[articleId];
}
