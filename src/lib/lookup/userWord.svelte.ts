import type { UserEntryRow } from '../model/words.ts';
import { stores, type Stores } from '../db/lazy.ts';
import type { NewUserEntry } from '../db/userEntries.ts';

/** Adding the selected word to the deck: not yet, under way, done, already there, or failed. */
export type AddState = 'idle' | 'adding' | 'added' | 'exists' | 'error';

/** The looked-up word as the user's own: whether they added it before, and adding it now. */
export class UserWord {
	/** The user's entry for the selected word, once found or added. */
	mine = $state.raw<UserEntryRow | undefined>();
	addState = $state<AddState>('idle');
	#word = '';
	readonly #stores: () => Promise<Stores>;

	constructor(loadStores: () => Promise<Stores> = stores) {
		this.#stores = loadStores;
	}

	/** Forgets the last word and asks whether the user added this one before ('' when nothing is selected). */
	select(word: string): void {
		this.#word = word;
		this.mine = undefined;
		this.addState = 'idle';
		if (!word) return;
		void this.#stores()
			.then(({ userEntries }) => userEntries.getUserEntry(word))
			.then((row) => {
				// An answer about a word no longer selected is dropped.
				if (this.#word === word) this.mine = row;
			});
	}

	async add(input: NewUserEntry): Promise<void> {
		this.addState = 'adding';
		try {
			const { userEntries } = await this.#stores();
			const result = await userEntries.addUserEntry(input);
			this.mine = result.entry;
			this.addState = result.added ? 'added' : 'exists';
		} catch {
			this.addState = 'error';
		}
	}
}
