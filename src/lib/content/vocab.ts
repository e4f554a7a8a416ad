import { LineCounter, parseDocument, isSeq, isMap } from 'yaml';
import { ContentError } from './parse.ts';
import { PARTS_OF_SPEECH, type Occurrence, type PartOfSpeech, type VocabEntry } from '../model/words.ts';
import type { Article, Paragraph } from '../model/articles.ts';

export type PinyinOf = (zh: string) => string;

const REQUIRED_TEXT = ['zh', 'en', 'defEn', 'defZh'] as const;

function isPartOfSpeech(value: unknown): value is PartOfSpeech {
	return typeof value === 'string' && (PARTS_OF_SPEECH as readonly string[]).includes(value);
}

/**
 * Splits one word of the text into the words it is made of: a deck term the segmenter kept whole
 * (数据中心级的企业) still holds the words 数据中心 and 企业, while a dictionary word (竞争力) holds none.
 */
export type WordSplitter = (word: string) => string[];

const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /[\p{Script=Latin}0-9]/u;

function escapeForRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A form as written, except that the space between Latin and Chinese is optional either way: the text
 * writes "AI扩散规则" and "AI 扩散规则", "H20 芯片" and "H20芯片" alike. Latin letters match in any case.
 */
function formPattern(form: string): RegExp {
	const characters = Array.from(form.trim().replace(/\s+/g, ' '));
	let source = '';
	characters.forEach((character, index) => {
		const previous = characters[index - 1];
		const next = characters[index + 1];
		if (character === ' ') {
			const mixed =
				previous !== undefined &&
				next !== undefined &&
				((HAN.test(previous) && LATIN_OR_DIGIT.test(next)) || (LATIN_OR_DIGIT.test(previous) && HAN.test(next)));
			source += mixed ? ' ?' : ' ';
			return;
		}
		if (
			previous !== undefined &&
			((HAN.test(previous) && LATIN_OR_DIGIT.test(character)) || (LATIN_OR_DIGIT.test(previous) && HAN.test(character)))
		)
			source += ' ?';
		source += escapeForRegExp(character);
	});
	return new RegExp(source, 'giu');
}

/** Offsets (UTF-16, as in the text) where a word starts or ends, at every level of the segmentation. */
function wordBoundaries(paragraph: Paragraph, splitWord: WordSplitter | undefined): Set<number> {
	const boundaries = new Set<number>([0]);
	let offset = 0;
	for (const token of paragraph.tokens) {
		if (splitWord && token.k === 'zh' && token.s.length > 1) {
			let inner = offset;
			for (const word of splitWord(token.s)) {
				inner += word.length;
				boundaries.add(inner);
			}
		}
		offset += token.s.length;
		boundaries.add(offset);
	}
	return boundaries;
}

/**
 * Whether an edge of a match is a word edge: a Chinese edge must fall on a word boundary (国会 is not in
 * 中国会, which is 中国|会); a Latin edge must not run on into more letters (AI is not in FAIR).
 */
function isWordEdge(at: number, inside: string, outside: string | undefined, boundaries: Set<number>): boolean {
	if (HAN.test(inside)) return boundaries.has(at);
	if (LATIN_OR_DIGIT.test(inside)) return outside === undefined || !LATIN_OR_DIGIT.test(outside);
	return true;
}

function occursAsWord(paragraph: Paragraph, pattern: RegExp, boundaries: Set<number>): boolean {
	const { text } = paragraph;
	for (const match of text.matchAll(pattern)) {
		const start = match.index;
		const end = start + match[0].length;
		const first = String.fromCodePoint(text.codePointAt(start) ?? 0);
		const last = Array.from(match[0]).at(-1) ?? '';
		const before = Array.from(text.slice(Math.max(0, start - 2), start)).at(-1);
		const after = end < text.length ? String.fromCodePoint(text.codePointAt(end) ?? 0) : undefined;
		if (isWordEdge(start, first, before, boundaries) && isWordEdge(end, last, after, boundaries)) return true;
	}
	return false;
}

/**
 * The paragraphs where one of the forms occurs as written and as a word of the text (by the article's own
 * tokens, and the words inside a deck term kept whole), never as a mere substring.
 */
export function findOccurrences(article: Article, forms: string[], splitWord?: WordSplitter): Occurrence[] {
	const patterns = forms.filter((form) => form.trim()).map(formPattern);
	const found: Occurrence[] = [];
	for (const card of article.cards)
		for (const paragraph of card.paragraphs) {
			const boundaries = wordBoundaries(paragraph, splitWord);
			if (patterns.some((pattern) => occursAsWord(paragraph, pattern, boundaries)))
				found.push({ cardId: card.id, paragraphId: paragraph.id });
		}
	return found;
}

/**
 * Pinyin as a romanised line is set: no space before a comma or full stop, none around the middle dot of
 * a foreign name (sà dì yà · nà dé lā → sà dì yà·nà dé lā), Chinese punctuation in its Latin form.
 */
export function tidyPinyin(pinyin: string): string {
	return pinyin
		.replace(/[、，]/g, ',')
		.replace(/。/g, '.')
		.replace(/：/g, ':')
		.replace(/；/g, ';')
		.replace(/！/g, '!')
		.replace(/？/g, '?')
		.replace(/\s*([·・])\s*/g, '·')
		.replace(/\s+([,.:;!?])/g, '$1')
		.replace(/([,:;])(?=[^\s\d])/g, '$1 ')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Parses and validates an article's vocab.yaml; pinyin comes from `pinyinOf` unless the entry overrides it.
 * Every entry must occur in the text as written, as a word: its headword or one of its `match` forms,
 * never its English alone (that is a gloss, not the text). `splitWord` gives the words inside a deck term
 * the segmenter kept whole; without it only the article's own tokens count as words.
 */
export function parseVocab(
	source: string,
	file: string,
	article: Article,
	pinyinOf: PinyinOf,
	splitWord?: WordSplitter
): VocabEntry[] {
	const lineCounter = new LineCounter();
	const document = parseDocument(source, { lineCounter });
	const firstError = document.errors[0];
	if (firstError)
		throw new ContentError(
			file,
			lineCounter.linePos(firstError.pos[0]).line,
			`not valid YAML: ${firstError.message.split('\n')[0]}`
		);
	if (!isSeq(document.contents)) throw new ContentError(file, 1, 'the vocabulary must be a YAML list of entries');

	const entries: VocabEntry[] = [];
	const seen = new Map<string, number>();
	for (const node of document.contents.items) {
		const line = lineCounter.linePos(isMap(node) && node.range ? node.range[0] : 0).line;
		const fail = (reason: string): never => {
			throw new ContentError(file, line, reason);
		};
		if (!isMap(node)) fail('each entry must be a mapping with zh, en, defEn, defZh, pos and tags');
		const raw = (node as { toJSON(): unknown }).toJSON() as Record<string, unknown>;
		for (const key of REQUIRED_TEXT)
			if (typeof raw[key] !== 'string' || !(raw[key] as string).trim()) fail(`entry needs "${key}"`);
		const zh = (raw.zh as string).trim();
		if (seen.has(zh)) fail(`"${zh}" is already an entry at line ${seen.get(zh)}`);
		seen.set(zh, line);
		if (!isPartOfSpeech(raw.pos)) fail(`"${zh}": pos must be one of ${PARTS_OF_SPEECH.join(', ')}`);
		const tags = raw.tags;
		if (!Array.isArray(tags) || tags.length === 0 || !tags.every((t) => typeof t === 'string'))
			fail(`"${zh}": tags must be a list of words`);
		const extra = raw.match === undefined ? [] : raw.match;
		if (!Array.isArray(extra) || !extra.every((m) => typeof m === 'string' && m.trim()))
			fail(`"${zh}": match must be a list of spellings`);
		if (raw.pinyin !== undefined && (typeof raw.pinyin !== 'string' || !raw.pinyin.trim()))
			fail(`"${zh}": pinyin override must be text`);

		const en = (raw.en as string).trim();
		if (en.toLowerCase() === zh.toLowerCase())
			fail(`"${zh}": both sides of the card say the same; give what it is in English, or drop the entry`);
		const written = [...new Set([zh, ...(extra as string[]).map((m) => m.trim())])];
		for (const form of written.slice(1))
			if (findOccurrences(article, [form], splitWord).length === 0)
				fail(`"${zh}": match form "${form}" is not a word of the article text`);
		const occurrences = findOccurrences(article, written, splitWord);
		if (occurrences.length === 0)
			fail(
				`"${zh}" is not a word of the article text: use the form the text writes (its English "${en}" does not count), or add a "match" form`
			);

		entries.push({
			id: `${article.meta.id}:${zh}`,
			articleId: article.meta.id,
			zh,
			pinyin: tidyPinyin(typeof raw.pinyin === 'string' ? raw.pinyin : pinyinOf(zh)),
			en,
			defEn: (raw.defEn as string).trim(),
			defZh: (raw.defZh as string).trim(),
			pos: raw.pos as PartOfSpeech,
			tags: tags as string[],
			// The English stays a form so that an inline English term of the text finds its entry.
			forms: [...new Set([zh, en, ...written])],
			occurrences
		});
	}
	return entries;
}
