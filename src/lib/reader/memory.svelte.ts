import { stores, type Stores } from '../db/lazy.ts';
import type { CardMemoryRows } from '../db/memory.ts';
import { loadBuiltInVocab } from '../deck/entries.ts';
import type { ReadingCard } from '../model/articles.ts';
import { isImportedArticleId } from '../model/ids.ts';
import type { VocabEntry } from '../model/words.ts';
import { LiveQuery, type LiveStatus } from '../ui/live.svelte.ts';
import { afterPaint } from './idle.ts';
import { builtInEntriesOf, NO_CARD_MEMORY, PreparedMarks, type CardMemory } from './memory.ts';

type LoadStores = () => Promise<Stores>;
type LoadVocab = () => Promise<VocabEntry[]>;

export interface CardMemoryOptions {
	loadStores?: LoadStores;
	loadVocab?: LoadVocab;
	clock?: () => number;
	/** When the vocabulary is first loaded: after the card is painted, so parsing it never holds the card back. */
	defer?: (task: () => void) => void;
}

// The built-in vocabulary once it has arrived, so every card after the first finds its entries at once.
const loadedVocab = new WeakMap<LoadVocab, readonly VocabEntry[]>();

/** The built-in entries that may occur in an article: none in an imported text (the user's words mark those). */
function vocabFor(
	articleId: string,
	loadVocab: LoadVocab,
	defer: (task: () => void) => void = (task) => task()
): readonly VocabEntry[] | Promise<readonly VocabEntry[]> {
	if (isImportedArticleId(articleId)) return [];
	return (
		loadedVocab.get(loadVocab) ??
		new Promise<void>((resolve) => defer(resolve)).then(loadVocab).then((loaded) => {
			loadedVocab.set(loadVocab, loaded);
			return loaded;
		})
	);
}

// The marks last worked out for a few cards: a card turned to renders with them in its first frame, and its live
// read only changes them if the data did. The neighbouring cards are prepared while the reader is idle.
const prepared = new PreparedMarks(8);
const keyOf = (articleId: string, card: ReadingCard) => `${articleId}\n${card.id}`;

// The marks' working-out, with recall and ts-fsrs, loaded as a card is first shown rather than with the reader; once
// here, a card turned to finds it at once.
type Workings = typeof import('./cardMemory.ts');
let workings: Workings | undefined;
const loadWorkings = (): Workings | Promise<Workings> =>
	workings ?? import('./cardMemory.ts').then((loaded) => (workings = loaded));

function computed(
	work: Workings,
	articleId: string,
	card: ReadingCard,
	builtIn: readonly VocabEntry[],
	rows: CardMemoryRows,
	now: number
): CardMemory {
	return work.cardMemory(card, articleId, builtIn, rows.userWords, rows.cards, rows.settings, now);
}

const readRows = (loaded: Stores, articleId: string, card: ReadingCard, builtIn: readonly VocabEntry[]) =>
	loaded.memory.readCardMemory(
		articleId,
		card.paragraphs.map((paragraph) => paragraph.id),
		builtIn.map((entry) => entry.id)
	);

/**
 * How well the user knows the deck's words of one reading card, live: worked out once per card from one read (and
 * again when the cards, the user's words or the settings change, here or in another tab), never per word per render.
 * Until the first read answers, the marks prepared for the card before (prepareCardMemory), or none.
 */
export class CardMemoryState {
	#live = $state.raw<LiveQuery<CardMemory> | undefined>();
	readonly #initial: CardMemory;

	constructor(articleId: string, card: ReadingCard, options: CardMemoryOptions = {}) {
		const { loadStores = stores, loadVocab = loadBuiltInVocab, clock = Date.now, defer = afterPaint } = options;
		const key = keyOf(articleId, card);
		this.#initial = prepared.get(key) ?? NO_CARD_MEMORY;
		const follow = (entries: readonly VocabEntry[], work: Workings) => {
			const builtIn = builtInEntriesOf(entries, articleId, card);
			return new LiveQuery<CardMemory>(
				async (loaded) =>
					prepared.remember(
						key,
						computed(work, articleId, card, builtIn, await readRows(loaded, articleId, card, builtIn), clock()),
						this.#initial
					),
				this.#initial,
				loadStores
			);
		};
		const entries = vocabFor(articleId, loadVocab, defer);
		const work = loadWorkings();
		if (entries instanceof Promise || work instanceof Promise)
			void Promise.all([entries, work]).then(([loaded, ready]) => (this.#live = follow(loaded, ready)), console.error);
		else this.#live = follow(entries, work);
	}

	get current(): CardMemory {
		return this.#live?.current ?? this.#initial;
	}

	get status(): LiveStatus {
		return this.#live?.status ?? 'loading';
	}
}

/** Works a card's marks out ahead (a neighbouring card, while the reader is idle), so turning to it costs no read. */
export async function prepareCardMemory(
	articleId: string,
	card: ReadingCard,
	options: CardMemoryOptions = {}
): Promise<void> {
	const { loadStores = stores, loadVocab = loadBuiltInVocab, clock = Date.now } = options;
	const builtIn = builtInEntriesOf(await vocabFor(articleId, loadVocab), articleId, card);
	const rows = await readRows(await loadStores(), articleId, card, builtIn);
	prepared.remember(keyOf(articleId, card), computed(await loadWorkings(), articleId, card, builtIn, rows, clock()));
}
