import type { VocabEntry } from '../model/words.ts';
import type { UserEntryRow } from '../model/words.ts';

/** A word the user added from the reader, in the same shape as the curated entries. */
export function userEntryToVocab(row: UserEntryRow): VocabEntry {
	return {
		id: row.id,
		articleId: row.articleId,
		zh: row.zh,
		pinyin: row.pinyin,
		en: row.en,
		defEn: row.defEn,
		defZh: row.defZh,
		pos: 'noun',
		tags: ['mine'],
		forms: [row.zh],
		occurrences: [{ paragraphId: row.paragraphId }],
		userMade: true,
		example: row.example
	};
}

let builtIn: Promise<VocabEntry[]> | undefined;

/** The curated vocabulary of every article, loaded on the first screen that needs it. */
export function loadBuiltInVocab(): Promise<VocabEntry[]> {
	builtIn ??= import('virtual:duka/vocab').then((module) => module.default);
	return builtIn;
}

let builtInIds: Promise<string[]> | undefined;

/** The curated vocabulary's ids only: what home needs to check the deck, at a twentieth of the size. */
export function loadBuiltInVocabIds(): Promise<string[]> {
	builtInIds ??= import('virtual:duka/vocab-ids').then((module) => module.default);
	return builtInIds;
}

/** The sentence of a paragraph that holds the term, for the back of a card. */
export function sentenceWith(paragraphText: string, forms: readonly string[]): string {
	const sentences = paragraphText.split(/(?<=[。!?!?;;])/);
	const lowered = forms.map((form) => form.toLowerCase());
	return (
		sentences.find((sentence) => lowered.some((form) => sentence.toLowerCase().includes(form)))?.trim() ?? paragraphText
	);
}

/** Splits a sentence around the first occurrence of any form, so the UI can mark the term. */
export function splitOnTerm(
	sentence: string,
	forms: readonly string[]
): { before: string; term: string; after: string } {
	const lowered = sentence.toLowerCase();
	let best: { at: number; length: number } | undefined;
	for (const form of forms) {
		const at = lowered.indexOf(form.toLowerCase());
		if (at >= 0 && (!best || at < best.at || (at === best.at && form.length > best.length)))
			best = { at, length: form.length };
	}
	if (!best) return { before: sentence, term: '', after: '' };
	return {
		before: sentence.slice(0, best.at),
		term: sentence.slice(best.at, best.at + best.length),
		after: sentence.slice(best.at + best.length)
	};
}
