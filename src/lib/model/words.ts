export type PartOfSpeech = 'noun' | 'verb' | 'adjective' | 'adverb' | 'phrase' | 'idiom' | 'name';

export const PARTS_OF_SPEECH: readonly PartOfSpeech[] = [
	'noun',
	'verb',
	'adjective',
	'adverb',
	'phrase',
	'idiom',
	'name'
];

/** Where a vocabulary entry stands in the article. */
export interface Occurrence {
	/**
	 * The reading card, where known: the built-in deck's entries have it; a word the user added has only its paragraph.
	 */
	cardId?: string;
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
	/** The sentence a word of the user's was taken from, kept with it (the text it came from may be deleted). */
	example?: string;
}

/** A word the user added from the reader; built-in entries come from content/ instead. */
export interface UserEntryRow {
	id: string;
	zh: string;
	pinyin: string;
	en: string;
	defEn: string;
	defZh: string;
	/** The article sentence the word was taken from, and where. */
	example: string;
	articleId: string;
	paragraphId: string;
	createdAt: number;
}
