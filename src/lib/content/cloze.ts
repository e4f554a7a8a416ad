import type { ClozeWay } from '../model/cards.ts';

/** What a cloze needs of a word: its Chinese, its English, and every spelling to look for in the text. */
export interface ClozeWord {
	zh: string;
	en: string;
	/** Spellings searched for in the text (zh, en, `match` forms, a traditional spelling); zh and en count anyway. */
	forms: readonly string[];
}

export interface ClozePiece {
	text: string;
	/** A blanked occurrence of the word: the card shows a gap until the answer is shown. */
	blank: boolean;
}

export interface Cloze {
	way: ClozeWay;
	/** The sentence cut into text and blanks; joined, the pieces give the sentence back. */
	pieces: ClozePiece[];
	/** The word as the sentence writes it at its first blank. */
	answer: string;
	/** The word in the other language, shown as the clue; absent when the sentence already shows it. */
	clue?: string;
}

const HAN = /\p{Script=Han}/u;
const LATIN_WORD_CHAR = /[\p{Script=Latin}\p{N}]/u;

/**
 * One code unit for one code unit, so an index in the folded text is the same index in the sentence: full-width
 * Latin letters, digits and signs and the ideographic space read as their half-width forms, and case is ignored.
 */
export function foldForMatch(text: string): string {
	let folded = '';
	for (const char of text) {
		const code = char.codePointAt(0)!;
		let plain = char;
		if (code >= 0xff01 && code <= 0xff5e) plain = String.fromCodePoint(code - 0xfee0);
		else if (code === 0x3000) plain = ' ';
		const lower = plain.toLowerCase();
		folded += lower.length === plain.length ? lower : plain;
	}
	return folded;
}

interface Span {
	at: number;
	end: number;
}

/** Where a spelling occurs; a Latin spelling only as whole words, so "AI" is not found inside "DAI" or "said". */
function occurrences(folded: string, form: string): Span[] {
	const needle = foldForMatch(form.trim());
	if (!needle) return [];
	const latin = !HAN.test(needle);
	const spans: Span[] = [];
	for (let at = folded.indexOf(needle); at >= 0; at = folded.indexOf(needle, at + 1)) {
		const end = at + needle.length;
		const clear = (char: string | undefined) => char === undefined || !LATIN_WORD_CHAR.test(char);
		if (latin && !(clear(folded[at - 1]) && clear(folded[end]))) continue;
		spans.push({ at, end });
	}
	return spans;
}

/**
 * The occurrences of a set of spellings, longest first where they overlap (台北市 over 台北), in sentence order,
 * leaving out any that overlaps a span already `taken`.
 */
function spansOf(folded: string, forms: readonly string[], taken: readonly Span[] = []): Span[] {
	const all = forms.flatMap((form) => occurrences(folded, form));
	all.sort((a, b) => b.end - b.at - (a.end - a.at) || a.at - b.at);
	const chosen: Span[] = [];
	const overlaps = (span: Span, others: readonly Span[]) => others.some((o) => span.at < o.end && o.at < span.end);
	for (const span of all) if (!overlaps(span, chosen) && !overlaps(span, taken)) chosen.push(span);
	return chosen.sort((a, b) => a.at - b.at);
}

/** The word's spellings by script: a spelling with a Chinese character is its Chinese, any other its English. */
function formsByScript(word: ClozeWord): { zh: string[]; en: string[] } {
	const forms = [...new Set([word.zh, word.en, ...word.forms].map((form) => form.trim()).filter(Boolean))];
	return { zh: forms.filter((form) => HAN.test(form)), en: forms.filter((form) => !HAN.test(form)) };
}

/** Where each language of the word stands in the sentence; the English never inside the Chinese (IT in IT预算). */
function locate(word: ClozeWord, sentence: string): { zh: Span[]; en: Span[] } {
	const folded = foldForMatch(sentence);
	const forms = formsByScript(word);
	const zh = spansOf(folded, forms.zh);
	return { zh, en: spansOf(folded, forms.en, zh) };
}

/**
 * The cloze cards a sentence gives the word: the Chinese blanked wherever the sentence holds it, and the English
 * blanked too where the sentence holds the English term as well (the article's `IT预算 IT budget`) or only it.
 */
export function clozeWays(word: ClozeWord, sentence: string): ClozeWay[] {
	const found = locate(word, sentence);
	const ways: ClozeWay[] = [];
	if (found.zh.length > 0) ways.push('clozeZh');
	if (found.en.length > 0) ways.push('clozeEn');
	return ways;
}

/**
 * The sentence with the word blanked, every occurrence of it (a second one would give the answer away), or undefined
 * when the sentence does not hold the word in that language. The clue is the other language: the English gloss for a
 * blanked Chinese word, the Chinese for a blanked English term, left out where the sentence shows it already.
 */
export function makeCloze(word: ClozeWord, sentence: string, way: ClozeWay): Cloze | undefined {
	const found = locate(word, sentence);
	const [blanks, others] = way === 'clozeZh' ? [found.zh, found.en] : [found.en, found.zh];
	if (blanks.length === 0) return undefined;
	const pieces: ClozePiece[] = [];
	let from = 0;
	for (const span of blanks) {
		if (span.at > from) pieces.push({ text: sentence.slice(from, span.at), blank: false });
		pieces.push({ text: sentence.slice(span.at, span.end), blank: true });
		from = span.end;
	}
	if (from < sentence.length) pieces.push({ text: sentence.slice(from), blank: false });
	const clueText = (way === 'clozeZh' ? word.en : word.zh).trim();
	const cloze: Cloze = { way, pieces, answer: sentence.slice(blanks[0]!.at, blanks[0]!.end) };
	if (others.length === 0 && clueText) cloze.clue = clueText;
	return cloze;
}

/**
 * The sentence with the blanks of several ways marked at once, in sentence order, for a format that holds every cloze
 * of a word in one text (Anki's Cloze note, `{{c1::…}}`, `{{c2::…}}`). Ways the sentence does not allow are left out.
 */
export function markedCloze(
	word: ClozeWord,
	sentence: string,
	ways: readonly ClozeWay[]
): { pieces: { text: string; way?: ClozeWay }[]; clues: Partial<Record<ClozeWay, string>> } {
	const found = locate(word, sentence);
	const spans = ways
		.flatMap((way) => (way === 'clozeZh' ? found.zh : found.en).map((span) => ({ ...span, way })))
		.sort((a, b) => a.at - b.at);
	const pieces: { text: string; way?: ClozeWay }[] = [];
	let from = 0;
	for (const span of spans) {
		if (span.at > from) pieces.push({ text: sentence.slice(from, span.at) });
		pieces.push({ text: sentence.slice(span.at, span.end), way: span.way });
		from = span.end;
	}
	if (from < sentence.length) pieces.push({ text: sentence.slice(from) });
	const clues: Partial<Record<ClozeWay, string>> = {};
	for (const way of ways) {
		const clue = makeCloze(word, sentence, way)?.clue;
		if (clue) clues[way] = clue;
	}
	return { pieces, clues };
}
