import { stores as defaultStores, type Stores } from '../db/lazy.ts';
import type { Article } from '../model/articles.ts';
import { isImportedArticleId } from '../model/ids.ts';
import { loadCardWords } from '../review/readingWords.ts';
import { dayStartFor } from '../scheduling/queue.ts';

/** "Learn the N new words of the next card": the card, how many of its words are new, and today's room for them. */
export interface PrepareOffer {
	articleId: string;
	cardId: string;
	/** Words on the card with a new card a session could show now. */
	words: number;
	/** New cards today's limit still allows; the session keeps to it. */
	newLeft: number;
}

/**
 * The offer, at the end of a reading card, to learn the new words of the next one before reading it. Worked out
 * once the card is painted; none when the next card has no new word of the deck (or there is no next card).
 */
export class PrepareNext {
	offer = $state.raw<PrepareOffer | undefined>(undefined);
	/** The next card the offer was last worked out for, offered or not (the reader notes it for tests to wait on). */
	checkedFor = $state<string | undefined>(undefined);
	readonly #stores: () => Promise<Stores>;
	readonly #clock: () => number;
	#asked = 0;

	constructor(loadStores: () => Promise<Stores> = defaultStores, clock: () => number = Date.now) {
		this.#stores = loadStores;
		this.#clock = clock;
	}

	async load(article: Article, nextCardId: string | undefined): Promise<void> {
		const asked = ++this.#asked;
		const articleId = article.meta.id;
		if (this.offer?.articleId !== articleId || this.offer.cardId !== nextCardId) this.offer = undefined;
		if (nextCardId === undefined) return;
		try {
			const loaded = await this.#stores();
			const [words, settings] = await Promise.all([
				loadCardWords(loaded, articleId, nextCardId, this.#stores, article),
				loaded.settings.loadSchedulerSettings()
			]);
			const now = this.#clock();
			const [fresh, withoutCards, done] = await Promise.all([
				words?.length ? loaded.cards.newCardsOf(words, now, settings) : [],
				// Opened straight into the reader, the built-in deck may have no cards yet: its words are new all the same.
				// Counted, not made: making the deck's cards here was the longest work of a first visit to a card.
				words?.length && !isImportedArticleId(articleId) ? loaded.cards.entriesWithoutCards(words) : [],
				loaded.reviews.reviewsOnDay(dayStartFor(now))
			]);
			if (asked !== this.#asked) return;
			this.checkedFor = nextCardId;
			// A word with two new cards is one word: counted once (a card's words are a few dozen at most).
			const newEntries = [...fresh.map((card) => card.entryId), ...withoutCards];
			const newWords = newEntries.filter((entryId, index) => newEntries.indexOf(entryId) === index).length;
			this.offer =
				newWords === 0
					? undefined
					: {
							articleId,
							cardId: nextCardId,
							words: newWords,
							newLeft: Math.max(0, settings.newCardsPerDay - done.newIntroduced)
						};
		} catch (error) {
			// Only an offer: the card reads as ever without it.
			console.error(error);
			if (asked === this.#asked) this.offer = undefined;
		}
	}
}
