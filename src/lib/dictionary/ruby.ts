/**
 * Build time: pinyin over each Chinese token, one syllable per character, for <ruby> markup.
 */
import { pinyin as pinyinPro } from 'pinyin-pro';
import type { Token } from './segment.ts';

export interface RubyOptions {
	/**
	 * Apply the tone changes of 一 and 不 (yí lǜ, bú duì). Off by default so the ruby agrees with the
	 * citation tones the dictionary popup shows for the same word.
	 */
	toneSandhi?: boolean;
	/**
	 * The dictionary's readings of a word (e.g. `(word) => subset[word]?.map(([pinyin]) => pinyin)`).
	 * pinyin-pro's paragraph-wide matching misreads common words next to certain neighbours (作为美国人 →
	 * zuò wèi, 要求 → yào qiú, 处于 → chù yú in the seed article), so a multi-character token whose
	 * dictionary reading is unambiguous takes that reading instead. Single characters keep pinyin-pro's
	 * contextual choice (了, 得, 行, 长 need it).
	 */
	dictionaryReadings?: (word: string) => readonly string[] | undefined;
}

/**
 * For each token: null unless it is `zh`, else one tone-marked syllable per character ('' for a
 * character pinyin-pro cannot read). The tokens are read as one text, so polyphones are chosen from
 * their context (行 in 银行 vs 行动) rather than token by token.
 */
export function rubyFor(tokens: readonly Token[], options: RubyOptions = {}): (string[] | null)[] {
	const text = tokens.map((token) => token.s).join('');
	const readings = pinyinPro(text, { type: 'all', toneSandhi: options.toneSandhi ?? false });
	const characters = Array.from(text);
	// pinyin-pro answers one item per code point; should that ever change, read token by token instead.
	const isAligned =
		readings.length === characters.length && readings.every((reading, index) => reading.origin === characters[index]);
	if (!isAligned)
		return tokens.map((token) =>
			token.k === 'zh' ? preferDictionary(token.s, syllablesOf(token.s, options), options) : null
		);

	let position = 0;
	return tokens.map((token) => {
		const length = Array.from(token.s).length;
		const syllables = readings
			.slice(position, position + length)
			.map((reading) => (reading.isZh ? reading.pinyin : ''));
		position += length;
		return token.k === 'zh' ? preferDictionary(token.s, syllables, options) : null;
	});
}

function preferDictionary(word: string, contextual: string[], options: RubyOptions): string[] {
	if (!options.dictionaryReadings || contextual.length < 2) return contextual;
	// The dictionary has citation tones only; with sandhi asked for, 一 and 不 must keep pinyin-pro's.
	if (options.toneSandhi && /[一不]/u.test(word)) return contextual;
	const candidates = new Set(
		(options.dictionaryReadings(word) ?? [])
			.map((reading) => reading.toLowerCase().split(' '))
			.filter((syllables) => syllables.length === contextual.length)
			.map((syllables) => syllables.join(' '))
	);
	if (candidates.has(contextual.join(' ')) || candidates.size !== 1) return contextual;
	const [onlyReading = ''] = candidates;
	return onlyReading.split(' ');
}

function syllablesOf(word: string, options: RubyOptions): string[] {
	return pinyinPro(word, { type: 'all', toneSandhi: options.toneSandhi ?? false }).map((reading) =>
		reading.isZh ? reading.pinyin : ''
	);
}
