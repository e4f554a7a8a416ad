import type { UserEntryRow } from '../model/words.ts';
import { stores, type Stores } from '../db/lazy.ts';
import type { NewUserEntry } from '../db/userEntries.ts';
import {
	entryFromDraft,
	pickSense,
	startDraft,
	type DraftContext,
	type DraftField,
	type DraftProblem,
	type GlossDraft,
	type SenseKey
} from './gloss.ts';
import type { WordLookup } from './word.ts';
import { clozeWays } from '../content/cloze.ts';

/** Adding the selected word to the deck: not yet, under way, done, already there, or failed. */
export type AddState = 'idle' | 'adding' | 'added' | 'exists' | 'error';

/**
 * The looked-up word as the user's own: whether they added it before, the card they are making of it (a sense
 * picked, both sides editable), and adding it.
 */
export class UserWord {
	/** The user's entry for the selected word, once found or added. */
	mine = $state.raw<UserEntryRow | undefined>();
	addState = $state<AddState>('idle');
	/** The card being made, from "Add to deck" until it is added or given up. */
	draft = $state<GlossDraft | undefined>();
	problems = $state.raw<DraftProblem[]>([]);
	/** Whether the word is added with a cloze card on its sentence too; remembered from the last word added. */
	cloze = $state(false);
	/** Set when a cloze card was asked for but the word's sentence does not hold it (its Chinese edited, say). */
	clozeMissed = $state(false);
	#clozeAsked = false;
	#clozeChosen = false;
	#word = '';
	readonly #stores: () => Promise<Stores>;

	constructor(loadStores: () => Promise<Stores> = stores) {
		this.#stores = loadStores;
	}

	/** Chooses whether words are added with a cloze card, and remembers it for the next. */
	setCloze(on: boolean): void {
		this.cloze = on;
		this.#clozeAsked = true;
		this.#clozeChosen = true;
		void this.#stores().then(({ settings }) => settings.saveClozeForNewWords(on));
	}

	/** Forgets the last word and asks whether the user added this one before ('' when nothing is selected). */
	select(word: string): void {
		this.#word = word;
		this.mine = undefined;
		this.addState = 'idle';
		this.draft = undefined;
		this.problems = [];
		if (!word) return;
		void this.#stores()
			.then(({ userEntries }) => userEntries.getUserEntry(word))
			.then((row) => {
				// An answer about a word no longer selected is dropped, and one late for a word just added.
				if (this.#word === word) this.mine ??= row;
			});
	}

	/**
	 * The user's entry to show for the selected word: the one found for it, or the one just added (whose Chinese the
	 * user may have changed).
	 */
	shown(word: string): UserEntryRow | undefined {
		const mine = this.mine;
		if (!mine) return undefined;
		return mine.zh === word || this.addState === 'added' || this.addState === 'exists' ? mine : undefined;
	}

	/** Starts making a card of the word: the first sense, cut to its first clause. False when there is no sense. */
	startDraft(lookup: WordLookup): boolean {
		if (!this.#clozeAsked) {
			this.#clozeAsked = true;
			void this.#stores()
				.then(({ settings }) => settings.loadClozeForNewWords())
				.then((on) => {
					// A choice made while the remembered one was read wins.
					if (!this.#clozeChosen) this.cloze = on;
				});
		}
		this.draft = startDraft(lookup);
		this.problems = [];
		this.addState = 'idle';
		return this.draft !== undefined;
	}

	pick(lookup: WordLookup, key: SenseKey): void {
		if (!this.draft) return;
		this.draft = pickSense(this.draft, lookup, key);
		this.problems = this.problems.filter((problem) => problem.field !== 'en');
	}

	/** Changes one side of the card being made. */
	edit(field: DraftField, value: string): void {
		if (!this.draft) return;
		this.draft = { ...this.draft, [field]: value };
		this.problems = this.problems.filter((problem) => problem.field !== field);
	}

	cancelDraft(): void {
		this.draft = undefined;
		this.problems = [];
	}

	/** Adds the card being made if both sides are right; otherwise says what is wrong and keeps the draft. */
	async addDraft(lookup: WordLookup, context: DraftContext): Promise<void> {
		if (!this.draft) return;
		const result = entryFromDraft(this.draft, lookup, context);
		if (!result.ok) {
			this.problems = result.problems;
			return;
		}
		this.problems = [];
		await this.add(result.entry);
		if (this.addState === 'added' || this.addState === 'exists') this.draft = undefined;
	}

	async add(input: NewUserEntry): Promise<void> {
		this.addState = 'adding';
		this.clozeMissed = false;
		try {
			const { userEntries } = await this.#stores();
			const result = await userEntries.addUserEntry(input, Date.now(), { cloze: this.cloze });
			this.mine = result.entry;
			this.addState = result.added ? 'added' : 'exists';
			const { zh, en, example } = result.entry;
			this.clozeMissed = result.added && this.cloze && clozeWays({ zh, en, forms: [zh] }, example).length === 0;
		} catch {
			this.addState = 'error';
		}
	}
}
