import { Workbox } from 'workbox-window';

let waiting = $state(false);
let offlineReady = $state(false);
let workbox: Workbox | undefined;

/**
 * Registers the service worker from a module (an inline script would break the CSP) and reports a waiting
 * update instead of reloading: the user decides when, so a review or a note is never cut off.
 */
export const serviceWorker = {
	get updateWaiting(): boolean {
		return waiting;
	},
	get offlineReady(): boolean {
		return offlineReady;
	},
	dismissOfflineReady(): void {
		offlineReady = false;
	},
	register(url = '/sw.js'): void {
		if (workbox || !('serviceWorker' in navigator)) return;
		workbox = new Workbox(url, { scope: '/' });
		workbox.addEventListener('waiting', () => {
			waiting = true;
		});
		workbox.addEventListener('installed', (event) => {
			if (!event.isUpdate) offlineReady = true;
		});
		void workbox.register();
	},
	/** Called only from the user's tap on "Reload". */
	applyUpdate(): void {
		if (!workbox) return;
		workbox.addEventListener('controlling', () => window.location.reload());
		workbox.messageSkipWaiting();
	},
	later(): void {
		waiting = false;
	}
};
