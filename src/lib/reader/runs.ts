import type { Token } from '../model/articles.ts';

/** A stretch of a paragraph in one language: an inline English term, or the Chinese text (with punctuation) between. */
export interface LanguageRun {
	text: string;
	en: boolean;
}

/**
 * A paragraph's tokens joined into language runs: the text is rendered as a few text nodes and English spans, not
 * one element per word, and look-up finds the word from the tap point and the tokens. Each English token stays a run
 * of its own, so two adjacent terms remain two.
 */
export function languageRuns(tokens: readonly Token[]): LanguageRun[] {
	const runs: LanguageRun[] = [];
	for (const token of tokens) {
		const previous = runs.at(-1);
		if (token.k !== 'en' && previous && !previous.en) previous.text += token.s;
		else runs.push({ text: token.s, en: token.k === 'en' });
	}
	return runs;
}

const prepared = new WeakMap<readonly Token[], LanguageRun[]>();

/** `languageRuns`, worked out once per paragraph: a neighbouring card's are prepared while the reader is idle. */
export function runsOf(tokens: readonly Token[]): LanguageRun[] {
	let runs = prepared.get(tokens);
	if (!runs) prepared.set(tokens, (runs = languageRuns(tokens)));
	return runs;
}
