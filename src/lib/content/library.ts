import catalog from 'virtual:duka/catalog';
import loaders from 'virtual:duka/loaders';
import type { Article, ArticleSummary, ReadingCard } from '../model/articles.ts';

export { catalog };

export function findSummary(articleId: string): ArticleSummary | undefined {
	return catalog.find((summary) => summary.meta.id === articleId);
}

const cache = new Map<string, Promise<Article>>();

/** Loads one article's paragraphs on demand; the catalog alone is enough for contents and home. */
export function loadArticle(articleId: string): Promise<Article> {
	const loader = loaders[articleId];
	if (!loader) return Promise.reject(new Error(`unknown article ${articleId}`));
	let pending = cache.get(articleId);
	if (!pending) {
		pending = loader().then((module) => module.default);
		cache.set(articleId, pending);
	}
	return pending;
}

export function cardIndex(summary: ArticleSummary, cardId: string): number {
	return summary.cards.findIndex((card) => card.id === cardId);
}

export function findCard(article: Article, cardId: string): ReadingCard | undefined {
	return article.cards.find((card) => card.id === cardId);
}

/** The card that holds a paragraph, for jumps from a flashcard or a note. */
export function cardOfParagraph(article: Article, paragraphId: string): ReadingCard | undefined {
	return article.cards.find((card) => card.paragraphs.some((p) => p.id === paragraphId));
}
