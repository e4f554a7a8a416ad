import { stores, type Stores } from '../db/lazy.ts';
import { checkHeadroom, estimateStorage, type StorageEstimateLike } from '../storage/headroom.ts';
import { buildBackup, serialiseBackup } from './export.ts';
import {
	dailySnapshotDue,
	deviceFolder,
	listSnapshots,
	readSnapshot,
	saveSnapshot,
	type SnapshotFolder,
	type SnapshotInfo,
	type SnapshotReason
} from './snapshots.ts';
import type { TableName } from './tables.ts';

type LoadStores = () => Promise<Stores>;

/** The tables that hold what the learner made: a database without any of these has lost nothing yet. */
const LEARNER_TABLES: readonly TableName[] = ['reviews', 'userEntries', 'bookmarks', 'highlights', 'notes', 'reading'];

/** How many rows of what the learner made these table counts hold (not settings, cards or tallies). */
export const learnerRows = (counts: Partial<Record<TableName, number>>): number =>
	LEARNER_TABLES.reduce((total, name) => total + (counts[name] ?? 0), 0);

/**
 * Above this many rows the daily snapshot is skipped: building it would hold the main thread for seconds on a
 * phone. The downloaded backup still works at any size.
 */
export const SNAPSHOT_MAX_ROWS = 150_000;

export interface AutoBackupsOptions {
	folder?: () => Promise<SnapshotFolder | undefined>;
	estimate?: () => Promise<StorageEstimateLike | undefined>;
	clock?: () => number;
}

/** Everything on the device as one backup file's text. */
async function backupText(loaded: Stores, now: number): Promise<string> {
	return serialiseBackup(buildBackup(await loaded.backup.exportAll(), now));
}

/** A snapshot read and checked like any backup file; undefined when it is gone, damaged or refused. */
async function readBackup(folder: SnapshotFolder, name: string) {
	const text = await readSnapshot(folder, name);
	if (text === undefined) return undefined;
	// The validator loads only when a snapshot is read.
	const { parseBackup } = await import('./schema.ts');
	const parsed = parseBackup(text);
	return parsed.ok ? parsed : undefined;
}

/**
 * Automatic backups on the device (snapshots.ts): once a day after a change, before every Replace, and
 * put back in one tap when Duka finds its database emptied (a browser that reset it after a full disk).
 */
export class AutoBackups {
	/** A snapshot that could give back data this device no longer has, found at start. */
	rescue = $state.raw<SnapshotInfo | undefined>(undefined);
	readonly #stores: LoadStores;
	readonly #folder: () => Promise<SnapshotFolder | undefined>;
	readonly #estimate: () => Promise<StorageEstimateLike | undefined>;
	readonly #clock: () => number;

	constructor(loadStores: LoadStores = stores, options: AutoBackupsOptions = {}) {
		this.#stores = loadStores;
		this.#folder = options.folder ?? deviceFolder;
		this.#estimate = options.estimate ?? estimateStorage;
		this.#clock = options.clock ?? Date.now;
	}

	async list(): Promise<SnapshotInfo[]> {
		const folder = await this.#folder();
		return folder ? listSnapshots(folder) : [];
	}

	/**
	 * Takes a snapshot now. Returns undefined where the browser keeps no files (no OPFS); throws when the
	 * snapshot cannot be written, so a Replace that wanted one first does not go ahead without it.
	 */
	async take(reason: SnapshotReason): Promise<SnapshotInfo | undefined> {
		const folder = await this.#folder();
		if (!folder) return undefined;
		const now = this.#clock();
		const text = await backupText(await this.#stores(), now);
		const room = checkHeadroom(text.length, await this.#estimate());
		if (!room.ok) throw new DOMException('not enough space for an automatic backup', 'QuotaExceededError');
		return saveSnapshot(folder, text, reason, now);
	}

	/** The daily snapshot, when one is due; never throws (it runs by itself, at start). */
	async takeDailyIfDue(): Promise<SnapshotInfo | undefined> {
		try {
			const folder = await this.#folder();
			if (!folder) return undefined;
			const { backup } = await this.#stores();
			const [snapshots, lastChange, counts] = await Promise.all([
				listSnapshots(folder),
				backup.lastChangeAt(),
				backup.tableCounts()
			]);
			const rows = Object.values(counts).reduce((total, n) => total + n, 0);
			if (rows > SNAPSHOT_MAX_ROWS || !dailySnapshotDue(snapshots[0], lastChange, this.#clock())) return undefined;
			return await this.take('daily');
		} catch (error) {
			console.warn('No automatic backup today', error);
			return undefined;
		}
	}

	/**
	 * Looks for data this device has lost: its database holds nothing of the learner's while a snapshot does.
	 * Sets `rescue` to the newest such snapshot.
	 */
	async checkForRescue(): Promise<SnapshotInfo | undefined> {
		try {
			const folder = await this.#folder();
			if (!folder) return undefined;
			const { backup } = await this.#stores();
			if (learnerRows(await backup.tableCounts()) > 0) return undefined;
			for (const snapshot of await listSnapshots(folder)) {
				const parsed = await readBackup(folder, snapshot.name);
				if (parsed && learnerRows(parsed.summary.counts) > 0) {
					this.rescue = snapshot;
					return snapshot;
				}
			}
		} catch (error) {
			console.warn('Could not look for automatic backups', error);
		}
		return undefined;
	}

	/** Puts a snapshot's data back in place of what the device holds, in one transaction. */
	async restore(snapshot: SnapshotInfo): Promise<boolean> {
		const folder = await this.#folder();
		const parsed = folder ? await readBackup(folder, snapshot.name) : undefined;
		if (!parsed) return false;
		const { backup } = await this.#stores();
		await backup.restore(parsed.backup, 'replace');
		if (this.rescue?.name === snapshot.name) this.rescue = undefined;
		return true;
	}

	dismissRescue(): void {
		this.rescue = undefined;
	}
}
