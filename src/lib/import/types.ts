/**
 * The shapes of an import: what the user hands in, what the preview shows, what the user chooses and what
 * comes out to be stored. All plain data, so that they cross to and from the import worker as structured
 * clones.
 */
import type { Article, ReadingCard, Speaker } from '../model/articles.ts';
import type { SubsetDictionary } from '../dictionary/lookup.ts';
import type { FullDictionary } from '../dictionary/fullFormat.ts';

/** What the whole dictionary gives an import: CC-CEDICT (simplified and traditional) plus word commonness. */
export type ImportDictionary = FullDictionary;

/** A paste arrives as text or, when it is rich, as HTML; a file as its name and bytes. */
export type ImportInput =
	{ kind: 'text'; text: string } | { kind: 'html'; html: string } | { kind: 'file'; name: string; bytes: Uint8Array };

/** Most text an import takes, in UTF-8 bytes (about 700,000 Chinese characters). */
export const MAX_TEXT_BYTES = 2 * 1024 * 1024;
/** Most bytes a file may have: HTML and EPUB carry markup and images besides their text. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Why nothing can be imported; the UI turns the code into a message. */
export type ImportProblem =
	| { code: 'empty' }
	| { code: 'noChinese' }
	| { code: 'tooLarge'; limitBytes: number; bytes: number; of: 'text' | 'file' }
	| { code: 'binary' }
	| { code: 'image' }
	| { code: 'pdf' }
	| { code: 'encoding' }
	| { code: 'epubBroken'; reason: string }
	| { code: 'unsupportedType'; extension: string };

export type ImportProblemCode = ImportProblem['code'];

export function isImportProblem(value: unknown): value is ImportProblem {
	return typeof value === 'object' && value !== null && 'code' in value;
}

/** What a reader makes of a document: its text as headings and paragraphs, nothing else. */
export type Block = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; text: string };

/** What is known about where a text came from, for the article's metadata. */
export interface SourceInfo {
	format: 'text' | 'markdown' | 'html' | 'epub';
	fileName?: string;
	/** The encoding a file was read in: 'utf-8', 'gb18030', 'big5', 'utf-16le', 'utf-16be'. */
	encoding?: string;
	/** An HTML page's <title> or an EPUB's dc:title. */
	documentTitle?: string;
	author?: string;
	publication?: string;
	url?: string;
}

/** A document as read: blocks, or for an EPUB one list of blocks per chapter with the chapter's title. */
export interface ReadDocument {
	source: SourceInfo;
	blocks?: Block[];
	chapters?: { title: string; blocks: Block[] }[];
}

/** A paragraph of the draft: its text exactly as the article will have it when speakers are not used. */
export interface DraftParagraph {
	id: string;
	text: string;
	/** A speaker label found at its start (`阿笨`), when that label is one of the found speakers. */
	label?: string;
	/** Where the label and its colon end in `text`; stripped when speakers are used. */
	labelEnd?: number;
	/** A minor heading kept as a paragraph: it starts a card, shows as narration and ends a speaker's run. */
	heading?: boolean;
}

export interface DraftCard {
	id: string;
	partId: string;
	titleZh: string;
	paragraphs: DraftParagraph[];
}

export interface DraftPart {
	id: string;
	n?: number;
	titleZh: string;
	/** The text before the first heading: titled after the article, so it follows the title the user gives. */
	isIntro?: boolean;
	cardIds: string[];
}

/** A speaker found from labels at the start of paragraphs used more than once. */
export interface FoundSpeaker {
	/** `s1`, `s2`…, in order of first appearance. */
	id: string;
	/** The label as written (`阿笨`, `Ben Thompson`). */
	label: string;
	/** Paragraphs that start with the label. */
	count: number;
	/** The reader's speaker colour: 1–4 for the first four, 0 (neutral) after. */
	colour: number;
}

export interface ImportPreview {
	/** The first heading or first line; the user may edit it. */
	title: string;
	source: SourceInfo;
	/** Characters (code points) of all paragraphs. */
	characters: number;
	paragraphCount: number;
	cardCount: number;
	parts: { id: string; n?: number; titleZh: string; cards: number; characters: number }[];
	speakers: FoundSpeaker[];
	/** The first card as it will read with the found speakers, tokens split into Chinese and English runs only. */
	firstCard: ReadingCard;
	/** The speakers the first card's paragraphs point to (including the narration speaker). */
	firstCardSpeakers: Speaker[];
}

/** The preview and the draft it was made from; the worker keeps the draft and sends only the preview. */
export interface PreparedImport {
	preview: ImportPreview;
	draft: { title: string; source: SourceInfo; parts: DraftPart[]; cards: DraftCard[]; speakers: FoundSpeaker[] };
}

export interface ImportChoices {
	/** The id under which the article is stored (the storage layer makes it). */
	articleId: string;
	title: string;
	/** The found speakers the user keeps, named as they like (`label` says which); 'none' keeps labels in the text. */
	speakers: { label: string; zh: string; en: string }[] | 'none';
	/** Milliseconds since the epoch; the article's `published` date is this day. */
	importedAt: number;
	/** Chinese words the user's deck already has: they are not suggested again. */
	deckWords?: readonly string[];
}

/** A word to learn from the text, with what two flashcards need. */
export interface WordSuggestion {
	zh: string;
	pinyin: string;
	/** For a pair, the English the text gives; else the clearest short CC-CEDICT sense. */
	gloss: string;
	/** CC-CEDICT's senses of the reading used in the text (may be empty for a pair's phrase). */
	definitions: string[];
	/** The sentence it first appears in. */
	sentence: string;
	paragraphId: string;
	cardId: string;
	/** How often it appears in the text. */
	count: number;
	source: 'pair' | 'text';
}

export interface ImportedText {
	article: Article;
	ruby: Record<string, (string[] | null)[]>;
	dictionary: SubsetDictionary;
	suggestions: WordSuggestion[];
}

/** Where a long import stands, for a progress bar. */
export interface ImportProgress {
	stage: 'reading' | 'structure' | 'dictionary' | 'words' | 'pinyin' | 'suggestions';
	/** 0–1 across the whole of prepare or build. */
	fraction: number;
}

export type ProgressListener = (progress: ImportProgress) => void;

/** What comes back to the page when the worker stored the article itself: only what the words step needs. */
export interface StoredImport {
	articleId: string;
	firstCardId: string | undefined;
	suggestions: WordSuggestion[];
}

/** Stored, or nothing stored because the device has no room for it. */
export type StoreOutcome = { stored: StoredImport } | { noRoom: { needed: number; free: number } };
