import type { Article, ArticleSummary } from './articles.ts';

/**
 * Paragraph id → for each token, its syllables (one per character) when it is Chinese, else null: the
 * shape of the built-in articles' ruby modules.
 */
export type ArticleRubyRows = Record<string, (string[] | null)[]>;

/** Word → its readings, each `[pinyin, ...definitions]`: the shape of the dictionary's subset (SubsetDictionary). */
export type ArticleDictionaryRows = Record<string, [string, ...string[]][]>;

/** What an import makes of a text: the article, its pinyin and the dictionary subset its look-ups need. */
export interface ImportedArticleText {
	article: Article;
	ruby: ArticleRubyRows;
	dictionary: ArticleDictionaryRows;
}

/** An imported article as listed: small, so the library reads every one without their text. */
export interface ImportedArticleRow {
	/** The article's id (`text-…`, see ids.ts). */
	id: string;
	summary: ArticleSummary;
	importedAt: number;
	/** Changed by a rename; the daily automatic backup follows it. */
	updatedAt: number;
}

/** An imported article's body, read only when it is opened. */
export interface ArticleTextRow extends ImportedArticleText {
	id: string;
}

/**
 * The longest title an imported article takes, counted as the title field and a rename count it (UTF-16 units);
 * the backup format allows more, so what is stored always restores.
 */
export const MAX_TITLE_LENGTH = 200;

/** A title cut to MAX_TITLE_LENGTH without splitting a character: a text's first line can be a whole paragraph. */
export function clampTitle(title: string): string {
	let kept = '';
	for (const character of title) {
		if (kept.length + character.length > MAX_TITLE_LENGTH) break;
		kept += character;
	}
	return kept;
}
