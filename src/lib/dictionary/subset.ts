/**
 * Build time: cuts CEDICT down to what one article needs, in a compact JSON-ready shape.
 */
import { pinyin as pinyinPro } from 'pinyin-pro';
import type { CedictLookup, CedictSense } from './cedict.ts';
import type { SubsetDictionary, SubsetReading } from './lookup.ts';
import { segment, type Commonness, type Token } from './segment.ts';

export interface DeckTerm {
	zh: string;
}

export interface WordMatcher {
	isWord: (word: string) => boolean;
	maxLength: number;
	/** Word frequencies for the segmenter, when the dictionary has them; deck terms count as common. */
	commonness?: Commonness;
}

/** A dictionary that may know how common its words are, as the full dictionary does. */
export type WordLookup = CedictLookup & { commonness?: Commonness };

/**
 * How common a deck term (or an import's pair term) counts as at the least: about as common as 数据 (4.9),
 * so that the text's own vocabulary comes out whole (芯片扩散规则, 老黄) yet never pulls a character out of
 * a much commoner word next to it (国会 out of 中国|会).
 */
export const DECK_TERM_ZIPF = 4.5;

export interface SubsetOptions {
	/**
	 * Also ship every CEDICT word that occurs inside the text but not as a token (数据 inside 数据中心),
	 * so narrowing or widening a selection finds it. Off by default: it roughly doubles the key count.
	 */
	nestedWords?: boolean;
}

/** Definitions kept per reading; the popup shows a handful, and the long tail is most of CEDICT's weight. */
export const MAX_DEFINITIONS_PER_READING = 6;

const HAN_CHARACTER = /\p{Script=Han}/gu;
const HAN_RUNS = /\p{Script=Han}+/gu;
// 'variant of X', 'old variant of X', 'Japanese variant of X', '(Internet slang) variant of X'…
// but not a real sense that only mentions one, like 'to understand clearly (variant of 瞭[liǎo])'.
export const VARIANT_REFERENCE = /^(?:\([^)]*\) )*(?:[\w-]+,? ){0,3}variant of\b/i;
// 'surname Hua', and the odd 'Li (surname)'.
const SURNAME = /^(?:surname [A-Z]|[A-Z][a-z]+ \(surname\)$)/;

/**
 * The word test and frequencies the segmenter needs: the dictionary plus the deck's own terms. The content
 * pipeline should segment with this same matcher, so that every token it stores has an entry in the subset.
 */
export function createWordMatcher(dictionary: WordLookup, deckTerms: readonly DeckTerm[]): WordMatcher {
	const deckWords = new Set(deckTerms.map((term) => term.zh));
	let maxLength = dictionary.maxWordLength;
	for (const word of deckWords) maxLength = Math.max(maxLength, Array.from(word).length);
	const isWord = (word: string) => dictionary.has(word) || deckWords.has(word);
	const known = dictionary.commonness?.bind(dictionary);
	if (!known) return { isWord, maxLength };
	// The segmenter asks for the same few thousand words over and over; the full dictionary reads a line each time.
	const cache = new Map<string, number | undefined>();
	const commonness = (word: string) => {
		if (cache.has(word)) return cache.get(word);
		const own = known(word);
		const value = deckWords.has(word) ? Math.max(own ?? DECK_TERM_ZIPF, DECK_TERM_ZIPF) : own;
		cache.set(word, value);
		return value;
	};
	return { isWord, maxLength, commonness };
}

/** Segments with a matcher's words and frequencies. */
export function segmentWith(text: string, matcher: WordMatcher): Token[] {
	return segment(text, matcher.isWord, matcher.maxLength, matcher.commonness);
}

/**
 * Every Chinese word token of the paragraphs, every Han character in them and every deck term, each with
 * its CEDICT readings (trimmed) or, failing that, pinyin-pro's reading and no definitions.
 * Keys come out sorted so that the same content always builds the same bytes.
 */
export function buildSubset(
	paragraphTexts: readonly string[],
	deckTerms: readonly DeckTerm[],
	cedict: WordLookup,
	options: SubsetOptions = {}
): SubsetDictionary {
	const matcher = createWordMatcher(cedict, deckTerms);
	const words = new Set<string>();
	for (const text of paragraphTexts) {
		for (const token of segmentWith(text, matcher)) {
			if (token.k === 'zh') words.add(token.s);
		}
		for (const [character] of text.matchAll(HAN_CHARACTER)) words.add(character);
		if (options.nestedWords) {
			for (const word of nestedCedictWords(text, cedict)) words.add(word);
		}
	}
	for (const term of deckTerms) words.add(term.zh);
	words.delete('');

	const subset: SubsetDictionary = {};
	for (const word of [...words].sort()) {
		const senses = cedict.get(word);
		subset[word] = senses ? compactReadings(senses) : readingWithoutDefinitions(word);
	}
	return subset;
}

/**
 * Drops readings that only point elsewhere ('old variant of…') or only name a surname, when the word has
 * a reading with real content; within a reading, drops variant references if something else is left.
 */
export function compactReadings(senses: readonly CedictSense[]): SubsetReading[] {
	const cleaned = senses.map((sense) => {
		const substantive = sense.definitions.filter((definition) => !VARIANT_REFERENCE.test(definition));
		const definitions = substantive.length > 0 ? substantive : sense.definitions;
		return {
			pinyin: sense.pinyin,
			definitions,
			isOnlyPointer: substantive.length === 0,
			isOnlySurname: substantive.length > 0 && substantive.every((definition) => SURNAME.test(definition))
		};
	});
	const meaningful = cleaned.filter((reading) => !reading.isOnlyPointer && !reading.isOnlySurname);
	const kept = meaningful.length > 0 ? meaningful : cleaned;
	// CEDICT lists proper-noun readings (Zhōng: China) before common ones (zhōng: middle); a reader
	// tapping 中 wants the common one first. Sort is stable, so CEDICT's order holds within each group.
	kept.sort((a, b) => Number(isProperNoun(a.pinyin)) - Number(isProperNoun(b.pinyin)));
	return kept.map(({ pinyin, definitions }): SubsetReading => [
		pinyin,
		...definitions.slice(0, MAX_DEFINITIONS_PER_READING)
	]);
}

function isProperNoun(pinyin: string): boolean {
	return pinyin !== pinyin.toLowerCase();
}

// CEDICT has no entry: keep the word tappable with pinyin-pro's reading. Citation tones (no 一/不 sandhi)
// to match CEDICT's readings elsewhere in the popup.
function readingWithoutDefinitions(word: string): SubsetReading[] {
	const isReadable = pinyinPro(word, { type: 'all' }).some((syllable) => syllable.isZh);
	if (!isReadable) return [];
	return [[pinyinPro(word, { toneSandhi: false, nonZh: 'consecutive' })]];
}

function* nestedCedictWords(text: string, cedict: CedictLookup): Generator<string> {
	for (const [run] of text.matchAll(HAN_RUNS)) {
		const characters = Array.from(run);
		for (let start = 0; start < characters.length; start++) {
			const longest = Math.min(cedict.maxWordLength, characters.length - start);
			for (let length = 2; length <= longest; length++) {
				const word = characters.slice(start, start + length).join('');
				if (cedict.has(word)) yield word;
			}
		}
	}
}
