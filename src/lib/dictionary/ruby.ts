/**
 * Build time: pinyin over each Chinese token, one syllable per character, for <ruby> markup.
 *
 * A syllable comes from the segmented word's CC-CEDICT reading when the dictionary has exactly one of that
 * length; failing that, from pinyin-pro reading the whole paragraph, corrected by the reviewed rules of
 * readingOverrides.ts for the particles and adverbs pinyin-pro reads by their most frequent reading (得 dé,
 * 地 dì, 只 zhī). A lone character never takes a dictionary reading: it depends on its neighbours.
 */
import { pinyin as pinyinPro } from 'pinyin-pro';
import type { SubsetDictionary } from './lookup.ts';
import { characterRule, WORDS_READ_IN_CONTEXT } from './readingOverrides.ts';
import type { Token } from './segment.ts';

export interface RubyOptions {
	/**
	 * Apply the tone changes of 一 and 不 (yí lǜ, bú duì). Off by default so the ruby agrees with the
	 * citation tones the dictionary popup shows for the same word.
	 */
	toneSandhi?: boolean;
	/**
	 * The dictionary's readings of a word, e.g. `readingsFromSubset(subset)`. pinyin-pro's paragraph-wide
	 * matching misreads common words next to certain neighbours (作为美国人 → zuò wèi, 要求 → yào qiú, 处于 →
	 * chù yú in the seed article), so a multi-character token whose dictionary reading is unambiguous takes it.
	 */
	dictionaryReadings?: (word: string) => readonly string[] | undefined;
}

/**
 * The dictionary's readings of a word from an article's subset, leaving out the stand-in readings the subset
 * gives words CC-CEDICT lacks (pinyin-pro's, without context, and without definitions): those must not
 * outrank the reading in context (处理量 is chǔ lǐ liàng, not pinyin-pro's liáng).
 */
export function readingsFromSubset(subset: SubsetDictionary): (word: string) => string[] | undefined {
	return (word) => subset[word]?.filter((reading) => reading.length > 1).map(([pinyin]) => pinyin);
}

/**
 * For each token: null unless it is `zh`, else one tone-marked syllable per character ('' for a
 * character pinyin-pro cannot read). The tokens are read as one text, so polyphones are chosen from
 * their context (行 in 银行 vs 行动) rather than token by token.
 */
export function rubyFor(tokens: readonly Token[], options: RubyOptions = {}): (string[] | null)[] {
	const text = tokens.map((token) => token.s).join('');
	const characters = Array.from(text);
	const contextual = contextualSyllables(text, characters, tokens, options);

	// Which characters' readings are settled by a dictionary word; the rules leave those alone.
	const fromDictionary = new Array<boolean>(characters.length).fill(false);
	const syllables = [...contextual];
	let position = 0;
	tokens.forEach((token) => {
		const length = Array.from(token.s).length;
		if (token.k === 'zh' && length > 1) {
			const reading = dictionaryReading(token.s, length, options);
			if (reading) {
				syllables.splice(position, length, ...reading);
				fromDictionary.fill(true, position, position + length);
			}
		}
		position += length;
	});

	applyCharacterRules(tokens, characters, syllables, fromDictionary);

	position = 0;
	return tokens.map((token) => {
		const length = Array.from(token.s).length;
		const reading = syllables.slice(position, position + length);
		position += length;
		return token.k === 'zh' ? reading : null;
	});
}

/** pinyin-pro's reading of the paragraph, one syllable per code point ('' where it reads nothing). */
function contextualSyllables(
	text: string,
	characters: readonly string[],
	tokens: readonly Token[],
	options: RubyOptions
): string[] {
	const readings = pinyinPro(text, { type: 'all', toneSandhi: options.toneSandhi ?? false });
	// pinyin-pro answers one item per code point; should that ever change, read token by token instead.
	const isAligned =
		readings.length === characters.length && readings.every((reading, index) => reading.origin === characters[index]);
	if (isAligned) return readings.map((reading) => (reading.isZh ? reading.pinyin : ''));
	return tokens.flatMap((token) => {
		const length = Array.from(token.s).length;
		if (token.k !== 'zh') return new Array<string>(length).fill('');
		const syllables = pinyinPro(token.s, { type: 'all', toneSandhi: options.toneSandhi ?? false }).map((reading) =>
			reading.isZh ? reading.pinyin : ''
		);
		return syllables.length === length ? syllables : new Array<string>(length).fill('');
	});
}

function dictionaryReading(word: string, length: number, options: RubyOptions): string[] | undefined {
	if (!options.dictionaryReadings || WORDS_READ_IN_CONTEXT.has(word)) return undefined;
	// The dictionary has citation tones only; with sandhi asked for, 一 and 不 must keep pinyin-pro's.
	if (options.toneSandhi && /[一不]/u.test(word)) return undefined;
	const candidates = new Set(
		(options.dictionaryReadings(word) ?? [])
			.map((reading) => reading.toLowerCase().split(' '))
			.filter((syllables) => syllables.length === length)
			.map((syllables) => syllables.join(' '))
	);
	if (candidates.size !== 1) return undefined;
	const [onlyReading = ''] = candidates;
	return onlyReading.split(' ');
}

/** Characters each side a rule sees: a clause or so, and linear in the paragraph's length. */
const CONTEXT_WINDOW = 24;

function applyCharacterRules(
	tokens: readonly Token[],
	characters: readonly string[],
	syllables: string[],
	fromDictionary: readonly boolean[]
): void {
	let position = 0;
	let previousToken = '';
	for (const token of tokens) {
		const tokenCharacters = Array.from(token.s);
		if (token.k === 'zh') {
			tokenCharacters.forEach((character, index) => {
				const at = position + index;
				const rule = characterRule(character);
				if (!rule || fromDictionary[at]) return;
				const reading = rule({
					token: token.s,
					index,
					before: characters.slice(Math.max(0, at - CONTEXT_WINDOW), at).join(''),
					after: characters.slice(at + 1, at + 1 + CONTEXT_WINDOW).join(''),
					previousToken,
					reading: syllables[at] ?? ''
				});
				if (reading !== undefined) syllables[at] = reading;
			});
		}
		position += tokenCharacters.length;
		previousToken = token.s;
	}
}
