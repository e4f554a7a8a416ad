import { whenIdle } from './idle.ts';

/**
 * The reading cards kept built beside the one on screen, hidden: its neighbours, built one per idle moment once the
 * card is painted, so that a turn to one of them only shows it (building a card was most of a turn's time). A card
 * turned away from stays built, as the neighbour it has become; one that is no longer a neighbour goes when the
 * page is next idle, so a turn never waits for a card to be taken down either.
 */
export class CardsBuiltAhead {
	/** The cards built besides the one shown, in the order they were built. */
	ids = $state.raw<readonly string[]>([]);

	readonly #schedule: (task: () => void) => () => void;

	/** `schedule` runs a task when the page is idle and returns what cancels it (`whenIdle`; tests pass their own). */
	constructor(schedule: (task: () => void) => () => void = whenIdle) {
		this.#schedule = schedule;
	}

	/**
	 * Lets go of every card built ahead at once: how the text is rendered changed (pinyin, tone colours, marks), and
	 * rendering hidden cards anew would multiply the cost of the switch. `prepare` builds them again.
	 */
	forget(): void {
		if (this.ids.length > 0) this.ids = [];
	}

	/** The card being turned away from stays built. */
	keep(id: string): void {
		if (!this.ids.includes(id)) this.ids = [...this.ids, id];
	}

	/**
	 * Builds `neighbours` (the nearest first) one per idle moment, and lets go of any other card at the first of
	 * them. Returns what cancels what is still to come (for an effect to return, as the neighbours change).
	 */
	prepare(neighbours: readonly (string | undefined)[]): () => void {
		const wanted = neighbours.filter((id) => id !== undefined);
		let cancel = () => {};
		const step = (first: boolean) => {
			const kept = first ? this.ids.filter((id) => wanted.includes(id)) : this.ids;
			const next = wanted.find((id) => !kept.includes(id));
			const ids = next === undefined ? kept : [...kept, next];
			if (ids.length !== this.ids.length || ids.some((id, i) => id !== this.ids[i])) this.ids = ids;
			if (wanted.some((id) => !ids.includes(id))) cancel = this.#schedule(() => step(false));
		};
		cancel = this.#schedule(() => step(true));
		return () => cancel();
	}
}
