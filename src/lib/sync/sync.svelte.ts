import { watch } from '../db/watch.ts';
import { readSyncState, saveAccount, turnOffSync, turnOnSync, waitingCount } from '../db/syncState.ts';
import { db } from '../db/db.ts';
import { CouchClient, databaseUrl, pageConnectableOrigins, SyncError, type SyncProblem } from './couch.ts';
import { DEFAULT_BATCH, syncOnce, type SyncProgress, type SyncReport } from './engine.ts';
import { switchSync } from './syncSwitch.ts';
import { pageStorage } from '../storage/pageStorage.ts';

/** What the status line says went wrong: a failure of the connection, or what the server refused or held back. */
export type SyncTrouble =
	{ kind: 'problem'; problem: SyncProblem } | { kind: 'refused'; count: number; reason: string } | { kind: 'failed' };

export interface SyncAccountInput {
	url: string;
	user: string;
	password: string;
}

export interface SyncServiceOptions {
	origin?: string;
	/** The origins besides its own the page may connect to; by default what its Content Security Policy lets it. */
	connectable?: readonly string[];
	fetch?: typeof fetch;
	storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
	/** Web Locks, so two tabs never sync at once; absent in tests and old browsers. */
	locks?: Pick<LockManager, 'request'>;
	/** After a change, wait this long for more before syncing. */
	afterChangeMs?: number;
	everyMs?: number;
	timeoutMs?: number;
	now?: () => number;
	target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
	/** Documents per request (tests use small batches). */
	batch?: number;
}

/**
 * Sync's state for the Settings section and the app: the account, the status line, Sync now, Turn on and Turn off.
 * Once started it syncs by itself on start, when the device comes online, a few seconds after a change and every few
 * minutes; never more than one sync at a time, in this tab or another.
 */
export class SyncService {
	on = $state(false);
	loaded = $state(false);
	syncing = $state(false);
	progress = $state.raw<SyncProgress | null>(null);
	trouble = $state.raw<SyncTrouble | null>(null);
	lastSyncedAt = $state<number | null>(null);
	waiting = $state(0);
	/** Documents written by a newer Duka, left alone until this one is updated. */
	newer = $state(0);
	unreadable = $state(0);
	conflictCopies = $state(0);
	account = $state.raw<{ url: string; user: string } | null>(null);

	readonly #options: Required<Omit<SyncServiceOptions, 'locks' | 'storage' | 'target' | 'fetch' | 'connectable'>> &
		Pick<SyncServiceOptions, 'locks' | 'storage' | 'target' | 'fetch' | 'connectable'>;
	#stops: (() => void)[] = [];
	#pending: ReturnType<typeof setTimeout> | undefined;
	#running: Promise<void> | undefined;

	constructor(options: SyncServiceOptions = {}) {
		this.#options = {
			origin: globalThis.location?.origin ?? 'http://localhost',
			connectable: pageConnectableOrigins(),
			afterChangeMs: 3_000,
			everyMs: 5 * 60_000,
			timeoutMs: 30_000,
			now: Date.now,
			batch: DEFAULT_BATCH,
			...options
		};
	}

	async load(): Promise<void> {
		const state = await readSyncState();
		this.on = state.device?.enabled === true && state.account !== undefined;
		this.account = state.account ? { url: state.account.url, user: state.account.user } : null;
		this.lastSyncedAt = state.status?.lastSyncedAt ?? null;
		this.newer = state.status?.newer ?? 0;
		this.waiting = this.on ? await waitingCount() : 0;
		this.loaded = true;
	}

	#client(account: SyncAccountInput): CouchClient {
		return new CouchClient({
			url: databaseUrl(account.url, this.#options.origin, this.#options.connectable),
			user: account.user,
			password: account.password,
			fetch: this.#options.fetch,
			timeoutMs: this.#options.timeoutMs
		});
	}

	/**
	 * Checks the address, user and password against the server first: a wrong one is said in words and turns nothing
	 * on. Then records every change from now on and syncs.
	 */
	async turnOn(account: SyncAccountInput): Promise<boolean> {
		const typed = { url: account.url.trim(), user: account.user.trim(), password: account.password };
		try {
			await this.#client(typed).info();
		} catch (error) {
			this.trouble = troubleOf(error);
			return false;
		}
		await turnOnSync(typed);
		switchSync(this.#options.storage, true);
		this.trouble = null;
		await this.load();
		this.start();
		await this.syncNow();
		return true;
	}

	/** A new password (the server's was changed): kept, then synced with. */
	async changePassword(password: string): Promise<void> {
		const state = await readSyncState();
		if (!state.account) return;
		await saveAccount({ url: state.account.url, user: state.account.user, password });
		await this.syncNow();
	}

	/** Stops syncing and forgets the account; every row of the data stays on this device. */
	async turnOff(): Promise<void> {
		this.stop();
		await this.#running;
		await turnOffSync();
		switchSync(this.#options.storage, false);
		this.trouble = null;
		this.progress = null;
		await this.load();
	}

	/** Syncs now, unless a sync is already running here or in another tab (which then covers this change too). */
	syncNow(): Promise<void> {
		this.#running ??= this.#syncOnceLocked().finally(() => (this.#running = undefined));
		return this.#running;
	}

	async #syncOnceLocked(): Promise<void> {
		const locks = this.#options.locks;
		if (!locks) return this.#sync();
		await locks.request('duka-sync', { ifAvailable: true }, async (lock) => {
			if (lock) await this.#sync();
		});
	}

	async #sync(): Promise<void> {
		const state = await readSyncState();
		if (!state.account || !state.device?.enabled) return;
		this.syncing = true;
		let report: SyncReport | undefined;
		try {
			report = await syncOnce(this.#client(state.account), {
				batch: this.#options.batch,
				now: this.#options.now,
				onProgress: (progress) => (this.progress = progress)
			});
			this.trouble = report.refused.length
				? { kind: 'refused', count: report.refused.length, reason: report.refused[0]!.reason }
				: null;
			this.unreadable = report.unreadable;
			this.conflictCopies += report.conflictCopies;
		} catch (error) {
			this.trouble = troubleOf(error);
		} finally {
			this.syncing = false;
			this.progress = null;
			await this.load();
		}
	}

	/** Automatic sync: now, when the device comes online, after changes and every few minutes. */
	start(): void {
		if (this.#stops.length > 0) return;
		const { target, afterChangeMs, everyMs } = this.#options;
		const online = () => void this.syncNow();
		target?.addEventListener('online', online);
		const every = setInterval(() => void this.syncNow(), everyMs);
		let first = true;
		const stopWatching = watch(
			() => db().outbox.count(),
			(count) => {
				this.waiting = count;
				if (first || count === 0) {
					first = false;
					return;
				}
				clearTimeout(this.#pending);
				this.#pending = setTimeout(() => void this.syncNow(), afterChangeMs);
			},
			() => {}
		);
		this.#stops = [
			() => target?.removeEventListener('online', online),
			() => clearInterval(every),
			() => clearTimeout(this.#pending),
			stopWatching
		];
		void this.syncNow();
	}

	stop(): void {
		for (const stop of this.#stops) stop();
		this.#stops = [];
	}
}

function troubleOf(error: unknown): SyncTrouble {
	if (error instanceof SyncError) return { kind: 'problem', problem: error.problem };
	console.warn(error);
	return { kind: 'failed' };
}

let service: SyncService | undefined;

/** The app's one sync service (the root layout starts it when sync is on; Settings shows it). */
export function syncService(): SyncService {
	service ??= new SyncService({
		storage: pageStorage(),
		locks: globalThis.navigator?.locks,
		target: globalThis.window
	});
	return service;
}
