import { stores, type Stores } from '../db/lazy.ts';
import type { PutBackResult } from '../db/journalReplay.ts';
import { checkHeadroom, estimateStorage, type StorageEstimateLike } from '../storage/headroom.ts';
import { reviewJournal, type ReviewJournal } from '../storage/reviewJournal.ts';
import { buildBackup, serialiseBackup } from './export.ts';
import {
	dailySnapshotDue,
	deviceFolder,
	listSnapshots,
	localStorageFolder,
	readSnapshot,
	saveSnapshot,
	type SnapshotFolder,
	type SnapshotInfo,
	type SnapshotReason
} from './snapshots.ts';
import type { TableName } from './tables.ts';

type LoadStores = () => Promise<Stores>;

/** The tables that hold what the learner made: a database without any of these has lost nothing yet. */
const LEARNER_TABLES: readonly TableName[] = [
	'reviews',
	'userEntries',
	'bookmarks',
	'highlights',
	'notes',
	'reading',
	'articles'
];

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
	/** The reviews committed since the last backup (reviewJournal.ts); tests pass their own. */
	journal?: ReviewJournal;
	/**
	 * Where a snapshot outlives a full disk's reset of the origin's storage (the localStorage copy); by
	 * default the same as `folder` when that is given, as in tests.
	 */
	lasting?: () => Promise<SnapshotFolder | undefined>;
}

/** What a rescue offers back: the newest automatic backup with data, and the journal's reviews it lacks. */
export interface Rescue {
	/** Undefined when no automatic backup is left: then the journal's reviews alone come back. */
	snapshot?: SnapshotInfo;
	/** Reviews the journal keeps that the backup does not hold. */
	reviews: number;
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
	rescue = $state.raw<Rescue | undefined>(undefined);
	readonly #stores: LoadStores;
	readonly #folder: () => Promise<SnapshotFolder | undefined>;
	readonly #estimate: () => Promise<StorageEstimateLike | undefined>;
	readonly #clock: () => number;
	readonly #journal: ReviewJournal;
	readonly #lasting: () => Promise<SnapshotFolder | undefined>;

	constructor(loadStores: LoadStores = stores, options: AutoBackupsOptions = {}) {
		this.#stores = loadStores;
		this.#folder = options.folder ?? deviceFolder;
		this.#estimate = options.estimate ?? estimateStorage;
		this.#clock = options.clock ?? Date.now;
		this.#journal = options.journal ?? reviewJournal;
		this.#lasting = options.lasting ?? options.folder ?? (async () => localStorageFolder());
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
		const tables = await (await this.#stores()).backup.exportAll();
		const text = serialiseBackup(buildBackup(tables, now));
		const room = checkHeadroom(text.length, await this.#estimate());
		if (!room.ok) throw new DOMException('not enough space for an automatic backup', 'QuotaExceededError');
		const snapshot = await saveSnapshot(folder, text, reason, now);
		// The journal's reviews in this backup are safe twice now, unless the reset would take the backup too.
		if (await this.#outlivesReset(snapshot.name)) this.#journal.dropIncluded(tables.reviews);
		return snapshot;
	}

	/** Whether the snapshot is kept where a full disk's reset of IndexedDB and OPFS leaves it. */
	async #outlivesReset(name: string): Promise<boolean> {
		try {
			const lasting = await this.#lasting();
			return !!lasting && (await lasting.list()).some((file) => file.name === name);
		} catch {
			return false;
		}
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
			// Many reviews in the journal make one due sooner: taken, it empties the journal again. SnapshotReason
			// has no name of its own for it; it is the same automatic backup, only earlier.
			const due =
				dailySnapshotDue(snapshots[0], lastChange, this.#clock()) || this.#journal.snapshotDue(snapshots[0]?.takenAt);
			if (rows > SNAPSHOT_MAX_ROWS || !due) return undefined;
			return await this.take('daily');
		} catch (error) {
			console.warn('No automatic backup today', error);
			return undefined;
		}
	}

	/**
	 * Looks for data this device has lost: its database holds nothing of the learner's while a snapshot does,
	 * or (no snapshot left) the review journal does. Sets `rescue` to the newest such snapshot, with the
	 * number of the journal's reviews it lacks.
	 */
	async checkForRescue(): Promise<Rescue | undefined> {
		try {
			const { backup } = await this.#stores();
			if (learnerRows(await backup.tableCounts()) > 0) return undefined;
			const folder = await this.#folder();
			for (const snapshot of folder ? await listSnapshots(folder) : []) {
				const parsed = await readBackup(folder!, snapshot.name);
				if (parsed && learnerRows(parsed.summary.counts) > 0) {
					this.rescue = { snapshot, reviews: this.#journal.notIn(parsed.backup.tables.reviews).length };
					return this.rescue;
				}
			}
			const reviews = this.#journal.entries().length;
			if (reviews > 0) {
				this.rescue = { reviews };
				return this.rescue;
			}
		} catch (error) {
			console.warn('Could not look for automatic backups', error);
		}
		return undefined;
	}

	/**
	 * Puts a rescue back, in one transaction: the snapshot's data in place of what the device holds, then the
	 * journal's reviews it lacks, with the cards they touch replayed. Undefined when the snapshot is gone.
	 */
	async restore(rescue: Rescue): Promise<PutBackResult | undefined> {
		const entries = this.#journal.entries();
		const { journal } = await this.#stores();
		let result: PutBackResult;
		if (rescue.snapshot) {
			const folder = await this.#folder();
			const parsed = folder ? await readBackup(folder, rescue.snapshot.name) : undefined;
			if (!parsed) return undefined;
			result = await journal.restoreWithReviews(parsed.backup, entries);
		} else {
			result = await journal.putBackReviews(entries);
		}
		if (result.skipped > 0) console.warn(`${result.skipped} journaled reviews did not fit the restored data`);
		if (this.rescue?.snapshot?.name === rescue.snapshot?.name) this.rescue = undefined;
		return result;
	}

	dismissRescue(): void {
		this.rescue = undefined;
	}
}
