import type { Stores } from '../db/lazy.ts';
import { statsSummary, type StatsSummary } from '../deck/summaries.ts';

export type StatsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The stats screen's figures, read once when it opens (see statsSummary). */
export class StatsScreen {
	#summary = $state.raw<StatsSummary | undefined>();
	#status = $state<StatsStatus>('idle');
	readonly #stores: () => Promise<Stores>;

	constructor(loadStores: () => Promise<Stores>) {
		this.#stores = loadStores;
	}

	get status(): StatsStatus {
		return this.#status;
	}

	/** The figures once loaded; undefined before. */
	get summary(): StatsSummary | undefined {
		return this.#summary;
	}

	async load(now = Date.now()): Promise<void> {
		this.#status = 'loading';
		try {
			this.#summary = await statsSummary(await this.#stores(), now);
			this.#status = 'ready';
		} catch (error) {
			console.error(error);
			this.#status = 'error';
		}
	}
}
