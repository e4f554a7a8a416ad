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
 * Dictionary segmentation: each Han run is cut into `isWord` words of at most `maxLength` characters,
 * choosing, among all cuts, the one with the fewest words, then the fewest lone characters that rarely
 * stand alone, then the longest first word (what forward maximum matching would take).
 * Plain forward matching mis-cuts common phrases: 转型为数据中心 → 为数|据|中心 (为数 is a word),
 * 走在行业 → 在行|业; plain backward matching as often goes wrong the other way (层|面的, 聊|天时).
 * A character that starts no word stands alone. Latin runs become `en`; everything else (punctuation,
 * spaces, bare numbers) `p`. Joining the tokens' `s` gives back `text` exactly.
 */
export function segment(text: string, isWord: (word: string) => boolean, maxLength: number): Token[] {
	const tokens: Token[] = [];
	let position = 0;
	for (const hanRun of text.matchAll(HAN_RUNS)) {
		pushNonHan(tokens, text.slice(position, hanRun.index));
		pushHanWords(tokens, hanRun[0], isWord, maxLength);
		position = hanRun.index + hanRun[0].length;
	}
	pushNonHan(tokens, text.slice(position));
	return tokens;
}

export function isHan(character: string): boolean {
	return HAN.test(character);
}

function pushHanWords(tokens: Token[], run: string, isWord: (word: string) => boolean, maxLength: number): void {
	// Code points, not UTF-16 units, so rare characters outside the BMP are never split in half.
	const characters = Array.from(run);
	let start = 0;
	for (const length of cutRun(characters, isWord, maxLength)) {
		tokens.push({ s: characters.slice(start, start + length).join(''), k: 'zh' });
		start += length;
	}
}

interface CutCost {
	words: number;
	boundSingles: number;
	/** Length of the first word of the best cut of this suffix. */
	firstLength: number;
}

/** Word lengths for one Han run, by dynamic programming over its suffixes. */
export function cutRun(characters: readonly string[], isWord: (word: string) => boolean, maxLength: number): number[] {
	const count = characters.length;
	const best: CutCost[] = new Array<CutCost>(count + 1);
	best[count] = { words: 0, boundSingles: 0, firstLength: 0 };
	for (let start = count - 1; start >= 0; start--) {
		let chosen: CutCost | undefined;
		// Longest first, so on a full tie the longest first word is kept.
		for (let length = Math.min(maxLength, count - start); length >= 1; length--) {
			if (length > 1 && !isWord(characters.slice(start, start + length).join(''))) continue;
			const rest = best[start + length];
			if (!rest) continue;
			const isBoundSingle = length === 1 && !FREE_SINGLES.has(characters[start] ?? '');
			const candidate: CutCost = {
				words: rest.words + 1,
				boundSingles: rest.boundSingles + (isBoundSingle ? 1 : 0),
				firstLength: length
			};
			if (!chosen || isCheaper(candidate, chosen)) chosen = candidate;
		}
		best[start] = chosen ?? { words: Infinity, boundSingles: Infinity, firstLength: 1 };
	}
	const lengths: number[] = [];
	for (let start = 0; start < count;) {
		const length = best[start]?.firstLength ?? 1;
		lengths.push(length);
		start += length;
	}
	return lengths;
}

function isCheaper(candidate: CutCost, other: CutCost): boolean {
	if (candidate.words !== other.words) return candidate.words < other.words;
	return candidate.boundSingles < other.boundSingles;
}

// Characters that commonly make a word on their own (particles, pronouns, prepositions, measure words,
// everyday verbs). A cut that leaves one of these alone is likelier right than one that strands, say, 层
// out of 层面: this stands in for the character frequencies the segmenter does not have.
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
