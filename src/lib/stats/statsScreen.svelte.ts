import type { Stores } from '../db/lazy.ts';
import { statsSummary, type StatsSummary } from '../deck/summaries.ts';

export type StatsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The stats screen's figures, read once when it opens (see statsSummary). */
export class StatsScreen {
	#summary = $state.raw<StatsSummary | undefined>();
	#cloze = $state(0);
	#status = $state<StatsStatus>('idle');
	readonly #stores: () => Promise<Stores>;

	constructor(loadStores: () => Promise<Stores>) {
		this.#stores = loadStores;
	}

	get status(): StatsStatus {
		return this.#status;
	}

	/** How many of the cards are cloze cards. */
	get cloze(): number {
		return this.#cloze;
	}

	/** The figures once loaded; undefined before. */
	get summary(): StatsSummary | undefined {
		return this.#summary;
	}

	async load(now = Date.now()): Promise<void> {
		this.#status = 'loading';
		try {
			const stores = await this.#stores();
			const [summary, counts] = await Promise.all([statsSummary(stores, now), stores.cards.countByState()]);
			this.#summary = summary;
			this.#cloze = counts.cloze;
			this.#status = 'ready';
		} catch (error) {
			console.error(error);
			this.#status = 'error';
		}
	}
}
