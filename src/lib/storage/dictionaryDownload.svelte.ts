/**
 * Brings the full dictionary into the offline set in the background: once the service worker has stored the
 * app, never on a connection that asks to save data (unless the user taps Download), only with room on the
 * disk. The file goes into the service worker's own cache, where its runtime route answers the import
 * worker's fetch offline. A newer build's file replaces the old one.
 */
import fullDictionaryAsset from 'virtual:duka/full-dictionary';
import type { FullDictionaryAsset } from '../dictionary/fullFormat.ts';
import {
	automaticStart,
	DictionaryUnavailable,
	FULL_DICTIONARY_CACHE,
	IMPORT_ENGINE_CACHE,
	isSameFile,
	type ConnectionLike,
	type DictionaryState,
	type DownloadProblem
} from './dictionaryDownload.ts';
import { checkHeadroom, estimateStorage, type StorageEstimateLike } from './headroom.ts';
import { importWorkerUrl } from '../import/importWorkerUrl.ts';

/** The part of the Cache API used here. */
export interface CacheLike {
	match(request: string): Promise<Response | undefined>;
	put(request: string, response: Response): Promise<void>;
	delete(request: string | Request): Promise<boolean>;
	keys(): Promise<readonly Request[]>;
}

export interface DownloadEnvironment {
	asset: FullDictionaryAsset;
	fetch: (url: string, init: { signal: AbortSignal }) => Promise<Response>;
	/** The dictionary's cache, or undefined where the browser has no Cache API. */
	openCache: () => Promise<CacheLike | undefined>;
	estimate: () => Promise<StorageEstimateLike | undefined>;
	connection: () => ConnectionLike | undefined;
	online: () => boolean;
	/** Calls back at the next `online` event; returns a function that stops listening. */
	onOnline: (listener: () => void) => () => void;
	/** Resolves once the service worker has stored the app for offline use. */
	appReady: () => Promise<unknown>;
	/** Runs the task alone among this origin's tabs (Web Locks), so two tabs do not download it twice. */
	exclusive: <T>(task: () => Promise<T>) => Promise<T>;
	/**
	 * Keeps (or, with `false`, drops) what an import needs besides the dictionary, the import worker, which
	 * the precache leaves out; failures are only worth a warning, the worker is fetched again when used.
	 */
	keepImportEngine?: (keep: boolean) => Promise<void>;
}

async function keepImportEngine(keep: boolean): Promise<void> {
	if (typeof caches === 'undefined') return;
	const cache = await caches.open(IMPORT_ENGINE_CACHE);
	const wanted = new URL(importWorkerUrl, location.href).href;
	// An earlier build's worker is of no use to this one.
	for (const request of await cache.keys()) if (!keep || request.url !== wanted) await cache.delete(request);
	if (keep && !(await cache.match(wanted))) await cache.add(wanted);
}

// The download's own request carries a query, which the service worker's route (vite.config.ts) lets through
// to the network: that route would otherwise store a second copy beside the one written here.
const DOWNLOAD_QUERY = '?download';

function browserEnvironment(): DownloadEnvironment {
	const connection = () => (navigator as Navigator & { connection?: ConnectionLike }).connection;
	return {
		asset: fullDictionaryAsset,
		fetch: (url, init) => fetch(url, { ...init, cache: 'no-store' }),
		openCache: async () => {
			if (typeof caches === 'undefined') return undefined;
			try {
				return await caches.open(FULL_DICTIONARY_CACHE);
			} catch {
				return undefined;
			}
		},
		estimate: estimateStorage,
		connection,
		online: () => navigator.onLine,
		onOnline: (listener) => {
			window.addEventListener('online', listener, { once: true });
			return () => window.removeEventListener('online', listener);
		},
		appReady: () => navigator.serviceWorker?.ready ?? new Promise(() => {}),
		exclusive: (task) => (navigator.locks ? navigator.locks.request('duka-full-dictionary', task) : task()),
		keepImportEngine
	};
}

export class DictionaryDownload {
	state = $state.raw<DictionaryState>({ kind: 'checking' });
	readonly bytes: number;
	readonly #env: DownloadEnvironment;
	#download: Promise<void> | undefined;
	#abort: AbortController | undefined;
	#stopWaitingForOnline: (() => void) | undefined;

	constructor(environment: DownloadEnvironment = browserEnvironment()) {
		this.#env = environment;
		this.bytes = environment.asset.bytes;
	}

	/** Looks in the cache: ready, or absent (after removing any other build's file). */
	async refresh(): Promise<void> {
		if (this.#download) return;
		const cache = await this.#env.openCache();
		if (!cache) {
			this.state = { kind: 'unsupported' };
			return;
		}
		const stored = await this.#storedAndCleaned(cache);
		if (this.#download) return;
		if (stored) this.#ready();
		else if (this.state.kind === 'checking' || this.state.kind === 'ready') this.state = { kind: 'absent' };
	}

	/**
	 * The background start, called on every page load: waits until the app is stored for offline use, then
	 * downloads when the connection allows it (see automaticStart), or says why not.
	 */
	async startWhenAppReady(): Promise<void> {
		await this.refresh();
		if (this.state.kind !== 'absent') return;
		this.state = { kind: 'waitingForApp' };
		await this.#env.appReady();
		// Meanwhile the user may have downloaded or removed it: their choice stands.
		if (this.state.kind === 'waitingForApp') await this.#startIfAllowed();
	}

	/** The user's Download: goes ahead on a connection that saves data or is slow; still needs room and a connection. */
	download(): Promise<void> {
		this.#stopWaitingForOnline?.();
		this.#download ??= this.#env
			.exclusive(() => this.#fetchAndStore())
			.finally(() => {
				this.#download = undefined;
				this.#abort = undefined;
			});
		return this.#download;
	}

	/** Takes the dictionary off the device (stopping a download under way). */
	async remove(): Promise<void> {
		this.#stopWaitingForOnline?.();
		this.#abort?.abort();
		await this.#download?.catch(() => undefined);
		const cache = await this.#env.openCache();
		if (!cache) return;
		for (const request of await cache.keys()) await cache.delete(request);
		await this.#env.keepImportEngine?.(false).catch((error: unknown) => console.warn(error));
		this.state = { kind: 'absent' };
	}

	/**
	 * For the import screen: resolves once the dictionary is on the device, downloading it now if needed (the
	 * user is importing: the connection's wish to save data gives way). Offline, it waits for the connection
	 * and goes on by itself; it rejects with DictionaryUnavailable when waiting would not help.
	 */
	async whenReady(): Promise<void> {
		for (;;) {
			await this.refresh();
			if (this.state.kind === 'ready') return;
			if (this.state.kind === 'unsupported') throw new DictionaryUnavailable({ kind: 'storage' });
			await this.download();
			// Read afresh: download() has changed it.
			const state = this.state as DictionaryState;
			if (state.kind === 'ready') return;
			if (state.kind !== 'failed') throw new DictionaryUnavailable({ kind: 'stopped' });
			if (state.problem.kind !== 'offline') throw new DictionaryUnavailable(state.problem);
			await new Promise<void>((resolve) => this.#env.onOnline(resolve));
		}
	}

	async #startIfAllowed(): Promise<void> {
		const start = automaticStart(this.#env.online(), this.#env.connection());
		if (start === 'download') return this.download();
		if (start === 'savingData') {
			this.state = { kind: 'savingData' };
			return;
		}
		this.state = { kind: 'waitingForConnection', why: start };
		if (start === 'offline') {
			this.#stopWaitingForOnline?.();
			this.#stopWaitingForOnline = this.#env.onOnline(() => {
				this.#stopWaitingForOnline = undefined;
				void this.#startIfAllowed();
			});
		}
	}

	async #fetchAndStore(): Promise<void> {
		const cache = await this.#env.openCache();
		if (!cache) {
			this.state = { kind: 'unsupported' };
			return;
		}
		// Another tab may have stored it while this one waited for the lock.
		if (await this.#storedAndCleaned(cache)) {
			this.#ready();
			return;
		}
		const problem = await this.#problemBeforeStart();
		if (problem) {
			this.state = { kind: 'failed', problem };
			return;
		}
		this.state = { kind: 'downloading', received: 0, total: this.bytes };
		const abort = new AbortController();
		this.#abort = abort;
		let body: Blob;
		try {
			const response = await this.#env.fetch(this.#env.asset.url + DOWNLOAD_QUERY, { signal: abort.signal });
			if (!response.ok) {
				this.state = { kind: 'failed', problem: { kind: 'http', status: response.status } };
				return;
			}
			body = await this.#readWithProgress(response);
		} catch {
			if (abort.signal.aborted) {
				this.state = { kind: 'absent' };
				return;
			}
			this.state = { kind: 'failed', problem: { kind: this.#env.online() ? 'network' : 'offline' } };
			return;
		}
		if (body.size !== this.bytes) {
			this.state = { kind: 'failed', problem: { kind: 'incomplete' } };
			return;
		}
		try {
			await cache.put(
				this.#env.asset.url,
				new Response(body, {
					headers: { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(body.size) }
				})
			);
		} catch {
			// A write the disk could not take leaves no entry: the cache's put is all or nothing.
			this.state = { kind: 'failed', problem: { kind: 'storage' } };
			return;
		}
		this.#ready();
	}

	#ready(): void {
		this.state = { kind: 'ready', bytes: this.bytes };
		this.#env.keepImportEngine?.(true).catch((error: unknown) => console.warn(error));
	}

	async #problemBeforeStart(): Promise<DownloadProblem | undefined> {
		if (!this.#env.online()) return { kind: 'offline' };
		const headroom = checkHeadroom(this.bytes, await this.#env.estimate());
		return headroom.ok ? undefined : { kind: 'noRoom', needed: headroom.needed, free: headroom.free };
	}

	async #readWithProgress(response: Response): Promise<Blob> {
		if (!response.body) return response.blob();
		const reader = response.body.getReader();
		const chunks: Uint8Array<ArrayBuffer>[] = [];
		let received = 0;
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			chunks.push(value);
			received += value.byteLength;
			this.state = { kind: 'downloading', received, total: this.bytes };
		}
		return new Blob(chunks);
	}

	/** Whether this build's file is stored; any other build's file is deleted on the way. */
	async #storedAndCleaned(cache: CacheLike): Promise<boolean> {
		const wanted = this.#env.asset.url;
		let stored = false;
		for (const request of await cache.keys()) {
			if (isSameFile(request.url, wanted)) stored = true;
			else await cache.delete(request);
		}
		return stored && (await cache.match(wanted)) !== undefined;
	}
}

/** The one instance the app uses: Settings shows it, the layout starts it, the import screen awaits it. */
export const dictionaryDownload = new DictionaryDownload();
