import { cardOfParagraph } from '../content/library.ts';
import { loadAnyArticle } from '../library/library.ts';
import type { VocabEntry } from '../model/words.ts';
import type { Article } from '../model/articles.ts';
import type { Stores } from '../db/lazy.ts';
import { builtInClozeCards, clozeSentence } from './cloze.ts';
import { loadBuiltInVocab, sentenceWith, splitOnTerm } from './entries.ts';

export interface WordPassage {
	/** The reading card that holds the paragraph. */
	cardId: string;
	/** The sentence the word stands in, split around it. */
	sentence: { before: string; term: string; after: string };
}

/**
 * Where a word of the deck stands in its article: the card and the sentence, for the card page and the back of a
 * flashcard. Undefined when the paragraph is gone, as for a word kept after its imported text was deleted.
 */
export function wordPassage(
	articleId: string,
	paragraphId: string,
	forms: readonly string[]
): Promise<WordPassage | undefined> {
	return loadAnyArticle(articleId)
		.then((article) => {
			const card = cardOfParagraph(article, paragraphId);
			const paragraph = card?.paragraphs.find((p) => p.id === paragraphId);
			return card && paragraph
				? { cardId: card.id, sentence: splitOnTerm(sentenceWith(paragraph.text, forms), forms) }
				: undefined;
		})
		.catch(() => undefined);
}

/** The sentence a word's cloze card is made on (see clozeSentence); undefined when its text is gone. */
export function loadClozeSentence(entry: VocabEntry): Promise<string | undefined> {
	if (entry.example) return Promise.resolve(entry.example);
	return loadAnyArticle(entry.articleId)
		.then((article) => clozeSentence(entry, article))
		.catch(() => undefined);
}

/** The cloze cards the built-in deck's words can have, from their sentences in the built-in articles. */
export async function loadBuiltInClozeCards(loadStores?: () => Promise<Stores>) {
	const entries = await loadBuiltInVocab();
	const articles = new Map<string, Article>();
	for (const id of new Set(entries.map((entry) => entry.articleId)))
		articles.set(id, await loadAnyArticle(id, loadStores));
	return builtInClozeCards(entries, articles);
}
