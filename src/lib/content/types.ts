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

export type PartOfSpeech = 'noun' | 'verb' | 'adjective' | 'adverb' | 'phrase' | 'idiom' | 'name';

export const PARTS_OF_SPEECH: readonly PartOfSpeech[] = ['noun', 'verb', 'adjective', 'adverb', 'phrase', 'idiom', 'name'];

/** Where a vocabulary entry stands in the article. */
export interface Occurrence {
	cardId: string;
	paragraphId: string;
}

export interface VocabEntry {
	/** `${articleId}:${zh}`: cards and reviews point at it. */
	id: string;
	articleId: string;
	zh: string;
	pinyin: string;
	en: string;
	defEn: string;
	defZh: string;
	pos: PartOfSpeech;
	tags: string[];
	/** Spellings searched for in the text: zh, en and any extra `match` forms. */
	forms: string[];
	occurrences: Occurrence[];
	/** Set on entries the user added from the reader. */
	userMade?: boolean;
}

/** What the home and contents screens need, without the paragraphs. */
export interface ArticleSummary {
	meta: ArticleMeta;
	parts: Part[];
	cards: { id: string; partId: string; titleZh: string; titleEn: string; chars: number }[];
}
