/**
 * What the word sheet shows for a tapped word: the word as selected, its pinyin as read in the paragraph,
 * its dictionary senses, the deck entry for it and the entry to add. No DOM here: offsets are UTF-16 units
 * into the paragraph text, as in dictionary/lookup.ts.
 */
import type { Token } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import {
	lookupWord,
	narrow,
	pinyinFor,
	widen,
	type SelectionCandidate,
	type SubsetDictionary,
	type TextRange,
	type WordSense
} from '../dictionary/lookup.ts';

export interface WordPart {
	word: string;
	senses: WordSense[];
}

export interface WordLookup {
	word: string;
	range: TextRange;
	/** As read here: the paragraph's ruby when it covers the word, else the dictionary's first reading. */
	pinyin: string;
	/** Dictionary readings, the one read here first; empty when the dictionary does not have the word. */
	senses: WordSense[];
	/** For a word without definitions (a deck term CEDICT lacks, or a widened selection): the words inside it. */
	parts: WordPart[];
}

export interface SelectionSteps {
	addBefore: SelectionCandidate | null;
	dropFirst: SelectionCandidate | null;
	dropLast: SelectionCandidate | null;
	addAfter: SelectionCandidate | null;
}

/** Where each token starts and ends in the paragraph text. */
export function tokenRanges(tokens: readonly Token[]): TextRange[] {
	let start = 0;
	return tokens.map((token) => {
		const range = { start, end: start + token.s.length };
		start = range.end;
		return range;
	});
}

/**
 * The ruby syllables over the characters of `range`, or undefined unless every Han character in it has one
 * (the ruby is per token; a selection may cross tokens after widening).
 */
export function syllablesIn(
	tokens: readonly Token[],
	ruby: readonly (readonly string[] | null)[] | undefined,
	range: TextRange
): string[] | undefined {
	if (!ruby) return undefined;
	const syllables: string[] = [];
	let offset = 0;
	for (const [index, token] of tokens.entries()) {
		const tokenEnd = offset + token.s.length;
		if (tokenEnd > range.start && offset < range.end) {
			const readings = token.k === 'zh' ? ruby[index] : null;
			let at = offset;
			for (const [position, character] of Array.from(token.s).entries()) {
				if (at >= range.start && at < range.end && HAN.test(character)) {
					const syllable = readings?.[position];
					if (!syllable) return undefined;
					syllables.push(syllable);
				}
				at += character.length;
			}
		}
		offset = tokenEnd;
		if (offset >= range.end) break;
	}
	return syllables.length > 0 ? syllables : undefined;
}

const HAN = /^\p{Script=Han}$/u;

export function lookUp(
	subset: SubsetDictionary,
	text: string,
	range: TextRange,
	contextSyllables?: readonly string[]
): WordLookup {
	const word = text.slice(range.start, range.end);
	const context = contextSyllables?.join(' ');
	const senses = lookupWord(subset, word, context) ?? [];
	const hasDefinitions = senses.some((sense) => sense.definitions.length > 0);
	return {
		word,
		range,
		pinyin: context ?? senses[0]?.pinyin ?? pinyinFor(subset, word),
		senses,
		parts: hasDefinitions ? [] : partsOf(subset, word)
	};
}

/** The longest words with definitions inside `word`, left to right, never `word` itself. */
export function partsOf(subset: SubsetDictionary, word: string): WordPart[] {
	const characters = Array.from(word);
	if (characters.length < 2) return [];
	const parts: WordPart[] = [];
	for (let start = 0; start < characters.length;) {
		let taken = 1;
		for (let length = Math.min(characters.length - start, characters.length - 1); length >= 1; length--) {
			const candidate = characters.slice(start, start + length).join('');
			const senses = (lookupWord(subset, candidate) ?? []).filter((sense) => sense.definitions.length > 0);
			if (senses.length > 0) {
				parts.push({ word: candidate, senses });
				taken = length;
				break;
			}
		}
		start += taken;
	}
	return parts;
}

export function selectionSteps(subset: SubsetDictionary, text: string, range: TextRange): SelectionSteps {
	const wider = widen(subset, text, range);
	const narrower = narrow(subset, text, range);
	return {
		addBefore: wider.withPrevious,
		dropFirst: narrower.withoutFirst,
		dropLast: narrower.withoutLast,
		addAfter: wider.withNext
	};
}

// A sentence ends after 。!?;… and any closing quotes or brackets that follow them.
const SENTENCE = /[^。!?!?;;…]*(?:[。!?!?;;…]+[”’」』)】》]*|$)/gu;

/** The sentence (or sentences) of `text` that hold `range`, trimmed. */
export function sentenceAround(text: string, range: TextRange): string {
	let first = -1;
	let last = -1;
	let from = 0;
	let to = text.length;
	for (const match of text.matchAll(SENTENCE)) {
		if (match[0] === '') continue;
		const start = match.index;
		const end = start + match[0].length;
		if (first < 0 && range.start < end) {
			first = start;
			from = start;
		}
		if (first >= 0 && last < 0 && range.end <= end) {
			last = end;
			to = end;
			break;
		}
	}
	return text.slice(from, to).trim();
}

function normalised(term: string): string {
	return term
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[\s\u00a0]+/g, ' ')
		.replace(/^[\s"'“”‘’(),.;:!?-]+|[\s"'“”‘’(),.;:!?-]+$/g, '');
}

/** The deck entry for a Chinese word, one from the same article first. */
export function deckEntryForWord(
	entries: readonly VocabEntry[],
	zh: string,
	articleId?: string
): VocabEntry | undefined {
	const matches = entries.filter((entry) => entry.zh === zh);
	return matches.find((entry) => entry.articleId === articleId) ?? matches[0];
}

/**
 * The deck entry an inline English term belongs to: one with that spelling among its forms, else the one
 * whose form covers most of the term (a term like "AI factories" for the form "AI factory" matches
 * neither way, and is not guessed at).
 */
export function deckEntryForTerm(
	entries: readonly VocabEntry[],
	term: string,
	articleId?: string
): VocabEntry | undefined {
	const wanted = normalised(term);
	if (!wanted) return undefined;
	const sameArticleFirst = [...entries].sort(
		(a, b) => Number(b.articleId === articleId) - Number(a.articleId === articleId)
	);
	const exact = sameArticleFirst.find((entry) => entry.forms.some((form) => normalised(form) === wanted));
	if (exact) return exact;
	let best: { entry: VocabEntry; length: number } | undefined;
	for (const entry of sameArticleFirst) {
		for (const form of entry.forms.map(normalised)) {
			if (!/[a-z]/.test(form) || form.length < 2) continue;
			const covers = wanted.includes(form) || form.includes(wanted);
			if (covers && (!best || form.length > best.length)) best = { entry, length: form.length };
		}
	}
	return best?.entry;
}
