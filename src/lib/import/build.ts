/**
 * The import pipeline, pure: `prepareImport` reads what the user handed in and drafts the article (no
 * dictionary needed: enough for the preview), `buildImport` turns the draft and the user's choices into
 * a Duka article with the same segmentation, pinyin and look-up subset as the built-in one.
 */
import { buildSubset, createWordMatcher, segmentWith } from '../dictionary/subset.ts';
import { readingsFromSubset, rubyFor } from '../dictionary/ruby.ts';
import type { SubsetDictionary } from '../dictionary/lookup.ts';
import type { Article, Paragraph, Part, ReadingCard, Speaker, Token } from '../model/articles.ts';
import { suggestWords, type SuggestionParagraph } from './candidates.ts';
import { decodeText, extensionOf, refuseByType, sniff } from './decode.ts';
import { readEpub } from './epub.ts';
import { readHtml } from './html.ts';
import { readMarkdown } from './markdown.ts';
import { findPairs } from './pairs.ts';
import { readPlainText } from './plainText.ts';
import { structureDocument, type Draft } from './structure.ts';
import {
	MAX_FILE_BYTES,
	MAX_TEXT_BYTES,
	type Block,
	type ImportChoices,
	type ImportDictionary,
	type ImportedText,
	type ImportInput,
	type ImportPreview,
	type ImportProblem,
	type ImportProgress,
	type PreparedImport,
	type ProgressListener,
	type ReadDocument
} from './types.ts';

/** The speaker of paragraphs no label claims: narration, shown without a name. */
export const NARRATOR: Speaker = { id: 'narrator', zh: '旁白', en: 'Narration', colour: 0, label: false };

const HAN = /\p{Script=Han}/u;
const HAN_GLOBAL = /\p{Script=Han}/gu;
const LATIN_LETTERS = /[A-Za-z\u00c0-\u024f]/gu;
const KANA_HANGUL = /[\u3040-\u30ff\uac00-\ud7af]/gu;
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn']);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'xht']);
const LOOKS_LIKE_HTML = /^\s*(?:<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i;

/** UTF-8 bytes of a text, without encoding it. */
export function utf8Length(text: string): number {
	let bytes = 0;
	for (let index = 0; index < text.length; index++) {
		const unit = text.charCodeAt(index);
		if (unit < 0x80) bytes += 1;
		else if (unit < 0x800) bytes += 2;
		// A surrogate pair is four bytes: two for each half.
		else if (unit >= 0xd800 && unit <= 0xdfff) bytes += 2;
		else bytes += 3;
	}
	return bytes;
}

function tooLarge(bytes: number, of: 'text' | 'file'): ImportProblem {
	return { code: 'tooLarge', limitBytes: of === 'text' ? MAX_TEXT_BYTES : MAX_FILE_BYTES, bytes, of };
}

function readFile(name: string, bytes: Uint8Array): ReadDocument | ImportProblem {
	if (bytes.length > MAX_FILE_BYTES) return tooLarge(bytes.length, 'file');
	if (bytes.length === 0) return { code: 'empty' };
	const sniffed = sniff(bytes);
	const extension = extensionOf(name);
	if (sniffed === 'epub' || (sniffed === 'zip' && extension === 'epub')) {
		const book = readEpub(bytes);
		return 'code' in book ? book : { ...book, source: { ...book.source, fileName: name } };
	}
	const refused = refuseByType(name, sniffed);
	if (refused) return refused;
	if (extension === 'epub') return { code: 'epubBroken', reason: 'not a ZIP archive' };
	const decoded = decodeText(name, bytes);
	if ('code' in decoded) return decoded;
	const bytesOfText = utf8Length(decoded.text);
	const source = { fileName: name, encoding: decoded.encoding };
	const isHtml = HTML_EXTENSIONS.has(extension) || LOOKS_LIKE_HTML.test(decoded.text.slice(0, 1024));
	// Markup is not text: an HTML or Markdown file may be larger than the text it holds, which is checked once read.
	if (bytesOfText > (isHtml || MARKDOWN_EXTENSIONS.has(extension) ? MAX_FILE_BYTES : MAX_TEXT_BYTES))
		return tooLarge(bytesOfText, 'text');
	if (isHtml) {
		const html = readHtml(decoded.text);
		return { source: { ...source, ...html.meta, format: 'html' }, blocks: html.blocks };
	}
	if (MARKDOWN_EXTENSIONS.has(extension))
		return { source: { ...source, format: 'markdown' }, blocks: readMarkdown(decoded.text) };
	return { source: { ...source, format: 'text' }, blocks: readPlainText(decoded.text) };
}

/** What the user handed in, as blocks of text, or why it cannot be read. */
export function readInput(input: ImportInput): ReadDocument | ImportProblem {
	switch (input.kind) {
		case 'text': {
			const bytes = utf8Length(input.text);
			if (bytes > MAX_TEXT_BYTES) return tooLarge(bytes, 'text');
			if (LOOKS_LIKE_HTML.test(input.text.slice(0, 1024))) return readInput({ kind: 'html', html: input.text });
			return { source: { format: 'text' }, blocks: readPlainText(input.text) };
		}
		case 'html': {
			const bytes = utf8Length(input.html);
			if (bytes > MAX_FILE_BYTES) return tooLarge(bytes, 'file');
			const html = readHtml(input.html);
			return { source: { ...html.meta, format: 'html' }, blocks: html.blocks };
		}
		case 'file':
			return readFile(input.name, input.bytes);
	}
}

function allBlocks(document: ReadDocument): Block[] {
	return document.chapters
		? document.chapters.flatMap((chapter) => [
				{ kind: 'heading', level: 1, text: chapter.title } as Block,
				...chapter.blocks
			])
		: (document.blocks ?? []);
}

/** Empty, too large or not Chinese: the checks on the text as read. */
function checkText(document: ReadDocument): ImportProblem | undefined {
	let bytes = 0;
	let han = 0;
	let latin = 0;
	let kanaOrHangul = 0;
	for (const block of allBlocks(document)) {
		bytes += utf8Length(block.text);
		han += block.text.match(HAN_GLOBAL)?.length ?? 0;
		latin += block.text.match(LATIN_LETTERS)?.length ?? 0;
		kanaOrHangul += block.text.match(KANA_HANGUL)?.length ?? 0;
	}
	if (bytes === 0) return { code: 'empty' };
	if (bytes > MAX_TEXT_BYTES) return tooLarge(bytes, 'text');
	// A few Chinese words in an English, Japanese or Korean text do not make it a Chinese text.
	if (han === 0 || han < (han + latin) * 0.05 || kanaOrHangul > han * 0.3) return { code: 'noChinese' };
	return undefined;
}

function reporter(onProgress: ProgressListener | undefined) {
	let last = -1;
	return (stage: ImportProgress['stage'], fraction: number) => {
		// About a hundred messages at most: each one crosses from the worker to the page.
		const rounded = Math.floor(fraction * 100) / 100;
		if (!onProgress || rounded <= last) return;
		last = rounded;
		onProgress({ stage, fraction: rounded });
	};
}

/** Reads the input and drafts the article; the preview is what the user sees before choosing. */
export function prepareImport(input: ImportInput, onProgress?: ProgressListener): PreparedImport | ImportProblem {
	const report = reporter(onProgress);
	report('reading', 0);
	const document = readInput(input);
	if ('code' in document) return document;
	const problem = checkText(document);
	if (problem) return problem;
	report('structure', 0.6);
	const draft = structureDocument(document);
	if (!draft) return { code: 'empty' };
	report('structure', 1);
	return { preview: previewOf(draft), draft };
}

interface AssignedParagraph {
	id: string;
	cardId: string;
	speaker: string;
	text: string;
}

/**
 * Who says each paragraph: a kept speaker's label starts a turn (and is taken off the text); the
 * paragraphs after it are that speaker's until another label, a heading or a new part. Before any label,
 * and with 'none', paragraphs are narration and labels stay in the text.
 */
function assignSpeakers(
	draft: Draft,
	choice: ImportChoices['speakers']
): { speakers: Speaker[]; paragraphs: AssignedParagraph[] } {
	const names = new Map(choice === 'none' ? [] : choice.map((speaker) => [speaker.label, speaker]));
	const kept: Speaker[] = [];
	for (const found of draft.speakers) {
		const name = names.get(found.label);
		if (!name) continue;
		const zh = name.zh.trim() || found.label;
		kept.push({ id: found.id, zh, en: name.en.trim() || zh, colour: found.colour, label: true });
	}
	const idOf = new Map(
		draft.speakers.filter((found) => names.has(found.label)).map((found) => [found.label, found.id])
	);
	const paragraphs: AssignedParagraph[] = [];
	let current = NARRATOR.id;
	let partId = '';
	let narrated = false;
	for (const card of draft.cards) {
		if (card.partId !== partId) {
			partId = card.partId;
			current = NARRATOR.id;
		}
		for (const paragraph of card.paragraphs) {
			const speaker = paragraph.label === undefined ? undefined : idOf.get(paragraph.label);
			let text = paragraph.text;
			if (paragraph.heading) current = NARRATOR.id;
			else if (speaker) {
				current = speaker;
				text = text.slice(paragraph.labelEnd ?? 0);
			}
			if (current === NARRATOR.id) narrated = true;
			paragraphs.push({ id: paragraph.id, cardId: card.id, speaker: current, text });
		}
	}
	return { speakers: narrated ? [...kept, NARRATOR] : kept, paragraphs };
}

const ROUGH_TOKENS = /(\p{Script=Han}+)|([A-Za-z][A-Za-z0-9]*(?:[ \-'’.][A-Za-z0-9]+)*)/gu;

/** Chinese runs and English runs only: how the preview shows a card before the dictionary is there. */
export function roughTokens(text: string): Token[] {
	const tokens: Token[] = [];
	let position = 0;
	for (const match of text.matchAll(ROUGH_TOKENS)) {
		if (match.index > position) tokens.push({ s: text.slice(position, match.index), k: 'p' });
		tokens.push({ s: match[0], k: match[1] ? 'zh' : 'en' });
		position = match.index + match[0].length;
	}
	if (position < text.length) tokens.push({ s: text.slice(position), k: 'p' });
	return tokens;
}

function defaultSpeakers(draft: Draft): ImportChoices['speakers'] {
	return draft.speakers.map((found) => ({ label: found.label, zh: found.label, en: found.label }));
}

function previewOf(draft: Draft): ImportPreview {
	const lengths = new Map<string, number>();
	let characters = 0;
	let paragraphCount = 0;
	for (const card of draft.cards) {
		const chars = card.paragraphs.reduce((sum, paragraph) => sum + Array.from(paragraph.text).length, 0);
		lengths.set(card.partId, (lengths.get(card.partId) ?? 0) + chars);
		characters += chars;
		paragraphCount += card.paragraphs.length;
	}
	const firstCard = draft.cards[0];
	const { speakers, paragraphs } = assignSpeakers(
		{ ...draft, cards: firstCard ? [firstCard] : [] },
		defaultSpeakers(draft)
	);
	const card: ReadingCard = {
		id: firstCard?.id ?? '',
		partId: firstCard?.partId ?? '',
		titleZh: firstCard?.titleZh ?? '',
		titleEn: englishTitle(firstCard?.titleZh ?? ''),
		paragraphs: paragraphs.map((paragraph) => ({
			id: paragraph.id,
			speaker: paragraph.speaker,
			text: paragraph.text,
			tokens: roughTokens(paragraph.text)
		}))
	};
	const usedSpeakers = new Set(card.paragraphs.map((paragraph) => paragraph.speaker));
	return {
		title: draft.title,
		source: draft.source,
		characters,
		paragraphCount,
		cardCount: draft.cards.length,
		parts: draft.parts.map((part) => ({
			id: part.id,
			...(part.n === undefined ? {} : { n: part.n }),
			titleZh: part.titleZh,
			cards: part.cardIds.length,
			characters: lengths.get(part.id) ?? 0
		})),
		speakers: draft.speakers,
		firstCard: card,
		firstCardSpeakers: speakers.filter((speaker) => usedSpeakers.has(speaker.id))
	};
}

/** The English title shown beside a Chinese one: the title itself when it has no Chinese, else none. */
function englishTitle(title: string): string {
	return HAN.test(title) ? '' : title;
}

function localDate(milliseconds: number): string {
	const date = new Date(milliseconds);
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Pinyin the dictionary has where pinyin-pro has none (some traditional characters): the word's own
 * reading when it has one syllable per character, else each character's first reading.
 */
function fillUnreadSyllables(ruby: (string[] | null)[], tokens: readonly Token[], subset: SubsetDictionary): void {
	tokens.forEach((token, index) => {
		const syllables = ruby[index];
		if (!syllables || !syllables.includes('')) return;
		const characters = Array.from(token.s);
		const wordReading = subset[token.s]?.[0]?.[0]?.toLowerCase().split(' ');
		ruby[index] = syllables.map(
			(syllable, at) =>
				syllable ||
				(wordReading?.length === characters.length
					? wordReading[at]
					: subset[characters[at] ?? '']?.[0]?.[0]?.toLowerCase()) ||
				''
		);
	});
}

/** How often a build gives the thread back: about every 10 ms of work on this machine. */
const PARAGRAPHS_BETWEEN_PAUSES = 200;

/**
 * Turns a prepared import and the user's choices into the article, its pinyin, its dictionary and its words.
 * `pause` is awaited between batches of paragraphs: in the worker it yields to the event loop, so that the
 * worker still answers (a cancel, the DevTools protocol measuring its heap) while it builds a long text.
 */
export async function buildImport(
	prepared: PreparedImport,
	choices: ImportChoices,
	dictionary: ImportDictionary,
	onProgress?: ProgressListener,
	pause: () => Promise<void> = () => Promise.resolve()
): Promise<ImportedText> {
	const report = reporter(onProgress);
	const { draft } = prepared;
	const title = choices.title.trim() || draft.title;
	const { speakers, paragraphs } = assignSpeakers(draft, choices.speakers);
	report('words', 0);

	const pairs = findPairs(paragraphs, dictionary);
	// The pairs' Chinese sides and the speakers' Chinese names come out whole, as a deck's terms do (老黄, not 老|黄).
	const speakerNames = [
		...speakers.filter((speaker) => speaker.label).map((speaker) => speaker.zh),
		...draft.speakers.map((found) => found.label)
	];
	const deckTerms = [...new Set([...pairs.map((pair) => pair.zh), ...speakerNames])]
		.filter((zh) => HAN.test(zh))
		.map((zh) => ({ zh }));
	const matcher = createWordMatcher(dictionary, deckTerms);
	const segmentText = (text: string) => segmentWith(text, matcher);
	const tokensById = new Map<string, Token[]>();
	for (const [index, paragraph] of paragraphs.entries()) {
		tokensById.set(paragraph.id, segmentText(paragraph.text));
		if (index % PARAGRAPHS_BETWEEN_PAUSES === 0) {
			report('words', 0.3 * (index / paragraphs.length));
			await pause();
		}
	}

	report('dictionary', 0.3);
	const subset = buildSubset(
		paragraphs.map((paragraph) => paragraph.text),
		deckTerms,
		dictionary,
		{ nestedWords: true }
	);
	// As for the built-in article: where the dictionary knows a word's only reading, it wins over pinyin-pro's guess.
	const dictionaryReadings = readingsFromSubset(subset);
	const ruby: Record<string, (string[] | null)[]> = {};
	// One string per distinct syllable: a long text holds hundreds of thousands of them, of about 1,500 kinds.
	const syllableStrings = new Map<string, string>();
	const shared = (syllable: string) => {
		const known = syllableStrings.get(syllable);
		if (known !== undefined) return known;
		syllableStrings.set(syllable, syllable);
		return syllable;
	};
	for (const [index, paragraph] of paragraphs.entries()) {
		const tokens = tokensById.get(paragraph.id) ?? [];
		const syllables = rubyFor(tokens, { dictionaryReadings });
		fillUnreadSyllables(syllables, tokens, subset);
		ruby[paragraph.id] = syllables.map((reading) => reading && reading.map(shared));
		if (index % PARAGRAPHS_BETWEEN_PAUSES === 0) {
			report('pinyin', 0.5 + 0.4 * (index / paragraphs.length));
			await pause();
		}
	}

	report('suggestions', 0.9);
	const pinyinOf = (phrase: string) => {
		const tokens = segmentText(phrase);
		const syllables = rubyFor(tokens, { dictionaryReadings });
		fillUnreadSyllables(syllables, tokens, subset);
		return tokens
			.map((token, index) => (token.k === 'zh' ? (syllables[index] ?? []).join(' ') : token.k === 'en' ? token.s : ''))
			.filter(Boolean)
			.join(' ');
	};
	const suggestionParagraphs: SuggestionParagraph[] = paragraphs.map((paragraph) => ({
		id: paragraph.id,
		cardId: paragraph.cardId,
		text: paragraph.text,
		tokens: tokensById.get(paragraph.id) ?? [],
		ruby: ruby[paragraph.id] ?? []
	}));
	const suggestions = suggestWords({
		pairs,
		paragraphs: suggestionParagraphs,
		subset,
		commonness: (word) => dictionary.commonness(word),
		pinyinOf,
		deckWords: new Set(choices.deckWords ?? [])
	});

	const byId = new Map(paragraphs.map((paragraph) => [paragraph.id, paragraph]));
	const cards: ReadingCard[] = draft.cards.map((card) => ({
		id: card.id,
		partId: card.partId,
		titleZh: card.titleZh,
		titleEn: englishTitle(card.titleZh),
		paragraphs: card.paragraphs.map((draftParagraph): Paragraph => {
			const paragraph = byId.get(draftParagraph.id);
			return {
				id: draftParagraph.id,
				speaker: paragraph?.speaker ?? NARRATOR.id,
				text: paragraph?.text ?? draftParagraph.text,
				tokens: tokensById.get(draftParagraph.id) ?? []
			};
		})
	}));
	const parts: Part[] = draft.parts.map((draftPart) => {
		const titleZh = draftPart.isIntro ? title : draftPart.titleZh;
		const part: Part = {
			id: draftPart.id,
			titleZh,
			titleEn: englishTitle(titleZh),
			included: true,
			cardIds: draftPart.cardIds
		};
		if (draftPart.n !== undefined) part.n = draftPart.n;
		return part;
	});
	const { source } = draft;
	const article: Article = {
		meta: {
			id: choices.articleId,
			titleZh: title,
			titleEn: englishTitle(title),
			author: source.author ?? '',
			publication: source.publication ?? '',
			sourceTitle: source.documentTitle ?? source.fileName ?? '',
			...(source.url ? { sourceUrl: source.url } : {}),
			published: localDate(choices.importedAt),
			speakers
		},
		parts,
		cards
	};
	report('suggestions', 1);
	return { article, ruby, dictionary: subset, suggestions };
}
