import type { Article } from '../model/articles.ts';
import { isClozeWay, type CardDirection, type ClozeWay } from '../model/cards.ts';
import type { VocabEntry } from '../model/words.ts';
import { clozeWays, makeCloze, type Cloze } from '../content/cloze.ts';
import { sentenceWith } from './entries.ts';

/** The occurrence a card stands for: the first in a reading card (as its back and its link show), or the first. */
export const cardOccurrence = (entry: VocabEntry) => entry.occurrences.find((o) => o.cardId) ?? entry.occurrences[0];

/** The spellings a cloze looks for: the entry's forms, with its Chinese and English whatever the forms hold. */
const clozeWord = (entry: VocabEntry) => ({ zh: entry.zh, en: entry.en, forms: entry.forms });

/**
 * The sentence a word's cloze is made on: a word of the user's keeps the one it was taken from; a built-in word's
 * is the sentence of its occurrence's paragraph that holds it. Undefined when the paragraph is not in the article.
 */
export function clozeSentence(entry: VocabEntry, article: Article | undefined): string | undefined {
	if (entry.example) return entry.example;
	const occurrence = cardOccurrence(entry);
	if (!article || !occurrence) return undefined;
	for (const card of article.cards) {
		const paragraph = card.paragraphs.find((p) => p.id === occurrence.paragraphId);
		if (paragraph) return sentenceWith(paragraph.text, entry.forms.length > 0 ? entry.forms : [entry.zh]);
	}
	return undefined;
}

/** The cloze a card shows, or undefined when its sentence no longer holds the word (an edited text, say). */
export function clozeOfCard(entry: VocabEntry, way: ClozeWay, sentence: string | undefined): Cloze | undefined {
	return sentence === undefined ? undefined : makeCloze(clozeWord(entry), sentence, way);
}

/** The cloze cards to make for built-in words: each way its sentence allows (see content/cloze.ts). */
export function builtInClozeCards(
	entries: readonly VocabEntry[],
	articles: ReadonlyMap<string, Article>
): { entryId: string; direction: ClozeWay }[] {
	return entries.flatMap((entry) => {
		const sentence = clozeSentence(entry, articles.get(entry.articleId));
		return sentence === undefined
			? []
			: clozeWays(clozeWord(entry), sentence).map((direction) => ({ entryId: entry.id, direction }));
	});
}

/** The kind of card as the deck filters it: one of the two flashcards, or a cloze. */
export type CardKind = 'flashcard' | 'cloze';

export const cardKind = (direction: CardDirection): CardKind => (isClozeWay(direction) ? 'cloze' : 'flashcard');
