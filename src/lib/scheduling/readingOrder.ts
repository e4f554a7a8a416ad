import type { ReadingCard } from '../model/articles.ts';
import { isUserEntryId } from '../model/ids.ts';
import type { VocabEntry } from '../model/words.ts';

/**
 * New cards in the order the learner meets their words in the text: the words of the reading cards already read
 * first, then those of the next card to read, then every other new card in the deck's own order.
 */

/** What reading progress says of one article. */
export interface ArticleReading {
	articleId: string;
	/** The article's reading cards, in the article's order. */
	cardIds: readonly string[];
	/** The cards read, and when each was marked read. */
	readAt: ReadonlyMap<string, number>;
	/** The card last opened in this article, and when; undefined when none was. */
	position?: { cardId: string; at: number };
}

/** The reading cards a word of the deck occurs on, in the text's order. */
export interface WordPlaces {
	entryId: string;
	articleId: string;
	cardIds: readonly string[];
}

/**
 * The card to read next in an article: the first unread one from the card last opened on (that card itself while
 * it is not read yet), going round to the article's start; without a position, from the card after the last one
 * read. Undefined for an article never opened, or read to the end.
 */
export function nextCardToRead(article: ArticleReading): string | undefined {
	const { cardIds, readAt, position } = article;
	if (readAt.size === 0 && !position) return undefined;
	const positionIndex = position ? cardIds.indexOf(position.cardId) : -1;
	const lastRead = cardIds.reduce((last, cardId, index) => (readAt.has(cardId) ? index : last), -1);
	const from = positionIndex >= 0 ? positionIndex : lastRead + 1;
	for (let step = 0; step < cardIds.length; step++) {
		const cardId = cardIds[(from + step) % cardIds.length]!;
		if (!readAt.has(cardId)) return cardId;
	}
	return undefined;
}

const placeKey = (articleId: string, cardId: string) => `${articleId}/${cardId}`;

/**
 * The words to introduce first, in order: those met on a card already read (at the card of theirs read first, cards
 * in the order they were read, an article's cards in its order when read at the same moment), then those of the next
 * card to read of each article (the article opened last first); within one card, in the order given (the deck's).
 * Words on no such card are left out: they come after, in the deck's order.
 *
 * The user's own words stay ahead of the built-in deck's, as they were before reading order: the learner picked
 * each of them to learn now, often while reading it. Reading order then sorts within each group, which matters for
 * an imported text, whose every word is the user's (added together from "Words in this text", in no reading order).
 */
export function readingOrder(articles: readonly ArticleReading[], words: readonly WordPlaces[]): string[] {
	const read = articles.flatMap((article, articleIndex) =>
		article.cardIds.flatMap((cardId, cardIndex) => {
			const at = article.readAt.get(cardId);
			return at === undefined ? [] : [{ key: placeKey(article.articleId, cardId), at, articleIndex, cardIndex }];
		})
	);
	read.sort((a, b) => a.at - b.at || a.articleIndex - b.articleIndex || a.cardIndex - b.cardIndex);
	const upcoming = articles
		.map((article, articleIndex) => ({ article, articleIndex, next: nextCardToRead(article) }))
		.filter((item) => item.next !== undefined)
		.sort(
			(a, b) =>
				(b.article.position?.at ?? -Infinity) - (a.article.position?.at ?? -Infinity) || a.articleIndex - b.articleIndex
		);
	const cardRank = new Map<string, number>();
	for (const place of read) cardRank.set(place.key, cardRank.size);
	for (const { article, next } of upcoming) {
		const key = placeKey(article.articleId, next!);
		if (!cardRank.has(key)) cardRank.set(key, cardRank.size);
	}
	const ranked = words.flatMap((word, index) => {
		const ranks = word.cardIds.flatMap((cardId) => cardRank.get(placeKey(word.articleId, cardId)) ?? []);
		return ranks.length === 0 ? [] : [{ entryId: word.entryId, rank: Math.min(...ranks), index }];
	});
	ranked.sort(
		(a, b) =>
			Number(isUserEntryId(b.entryId)) - Number(isUserEntryId(a.entryId)) || a.rank - b.rank || a.index - b.index
	);
	return [...new Set(ranked.map((word) => word.entryId))];
}

/** Each word's place in a reading order, for sorting new cards by it (see buildQueue). */
export function readingRanks(order: readonly string[]): Map<string, number> {
	return new Map(order.map((entryId, index) => [entryId, index]));
}

/**
 * The reading cards an entry occurs on, in text order: a built-in entry's occurrences name their card; a word the
 * user added names only its paragraph, which `cardOfParagraph` finds (undefined while its article is not at hand).
 */
export function placesOf(entry: VocabEntry, cardOfParagraph?: (paragraphId: string) => string | undefined): WordPlaces {
	const cardIds = entry.occurrences.flatMap(
		(occurrence) => occurrence.cardId ?? cardOfParagraph?.(occurrence.paragraphId) ?? []
	);
	return { entryId: entry.id, articleId: entry.articleId, cardIds: [...new Set(cardIds)] };
}

/** The entries of the deck that occur on a reading card, in the order the card's text first shows them. */
export function wordsOnCard(articleId: string, card: ReadingCard, entries: readonly VocabEntry[]): string[] {
	const paragraphIndex = new Map(card.paragraphs.map((paragraph, index) => [paragraph.id, index]));
	const found = entries.flatMap((entry, index) => {
		if (entry.articleId !== articleId) return [];
		const at = entry.occurrences.flatMap((occurrence) => {
			const paragraph = paragraphIndex.get(occurrence.paragraphId);
			return paragraph !== undefined && (occurrence.cardId === undefined || occurrence.cardId === card.id)
				? [paragraph]
				: [];
		});
		return at.length === 0 ? [] : [{ id: entry.id, at: Math.min(...at), index }];
	});
	found.sort((a, b) => a.at - b.at || a.index - b.index);
	return found.map((entry) => entry.id);
}
