/**
 * The whole of CC-CEDICT, simplified and traditional headwords, with a word frequency per headword: what
 * imported texts are segmented, read and looked up with. Built at build time (fullBuild.ts), fetched from
 * Duka's own origin and parsed inside the import worker; no Svelte, no Dexie, no Node. This module is the
 * format alone, so that the build can use it too; full.ts adds the loader.
 *
 * The file is UTF-8 text, one headword a line, sorted, so that it gzips small and the same data always
 * gives the same bytes. After the header line `duka-cedict<TAB>1`, fields are separated by tabs:
 *
 * 1. the headword, front-coded: one character that says how many UTF-16 units it shares with the line
 *    before ('0' + n), then the rest (报仇 after 报 is `1仇`);
 * 2. the traditional forms that read and mean exactly the same, space-separated, often none; a character
 *    that is the same as the headword's in that place is written '.' (报仇雪恨 → `報...`);
 * 3. the commonness (Zipf-like, one decimal), empty when unknown;
 * 4. one field per reading: tone-marked pinyin followed by its definitions, each after a '/' (CEDICT's own
 *    separator, so no definition holds one). The pinyin is left out when it is what the word's characters
 *    read on their own, each its first reading (报仇 bào chóu → `/to take revenge/to avenge`).
 *
 * Those three savings take about an eighth off the gzipped size (3.9 MB → 3.5 MB). Only the headwords are
 * indexed on load; a line is read when its word is asked for, so the worker pays for the few thousand words
 * of one text, not for 200,000.
 */
import type { CedictLookup, CedictSense } from './cedict.ts';

export interface FullDictionary extends CedictLookup {
	/**
	 * How common the word is in everyday Chinese, on a Zipf-like scale (log10 of occurrences per billion
	 * words: 的 ≈ 6.7, 数据 ≈ 4.9, 1–2 for rare words); higher is more common; undefined when unknown.
	 */
	commonness(word: string): number | undefined;
}

/** Where the built file is served, and its size uncompressed. */
export interface FullDictionaryAsset {
	url: string;
	bytes: number;
}

/** One headword as the build writes it. */
export interface FullDictionaryEntry {
	word: string;
	/** Traditional forms whose readings are exactly this headword's. */
	aliases: readonly string[];
	commonness: number | undefined;
	/** Readings as compactReadings leaves them: pinyin, then definitions. */
	readings: readonly (readonly [pinyin: string, ...definitions: string[]])[];
}

export const FULL_DICTIONARY_HEADER = 'duka-cedict\t1';

const FIELD = '\t';
const DEFINITION = '/';
const ALIAS = ' ';
const SAME_CHARACTER = '.';
const PREFIX_BASE = 0x30;
// Keeps the prefix character printable ASCII ('0'…'z'); a longer shared prefix is written out in part.
const MAX_PREFIX = 0x7a - PREFIX_BASE;
const LINE_BREAK = '\n';

/** The file's text for these entries, sorted by headword; throws on a value the format cannot hold. */
export function serialiseFullDictionary(entries: readonly FullDictionaryEntry[]): string {
	const sorted = [...entries].sort((a, b) => compareStrings(a.word, b.word));
	const firstPinyin = new Map<string, string>();
	for (const entry of sorted) {
		const pinyin = entry.readings[0]?.[0];
		if (pinyin === undefined) throw new Error(`dictionary entry "${entry.word}" has no reading`);
		for (const word of [entry.word, ...entry.aliases]) if (codePointLength(word) === 1) firstPinyin.set(word, pinyin);
	}
	const derive = (characters: readonly string[]) =>
		characters.map((character) => firstPinyin.get(character) ?? character).join(' ');

	let previous = '';
	const lines = sorted.map((entry) => {
		const forbidden = [FIELD, LINE_BREAK, ALIAS, SAME_CHARACTER];
		checkValue(entry.word, forbidden, entry.word);
		if (entry.word === previous) throw new Error(`dictionary entry "${entry.word}" repeats`);
		const characters = Array.from(entry.word);
		const aliases = [...entry.aliases].sort(compareStrings).map((alias) => {
			checkValue(alias, forbidden, entry.word);
			if (alias === entry.word) throw new Error(`dictionary entry "${entry.word}" is its own alias`);
			return maskAlias(alias, characters);
		});
		const readings = entry.readings.map(([pinyin, ...definitions]) => {
			for (const value of [pinyin, ...definitions]) checkValue(value, [FIELD, LINE_BREAK, DEFINITION], entry.word);
			const written = characters.length > 1 && derive(characters) === pinyin ? '' : pinyin;
			return [written, ...definitions].join(DEFINITION);
		});
		const commonness = entry.commonness === undefined ? '' : entry.commonness.toFixed(1);
		const shared = Math.min(sharedPrefix(previous, entry.word), MAX_PREFIX);
		previous = entry.word;
		const headword = String.fromCharCode(PREFIX_BASE + shared) + entry.word.slice(shared);
		return [headword, aliases.join(ALIAS), commonness, ...readings].join(FIELD);
	});
	return [FULL_DICTIONARY_HEADER, ...lines].join(LINE_BREAK) + LINE_BREAK;
}

/** A file that is not a full dictionary, or a damaged one; says which line. */
export class FullDictionaryFormatError extends Error {
	override name = 'FullDictionaryFormatError';
}

/**
 * Indexes the file's headwords (and their traditional aliases); each line's readings are parsed on first
 * use. Throws FullDictionaryFormatError on a file of another kind, or one that is cut off or damaged.
 */
export function parseFullDictionary(text: string): FullDictionary {
	const lines = text.split(LINE_BREAK);
	if (lines[0] !== FULL_DICTIONARY_HEADER)
		throw new FullDictionaryFormatError(
			`not a Duka dictionary file: it should start with "${FULL_DICTIONARY_HEADER.replace(FIELD, ' ')}"`
		);
	// The serialiser ends the file with a line break: without it the download was cut short.
	if (lines.at(-1) !== '') throw new FullDictionaryFormatError('the dictionary file is incomplete: it ends mid-line');
	lines.pop();

	const lineOf = new Map<string, number>();
	const headwords: string[] = [];
	let maxWordLength = 0;
	const damaged = (line: number, problem: string) =>
		new FullDictionaryFormatError(`the dictionary file is damaged: line ${line + 1} ${problem}`);
	const index = (word: string, line: number) => {
		if (word === '' || lineOf.has(word))
			throw damaged(line, word === '' ? 'has an empty headword' : `repeats "${word}"`);
		lineOf.set(word, line);
		// Code units bound code points from above: most words are ruled out without counting.
		if (word.length > maxWordLength) maxWordLength = Math.max(maxWordLength, codePointLength(word));
	};
	let previous = '';
	for (let line = 1; line < lines.length; line++) {
		const text = lines[line] ?? '';
		const wordEnd = text.indexOf(FIELD);
		const aliasesEnd = wordEnd < 0 ? -1 : text.indexOf(FIELD, wordEnd + 1);
		const commonnessEnd = aliasesEnd < 0 ? -1 : text.indexOf(FIELD, aliasesEnd + 1);
		if (commonnessEnd < 0) throw damaged(line, 'lacks a headword, aliases, commonness or readings');
		const shared = text.charCodeAt(0) - PREFIX_BASE;
		if (!(shared >= 0 && shared <= MAX_PREFIX && shared <= previous.length) || wordEnd < 2)
			throw damaged(line, 'has a headword that is not front-coded');
		const word = previous.slice(0, shared) + text.slice(1, wordEnd);
		previous = word;
		headwords[line] = word;
		index(word, line);
		for (let start = wordEnd + 1; start < aliasesEnd;) {
			const end = text.indexOf(ALIAS, start);
			const aliasEnd = end < 0 || end > aliasesEnd ? aliasesEnd : end;
			index(unmaskAlias(text.slice(start, aliasEnd), word), line);
			start = aliasEnd + 1;
		}
		const commonness = text.slice(aliasesEnd + 1, commonnessEnd);
		if (commonness !== '' && !Number.isFinite(Number(commonness)))
			throw damaged(line, `has a commonness "${commonness}" that is not a number`);
	}

	const sensesOf = new Map<number, readonly CedictSense[]>();
	function get(word: string): readonly CedictSense[] | undefined {
		const line = lineOf.get(word);
		if (line === undefined) return undefined;
		let senses = sensesOf.get(line);
		if (senses) return senses;
		const headword = headwords[line] ?? word;
		senses = (lines[line] ?? '')
			.split(FIELD)
			.slice(3)
			.map((reading) => {
				const [pinyin = '', ...definitions] = reading.split(DEFINITION);
				return { pinyin: pinyin || derivedPinyin(headword), definitions };
			});
		sensesOf.set(line, senses);
		return senses;
	}
	// Only a word of two or more characters has its pinyin left out, so this never comes back to itself.
	const derivedPinyin = (word: string) =>
		Array.from(word, (character) => get(character)?.[0]?.pinyin ?? character).join(' ');

	return {
		has: (word) => lineOf.has(word),
		get,
		commonness(word) {
			const line = lineOf.get(word);
			if (line === undefined) return undefined;
			const value = (lines[line] ?? '').split(FIELD, 3)[2];
			return value ? Number(value) : undefined;
		},
		maxWordLength,
		wordCount: lineOf.size
	};
}

function maskAlias(alias: string, characters: readonly string[]): string {
	const aliasCharacters = Array.from(alias);
	if (aliasCharacters.length !== characters.length) return alias;
	return aliasCharacters.map((character, at) => (character === characters[at] ? SAME_CHARACTER : character)).join('');
}

// Walks both strings a code point at a time without making arrays: there are 75,000 aliases to index.
function unmaskAlias(alias: string, word: string): string {
	if (!alias.includes(SAME_CHARACTER)) return alias;
	let unmasked = '';
	for (let at = 0, inWord = 0; at < alias.length;) {
		const wordUnits = isHighSurrogate(word.charCodeAt(inWord)) ? 2 : 1;
		if (alias[at] === SAME_CHARACTER) {
			unmasked += word.slice(inWord, inWord + wordUnits);
			at += 1;
		} else {
			const aliasUnits = isHighSurrogate(alias.charCodeAt(at)) ? 2 : 1;
			unmasked += alias.slice(at, at + aliasUnits);
			at += aliasUnits;
		}
		inWord += wordUnits;
	}
	return unmasked;
}

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;

function sharedPrefix(a: string, b: string): number {
	let length = 0;
	while (length < a.length && length < b.length && a[length] === b[length]) length++;
	// Never between the two halves of a surrogate pair: a lone half cannot be written in UTF-8.
	const unit = b.charCodeAt(length);
	return unit >= 0xdc00 && unit <= 0xdfff ? length - 1 : length;
}

function checkValue(value: string, forbidden: readonly string[], word: string): void {
	const found = forbidden.find((separator) => value.includes(separator));
	if (found !== undefined || value === '')
		throw new Error(`dictionary entry "${word}": ${JSON.stringify(value)} cannot be written in the format`);
}

// Code-unit order, the same in every locale and runtime.
function compareStrings(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function codePointLength(word: string): number {
	let length = 0;
	for (let index = 0; index < word.length; index++) {
		const unit = word.charCodeAt(index);
		// A low surrogate completes the code point its high surrogate started.
		if (unit < 0xdc00 || unit > 0xdfff) length++;
	}
	return length;
}
