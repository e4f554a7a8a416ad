import type { Stores } from '../db/lazy.ts';
import { ensureBuiltInCards, homeSummary, type HomeSummary } from '../deck/summaries.ts';
import type { DueCounts } from '../scheduling/scheduler.ts';
import { LiveQuery, type LiveStatus } from '../ui/live.svelte.ts';

/**
 * The home screen's numbers: today's due counts and the review streak, live, so a review in another tab
 * updates them too. They are watched only while something reads them (see LiveQuery).
 */
export class DueSummaryState {
	readonly #live: LiveQuery<HomeSummary | undefined>;
	/** Read only while nothing is due (home then says when the next card is): a second watch of its own. */
	readonly #nextDue: LiveQuery<number | null | undefined>;

	constructor(loadStores: () => Promise<Stores>, { clock = Date.now }: { clock?: () => number } = {}) {
		// The built-in deck's cards are made before the first count: a live query may only read, never write.
		const ready = () =>
			loadStores().then(async (loaded) => {
				await ensureBuiltInCards(loaded, clock());
				return loaded;
			});
		this.#live = new LiveQuery<HomeSummary | undefined>((loaded) => homeSummary(loaded, clock()), undefined, ready);
		this.#nextDue = new LiveQuery<number | null | undefined>(
			(loaded) => loaded.cards.nextDueAfter(clock()),
			undefined,
			loadStores
		);
		this.#clock = clock;
	}

	readonly #clock: () => number;

	/** When the next card that is not due yet falls due (null: none is scheduled); undefined until read. */
	get nextDueAt(): number | null | undefined {
		return this.#nextDue.current;
	}

	/** The time to count the next card's wait from. */
	now(): number {
		return this.#clock();
	}

	/** Whether nothing at all is left for today: no new, learning or review card. */
	get nothingDue(): boolean {
		const counts = this.counts;
		return counts !== undefined && counts.new + counts.learning + counts.review === 0;
	}

	/** Undefined until the first numbers arrive. */
	get counts(): DueCounts | undefined {
		return this.#live.current?.counts;
	}

	/** Days in a row with at least one review. */
	get streak(): number {
		return this.#live.current?.streak ?? 0;
	}

	get status(): LiveStatus {
		return this.#live.status;
	}
}
