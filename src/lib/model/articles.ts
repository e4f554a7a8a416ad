/**
 * Who says a paragraph: data of the article, not a fixed list. `label: false` for narration (an intro, a
 * heading) that shows no name; `colour` picks one of the reader's speaker colours (0 is the neutral one).
 */
export interface Speaker {
	id: string;
	zh: string;
	en: string;
	colour: number;
	label: boolean;
}

/** A run of paragraph text: Chinese (`zh`), inline English (`en`) or punctuation/digits/space (`p`). */
export interface Token {
	/** The text of the run, exactly as in the paragraph. */
	s: string;
	k: 'zh' | 'en' | 'p';
}

export interface Paragraph {
	/** Stable forever: reviews, bookmarks and notes anchor to it. */
	id: string;
	/** The id of one of the article's speakers. */
	speaker: string;
	text: string;
	/** Word-level tokens; joined, they give back `text` exactly. */
	tokens: Token[];
}

export interface ReadingCard {
	id: string;
	partId: string;
	titleZh: string;
	titleEn: string;
	paragraphs: Paragraph[];
}

export interface Part {
	id: string;
	/** Number in the interview's own table of contents; absent for the intro. */
	n?: number;
	titleZh: string;
	titleEn: string;
	/** False for parts listed in the contents but not in this edition. */
	included: boolean;
	cardIds: string[];
}

export interface ArticleMeta {
	id: string;
	titleZh: string;
	titleEn: string;
	author: string;
	publication: string;
	sourceTitle: string;
	sourceUrl?: string;
	translator?: string;
	published: string;
	speakers: Speaker[];
}

export interface Article {
	meta: ArticleMeta;
	parts: Part[];
	cards: ReadingCard[];
}

/** What the home and contents screens need, without the paragraphs. */
export interface ArticleSummary {
	meta: ArticleMeta;
	parts: Part[];
	cards: { id: string; partId: string; titleZh: string; titleEn: string; chars: number }[];
}

/** The summary of an article, derived from it: what lists show, without the paragraphs. */
export function summariseArticle(article: Article): ArticleSummary {
	return {
		meta: article.meta,
		parts: article.parts,
		cards: article.cards.map((card) => ({
			id: card.id,
			partId: card.partId,
			titleZh: card.titleZh,
			titleEn: card.titleEn,
			chars: card.paragraphs.reduce((sum, p) => sum + p.text.length, 0)
		}))
	};
}
