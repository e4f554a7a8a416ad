import { createSubscriber } from 'svelte/reactivity';
import { storesOnceLoaded, type Stores } from '../db/lazy.ts';

/**
 * Whether another tab opened a newer version of the database: this tab has let go of it and must be
 * reloaded. Reading `happened` (in a template, say) starts listening; when the last reader goes, it stops.
 * Only a tab that has the database open can be told so: by default it listens once the stores are loaded, and
 * does not load them itself (a screen that never opens the database has nothing to let go of).
 */
export class UpgradeElsewhere {
	#happened = $state(false);
	readonly #subscribe: () => void;

	constructor(loadStores: () => Promise<Stores> = storesOnceLoaded) {
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
