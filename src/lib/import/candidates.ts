/**
 * Words to learn from a text: first its own bilingual pairs, then the words of the text the user's deck
 * lacks, most useful first: used often in this text and uncommon in everyday Chinese. Words every
 * learner knows (very common ones), lone characters that are common, numbers and words the dictionary
 * cannot explain are left out.
 */
import type { SubsetDictionary } from '../dictionary/lookup.ts';
import { lookupWord } from '../dictionary/lookup.ts';
import { cutRun } from '../dictionary/segment.ts';
import type { Token } from '../model/articles.ts';
import type { BilingualPair } from './pairs.ts';
import { sentences } from './sentences.ts';
import type { WordSuggestion } from './types.ts';

/**
 * At or above this commonness (Zipf-like: 的 ≈ 6.7, 公司 ≈ 5.9, 数据 ≈ 4.9) a word is one every learner
 * knows: 我们, 中国, 可以, 已经, 知道…
 */
export const KNOWN_BY_EVERY_LEARNER = 5.6;
/** A lone character is suggested only when it is this rare: common ones are grammar or parts of words. */
export const RARE_SINGLE_CHARACTER = 4;
/** What a word counts as when neither it nor its parts are in the frequency list. */
const UNKNOWN_COMMONNESS = 3;
/** A compound the list lacks is taken as this much rarer than its rarest known part (什么时候 from 什么, 时候). */
const COMPOUND_PENALTY = 0.5;
const CHARACTERS_PENALTY = 1.5;
/** How far rarity counts: beyond this a word is rare enough, and how often the text uses it decides. */
const MAX_RARITY = 3;
/** Names matter less to a learner than words. */
const NAME_WEIGHT = 0.5;
export const MAX_TEXT_SUGGESTIONS = 60;
const MAX_GLOSS_CHARS = 40;
const MAX_SENTENCE_CHARS = 160;

// Numbers, with or without a unit: 三, 五到十, 三年, 第二.
const NUMERALS = /^[零〇一二三四五六七八九十百千万亿两几多数第到]+[年月日天个次岁位种号点分秒周倍元块]?$/u;
// Senses that only point elsewhere or only name a surname do not explain a word.
const POINTER_SENSE =
	/^(?:\([^)]*\) )*(?:(?:old |Japanese |archaic )?variant of|see |surname |abbr\. for |erhua variant|used in )/i;
const BOUND_FORM = /^\((?:bound form|literary|coll\.|dialect|old)\)\s*/i;

export interface SuggestionParagraph {
	id: string;
	cardId: string;
	text: string;
	tokens: readonly Token[];
	ruby: readonly (readonly string[] | null)[];
}

export interface SuggestionOptions {
	pairs: readonly BilingualPair[];
	paragraphs: readonly SuggestionParagraph[];
	/** The article's subset dictionary: every word token has its readings there. */
	subset: SubsetDictionary;
	commonness: (word: string) => number | undefined;
	/** The pinyin of a phrase (a pair's Chinese side), as the article's ruby reads it. */
	pinyinOf: (phrase: string) => string;
	deckWords?: ReadonlySet<string>;
	maxTextSuggestions?: number;
}

// A sense of computing or technology: the one a tech article means (运行: "(of a computer) to run").
const TECH_SENSE =
	/^\((?:computing|of a computer|of software|software|Internet|network(?:ing)?|electronics|telecommunications|programming)\)\s*/i;
// A sense narrowed to some other subject or figurative: after the plain ones (运行: "(of celestial bodies etc)…").
const NARROW_SENSE = /^\((?:of [^)]*|fig\.)\)\s*/i;

const senseRank = (definition: string) => (TECH_SENSE.test(definition) ? 0 : NARROW_SENSE.test(definition) ? 2 : 1);

/**
 * The clearest single sense: of those that explain rather than point, a sense of computing first (Duka's texts are
 * tech articles: 开源 "(computing) open-source", not "to broaden the sources of income"), then a plain one, then one
 * narrowed to another subject; without its labels, kept short.
 */
export function clearestSense(definitions: readonly string[]): string {
	const explaining = definitions.filter((definition) => !POINTER_SENSE.test(definition));
	const best = explaining.reduce<string | undefined>(
		(chosen, definition) => (chosen === undefined || senseRank(definition) < senseRank(chosen) ? definition : chosen),
		undefined
	);
	const chosen = (best ?? definitions[0] ?? '')
		.replace(TECH_SENSE, '')
		.replace(NARROW_SENSE, '')
		.replace(BOUND_FORM, '')
		// Measure words, and the long form a gloss abbreviates (never the whole gloss: only after its words).
		.replace(/\s*\(CL:[^)]*\)|\s+\(abbr\. for [^)]*\)/g, '')
		.trim();
	// CC-CEDICT packs near-synonyms into one sense with '; ': the first is the plainest.
	const first = chosen.length > MAX_GLOSS_CHARS ? (chosen.split('; ')[0] ?? chosen) : chosen;
	if (first.length <= MAX_GLOSS_CHARS) return first;
	const cut = first.slice(0, MAX_GLOSS_CHARS);
	return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_GLOSS_CHARS / 2)).trim()}…`;
}

/** The sentence of `text` around `index`, shortened around it if very long. */
export function sentenceAt(text: string, index: number): string {
	let start = 0;
	for (const sentence of sentences(text)) {
		const end = start + sentence.length;
		if (index < end) {
			const trimmed = sentence.trim();
			if (trimmed.length <= MAX_SENTENCE_CHARS) return trimmed;
			const from = Math.max(0, index - start - MAX_SENTENCE_CHARS / 2);
			return `${from > 0 ? '…' : ''}${sentence.slice(from, from + MAX_SENTENCE_CHARS).trim()}…`;
		}
		start = end;
	}
	return text.trim().slice(0, MAX_SENTENCE_CHARS);
}

/**
 * A word's commonness, or for a compound the frequency list lacks, that of its rarest known part, a little
 * lower (a lot lower when only its single characters are known, as they are far commoner than words);
 * undefined when nothing is known.
 */
export function estimatedCommonness(
	word: string,
	commonness: (word: string) => number | undefined
): number | undefined {
	const known = commonness(word);
	if (known !== undefined) return known;
	const characters = Array.from(word);
	if (characters.length < 2) return undefined;
	let start = 0;
	let rarestWord: number | undefined;
	let rarestCharacter: number | undefined;
	for (const length of cutRun(characters, (part) => commonness(part) !== undefined, characters.length - 1)) {
		const part = characters.slice(start, start + length).join('');
		start += length;
		const partCommonness = commonness(part);
		if (partCommonness === undefined) continue;
		if (length > 1) rarestWord = Math.min(rarestWord ?? Infinity, partCommonness);
		else rarestCharacter = Math.min(rarestCharacter ?? Infinity, partCommonness);
	}
	if (rarestWord !== undefined) return rarestWord - COMPOUND_PENALTY;
	if (rarestCharacter !== undefined && start === characters.length) return rarestCharacter - CHARACTERS_PENALTY;
	return undefined;
}

interface WordTally {
	count: number;
	paragraph: SuggestionParagraph;
	tokenIndex: number;
	index: number;
}

function isName(subset: SubsetDictionary, word: string): boolean {
	const readings = subset[word] ?? [];
	return readings.length > 0 && readings.every(([pinyin]) => pinyin !== pinyin.toLowerCase());
}

function countOccurrences(paragraphs: readonly SuggestionParagraph[], phrase: string): number {
	let count = 0;
	for (const paragraph of paragraphs)
		for (let at = paragraph.text.indexOf(phrase); at >= 0; at = paragraph.text.indexOf(phrase, at + phrase.length))
			count++;
	return count;
}

/** The pairs first, in text order, then the text's words ranked by usefulness. */
export function suggestWords(options: SuggestionOptions): WordSuggestion[] {
	const { pairs, paragraphs, subset, commonness, pinyinOf } = options;
	const deckWords = options.deckWords ?? new Set<string>();
	const byId = new Map(paragraphs.map((paragraph) => [paragraph.id, paragraph]));
	const suggestions: WordSuggestion[] = [];
	const taken = new Set<string>();

	for (const pair of pairs) {
		const paragraph = byId.get(pair.paragraphId);
		if (!paragraph || deckWords.has(pair.zh) || taken.has(pair.zh)) continue;
		taken.add(pair.zh);
		suggestions.push({
			zh: pair.zh,
			pinyin: pinyinOf(pair.zh),
			gloss: pair.en,
			definitions: lookupWord(subset, pair.zh)?.[0]?.definitions ?? [],
			sentence: sentenceAt(paragraph.text, pair.index),
			paragraphId: paragraph.id,
			cardId: paragraph.cardId,
			count: Math.max(1, countOccurrences(paragraphs, pair.zh)),
			source: 'pair'
		});
	}

	const tallies = new Map<string, WordTally>();
	for (const paragraph of paragraphs) {
		let index = 0;
		paragraph.tokens.forEach((token, tokenIndex) => {
			if (token.k === 'zh') {
				const tally = tallies.get(token.s);
				if (tally) tally.count++;
				else tallies.set(token.s, { count: 1, paragraph, tokenIndex, index });
			}
			index += token.s.length;
		});
	}

	const ranked: { word: string; score: number; tally: WordTally; definitions: string[]; pinyin: string }[] = [];
	for (const [word, tally] of tallies) {
		if (taken.has(word) || deckWords.has(word) || NUMERALS.test(word)) continue;
		const known = estimatedCommonness(word, commonness);
		const zipf = known ?? UNKNOWN_COMMONNESS;
		if (zipf >= KNOWN_BY_EVERY_LEARNER) continue;
		if (Array.from(word).length === 1 && (known === undefined || zipf >= RARE_SINGLE_CHARACTER)) continue;
		// A word the frequency list lacks is as likely a chance phrase of the dictionary (得很, 都会) as a term:
		// the text must use it twice.
		if (commonness(word) === undefined && tally.count < 2) continue;
		const pinyin = (tally.paragraph.ruby[tally.tokenIndex] ?? []).join(' ');
		const definitions = lookupWord(subset, word, pinyin)?.[0]?.definitions ?? [];
		if (!definitions.some((definition) => !POINTER_SENSE.test(definition))) continue;
		const weight = isName(subset, word) ? NAME_WEIGHT : 1;
		const score = tally.count ** 0.75 * Math.min(KNOWN_BY_EVERY_LEARNER - zipf, MAX_RARITY) * weight;
		ranked.push({ word, score, tally, definitions, pinyin });
	}
	// Ties go to the word met first, so the same text always gives the same list.
	ranked.sort((a, b) => b.score - a.score);
	for (const { word, tally, definitions, pinyin } of ranked.slice(
		0,
		options.maxTextSuggestions ?? MAX_TEXT_SUGGESTIONS
	)) {
		suggestions.push({
			zh: word,
			pinyin,
			gloss: clearestSense(definitions),
			definitions,
			sentence: sentenceAt(tally.paragraph.text, tally.index),
			paragraphId: tally.paragraph.id,
			cardId: tally.paragraph.cardId,
			count: tally.count,
			source: 'text'
		});
	}
	return suggestions;
}
