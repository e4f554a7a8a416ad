import type { Stores } from '../db/lazy.ts';
import { loadBuiltInVocab, userEntryToVocab } from '../deck/entries.ts';
import { findAnySummary, loadAnyArticle } from '../library/library.ts';
import type { Article } from '../model/articles.ts';
import { isImportedArticleId } from '../model/ids.ts';
import type { VocabEntry } from '../model/words.ts';
import { placesOf, readingOrder, wordsOnCard, type ArticleReading } from '../scheduling/readingOrder.ts';

/**
 * What reading order needs from the device, gathered: the reading progress of every article, and the words of the
 * deck of the articles it names. Only articles with progress are read; an imported one's body only when the user
 * took words from it (a word of theirs names its paragraph, and only the body knows the paragraph's card).
 */

const distinct = <T>(items: readonly T[]): T[] => [...new Set(items)];

function paragraphCards(article: Article | undefined): (paragraphId: string) => string | undefined {
	const cards = new Map(article?.cards.flatMap((card) => card.paragraphs.map((p) => [p.id, card.id] as const)));
	return (paragraphId) => cards.get(paragraphId);
}

/** The deck's words of one article: the built-in deck's (for a built-in article), then the user's, as added. */
async function articleWords(loaded: Stores, articleId: string): Promise<VocabEntry[]> {
	const [builtIn, mine] = await Promise.all([
		isImportedArticleId(articleId) ? [] : loadBuiltInVocab(),
		loaded.userEntries.listUserEntriesOf(articleId)
	]);
	return [...builtIn.filter((entry) => entry.articleId === articleId), ...mine.map(userEntryToVocab)];
}

/** The words whose new cards come first, in reading order (see readingOrder). */
export async function loadReadingOrder(loaded: Stores, loadStores: () => Promise<Stores>): Promise<string[]> {
	const [read, positions] = await Promise.all([loaded.reading.listReadCards(), loaded.reading.listPositions()]);
	const articleIds = distinct([...read.map((row) => row.articleId), ...positions.map((row) => row.articleId)]);
	const gathered = await Promise.all(
		articleIds.map(async (articleId) => {
			// An imported text deleted since leaves reading rows behind: nothing to order by.
			const summary = await findAnySummary(articleId, loadStores).catch(() => undefined);
			if (!summary) return undefined;
			const position = positions.find((row) => row.articleId === articleId);
			const reading: ArticleReading = {
				articleId,
				cardIds: summary.cards.map((card) => card.id),
				readAt: new Map(read.filter((row) => row.articleId === articleId).map((row) => [row.cardId, row.readAt])),
				position: position && { cardId: position.cardId, at: position.at }
			};
			const entries = await articleWords(loaded, articleId);
			const body = entries.some((entry) => entry.userMade)
				? await loadAnyArticle(articleId, loadStores).catch(() => undefined)
				: undefined;
			const cardOf = paragraphCards(body);
			return { reading, words: entries.map((entry) => placesOf(entry, cardOf)) };
		})
	);
	const found = gathered.flatMap((item) => (item ? [item] : []));
	return readingOrder(
		found.map((item) => item.reading),
		found.flatMap((item) => item.words)
	);
}

/**
 * The deck's words on one reading card, in the order its text shows them; undefined when there is no such card (an
 * imported text deleted since, an address typed wrong).
 */
export async function loadCardWords(
	loaded: Stores,
	articleId: string,
	cardId: string,
	loadStores: () => Promise<Stores>,
	article?: Article
): Promise<string[] | undefined> {
	const body = article ?? (await loadAnyArticle(articleId, loadStores).catch(() => undefined));
	const card = body?.cards.find((candidate) => candidate.id === cardId);
	if (!card) return undefined;
	return wordsOnCard(articleId, card, await articleWords(loaded, articleId));
}
