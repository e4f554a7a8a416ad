import { createSubscriber } from 'svelte/reactivity';
import { stores, type Stores } from '../db/lazy.ts';

/**
 * Whether another tab opened a newer version of the database: this tab has let go of it and must be
 * reloaded. Reading `happened` (in a template, say) starts listening; when the last reader goes, it stops.
 */
export class UpgradeElsewhere {
	#happened = $state(false);
	readonly #subscribe: () => void;

	constructor(loadStores: () => Promise<Stores> = stores) {
		this.#subscribe = createSubscriber(() => {
			let stop: (() => void) | undefined;
			let active = true;
			void loadStores().then(({ onUpgradeElsewhere }) => {
				if (active) stop = onUpgradeElsewhere(() => (this.#happened = true));
			});
			return () => {
				active = false;
				stop?.();
			};
		});
	}

	get happened(): boolean {
		this.#subscribe();
		return this.#happened;
	}
}
