/**
 * The full dictionary's place in the offline set, as plain data and decisions: what state it is in, when
 * downloading it by itself is fine, and what a failure means. The state machine that acts on them is
 * dictionaryDownload.svelte.ts. Free of the dictionary's own module so that vite.config.ts can read the
 * cache name.
 */

/** The service worker's cache for the dictionary: its runtime route reads it, the download writes it. */
export const FULL_DICTIONARY_CACHE = 'duka-dictionary';

/**
 * Where the import worker is kept for offline use, beside the dictionary: the precache leaves it out, and the
 * service worker's route for it (vite.config.ts) answers from here.
 */
export const IMPORT_ENGINE_CACHE = 'duka-import';

/** Connections too slow for a download the user did not ask for (the Network Information API's names). */
const SLOW_CONNECTIONS: ReadonlySet<string> = new Set(['slow-2g', '2g']);

export interface ConnectionLike {
	/** The user asked the browser to save data (Chrome's Lite mode, Android's Data Saver). */
	saveData?: boolean;
	effectiveType?: string;
}

export type DownloadProblem =
	/** Bytes the download needs, margin included, and bytes free: nothing was written. */
	| { kind: 'noRoom'; needed: number; free: number }
	| { kind: 'offline' }
	| { kind: 'http'; status: number }
	/** The connection broke off mid-way. */
	| { kind: 'network' }
	/** Fewer or more bytes than this build's dictionary has. */
	| { kind: 'incomplete' }
	/** The browser would not store it (usually a full disk), or has no storage for it. */
	| { kind: 'storage' }
	/** Removed while it was downloading. */
	| { kind: 'stopped' };

export type DictionaryState =
	| { kind: 'checking' }
	| { kind: 'absent' }
	/** The download waits until the service worker has stored the rest of the app. */
	| { kind: 'waitingForApp' }
	| { kind: 'waitingForConnection'; why: 'offline' | 'slow' }
	/** The connection asks to save data: only a tap downloads it. */
	| { kind: 'savingData' }
	| { kind: 'downloading'; received: number; total: number }
	| { kind: 'ready'; bytes: number }
	| { kind: 'failed'; problem: DownloadProblem }
	/** No Cache API here (an insecure origin, a browser that blocks storage). */
	| { kind: 'unsupported' };

export type AutomaticStart = 'download' | 'savingData' | 'offline' | 'slow';

/** Whether a download nobody asked for may start now. */
export function automaticStart(online: boolean, connection: ConnectionLike | undefined): AutomaticStart {
	if (connection?.saveData) return 'savingData';
	if (!online) return 'offline';
	if (connection?.effectiveType && SLOW_CONNECTIONS.has(connection.effectiveType)) return 'slow';
	return 'download';
}

/**
 * Whether a cached request is this build's file: the cache holds absolute URLs, the build names an absolute
 * path. Another build's file (another hash) is not, and is deleted.
 */
export function isSameFile(cachedUrl: string, assetUrl: string): boolean {
	return new URL(cachedUrl).pathname === new URL(assetUrl, cachedUrl).pathname;
}

/** Percent done, whole, never 100 before the last byte. */
export function percentDone(received: number, total: number): number {
	if (total <= 0) return 0;
	return received >= total ? 100 : Math.min(99, Math.floor((received / total) * 100));
}

/** The error whenReady() rejects with: the dictionary cannot be had for a reason waiting will not fix. */
export class DictionaryUnavailable extends Error {
	override name = 'DictionaryUnavailable';
	constructor(readonly problem: DownloadProblem) {
		super(`the dictionary could not be downloaded: ${problem.kind}`);
	}
}
