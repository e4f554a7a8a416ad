/**
 * The reader's marks of how well the user knows the deck's words in a reading card, worked out once per card (not per
 * word per render): which tokens are deck words, and each word's memory from its cards (worked out in cardMemory.ts,
 * from scheduling/recall.ts).
 */
import type { ReadingCard } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import type { RecallClass, WordMemory } from '../scheduling/recall.ts';

/** The built-in deck's entries of an article that occur in a reading card (their occurrences say where). */
export function builtInEntriesOf(vocab: readonly VocabEntry[], articleId: string, card: ReadingCard): VocabEntry[] {
	const paragraphs = new Set(card.paragraphs.map((paragraph) => paragraph.id));
	return vocab.filter(
		(entry) =>
			entry.articleId === articleId &&
			entry.occurrences.some((at) => (at.cardId !== undefined ? at.cardId === card.id : paragraphs.has(at.paragraphId)))
	);
}

/** A word the user added from this card: it is marked in the paragraph it was taken from. */
export interface CardUserWord {
	id: string;
	zh: string;
	paragraphId: string;
}

/** A reading card's deck words as the reader marks them. */
export interface CardMemory {
	/** Each deck word's memory, by entry id. */
	words: Map<string, WordMemory>;
	/** For each paragraph, each token's mark: how well its word is known, or undefined for no deck word. */
	marks: Map<string, (RecallClass | undefined)[]>;
	/** For each paragraph, whether each token is a deck word not known yet (new, or below the desired retention). */
	unknown: Map<string, boolean[]>;
}

export const NO_CARD_MEMORY: CardMemory = { words: new Map(), marks: new Map(), unknown: new Map() };

/**
 * A paragraph's pinyin kept only over the deck words not known yet, for "pinyin only for words I don't know yet":
 * every other word shows without it. Undefined when no word of the paragraph keeps any.
 */
export function rubyOfUnknown(
	ruby: readonly (string[] | null)[] | undefined,
	unknown: readonly boolean[] | undefined
): (string[] | null)[] | undefined {
	if (!ruby || !unknown) return undefined;
	const kept = ruby.map((syllables, index) => (unknown[index] ? syllables : null));
	return kept.some((syllables) => syllables !== null) ? kept : undefined;
}

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
	return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));
}

/** Whether two workings of a card mark the same tokens the same way (the recall figures may differ). */
export function sameMarks(a: CardMemory, b: CardMemory): boolean {
	if (a.marks.size !== b.marks.size || a.unknown.size !== b.unknown.size) return false;
	for (const [id, marks] of a.marks) if (!sameList(marks, b.marks.get(id))) return false;
	for (const [id, unknown] of a.unknown) if (!sameList(unknown, b.unknown.get(id))) return false;
	return true;
}

/** The marks last worked out for the few cards read most recently, by key. */
export class PreparedMarks {
	readonly #kept = new Map<string, CardMemory>();

	constructor(readonly size: number) {}

	get(key: string): CardMemory | undefined {
		return this.#kept.get(key);
	}

	/**
	 * Keeps `memory` for `key`, or the one kept before (else `shown`, what the card shows now) when it marks the same:
	 * an unchanged card is not rendered again.
	 */
	remember(key: string, memory: CardMemory, shown?: CardMemory): CardMemory {
		const before = this.#kept.get(key) ?? shown;
		const kept = before && sameMarks(before, memory) ? before : memory;
		this.#kept.delete(key);
		this.#kept.set(key, kept);
		for (const old of this.#kept.keys()) {
			if (this.#kept.size <= this.size) break;
			this.#kept.delete(old);
		}
		return kept;
	}
}
