import { createSubscriber } from 'svelte/reactivity';
import { stores, type Stores } from '../db/lazy.ts';

export type LiveStatus = 'loading' | 'ready' | 'error';

/**
 * A database query as a reactive value that follows the data, in this tab or another one. Reading
 * `current` (or `status`) in an effect or a template starts watching; when the last reader goes, the
 * watch stops by itself, so no screen has to remember to clean up.
 */
export class LiveQuery<T> {
	#value: T = $state.raw() as T;
	#status = $state<LiveStatus>('loading');
	#error = $state<unknown>(undefined);
	readonly #subscribe: () => void;

	constructor(query: (loaded: Stores) => Promise<T>, initial: T, loadStores: () => Promise<Stores> = stores) {
		this.#value = initial;
		this.#subscribe = createSubscriber((update) => {
			let stop: (() => void) | undefined;
			let active = true;
			void loadStores().then(
				(loaded) => {
					if (!active) return;
					stop = loaded.watch(
						() => query(loaded),
						(value) => {
							this.#value = value;
							this.#status = 'ready';
							update();
						},
						(error) => {
							console.error(error);
							this.#error = error;
							this.#status = 'error';
							update();
						}
					);
				},
				(error: unknown) => {
					this.#error = error;
					this.#status = 'error';
					update();
				}
			);
			return () => {
				active = false;
				stop?.();
			};
		});
	}

	/** The latest result (the initial value until the first one arrives). */
	get current(): T {
		this.#subscribe();
		return this.#value;
	}

	get status(): LiveStatus {
		this.#subscribe();
		return this.#status;
	}

	get error(): unknown {
		this.#subscribe();
		return this.#error;
	}
}
