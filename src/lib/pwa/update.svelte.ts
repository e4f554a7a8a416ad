import { Workbox } from 'workbox-window';
import { chunkRecovery, lastChunkReload, noteChunkReload } from './chunkReload.ts';

/** Why a piece of the app's code could not load: the device is offline, or a reload did not bring it. */
export type ChunkProblem = 'offline' | 'failed';

/** How far a first visit's service worker has come with storing the app for offline use. */
type FirstInstall = 'none' | 'installing' | 'failed';

let waiting = $state(false);
let runningElsewhere = $state(false);
let offlineReady = $state(false);
let firstInstall = $state<FirstInstall>('none');
let online = $state(true);
let notReadyDismissed = $state(false);
let chunkProblem = $state<ChunkProblem | undefined>();
// A chunk failed to load: the code this tab runs may ask for files that are gone.
let chunksMissing = false;
let workbox: Workbox | undefined;
let accepting = false;
let offlineDuringInstall = false;
let scriptUrl = '/sw.js';

function start(): void {
	const instance = new Workbox(scriptUrl, { scope: '/' });
	workbox = instance;
	instance.addEventListener('waiting', () => {
		if (instance === workbox) waiting = true;
	});
	instance.addEventListener('installed', () => {
		if (instance !== workbox || firstInstall === 'none') return;
		firstInstall = 'none';
		offlineReady = true;
	});
	// A first install that fails (the network went away mid-way) leaves nothing behind: it starts again online.
	instance.addEventListener('redundant', () => {
		if (instance === workbox) firstInstallFailed();
	});
	instance.register().then(
		(registered) => {
			// A worker already active (a hard reload skips it) has stored the app before.
			if (instance === workbox && registered?.active && !registered.installing && firstInstall === 'installing')
				firstInstall = 'none';
		},
		() => {
			if (instance === workbox) firstInstallFailed();
		}
	);
}

/**
 * The first install failed. If the network went away during it and is back already (its failure can come
 * after the `online` event), it starts again at once; otherwise at the next `online` event.
 */
function firstInstallFailed(): void {
	if (firstInstall !== 'installing') return;
	if (offlineDuringInstall && navigator.onLine) {
		offlineDuringInstall = false;
		start();
	} else {
		firstInstall = 'failed';
	}
}

/** sessionStorage, or nothing where it cannot even be reached (storage blocked for the site). */
function sessionStore(): Storage | undefined {
	try {
		return window.sessionStorage;
	} catch {
		return undefined;
	}
}

/** One full page load of the target, unless offline or right after such a load (a reload loop). */
function loadWhole(target: URL): void {
	const now = Date.now();
	const storage = sessionStore();
	const recovery = chunkRecovery(navigator.onLine, storage && lastChunkReload(storage), now);
	if (recovery === 'reload' && storage && noteChunkReload(storage, now)) window.location.assign(target.href);
	else chunkProblem = recovery === 'offline' ? 'offline' : 'failed';
}

function onControllerChange(previous: ServiceWorker | null): void {
	// This tab asked for the new version: it reloads into it.
	if (accepting) {
		window.location.reload();
		return;
	}
	// Another tab let the new version take over: this tab's code is now older than its service worker's.
	if (previous) {
		runningElsewhere = true;
		waiting = true;
	} else if (firstInstall !== 'none') {
		// The first service worker took this tab over: it is active, so it has stored everything.
		firstInstall = 'none';
		offlineReady = true;
	}
}

/**
 * Registers the service worker from a module (an inline script would break the CSP) and reports a waiting
 * update instead of reloading: the user decides when, so a review or a note is never cut off. Every open tab
 * is told, including those where another tab accepted it.
 */
export const serviceWorker = {
	get updateWaiting(): boolean {
		return waiting;
	},
	/** The new version already runs (another tab accepted it): Reload here just reloads. */
	get updateRunningElsewhere(): boolean {
		return runningElsewhere;
	},
	get offlineReady(): boolean {
		return offlineReady;
	},
	/** A first visit went offline before the app was stored on the device. */
	get notReadyOffline(): boolean {
		return firstInstall !== 'none' && !online && !notReadyDismissed;
	},
	get chunkProblem(): ChunkProblem | undefined {
		return chunkProblem;
	},
	dismissOfflineReady(): void {
		offlineReady = false;
	},
	dismissNotReadyOffline(): void {
		notReadyDismissed = true;
	},
	dismissChunkProblem(): void {
		chunkProblem = undefined;
	},
	register(url = '/sw.js'): void {
		if (workbox || !('serviceWorker' in navigator)) return;
		scriptUrl = url;
		online = navigator.onLine;
		firstInstall = navigator.serviceWorker.controller ? 'none' : 'installing';
		let controller = navigator.serviceWorker.controller;
		navigator.serviceWorker.addEventListener('controllerchange', () => {
			const previous = controller;
			controller = navigator.serviceWorker.controller;
			onControllerChange(previous);
		});
		window.addEventListener('offline', () => {
			online = false;
			notReadyDismissed = false;
			if (firstInstall === 'installing') offlineDuringInstall = true;
		});
		window.addEventListener('online', () => {
			online = true;
			if (firstInstall === 'failed') {
				firstInstall = 'installing';
				offlineDuringInstall = false;
				start();
			}
		});
		start();
	},
	/** Called only from the user's tap on "Reload". */
	applyUpdate(): void {
		void navigator.serviceWorker.getRegistration('/').then((current) => {
			if (!current?.waiting) {
				// Nothing waits any more: another tab already activated it, and a reload is all it takes.
				window.location.reload();
				return;
			}
			accepting = true;
			// Workbox's service worker takes over on this message, then claims every tab.
			current.waiting.postMessage({ type: 'SKIP_WAITING' });
		});
	},
	later(): void {
		waiting = false;
	},
	/**
	 * A chunk failed to load (`vite:preloadError`). During a navigation the target is loaded whole, with the
	 * code of the version online; outside one (a preload on hover, a lazy module) the user is told, and the
	 * next navigation is a full page load.
	 */
	chunkFailed(target: URL | undefined): void {
		chunksMissing = true;
		if (target) loadWhole(target);
		else chunkProblem = navigator.onLine ? 'failed' : 'offline';
	},
	/**
	 * Whether a navigation must leave this tab's code behind: after another tab activated a new version (whose
	 * service worker serves the new pages, online or not) or after a chunk failed. Loads the target whole, or
	 * says why it cannot.
	 */
	takeOverNavigation(target: URL): boolean {
		if (runningElsewhere) {
			window.location.assign(target.href);
			return true;
		}
		if (!chunksMissing) return false;
		loadWhole(target);
		return true;
	}
};
