/**
 * Bilingual pairs a text gives itself: a Chinese word or phrase right next to its English rendering, both
 * sides taken from the text. Found in four shapes:
 *
 * - in one pair of quotes, Chinese then English: `“Nvidia全栈解决方案full-stack Nvidia solution”`;
 * - Chinese, then English in brackets: `制造预算或运营开支里（the manufacturing budget or the OpEx budget）`;
 * - English, then Chinese in brackets: `Arab AI and the Chip Diffusion Rule（阿拉伯AI产业与芯片扩散规则）`;
 * - Chinese glued to English that ends the clause: `干热dry heat，`, `IT预算 IT budget”`, or that the dictionary
 *   supports with Chinese right after it: `边缘计算edge computing和…`.
 *
 * Where the Chinese side begins is not marked; it is found by matching the English words against the
 * dictionary senses of the words before it (数据|中心|级|的|企业 ↔ data center scale company), else from
 * grammar words that start a clause (是, 把, 为…). An English name standing alone (通过Zoom连线) is no pair.
 */
import { createWordMatcher, segmentWith, type WordLookup } from '../dictionary/subset.ts';
import { codePointLength } from './sentences.ts';

export interface BilingualPair {
	zh: string;
	en: string;
	paragraphId: string;
	/** Where the Chinese side starts in the paragraph's text (UTF-16 index). */
	index: number;
}

const HAN = /\p{Script=Han}/u;
const MAX_ZH_CHARS = 30;
const MAX_EN_CHARS = 100;
/** A Chinese side found without dictionary support stays short. */
const MAX_UNALIGNED_ZH_CHARS = 6;
/** Unsupported words allowed between the English-facing end and the first supported word, and between two. */
const TRAILING_GAP = 2;
const INNER_GAP = 1;

// Words that start a clause or link it: the Chinese side never reaches back over one.
const BREAK_WORDS = new Set(
	Array.from('是在把被为将对从向让给用以于由比跟到叫称即也都就还又再而但却并且则才要会能可该我你他她它这那').concat([
		'就是',
		'也是',
		'即是',
		'称为',
		'叫做',
		'所谓',
		'以及',
		'包括',
		'通过',
		'成为',
		'作为',
		'我们',
		'你们',
		'他们',
		'她们',
		'它们',
		'这个',
		'那个',
		'这些',
		'那些',
		'一个',
		'一种',
		'就像',
		'比如',
		'例如'
	])
);
// Words that join the parts of one term: skipped when counting unsupported words.
const GLUE_WORDS = new Set(['的', '之', '与', '和', '或', '及']);
// A term does not end in these: 开支里 → 开支, 全栈的 → 全栈.
const TRAILING_PARTICLES = new Set(['的', '地', '得', '了', '着', '过', '里', '中', '上', '内', '之']);
// Nor start with these, when they stand as words of their own: 又可拆分协作 → 可拆分协作, 的大语言模型 → 大语言模型.
const LEADING_FUNCTION_WORDS = new Set(
	Array.from('是在把被为将对从向让给用以于由也都就还又再而但并且则即叫称和与及或到的地得')
);
const ENGLISH_STOPWORDS = new Set(
	'a an the of or and to in on for that they it is are be by with as at from this these those their its s but not'.split(
		' '
	)
);

const LATIN_PHRASE = /[A-Za-z][A-Za-z0-9]*(?:[ \-'’+&.][A-Za-z0-9]+)*/y;
const LATIN_ONLY = /^[A-Za-z0-9 \-'’&.,/+]+$/u;
const LATIN_WORD = /[A-Za-z][A-Za-z0-9'’-]*/g;
const SENTENCE_PUNCTUATION = /[。！？；，!?;]/u;
const CJK_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]/u;
const QUOTED = /“([^“”]{2,120})”|"([^"]{2,120})"/gu;
const BRACKETED = /[（(]([^（()）]{1,120})[）)]/gu;
const OPENING_QUOTES: Record<string, string> = { '”': '“', '"': '"' };

function englishWords(en: string): string[] {
	return en.match(LATIN_WORD) ?? [];
}

function hanCount(text: string): number {
	let count = 0;
	for (const character of text) if (HAN.test(character)) count++;
	return count;
}

/** English that reads as a rendering, not a name (Zoom, Sheik Tahnoun, OpenAI): a word in it starts in lower case. */
function readsAsRendering(en: string): boolean {
	return englishWords(en).some((word) => /^[a-z]/.test(word) && word.length >= 2);
}

function contentStems(en: string): string[] {
	return englishWords(en.toLowerCase())
		.map((word) => word.replace(/['’]s$/, ''))
		.filter((word) => word.length >= 2 && !ENGLISH_STOPWORDS.has(word));
}

/** Whether two English words are one, give or take an ending (adopt, adoption; manufacture, manufacturing). */
function sameWord(a: string, b: string): boolean {
	if (a === b) return true;
	const shorter = a.length <= b.length ? a : b;
	const longer = shorter === a ? b : a;
	if (shorter.length < 4) return longer === `${shorter}s`;
	let common = 0;
	while (common < shorter.length && shorter[common] === longer[common]) common++;
	return common >= 4 && shorter.length - common <= 2 && longer.length - common <= 4;
}

class PairFinder {
	private readonly supportCache = new Map<string, string[]>();

	// The import's segmentation, word frequencies included, so that a pair's words are the text's tokens.
	private readonly matcher;

	constructor(private readonly dictionary: WordLookup) {
		this.matcher = createWordMatcher(dictionary, []);
	}

	find(paragraphs: readonly { id: string; text: string }[]): BilingualPair[] {
		const pairs: BilingualPair[] = [];
		const seen = new Set<string>();
		for (const paragraph of paragraphs) {
			if (!/[A-Za-z]/.test(paragraph.text) || !HAN.test(paragraph.text)) continue;
			for (const pair of this.inParagraph(paragraph.text)) {
				if (seen.has(pair.zh)) continue;
				seen.add(pair.zh);
				pairs.push({ ...pair, paragraphId: paragraph.id });
			}
		}
		return pairs;
	}

	private inParagraph(text: string): { zh: string; en: string; index: number }[] {
		const found: { zh: string; en: string; index: number }[] = [];
		const covered: [number, number][] = [];
		const add = (zh: string, en: string, index: number, from: number, to: number) => {
			const cleanEn = en.trim().replace(/[,.;:]+$/, '');
			const cleanZh = zh.trim();
			if (hanCount(cleanZh) < 2 || codePointLength(cleanZh) > MAX_ZH_CHARS) return;
			if (!/[A-Za-z]{2}/.test(cleanEn) || cleanEn.length > MAX_EN_CHARS) return;
			if (cleanZh.toLowerCase() === cleanEn.toLowerCase()) return;
			found.push({ zh: cleanZh, en: cleanEn, index });
			covered.push([from, to]);
		};
		const isCovered = (at: number) => covered.some(([from, to]) => at >= from && at < to);

		// “中文English” in one pair of quotes, or 中文“English”.
		for (const match of text.matchAll(QUOTED)) {
			const content = match[1] ?? match[2] ?? '';
			if (LATIN_ONLY.test(content)) {
				const zh = this.chineseBefore(text, match.index, content, 'quoted');
				if (zh) add(zh.text, content, zh.index, zh.index, match.index + match[0].length);
				continue;
			}
			const split = splitMixed(content);
			if (!split || !readsAsRendering(split.en)) continue;
			const contentStart = match.index + 1;
			const zh = this.trimmed(split.zh);
			add(zh, split.en, contentStart + content.indexOf(zh), match.index, match.index + match[0].length);
		}

		// 中文（English） and English（中文）.
		for (const match of text.matchAll(BRACKETED)) {
			if (isCovered(match.index)) continue;
			const content = (match[1] ?? '').trim();
			const end = match.index + match[0].length;
			if (LATIN_ONLY.test(content)) {
				const zh = this.chineseBefore(text, match.index, content, 'bracketed');
				if (zh) add(zh.text, content, zh.index, zh.index, end);
			} else if (HAN.test(content) && !SENTENCE_PUNCTUATION.test(content)) {
				const en = englishBefore(text, match.index);
				if (en) add(content, en.text, match.index + match[0].indexOf(content), en.index, end);
			}
		}

		// 中文English, where the English ends the clause, or goes on in Chinese when the dictionary agrees.
		for (let index = 0; index < text.length; index++) {
			if (!HAN.test(text[index] ?? '') || isCovered(index)) continue;
			let start = index + 1;
			if (text[start] === ' ') start++;
			LATIN_PHRASE.lastIndex = start;
			const latin = LATIN_PHRASE.exec(text);
			if (!latin) continue;
			const after = text.slice(start + latin[0].length).trimStart()[0];
			const endsClause = after === undefined || (!/[\p{L}\p{N}（(]/u.test(after) && !HAN.test(after));
			if ((!endsClause && !HAN.test(after ?? '')) || isCovered(start)) continue;
			// English set off by a space (需要更多 token) reads as a loanword the sentence uses, not as a rendering of the
			// words before it: like English with Chinese after it, it is a pair only where the dictionary agrees.
			const spaced = start > index + 1;
			const zh = this.chineseBefore(text, index + 1, latin[0], endsClause && !spaced ? 'glued' : 'embedded');
			if (zh) add(zh.text, latin[0], zh.index, zh.index, start + latin[0].length);
		}
		return found.sort((a, b) => a.index - b.index);
	}

	/**
	 * The Chinese side that ends at `end`, facing the English `en`: a quoted phrase, else the words of the
	 * Han run before it that the English supports (with the few unsupported words between), else a short
	 * run back to a grammar word. How sure the shape is decides what that fallback needs: English in
	 * brackets is a rendering; glued English must read like one; quoted English, and English with more Chinese
	 * right after it (边缘计算edge computing和…), needs dictionary support.
	 */
	private chineseBefore(
		text: string,
		end: number,
		en: string,
		shape: 'bracketed' | 'glued' | 'embedded' | 'quoted'
	): { text: string; index: number } | undefined {
		let stop = end;
		if (text[stop - 1] === ' ') stop--;
		const closing = text[stop - 1] ?? '';
		const opening = OPENING_QUOTES[closing];
		if (opening && shape !== 'quoted') {
			const open = text.lastIndexOf(opening, stop - 2);
			if (open < 0 || stop - open > MAX_ZH_CHARS * 2) return undefined;
			const quoted = this.trimmed(text.slice(open + 1, stop - 1));
			return { text: quoted, index: text.indexOf(quoted, open) };
		}
		let runStart = stop;
		while (runStart > 0 && HAN.test(text[runStart - 1] ?? '')) runStart--;
		if (runStart === stop) return undefined;
		const words = segmentWith(text.slice(runStart, stop), this.matcher).map((token) => token.s);
		const stems = contentStems(en);
		const supported = words.map((word) => this.supports(word, stems));
		let first = this.firstSupportedWord(words, supported);
		if (first === undefined) {
			if (shape === 'quoted' || shape === 'embedded' || (shape === 'glued' && !readsAsRendering(en))) return undefined;
			first = this.unsupportedStart(words);
		}
		let kept = words.slice(first);
		kept = stripEnds(kept);
		if (kept.length === 0) return undefined;
		let phrase = kept.join('');
		let index = runStart + words.slice(0, first).join('').length + words.slice(first).join('').indexOf(phrase);
		// A Latin word before the term belongs to it when the English has it too: IT预算 ↔ IT budget, AI 工厂 ↔ AI
		// factory.
		const glued = /([A-Za-z0-9]+) ?$/.exec(text.slice(0, index));
		if (
			glued &&
			index === runStart &&
			englishWords(en).some((word) => word.toLowerCase() === glued[1]?.toLowerCase())
		) {
			phrase = glued[0] + phrase;
			index -= glued[0].length;
		}
		return { text: phrase, index };
	}

	/** Where the supported words start, reading back from the English; undefined when none supports it. */
	private firstSupportedWord(words: readonly string[], supported: readonly boolean[]): number | undefined {
		let first: number | undefined;
		let gap = 0;
		for (let index = words.length - 1; index >= 0; index--) {
			const word = words[index] ?? '';
			if (BREAK_WORDS.has(word)) break;
			if (supported[index]) {
				first = index;
				gap = 0;
				continue;
			}
			if (GLUE_WORDS.has(word) || TRAILING_PARTICLES.has(word)) continue;
			gap++;
			if (gap > (first === undefined ? TRAILING_GAP : INNER_GAP)) break;
		}
		return first;
	}

	/** Without support: back from the English to a grammar word, at most a few characters. */
	private unsupportedStart(words: readonly string[]): number {
		let length = 0;
		let first = words.length;
		for (let index = words.length - 1; index >= 0; index--) {
			const word = words[index] ?? '';
			if (BREAK_WORDS.has(word) && index < words.length - 1) break;
			length += codePointLength(word);
			if (length > MAX_UNALIGNED_ZH_CHARS && first < words.length) break;
			first = index;
		}
		return first;
	}

	/** Whether a Chinese word's dictionary senses share a word with the English. */
	private supports(word: string, stems: readonly string[]): boolean {
		if (stems.length === 0) return false;
		let senseWords = this.supportCache.get(word);
		if (!senseWords) {
			const senses = this.dictionary.get(word) ?? [];
			senseWords = senses.flatMap((sense) =>
				sense.definitions.flatMap((definition) => englishWords(definition.toLowerCase()))
			);
			this.supportCache.set(word, senseWords);
		}
		return senseWords.some((senseWord) => stems.some((stem) => sameWord(senseWord, stem)));
	}

	/** A quoted Chinese side: what follows its last punctuation mark, without a leading grammar word. */
	private trimmed(zh: string): string {
		let phrase = zh.trim();
		let lastPunctuation = -1;
		for (let index = 0; index < phrase.length; index++)
			if (CJK_PUNCTUATION.test(phrase[index] ?? '')) lastPunctuation = index;
		if (lastPunctuation >= 0) phrase = phrase.slice(lastPunctuation + 1).trim();
		const first = phrase[0] ?? '';
		if (LEADING_FUNCTION_WORDS.has(first) && hanCount(phrase) > 2) {
			const words = segmentWith(phrase, this.matcher);
			if (words[0]?.s === first) phrase = phrase.slice(first.length);
		}
		return phrase;
	}
}

/** Grammar words off both ends of a run of words, while at least two characters stay. */
function stripEnds(words: string[]): string[] {
	const kept = [...words];
	const length = () => kept.reduce((sum, word) => sum + codePointLength(word), 0);
	while (kept.length > 0 && TRAILING_PARTICLES.has(kept.at(-1) ?? '') && length() - 1 >= 2) kept.pop();
	while (kept.length > 0 && LEADING_FUNCTION_WORDS.has(kept[0] ?? '') && length() - 1 >= 2) kept.shift();
	return kept;
}

/** `Nvidia全栈解决方案full-stack Nvidia solution` → Chinese up to the last Han character, English after it. */
function splitMixed(content: string): { zh: string; en: string } | undefined {
	let lastHan = -1;
	for (let index = 0; index < content.length; index++) if (HAN.test(content[index] ?? '')) lastHan = index;
	if (lastHan < 0) return undefined;
	const zh = content.slice(0, lastHan + 1);
	const en = content.slice(lastHan + 1).trim();
	if (en && /^[A-Za-z]/.test(en) && LATIN_ONLY.test(en)) return { zh, en };
	// English first: `full-stack Nvidia solution全栈解决方案`.
	const leading = /^[A-Za-z][A-Za-z0-9 \-'’&.,/+]*/.exec(content)?.[0] ?? '';
	const rest = content.slice(leading.length);
	if (leading && !/[A-Za-z]/.test(rest) && englishWords(leading).length >= 2) return { zh: rest, en: leading.trim() };
	return undefined;
}

/** The English phrase that ends right before `end` (a bracket), if there is one. */
function englishBefore(text: string, end: number): { text: string; index: number } | undefined {
	let stop = end;
	while (stop > 0 && text[stop - 1] === ' ') stop--;
	const closing = text[stop - 1] ?? '';
	const opening = OPENING_QUOTES[closing];
	if (opening) {
		const open = text.lastIndexOf(opening, stop - 2);
		const quoted = open >= 0 ? text.slice(open + 1, stop - 1).trim() : '';
		return LATIN_ONLY.test(quoted) ? { text: quoted, index: open + 1 } : undefined;
	}
	let start = stop;
	while (start > 0 && /[A-Za-z0-9 \-'’&.+]/.test(text[start - 1] ?? '')) start--;
	const phrase = text.slice(start, stop);
	const firstLetter = phrase.search(/[A-Za-z]/);
	if (firstLetter < 0) return undefined;
	const en = phrase.slice(firstLetter).trim();
	return /[A-Za-z]{2}/.test(en) ? { text: en, index: start + firstLetter } : undefined;
}

/** The text's own bilingual pairs, first occurrence of each Chinese side, in text order. */
export function findPairs(
	paragraphs: readonly { id: string; text: string }[],
	dictionary: WordLookup
): BilingualPair[] {
	return new PairFinder(dictionary).find(paragraphs);
}
