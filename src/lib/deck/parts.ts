import type { Article, ArticleSummary } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';

/** A part in the part filter: its value names the article too, since imported texts all have a `part1`. */
export interface DeckPart {
	key: string;
	articleId: string;
	articleTitle: string;
	titleZh: string;
	titleEn: string;
}

export const partKey = (articleId: string, partId: string) => `${articleId}/${partId}`;

/** The parts of these articles that hold cards, in the library's order. */
export function deckParts(summaries: readonly ArticleSummary[]): DeckPart[] {
	return summaries.flatMap((summary) =>
		summary.parts
			.filter((part) => part.included)
			.map((part) => ({
				key: partKey(summary.meta.id, part.id),
				articleId: summary.meta.id,
				articleTitle: summary.meta.titleZh,
				titleZh: part.titleZh,
				titleEn: part.titleEn
			}))
	);
}

/** Where a card or paragraph of an article is: `${articleId}/${cardId}` or `${articleId}#${paragraphId}` → its part. */
export type PartIndex = ReadonlyMap<string, string>;
export const NO_PARTS: PartIndex = new Map();

/**
 * The parts of the cards of every article, and of the paragraphs where a word the user added stands (those know
 * only their paragraph): the text of just those articles is read for it.
 */
export async function partIndex(
	summaries: readonly ArticleSummary[],
	entries: readonly VocabEntry[],
	loadArticle: (articleId: string) => Promise<Article>
): Promise<PartIndex> {
	const index = new Map<string, string>();
	for (const summary of summaries)
		for (const card of summary.cards) index.set(`${summary.meta.id}/${card.id}`, partKey(summary.meta.id, card.partId));
	const byParagraph = new Set(
		entries.filter((entry) => entry.occurrences.some((o) => o.cardId === undefined)).map((entry) => entry.articleId)
	);
	for (const summary of summaries) {
		if (!byParagraph.has(summary.meta.id)) continue;
		const article = await loadArticle(summary.meta.id).catch(() => undefined);
		for (const card of article?.cards ?? [])
			for (const paragraph of card.paragraphs)
				index.set(`${summary.meta.id}#${paragraph.id}`, partKey(summary.meta.id, card.partId));
	}
	return index;
}

/** The parts an entry stands in. */
export function entryParts(entry: VocabEntry, index: PartIndex): string[] {
	return entry.occurrences.flatMap((o) => {
		const part = index.get(
			o.cardId === undefined ? `${entry.articleId}#${o.paragraphId}` : `${entry.articleId}/${o.cardId}`
		);
		return part === undefined ? [] : [part];
	});
}
