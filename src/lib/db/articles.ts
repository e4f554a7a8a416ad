import { isImportedArticleId, userEntryId } from '../model/ids.ts';
import { summariseArticle, type Article } from '../model/articles.ts';
import { MAX_TITLE_LENGTH } from '../model/imported.ts';
import type { StudyCardRow } from '../model/cards.ts';
import type {
	ArticleDictionaryRows,
	ArticleRubyRows,
	ArticleTextRow,
	ImportedArticleRow,
	ImportedArticleText
} from '../model/imported.ts';
import type { ReadingStateRow } from '../model/reading.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { UserEntryRow } from '../model/words.ts';
import { checkHeadroom, estimateStorage, type StorageEstimateLike } from '../storage/headroom.ts';
import { ensureCards, ensureCardsOf, userClozeCards } from './cards.ts';
import { db, type KeyValueRow } from './db.ts';
import type { DeletedAnnotations } from './notes.ts';
import { LAST_POSITION, positionKey, type ReadingPosition } from './reading.ts';
import type { AddOptions, DeletedUserEntry, NewUserEntry } from './userEntries.ts';

/** A word chosen from an imported text's suggestions: a user entry of that article, linked to its paragraph. */
export type ImportedWord = Omit<NewUserEntry, 'articleId'>;

export type SaveImportedResult =
	| {
			saved: true;
			row: ImportedArticleRow;
			words: AddedWords;
	  }
	/** Nothing was written: the browser's estimate says the article would not fit (see storage/headroom.ts). */
	| { saved: false; noRoom: { needed: number; free: number } };

export interface SaveImportedOptions {
	now?: number;
	estimate?: () => Promise<StorageEstimateLike | undefined>;
}

/**
 * What the article's rows take, at most: IndexedDB's structured clone keeps a string in one or two bytes a code unit,
 * and the JSON text of the rows has every string and number they hold.
 */
/**
 * About what a value takes on disk (two bytes a character, a few for each number and key), by walking it:
 * building its JSON just to measure it held the main thread for 200 ms on a 2 MB text.
 */
function storedBytes(value: unknown): number {
	let bytes = 0;
	const pending: unknown[] = [value];
	while (pending.length > 0) {
		const next = pending.pop();
		if (typeof next === 'string') bytes += next.length * 2 + 2;
		else if (typeof next === 'number' || typeof next === 'boolean') bytes += 8;
		else if (Array.isArray(next)) for (const item of next as unknown[]) pending.push(item);
		else if (next && typeof next === 'object')
			for (const [key, inner] of Object.entries(next)) {
				bytes += key.length * 2;
				pending.push(inner);
			}
	}
	return bytes;
}

/**
 * Stores an imported article and, if given, the words the user chose from it (each with both of its cards, as a word
 * added from the reader: first among new cards), in one transaction: a failure or a closed tab leaves all of it or
 * none. A write the disk cannot hold is not started. A word the deck already has is left exactly as it is.
 */
export async function saveImportedArticle(
	text: ImportedArticleText,
	words: readonly ImportedWord[] = [],
	{ now = Date.now(), estimate = estimateStorage }: SaveImportedOptions = {}
): Promise<SaveImportedResult> {
	const id = text.article.meta.id;
	if (!isImportedArticleId(id)) throw new Error(`An imported article's id must be made by importedArticleId: ${id}`);
	// Only what the reader needs is stored: anything else the import carries (its suggestions) stays out.
	const body: ArticleTextRow = { id, article: text.article, ruby: text.ruby, dictionary: text.dictionary };
	const row: ImportedArticleRow = { id, summary: summariseArticle(text.article), importedAt: now, updatedAt: now };
	const room = checkHeadroom(storedBytes(body) + storedBytes(row) + storedBytes(words), await estimate());
	if (!room.ok) return { saved: false, noRoom: { needed: room.needed, free: room.free } };

	const database = db();
	return database.transaction(
		'rw',
		[database.articles, database.articleTexts, database.userEntries, database.cards],
		async () => {
			// add, not put: an id already taken aborts the whole import instead of replacing another article.
			await database.articles.add(row);
			await database.articleTexts.add(body);
			const added = await addWordsNow(id, words, now);
			return { saved: true, row, words: added } as const;
		}
	);
}

/** What adding chosen words did: the words now in the deck with their two cards, and those already there. */
export interface AddedWords {
	added: UserEntryRow[];
	/** Words the deck had before (from another text or the reader), left exactly as they were. */
	existing: UserEntryRow[];
}

/**
 * Adds words chosen from an imported text, each with both of its cards (first among new cards, as a word added from
 * the reader), in one transaction: all of them or none.
 */
export async function addImportedWords(
	articleId: string,
	words: readonly ImportedWord[],
	now = Date.now(),
	options: AddOptions = {}
): Promise<AddedWords> {
	const database = db();
	return database.transaction('rw', database.userEntries, database.cards, () =>
		addWordsNow(articleId, words, now, options)
	);
}

/** Runs inside a transaction over userEntries and cards. */
async function addWordsNow(
	articleId: string,
	words: readonly ImportedWord[],
	now: number,
	options: AddOptions = {}
): Promise<AddedWords> {
	const database = db();
	const added: UserEntryRow[] = [];
	const existing: UserEntryRow[] = [];
	const chosen = [...new Map(words.map((word) => [word.zh.trim(), word])).entries()].filter(([zh]) => zh);
	const found = await database.userEntries.bulkGet(chosen.map(([zh]) => userEntryId(zh)));
	chosen.forEach(([zh, word], index) => {
		const stored = found[index];
		if (stored) existing.push(stored);
		// Two cards a word: the entry is dated like its first card, so the words keep the order given.
		else added.push({ ...word, zh, articleId, id: userEntryId(zh), createdAt: now + 2 * added.length });
	});
	await database.userEntries.bulkAdd(added);
	await ensureCards(
		added.map((entry) => entry.id),
		now
	);
	// After every word's flashcards, so those keep the words' order among the new cards, as without cloze cards.
	if (options.cloze) await ensureCardsOf(added.flatMap(userClozeCards), now + 2 * added.length);
	return { added, existing };
}

/** Every imported article's listing row, the newest import first. */
export function listImportedSummaries(): Promise<ImportedArticleRow[]> {
	return db().articles.orderBy('importedAt').reverse().toArray();
}

export function getImportedSummary(id: string): Promise<ImportedArticleRow | undefined> {
	return db().articles.get(id);
}

/** An imported article's whole body: the article, its pinyin and its dictionary subset, in one read. */
export function loadImportedText(id: string): Promise<ArticleTextRow | undefined> {
	return db().articleTexts.get(id);
}

export async function loadImportedArticle(id: string): Promise<Article | undefined> {
	return (await loadImportedText(id))?.article;
}

export async function loadImportedRuby(id: string): Promise<ArticleRubyRows | undefined> {
	return (await loadImportedText(id))?.ruby;
}

export async function loadImportedDictionary(id: string): Promise<ArticleDictionaryRows | undefined> {
	return (await loadImportedText(id))?.dictionary;
}

export class InvalidTitleError extends Error {
	constructor(readonly reason: 'empty' | 'too-long') {
		super(reason === 'empty' ? 'A title cannot be empty' : `A title can be at most ${MAX_TITLE_LENGTH} characters`);
		this.name = 'InvalidTitleError';
	}
}

/**
 * Gives an imported article a new title, in its listing and its body together. An English title that only repeated
 * the old one follows it. Returns the new listing row, or undefined when there is no such article.
 */
export async function renameArticle(
	id: string,
	title: string,
	now = Date.now()
): Promise<ImportedArticleRow | undefined> {
	const titleZh = title.replace(/\s+/g, ' ').trim();
	if (!titleZh) throw new InvalidTitleError('empty');
	if (titleZh.length > MAX_TITLE_LENGTH) throw new InvalidTitleError('too-long');
	const database = db();
	return database.transaction('rw', database.articles, database.articleTexts, async () => {
		const [row, body] = await Promise.all([database.articles.get(id), database.articleTexts.get(id)]);
		if (!row || !body) return undefined;
		const old = body.article.meta;
		const meta = { ...old, titleZh, titleEn: old.titleEn === old.titleZh ? titleZh : old.titleEn };
		const article = { ...body.article, meta };
		const renamed: ImportedArticleRow = {
			...row,
			summary: summariseArticle(article),
			updatedAt: Math.max(now, row.updatedAt + 1)
		};
		await database.articles.put(renamed);
		await database.articleTexts.put({ ...body, article });
		return renamed;
	});
}

/** How many of the user's words were taken from this article. */
export function countWordsOf(articleId: string): Promise<number> {
	return db().userEntries.where('articleId').equals(articleId).count();
}

/** Everything deleting an article removed, to put it back exactly (undo). */
export interface DeletedArticle {
	row: ImportedArticleRow;
	body: ArticleTextRow;
	reading: ReadingStateRow[];
	/** The article's saved reading position, and the last position when it was in this article. */
	positions: KeyValueRow[];
	annotations: DeletedAnnotations;
	/** The article's words with their cards and reviews; empty when they were kept. */
	words: DeletedUserEntry[];
}

const ARTICLE_TABLES = () => {
	const database = db();
	return [
		database.articles,
		database.articleTexts,
		database.reading,
		database.kv,
		database.bookmarks,
		database.highlights,
		database.notes,
		database.userEntries,
		database.cards,
		database.reviews
	];
};

/**
 * Deletes an imported article with its reading progress, bookmarks, highlights and notes, in one transaction; with
 * `keepWords: false` also the words taken from it, their cards and their reviews. Kept words stay in the deck as they
 * are. Returns what was removed, or undefined if there was no such article.
 */
export async function deleteArticle(
	id: string,
	{ keepWords }: { keepWords: boolean }
): Promise<DeletedArticle | undefined> {
	const database = db();
	return database.transaction('rw', ARTICLE_TABLES(), async () => {
		const [row, body] = await Promise.all([database.articles.get(id), database.articleTexts.get(id)]);
		if (!row || !body) return undefined;
		const [reading, bookmarks, highlights, notes] = await Promise.all([
			database.reading.where('articleId').equals(id).toArray(),
			database.bookmarks.where('articleId').equals(id).toArray(),
			database.highlights.where('articleId').equals(id).toArray(),
			database.notes.where('articleId').equals(id).toArray()
		]);
		const positions = (await database.kv.bulkGet([positionKey(id), LAST_POSITION])).filter(
			(entry): entry is KeyValueRow =>
				entry !== undefined &&
				(entry.key !== LAST_POSITION || (entry.value as ReadingPosition | undefined)?.articleId === id)
		);
		const words = keepWords ? [] : await removeWordsOf(id);

		await database.reading.bulkDelete(reading.map((state) => state.key));
		await database.kv.bulkDelete(positions.map((entry) => entry.key));
		await database.bookmarks.bulkDelete(bookmarks.map((bookmark) => bookmark.key));
		await database.highlights.bulkDelete(highlights.map((highlight) => highlight.id));
		await database.notes.bulkDelete(notes.map((note) => note.id));
		await database.articleTexts.delete(id);
		await database.articles.delete(id);
		return { row, body, reading, positions, annotations: { bookmarks, highlights, notes }, words };
	});
}

/** The article's words, their cards and reviews, removed; runs inside deleteArticle's transaction. */
async function removeWordsOf(articleId: string): Promise<DeletedUserEntry[]> {
	const database = db();
	const entries = await database.userEntries.where('articleId').equals(articleId).toArray();
	if (entries.length === 0) return [];
	const cards = await database.cards
		.where('entryId')
		.anyOf(entries.map((entry) => entry.id))
		.toArray();
	const reviews = cards.length
		? await database.reviews
				.where('cardId')
				.anyOf(cards.map((card) => card.id))
				.toArray()
		: [];
	await database.reviews.bulkDelete(reviews.map((log) => log.id!));
	await database.cards.bulkDelete(cards.map((card) => card.id));
	await database.userEntries.bulkDelete(entries.map((entry) => entry.id));
	const cardsOf = groupRows(cards, (card) => card.entryId);
	const reviewsOf = groupRows(reviews, (log) => log.cardId);
	return entries.map((entry) => {
		const own: StudyCardRow[] = cardsOf.get(entry.id) ?? [];
		const logs: ReviewLogRow[] = own.flatMap((card) => reviewsOf.get(card.id) ?? []);
		return { entry, cards: own, reviews: logs };
	});
}

function groupRows<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const row of rows) {
		const group = groups.get(key(row));
		if (group) group.push(row);
		else groups.set(key(row), [row]);
	}
	return groups;
}

/**
 * Puts back a deleted article with everything deleteArticle removed, as it was (same ids, review ids too), in one
 * transaction. The last reading position comes back only if no other has been saved since.
 */
export async function restoreDeletedArticle(deleted: DeletedArticle): Promise<void> {
	const database = db();
	await database.transaction('rw', ARTICLE_TABLES(), async () => {
		await database.articles.put(deleted.row);
		await database.articleTexts.put(deleted.body);
		await database.reading.bulkPut(deleted.reading);
		const last = deleted.positions.find((entry) => entry.key === LAST_POSITION);
		const lastNow = await database.kv.get(LAST_POSITION);
		await database.kv.bulkPut(deleted.positions.filter((entry) => entry !== last || !lastNow));
		await database.bookmarks.bulkPut(deleted.annotations.bookmarks);
		await database.highlights.bulkPut(deleted.annotations.highlights);
		await database.notes.bulkPut(deleted.annotations.notes);
		await database.userEntries.bulkPut(deleted.words.map((word) => word.entry));
		await database.cards.bulkPut(deleted.words.flatMap((word) => word.cards));
		await database.reviews.bulkPut(deleted.words.flatMap((word) => word.reviews));
	});
}
