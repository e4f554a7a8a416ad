import { stores, type Stores } from '../db/lazy.ts';
import type { PutBackResult } from '../db/journalReplay.ts';
import { checkHeadroom, estimateStorage, type StorageEstimateLike } from '../storage/headroom.ts';
import { reviewJournal, type ReviewJournal } from '../storage/reviewJournal.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { OpenedBackup } from './backupReader.ts';
import { writeBackup, type WriteProgress } from './backupWriter.ts';
import { openBackupOutput } from './backupOutput.ts';
import {
	dailySnapshotDue,
	deviceFolder,
	listSnapshots,
	localStorageFolder,
	saveSnapshot,
	snapshotFile,
	type SnapshotFolder,
	type SnapshotInfo,
	type SnapshotReason
} from './snapshots.ts';
import type { TableName } from './tables.ts';
import { forgetSnapshots } from '../reader/cardSnapshot.ts';

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

/** A snapshot opened like any backup file; undefined when it is gone, damaged or refused. */
async function openSnapshot(folder: SnapshotFolder, name: string): Promise<OpenedBackup | undefined> {
	const file = await snapshotFile(folder, name);
	if (!file) return undefined;
	// The reader and validator load only when a snapshot is read.
	const { openBackup } = await import('./backupReader.ts');
	return openBackup(file).catch(() => undefined);
}

/** The journal's entries whose review the snapshot lacks: read through the snapshot's reviews once. */
async function journalNotIn(opened: OpenedBackup, journal: ReviewJournal) {
	const entries = journal.entries();
	if (entries.length === 0) return [];
	const since = Math.min(...entries.map((entry) => entry.log.reviewedAt));
	const held: Pick<ReviewLogRow, 'cardId' | 'reviewedAt'>[] = [];
	for await (const { table, rows } of opened.rows())
		if (table === 'reviews') for (const row of rows as ReviewLogRow[]) if (row.reviewedAt >= since) held.push(row);
	return journal.notIn(held);
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

	/** A snapshot's file, to restore like a downloaded backup; undefined when it is gone. */
	async file(name: string): Promise<Blob | undefined> {
		const folder = await this.#folder();
		return folder ? snapshotFile(folder, name) : undefined;
	}

	/**
	 * Takes a snapshot now. Returns undefined where the browser keeps no files (no OPFS); throws when the
	 * snapshot cannot be written, so a Replace that wanted one first does not go ahead without it.
	 */
	async take(
		reason: SnapshotReason,
		{ onProgress }: { onProgress?: (progress: WriteProgress) => void } = {}
	): Promise<SnapshotInfo | undefined> {
		const folder = await this.#folder();
		if (!folder) return undefined;
		const now = this.#clock();
		const { backup } = await this.#stores();
		const journaled = this.#journal.entries();
		const since = journaled.length ? Math.min(...journaled.map((entry) => entry.log.reviewedAt)) : Infinity;
		// Only the reviews the journal may hold are kept aside, not the whole log.
		const included: ReviewLogRow[] = [];
		const file = await writeBackup(backup.exportInParts, now, {
			open: openBackupOutput,
			onProgress,
			onRows: (table, rows) => {
				if (table === 'reviews')
					for (const row of rows as ReviewLogRow[]) if (row.reviewedAt >= since) included.push(row);
			}
		});
		const room = checkHeadroom(file.size, await this.#estimate());
		if (!room.ok) throw new DOMException('not enough space for an automatic backup', 'QuotaExceededError');
		const snapshot = await saveSnapshot(folder, new Uint8Array(await file.arrayBuffer()), reason, now);
		// The journal's reviews in this backup are safe twice now, unless the reset would take the backup too.
		if (await this.#outlivesReset(snapshot.name)) this.#journal.dropIncluded(included);
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
				const opened = await openSnapshot(folder!, snapshot.name);
				if (opened && learnerRows(opened.summary.counts) > 0) {
					const missing = await journalNotIn(opened, this.#journal).catch(() => undefined);
					if (!missing) continue;
					this.rescue = { snapshot, reviews: missing.length };
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
			const opened = folder ? await openSnapshot(folder, rescue.snapshot.name) : undefined;
			if (!opened) return undefined;
			result = await journal.restoreWithReviews(opened.rows(), entries);
		} else {
			result = await journal.putBackReviews(entries);
		}
		if (result.skipped > 0) console.warn(`${result.skipped} journaled reviews did not fit the restored data`);
		// The reading cards' early-paint copies may show texts the data put back does not have.
		forgetSnapshots();
		if (this.rescue?.snapshot?.name === rescue.snapshot?.name) this.rescue = undefined;
		return result;
	}

	dismissRescue(): void {
		this.rescue = undefined;
	}
}
