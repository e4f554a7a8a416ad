import { DEXIE_CHANGES_CHANNEL } from './keys.ts';

export type Stores = typeof import('./stores.ts');

let pending: Promise<Stores> | undefined;
let loadRequested: () => void = () => {};
const requested = new Promise<void>((resolve) => (loadRequested = resolve));

/** The database stores, loaded on first use; a newer Duka's database is left alone (db.ts `stepAsideFromNewer`). */
export function stores(): Promise<Stores> {
	if (!pending) {
		pending = import('./stores.ts').then(async (loaded) => {
			await loaded.stepAsideFromNewer();
			return loaded;
		});
		loadRequested();
	}
	return pending;
}

/**
 * The stores once something else has loaded them, or once another tab changes the data: for a screen that shows
 * its first numbers without the database library (home) and follows changes from then on.
 */
export function storesOnceLoaded(): Promise<Stores> {
	const otherTabs = typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(DEXIE_CHANGES_CHANNEL);
	if (otherTabs) otherTabs.onmessage = () => void stores();
	return requested.then(() => {
		otherTabs?.close();
		return stores();
	});
}
