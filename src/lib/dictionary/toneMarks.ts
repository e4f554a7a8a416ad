/**
 * Numbered pinyin as CC-CEDICT writes it ('shu4 ju4', 'nu:3', 'lv4', 'zi5')
 * turned into tone-marked pinyin ('shù jù', 'nǚ', 'lǜ', 'zi').
 * Pure, so both the build and the browser may use it.
 */

// Combining marks, so one code path covers vowels and the rare syllabic m/n (ḿ, ň); NFC folds them.
const TONE_MARKS: Record<string, string> = { '1': '\u0304', '2': '\u0301', '3': '\u030C', '4': '\u0300' };

const NUMBERED_SYLLABLE = /^([A-Za-z:^]+)([0-5])$/;

/** Converts one syllable; anything that is not a numbered syllable (a letter, ',', '·') comes back unchanged. */
export function toneMarkSyllable(numbered: string): string {
	const match = NUMBERED_SYLLABLE.exec(numbered);
	if (!match) return spellUmlaut(numbered);
	const letters = spellUmlaut(match[1] ?? '', true);
	const mark = TONE_MARKS[match[2] ?? ''];
	if (!mark) return letters;
	const index = toneMarkIndex(letters);
	if (index < 0) return letters;
	return (letters.slice(0, index + 1) + mark + letters.slice(index + 1)).normalize('NFC');
}

/** A syllable's tone: 1–4, and 5 for the neutral tone (as numbered pinyin writes it: 'zi5'). */
export type Tone = 1 | 2 | 3 | 4 | 5;

const TONE_OF_MARK = new Map(Object.entries(TONE_MARKS).map(([tone, mark]) => [mark, Number(tone) as Tone]));

/**
 * The tone of one syllable, from its mark ('zhōng' → 1, 'lǜ' → 4, precomposed or combining), or else from a
 * tone number at its end ('zhong1'); a syllable with neither is in the neutral tone ('de', the 'r' of erhua).
 */
export function toneOf(syllable: string): Tone {
	for (const character of syllable.normalize('NFD')) {
		const tone = TONE_OF_MARK.get(character);
		if (tone) return tone;
	}
	const number = /[1-5]$/.exec(syllable)?.[0];
	return number ? (Number(number) as Tone) : 5;
}

/** Converts a whole space-separated reading, e.g. 'Ying1 wei3 da2' → 'Yīng wěi dá'. */
export function toneMarkPinyin(numbered: string): string {
	return numbered.trim().split(/\s+/).map(toneMarkSyllable).join(' ');
}

// CEDICT writes ü as 'u:'; some sources use 'v'. A bare 'v' is only ü inside a numbered syllable,
// otherwise it is the letter V (as in 'D V D').
function spellUmlaut(letters: string, vIsUmlaut = false): string {
	let spelled = letters.replace(/u:/g, 'ü').replace(/U:/g, 'Ü').replace(/e\^/g, 'ê').replace(/E\^/g, 'Ê');
	if (vIsUmlaut) spelled = spelled.replace(/v/g, 'ü').replace(/V/g, 'Ü');
	return spelled;
}

// The standard rule: a or e takes the mark, o in 'ou' does, otherwise the last vowel; syllabic m/n/ng carry it
// themselves.
function toneMarkIndex(letters: string): number {
	const lower = letters.toLowerCase();
	const aOrE = lower.search(/[aeê]/);
	if (aOrE >= 0) return aOrE;
	const ou = lower.indexOf('ou');
	if (ou >= 0) return ou;
	for (let index = lower.length - 1; index >= 0; index--) {
		if ('iouü'.includes(lower[index] ?? '')) return index;
	}
	return lower.search(/[mn]/);
}

const BRACKETED_PINYIN = /\[([A-Za-z:^0-9 ,·]+)\]/g;
// In definitions CEDICT cross-references words as 'traditional|simplified[pinyin]'; readers of simplified text need
// only the latter.
const TRADITIONAL_SIMPLIFIED_PAIR = /[\p{Script=Han}\u3006\u3007]+\|([\p{Script=Han}\u3006\u3007]+)/gu;

/** Makes a CEDICT definition readable: 'see 傳|传[chuan2]' → 'see 传[chuán]'. */
export function tidyDefinition(definition: string): string {
	return definition
		.replace(TRADITIONAL_SIMPLIFIED_PAIR, '$1')
		.replace(BRACKETED_PINYIN, (_whole, numbered: string) => `[${toneMarkPinyin(numbered)}]`);
}
