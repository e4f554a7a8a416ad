/**
 * The one normalisation of a paragraph's text, for imported texts and for checking built-in content
 * against its source: whatever the source's quirks, the same sentence always comes out the same.
 * Pure and idempotent: normalising twice changes nothing more.
 */

const HAN = /\p{Script=Han}/u;
// Full-width and CJK punctuation (、。「」【】, ，：；？！（）…): Chinese context, like a Han character.
const CJK_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]/u;
// Characters that never belong in reading text: zero-width spaces, soft hyphens, a BOM inside the text.
const INVISIBLE = /[\u00ad\u200b\u2060\ufeff]/gu;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/gu;
const SPACES = /\s+/gu;
// Full-width Latin letters and digits (ＡＩ, ２０２５), common in GBK files, read as the ASCII ones.
const FULL_WIDTH_ALPHANUMERIC = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/gu;
const FULL_WIDTH_OFFSET = 0xfee0;

const FULL_WIDTH: Record<string, string> = {
	',': '，',
	':': '：',
	';': '；',
	'?': '？',
	'!': '！',
	'(': '（',
	')': '）'
};

/**
 * NFC; invisible and control characters removed; runs of white space made one space; half-width
 * punctuation in Chinese context made full-width; spaces between two Han characters (台 湾) and next to
 * full-width punctuation removed; trimmed. Meant for one paragraph: line breaks become spaces.
 */
export function normaliseText(text: string): string {
	const cleaned = text
		.normalize('NFC')
		.replace(INVISIBLE, '')
		.replace(CONTROL, ' ')
		.replace(FULL_WIDTH_ALPHANUMERIC, (character) => String.fromCharCode(character.charCodeAt(0) - FULL_WIDTH_OFFSET))
		.replace(SPACES, ' ');
	// One punctuation mark made full-width can set the context of the next (中,: → 中，：), so repeat until
	// nothing changes: that keeps the function idempotent. Each pass only widens, so this ends quickly.
	let widened = cleaned;
	for (let previous = ''; previous !== widened;) {
		previous = widened;
		widened = widenPunctuation(widened);
	}
	return removeStraySpaces(widened).trim();
}

/** Whether a character sets a Chinese context for the punctuation next to it. */
function isChineseContext(character: string | undefined): boolean {
	return character !== undefined && (HAN.test(character) || CJK_PUNCTUATION.test(character));
}

/** `,` `:` `;` `?` `!` `(` `)` with Chinese on either side become full-width; numbers, times and URLs keep theirs. */
function widenPunctuation(text: string): string {
	if (!/[,:;?!()]/.test(text)) return text;
	const characters = Array.from(text);
	const bracketPairs = matchBrackets(characters);
	const out = characters.slice();
	for (let index = 0; index < characters.length; index++) {
		const character = characters[index] ?? '';
		if (!(character in FULL_WIDTH)) continue;
		const before = characters[index - 1];
		const after = characters[index + 1];
		let wide: boolean;
		if (character === '(' || character === ')') {
			const partner = bracketPairs.get(index);
			wide =
				partner === undefined
					? isChineseContext(neighbour(characters, index, -1)) || isChineseContext(neighbour(characters, index, 1))
					: bracketPairIsChinese(characters, Math.min(index, partner), Math.max(index, partner));
		} else {
			const isInNumber = (character === ',' || character === ':') && isDigit(before) && isDigit(after);
			const isInUrl = character === ':' && after === '/';
			wide =
				!isInNumber &&
				!isInUrl &&
				(isChineseContext(neighbour(characters, index, -1)) || isChineseContext(neighbour(characters, index, 1)));
		}
		if (wide) out[index] = FULL_WIDTH[character] ?? character;
	}
	return out.join('');
}

/** A bracket pair is Chinese if it holds Chinese or stands next to Chinese on either side. */
function bracketPairIsChinese(characters: readonly string[], open: number, close: number): boolean {
	for (let index = open + 1; index < close; index++) if (HAN.test(characters[index] ?? '')) return true;
	return isChineseContext(neighbour(characters, open, -1)) || isChineseContext(neighbour(characters, close, 1));
}

/** Index of each bracket → index of its partner, for the brackets that pair up. */
function matchBrackets(characters: readonly string[]): Map<number, number> {
	const pairs = new Map<number, number>();
	const open: number[] = [];
	characters.forEach((character, index) => {
		if (character === '(') open.push(index);
		else if (character === ')') {
			const start = open.pop();
			if (start === undefined) return;
			pairs.set(start, index);
			pairs.set(index, start);
		}
	});
	return pairs;
}

/** The nearest character that is not a space, in one direction. */
function neighbour(characters: readonly string[], index: number, step: 1 | -1): string | undefined {
	for (let at = index + step; at >= 0 && at < characters.length; at += step) {
		const character = characters[at];
		if (character !== ' ') return character;
	}
	return undefined;
}

function isDigit(character: string | undefined): boolean {
	return character !== undefined && character >= '0' && character <= '9';
}

/** Drops a space between two Han characters, or next to full-width punctuation: Chinese sets no spaces there. */
function removeStraySpaces(text: string): string {
	if (!text.includes(' ')) return text;
	return text.replace(/ +/g, (spaces, offset: number, whole: string) => {
		const before = previousCharacter(whole, offset);
		const after = nextCharacter(whole, offset + spaces.length);
		const betweenHan = before !== undefined && after !== undefined && HAN.test(before) && HAN.test(after);
		const byPunctuation =
			(before !== undefined && CJK_PUNCTUATION.test(before)) || (after !== undefined && CJK_PUNCTUATION.test(after));
		return betweenHan || byPunctuation ? '' : spaces;
	});
}

function previousCharacter(text: string, end: number): string | undefined {
	if (end <= 0) return undefined;
	const low = text.charCodeAt(end - 1);
	const start = low >= 0xdc00 && low <= 0xdfff && end >= 2 ? end - 2 : end - 1;
	return text.slice(start, end);
}

function nextCharacter(text: string, start: number): string | undefined {
	const codePoint = text.codePointAt(start);
	return codePoint === undefined ? undefined : String.fromCodePoint(codePoint);
}
