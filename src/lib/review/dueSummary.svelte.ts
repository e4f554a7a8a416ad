import type { Stores } from '../db/lazy.ts';
import { ensureBuiltInCards, homeSummary, type HomeSummary, type QuickHome } from '../deck/summaries.ts';
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

	/** The first numbers, read without the database library (summaries.ts `quickHomeSummary`), until the live ones. */
	#quick = $state.raw<QuickHome | undefined>();

	/**
	 * With `quick`, the first numbers come from it, and the database library is loaded only once something else
	 * loads it (`whenLoaded`: the automatic backup, a few seconds in), the numbers then following every change;
	 * without an answer from `quick`, at once, as without it.
	 */
	constructor(
		loadStores: () => Promise<Stores>,
		{
			clock = Date.now,
			quick,
			whenLoaded = loadStores
		}: {
			clock?: () => number;
			quick?: (now: number) => Promise<QuickHome | undefined>;
			whenLoaded?: () => Promise<Stores>;
		} = {}
	) {
		let quickRead: Promise<QuickHome | undefined> | undefined;
		const readQuickly = () =>
			(quickRead ??= (quick?.(clock()) ?? Promise.resolve(undefined)).then(
				(answer) => (this.#quick = answer),
				() => undefined
			));
		const storesForLive = () => readQuickly().then((answer) => (answer ? whenLoaded() : loadStores()));
		// The built-in deck's cards are made before the first count: a live query may only read, never write.
		const ready = () =>
			storesForLive().then(async (loaded) => {
				await ensureBuiltInCards(loaded, clock());
				return loaded;
			});
		this.#live = new LiveQuery<HomeSummary | undefined>((loaded) => homeSummary(loaded, clock()), undefined, ready);
		this.#nextDue = new LiveQuery<number | null | undefined>(
			(loaded) => loaded.cards.nextDueAfter(clock()),
			undefined,
			storesForLive
		);
		this.#clock = clock;
	}

	readonly #clock: () => number;

	/** The live numbers once they come, the quick ones until then. */
	get #summary(): HomeSummary | undefined {
		return this.#live.current ?? this.#quick?.summary;
	}

	/** When the next card that is not due yet falls due (null: none is scheduled); undefined until read. */
	get nextDueAt(): number | null | undefined {
		return this.#nextDue.current !== undefined || this.#live.current ? this.#nextDue.current : this.#quick?.nextDue;
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
		return this.#summary?.counts;
	}

	/** Days in a row with at least one review. */
	get streak(): number {
		return this.#summary?.streak ?? 0;
	}

	get status(): LiveStatus {
		const live = this.#live.status;
		return live === 'loading' && this.#quick ? 'ready' : live;
	}
}
