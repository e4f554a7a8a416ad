/** Who says a paragraph. `narrator` covers the intro and headings; `translator` the translator's notes. */
export type SpeakerId = 'ben' | 'jensen' | 'narrator' | 'translator';

export const SPEAKERS: readonly SpeakerId[] = ['ben', 'jensen', 'narrator', 'translator'];

/** A run of paragraph text: Chinese (`zh`), inline English (`en`) or punctuation/digits/space (`p`). */
export interface Token {
	/** The text of the run, exactly as in the paragraph. */
	s: string;
	k: 'zh' | 'en' | 'p';
}

export interface Paragraph {
	/** Stable forever: reviews, bookmarks and notes anchor to it. */
	id: string;
	speaker: SpeakerId;
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
	speakers: Record<SpeakerId, { zh: string; en: string }>;
}

export interface Article {
	meta: ArticleMeta;
	parts: Part[];
	cards: ReadingCard[];
}
