/**
 * Splits paragraph text into tappable tokens. Pure: runs at build time and is safe in the browser.
 */

import type { Token } from '../model/articles.ts';

export type { Token };
export type TokenKind = Token['k'];

const HAN = /\p{Script=Han}/u;
const HAN_RUNS = /\p{Script=Han}+/gu;

// A Latin word may start with digits glued to it (3D, 5G) but digits alone are not English.
// Words join through spaces and the punctuation that lives inside names and phrases: 'full-stack', "Nvidia's",
// 'AT & T', 'Node.js', 'AI GDP Growth'. A dot joins only when a letter or digit follows at once, so
// 'AI. Then' stays two runs. A trailing '+' belongs to the word (C++, AI+). Trailing spaces never match,
// so they fall to the following punctuation token.
const LATIN_FIRST_WORD = String.raw`[0-9]*\p{Script=Latin}[\p{Script=Latin}0-9]*\+*`;
const LATIN_NEXT_WORD = String.raw`[\p{Script=Latin}0-9]+\+*`;
const LATIN_JOINER = String.raw`(?: *[\-'’+&] *| +|\.)`;
const LATIN_RUNS = new RegExp(`${LATIN_FIRST_WORD}(?:${LATIN_JOINER}${LATIN_NEXT_WORD})*`, 'gu');

/**
 * How common a word is, on the Zipf scale (log10 of occurrences per billion words: 的 ≈ 6.7, 数据 ≈ 4.9);
 * undefined when the frequency list lacks it. The full dictionary's `commonness` has this shape.
 */
export type Commonness = (word: string) => number | undefined;

// A log-probability is Zipf − 9 in base 10: Zipf counts per billion words, a probability per word.
const ZIPF_PER_WORD = 9;
// A dictionary word jieba's list lacks or lists uncounted (half its entries carry a token count of 3, Zipf
// 1.7): taken as about that rare, so that the dictionary's listing counts for something (中国人, 前几天)
// without letting a rare compound swallow two common words (都|会, not 都会 "city").
const UNCOUNTED_WORD_ZIPF = 2;
// A character the dictionary does not know at all: what jieba gives it (one count in its 60 million words).
const UNKNOWN_CHARACTER_ZIPF = 1;
// Without any frequencies every dictionary word is as likely as any other: the cut with the fewest words.
const FLAT_ZIPF = 4;
// A character that rarely stands alone (not in FREE_SINGLES) costs a hair more: among cuts that are
// otherwise alike, as when no word has a frequency, 为|数据 beats 为数|据.
const BOUND_SINGLE_COST = 1e-4;
// Each word costs a factor of ten more. jieba's counts credit single characters with every use the corpus
// did not count as a word, so a plain product over-splits (上|月, 两|国, 当|口); this evens it out.
const WORD_PENALTY = 1;

/**
 * Dictionary segmentation: each Han run is cut into `isWord` words of at most `maxLength` characters along
 * the most probable path, the method of jieba: the cut whose words' probabilities (from `commonness`, a
 * Zipf value turned into log10 P) have the largest product, each word also paying a fixed cost, and a
 * character that starts no word standing alone with a floor probability. Weighing the whole run gets
 * 在台北市 → 在|台北市 and 有机会 → 有|机会 where longest matching takes 在台 and 有机. Without frequencies
 * the cut with the fewest words wins. On a tie the longest first word is kept.
 * Latin runs become `en`; everything else (punctuation, spaces, bare numbers) `p`. Joining the tokens' `s`
 * gives back `text` exactly. Linear in the text: each position tries at most `maxLength` words.
 */
export function segment(
	text: string,
	isWord: (word: string) => boolean,
	maxLength: number,
	commonness?: Commonness
): Token[] {
	const tokens: Token[] = [];
	let position = 0;
	for (const hanRun of text.matchAll(HAN_RUNS)) {
		pushNonHan(tokens, text.slice(position, hanRun.index));
		pushHanWords(tokens, hanRun[0], isWord, maxLength, commonness);
		position = hanRun.index + hanRun[0].length;
	}
	pushNonHan(tokens, text.slice(position));
	return tokens;
}

export function isHan(character: string): boolean {
	return HAN.test(character);
}

function pushHanWords(
	tokens: Token[],
	run: string,
	isWord: (word: string) => boolean,
	maxLength: number,
	commonness: Commonness | undefined
): void {
	// Code points, not UTF-16 units, so rare characters outside the BMP are never split in half.
	const characters = Array.from(run);
	let start = 0;
	for (const length of cutRun(characters, isWord, maxLength, commonness)) {
		tokens.push({ s: characters.slice(start, start + length).join(''), k: 'zh' });
		start += length;
	}
}

/**
 * Word lengths for one Han run: the most probable path through the run's dictionary words, by dynamic
 * programming over its suffixes (jieba's route).
 */
export function cutRun(
	characters: readonly string[],
	isWord: (word: string) => boolean,
	maxLength: number,
	commonness?: Commonness
): number[] {
	const count = characters.length;
	const zipfOf = (word: string) =>
		commonness ? Math.max(commonness(word) ?? UNCOUNTED_WORD_ZIPF, UNCOUNTED_WORD_ZIPF) : FLAT_ZIPF;
	const singleZipf = (character: string) =>
		(!commonness || isWord(character) ? zipfOf(character) : UNKNOWN_CHARACTER_ZIPF) -
		(FREE_SINGLES.has(character) ? 0 : BOUND_SINGLE_COST);
	const score = (zipf: number) => zipf - ZIPF_PER_WORD - WORD_PENALTY;
	const best = new Float64Array(count + 1);
	const firstLength = new Int32Array(count + 1);
	for (let start = count - 1; start >= 0; start--) {
		const character = characters[start] ?? '';
		// A lone character always has a path, so that every run is cut.
		let chosenScore = score(singleZipf(character)) + (best[start + 1] ?? 0);
		let chosenLength = 1;
		let word = character;
		const longest = Math.min(maxLength, count - start);
		for (let length = 2; length <= longest; length++) {
			word += characters[start + length - 1];
			if (!isWord(word)) continue;
			const candidate = score(zipfOf(word)) + (best[start + length] ?? 0);
			// At least as good, since lengths grow: on a tie the longer first word is kept.
			if (candidate >= chosenScore) {
				chosenScore = candidate;
				chosenLength = length;
			}
		}
		best[start] = chosenScore;
		firstLength[start] = chosenLength;
	}
	const lengths: number[] = [];
	for (let start = 0; start < count;) {
		const length = firstLength[start] ?? 1;
		lengths.push(length);
		start += length;
	}
	return lengths;
}

// Characters that commonly make a word on their own (particles, pronouns, prepositions, measure words,
// everyday verbs). Between cuts otherwise alike, one that leaves one of these alone is likelier right than
// one that strands, say, 层 out of 层面.
const FREE_SINGLES = new Set(
	Array.from(
		'的了着过地得之所在是有和与及或并且而但又也都就才还已再只太很最更越挺蛮' +
			'将会能要可该想把被让给对向从往为以于由比跟同用按' +
			'不没别无非' +
			'我你他她它您咱这那哪谁啥什其此某各每另' +
			'吗呢吧啊呀嘛哦嗯哈' +
			'个位种类次回件项条座场辆台部本篇句家层点些样' +
			'一二三四五六七八九十百千万亿两几多少半整' +
			'人事物钱' +
			'年月日天周号时分秒' +
			'上下里外中内前后左右间边' +
			'大小新老好坏高低长短快慢热冷真' +
			'说看听做走来去到出进回起买卖拿找问叫写读吃喝住建帮打放开关选配谈'
	)
);

function pushNonHan(tokens: Token[], run: string): void {
	if (!run) return;
	let position = 0;
	for (const latinRun of run.matchAll(LATIN_RUNS)) {
		pushPunctuation(tokens, run.slice(position, latinRun.index));
		tokens.push({ s: latinRun[0], k: 'en' });
		position = latinRun.index + latinRun[0].length;
	}
	pushPunctuation(tokens, run.slice(position));
}

function pushPunctuation(tokens: Token[], run: string): void {
	if (!run) return;
	const previous = tokens.at(-1);
	// Adjacent punctuation is one token: nothing in it is looked up, and fewer tokens means less markup.
	if (previous?.k === 'p') previous.s += run;
	else tokens.push({ s: run, k: 'p' });
}
