import type { Token } from '../model/articles.ts';
import type { RecallClass } from '../scheduling/recall.ts';

/** A stretch of a paragraph in one language: an inline English term, or the Chinese text (with punctuation) between. */
export interface LanguageRun {
	text: string;
	en: boolean;
	/** Set on a word of the deck: how well the user knows it now (a run of its own, wrapped in one span). */
	recall?: RecallClass;
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

/**
 * `languageRuns` with the deck's words marked: `recall[i]` is how well the word of token `i` is known, or undefined
 * for a word not in the deck. A marked token is a run of its own, so the paragraph stays a few text nodes and spans,
 * one more span per deck word, never one element per word.
 */
export function markedRuns(tokens: readonly Token[], recall: readonly (RecallClass | undefined)[]): LanguageRun[] {
	const runs: LanguageRun[] = [];
	for (const [index, token] of tokens.entries()) {
		const mark = token.k === 'p' ? undefined : recall[index];
		const previous = runs.at(-1);
		if (mark === undefined && token.k !== 'en' && previous && !previous.en && previous.recall === undefined)
			previous.text += token.s;
		else if (mark === undefined) runs.push({ text: token.s, en: token.k === 'en' });
		else runs.push({ text: token.s, en: token.k === 'en', recall: mark });
	}
	return runs;
}
