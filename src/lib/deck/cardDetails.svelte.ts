import type { Stores } from '../db/lazy.ts';
import type { DeletedUserEntry } from '../db/userEntries.ts';
import type { StudyCardRow } from '../model/cards.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { UserEntryRow, VocabEntry } from '../model/words.ts';
import { entryOfCard } from './cardInfo.ts';
import { loadBuiltInVocab } from './entries.ts';
import type { UserWordFields } from './userWordEdit.ts';

export type CardPageStatus = 'loading' | 'ready' | 'missing';

/** What the last edit of the user's word came to: saved, or the word was gone (deleted in another tab). */
export type WordNotice = 'saved' | 'gone' | null;

/** One card of the deck with its entry and review history, and the changes the card page makes to them. */
export class CardDetailsState {
	#card = $state.raw<StudyCardRow | undefined>();
	#builtIn = $state.raw<readonly VocabEntry[]>([]);
	/** The user's own word behind the card, which they may edit or delete; undefined for the built-in deck. */
	#userWord = $state.raw<UserEntryRow | undefined>();
	#entry = $derived(this.#card && entryOfCard(this.#card.entryId, this.#builtIn, this.#userWord));
	#history = $state.raw<ReviewLogRow[]>([]);
	#status = $state<CardPageStatus>('loading');
	#editing = $state(false);
	#notice = $state<WordNotice>(null);
	// Raw: IndexedDB cannot store the proxies of deep state, and undo writes these rows back as they are.
	#deleted = $state.raw<DeletedUserEntry | undefined>();
	#cardId = '';
	readonly #stores: () => Promise<Stores>;

	constructor(loadStores: () => Promise<Stores>) {
		this.#stores = loadStores;
	}

	get card(): StudyCardRow | undefined {
		return this.#card;
	}
	get entry(): VocabEntry | undefined {
		return this.#entry;
	}
	get userWord(): UserEntryRow | undefined {
		return this.#userWord;
	}
	get history(): ReviewLogRow[] {
		return this.#history;
	}
	get status(): CardPageStatus {
		return this.#status;
	}
	get editing(): boolean {
		return this.#editing;
	}
	get notice(): WordNotice {
		return this.#notice;
	}
	/** What the last delete removed, while it can still be undone. */
	get deleted(): DeletedUserEntry | undefined {
		return this.#deleted;
	}

	async load(cardId: string): Promise<void> {
		this.#cardId = cardId;
		const { cards, reviews, userEntries } = await this.#stores();
		this.#card = await cards.getCard(cardId);
		if (!this.#card) {
			this.#status = 'missing';
			return;
		}
		const entryId = this.#card.entryId;
		const [builtIn, mine] = await Promise.all([loadBuiltInVocab(), userEntries.getUserEntriesById([entryId])]);
		this.#builtIn = builtIn;
		this.#userWord = mine[0];
		this.#history = await reviews.reviewHistory(this.#card.id);
		this.#status = this.#entry ? 'ready' : 'missing';
	}

	async toggleSuspended(): Promise<void> {
		if (!this.#card) return;
		const { cards } = await this.#stores();
		await cards.setSuspended(this.#card.id, this.#card.suspended === 0);
		this.#card = await cards.getCard(this.#card.id);
	}

	startEditing(): void {
		this.#editing = true;
		this.#notice = null;
	}

	cancelEditing(): void {
		this.#editing = false;
	}

	/** Stores the edited fields (already cleaned by the form); a word deleted meanwhile stays deleted. */
	async saveWord(fields: UserWordFields): Promise<void> {
		if (!this.#userWord) return;
		const { userEntries } = await this.#stores();
		const word = await userEntries.updateUserEntry(this.#userWord.id, fields);
		this.#editing = false;
		this.#userWord = word;
		this.#notice = word ? 'saved' : 'gone';
		if (!word) this.#status = 'missing';
	}

	async deleteWord(): Promise<void> {
		if (!this.#userWord) return;
		const { userEntries } = await this.#stores();
		this.#deleted = await userEntries.deleteUserEntry(this.#userWord.id);
		this.#notice = null;
	}

	async undoDelete(): Promise<void> {
		if (!this.#deleted) return;
		const { userEntries } = await this.#stores();
		await userEntries.restoreUserEntry(this.#deleted);
		this.#deleted = undefined;
		await this.load(this.#cardId);
	}
}
