import type { Article } from '../model/articles.ts';
import { stores, type Stores } from '../db/lazy.ts';
import { allSummaries, loadAnyArticle } from '../library/library.ts';
import type { RestoreMode } from '../db/backup.ts';
import { loadBuiltInVocab, userEntryToVocab } from '../deck/entries.ts';
import type { StateDifference } from '../scheduling/scheduler.ts';
import { display } from '../settings/display.svelte.ts';
import { clozeSentence } from '../deck/cloze.ts';
import { isClozeWay, type ClozeWay } from '../model/cards.ts';
import {
	ankiDeckOf,
	clozeDeckToAnki,
	deckToAnki,
	exampleFor,
	reviewsToCsv,
	type AnkiClozeNote,
	type AnkiNote
} from './anki.ts';
import { backupFileName } from './export.ts';
import { backupStatus, type BackupStatus } from './backupAge.ts';
import type { OpenedBackup } from './backupReader.ts';
import { writeBackup, type WriteProgress } from './backupWriter.ts';
import { openBackupOutput } from './backupOutput.ts';
import { timeLeftFrom } from './timeLeft.ts';
import { AutoBackups, learnerRows } from './autoBackups.svelte.ts';
import type { SnapshotInfo } from './snapshots.ts';
import { forgetSnapshots } from '../reader/cardSnapshot.ts';
import { checkHeadroom, estimateStorage, type StorageEstimateLike } from '../storage/headroom.ts';
import { saveFile, type SaveOutcome } from './files.ts';
import type { BackupRefusal, BackupSummary } from './schema.ts';
import type { TableName } from './tables.ts';

type LoadStores = () => Promise<Stores>;
type SaveFile = (file: File, options: { share: boolean }) => Promise<SaveOutcome>;

export type ExportJob = 'backup' | 'anki' | 'reviews';

/** What the last export did, for the Data section to say. */
export type ExportOutcome = { kind: 'shared' } | { kind: 'saved'; names: string[] } | { kind: 'failed' };

/** The Data section's exports: a backup of everything, the Anki decks and the review history. */
export class DataExport {
	busy = $state<ExportJob | null>(null);
	outcome = $state.raw<ExportOutcome | null>(null);
	/** Rows written of the backup being made, and the time left once it can be told (timeLeft.ts). */
	progress = $state.raw<(WriteProgress & { leftMs?: number }) | null>(null);
	/** How old the last backup is, and whether to remind; undefined until loaded. */
	status = $state.raw<BackupStatus | undefined>(undefined);
	readonly #stores: LoadStores;
	readonly #save: SaveFile;
	readonly #clock: () => number;

	/** `save` hands a file to the user (a test passes its own). */
	constructor(loadStores: LoadStores = stores, save: SaveFile = saveFile, clock: () => number = Date.now) {
		this.#stores = loadStores;
		this.#save = save;
		this.#clock = clock;
	}

	async loadStatus(): Promise<void> {
		const { backup } = await this.#stores();
		this.status = backupStatus(await backup.backupAge(), this.#clock());
	}

	/** Makes the job's files and hands them to the user; one job at a time. */
	async run(job: ExportJob): Promise<void> {
		if (this.busy) return;
		this.busy = job;
		this.outcome = null;
		try {
			const saved: string[] = [];
			// Only the backup goes to the share sheet: it is the file worth keeping somewhere else.
			const now = this.#clock();
			for (const file of await this.files(job, now)) {
				const outcome = await this.#save(file, { share: job === 'backup' });
				if (outcome === 'shared') this.outcome = { kind: 'shared' };
				if (outcome === 'downloaded') saved.push(file.name);
				if (job === 'backup' && outcome !== 'cancelled') await (await this.#stores()).backup.markBackupSaved(now);
			}
			if (saved.length > 0) this.outcome = { kind: 'saved', names: saved };
			if (job === 'backup') await this.loadStatus();
		} catch (error) {
			console.error(error);
			this.outcome = { kind: 'failed' };
		} finally {
			this.busy = null;
			this.progress = null;
		}
	}

	files(job: ExportJob, now: Date | number = Date.now()): Promise<File[]> {
		if (job === 'anki') return this.#ankiFiles();
		return job === 'backup'
			? this.#backupFile(now).then((file) => [file])
			: this.#reviewsCsvFile(now).then((file) => [file]);
	}

	/** The backup of everything on the device, as a file named for today: made a page at a time, compressed. */
	async #backupFile(now: Date | number): Promise<File> {
		const { backup } = await this.#stores();
		const left = timeLeftFrom(this.#clock);
		const file = await writeBackup(backup.exportInParts, now, {
			onProgress: (progress) => (this.progress = { ...progress, leftMs: left(progress.done, progress.total) }),
			open: openBackupOutput
		});
		return new File([file], backupFileName(now), { type: 'application/gzip' });
	}

	/**
	 * One Anki file per article that has words, built-in or imported: the curated deck and the words the user added,
	 * each with its sentence, and a Cloze file beside it for the words that have cloze cards. Words kept after their
	 * article was deleted get a file of their own article id.
	 */
	async #ankiFiles(): Promise<File[]> {
		const { userEntries, cards } = await this.#stores();
		const [builtIn, mine, summaries, allCards] = await Promise.all([
			loadBuiltInVocab(),
			userEntries.listUserEntries(),
			allSummaries(this.#stores),
			cards.listCards()
		]);
		// A plain record, not a Map: nothing here is reactive state.
		const clozeWays: Record<string, ClozeWay[]> = {};
		for (const card of allCards) if (isClozeWay(card.direction)) (clozeWays[card.entryId] ??= []).push(card.direction);
		const notes: AnkiNote[] = builtIn.map((entry) => ({ entry }));
		notes.push(...mine.map((row) => ({ entry: userEntryToVocab(row), example: row.example || undefined })));
		// A plain record, not a Set: nothing here is reactive state.
		const listed: Record<string, boolean> = Object.fromEntries(summaries.map((summary) => [summary.meta.id, true]));
		const articles: { id: string; titleZh: string }[] = summaries.map((summary) => summary.meta);
		for (const { entry } of notes) {
			if (listed[entry.articleId]) continue;
			listed[entry.articleId] = true;
			articles.push({ id: entry.articleId, titleZh: '' });
		}
		const files: File[] = [];
		for (const meta of articles) {
			const articleId = meta.id;
			const ofArticle = notes.filter((note) => note.entry.articleId === articleId);
			if (ofArticle.length === 0) continue;
			const needsText = ofArticle.some((note) => note.example === undefined);
			const article: Article | undefined = needsText
				? await loadAnyArticle(articleId, this.#stores).catch(() => undefined)
				: undefined;
			const withExamples = ofArticle.map((note) => ({
				...note,
				example: note.example ?? exampleFor(note.entry, article)
			}));
			files.push(
				new File([deckToAnki(articleId, withExamples, ankiDeckOf(meta))], `duka-${articleId}-anki.txt`, {
					type: 'text/plain'
				})
			);
			const clozeNotes: AnkiClozeNote[] = ofArticle.flatMap(({ entry }) => {
				const ways = clozeWays[entry.id];
				const sentence = ways && clozeSentence(entry, article);
				return ways && sentence !== undefined ? [{ entry, sentence, ways: [...ways].sort() }] : [];
			});
			if (clozeNotes.length > 0)
				files.push(
					new File([clozeDeckToAnki(articleId, clozeNotes, ankiDeckOf(meta))], `duka-${articleId}-anki-cloze.txt`, {
						type: 'text/plain'
					})
				);
		}
		return files;
	}

	/** The review history; the byte-order mark lets Excel read the Chinese as UTF-8. */
	async #reviewsCsvFile(now: Date | number): Promise<File> {
		const { backup } = await this.#stores();
		const csv = reviewsToCsv(await backup.listReviews());
		return new File(['\ufeff' + csv], backupFileName(now, 'reviews', 'csv'), { type: 'text/csv' });
	}
}

export type RestoreFailure =
	| { refusal: BackupRefusal }
	/** `wiped`: the restore failed and the browser cleared the site's storage meanwhile (a full disk). */
	| { key: 'unreadable' | 'quota' | 'failed' | 'wiped' }
	/** Refused before anything was written: the disk could not hold the restore (or the backup taken first). */
	| { noRoom: { needed: number; free: number } };

export type RestorePhase =
	| { name: 'idle' }
	| { name: 'reading' }
	| { name: 'confirm'; fileName: string; bytes: number; opened: OpenedBackup; summary: BackupSummary }
	/** Replace everything, asked once more: what this device would lose. */
	| {
			name: 'confirm-replace';
			fileName: string;
			bytes: number;
			opened: OpenedBackup;
			summary: BackupSummary;
			lost: Record<TableName, number>;
	  }
	/** Before a Replace: an automatic backup of what this device holds, rows of it written so far. */
	| { name: 'saving-first'; done: number; total: number; leftMs?: number }
	/** `leftMs`: the time left, once it can be told (timeLeft.ts). */
	| { name: 'restoring'; done: number; total: number; bytesRead: number; bytes: number; leftMs?: number }
	| { name: 'done'; mode: RestoreMode; added: number; kept: number }
	| { name: 'failed'; failure: RestoreFailure };

/**
 * Files up to this size are checked whole when chosen (well under a second on a phone), so a damaged one is refused
 * at once; a larger one is checked as it is restored, which undoes everything if it turns out damaged.
 */
export const CHECK_FIRST_BYTES = 4 * 1024 * 1024;

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);

/**
 * Restoring a backup file: opened and its header checked first, then, once the user confirms how (Replace is
 * asked twice, naming what goes), its rows read, checked and written in one transaction.
 */
export class BackupRestore {
	// Raw, not deep state: a proxied row could not be stored (IndexedDB cannot clone proxies), and the
	// phase is only ever replaced whole.
	phase = $state.raw<RestorePhase>({ name: 'idle' });
	/** The automatic backups on this device, newest first, which restore from this screen too. */
	snapshots = $state.raw<SnapshotInfo[]>([]);
	readonly #stores: LoadStores;
	readonly #onRestored: () => Promise<void>;
	readonly #autoBackups: AutoBackups;
	readonly #estimate: () => Promise<StorageEstimateLike | undefined>;
	readonly #clock: () => number;
	/** The automatic backup taken before the last Replace, for the result to name. */
	savedFirst = $state.raw<SnapshotInfo | undefined>(undefined);

	/** `onRestored` runs after a restore: by default restored settings (theme, language, text size) take effect. */
	constructor(
		loadStores: LoadStores = stores,
		onRestored: () => Promise<void> = () => display.load(),
		{
			autoBackups = new AutoBackups(loadStores),
			estimate = estimateStorage,
			clock = Date.now
		}: {
			autoBackups?: AutoBackups;
			estimate?: () => Promise<StorageEstimateLike | undefined>;
			/** The time in ms, for the time left; tests move it. */
			clock?: () => number;
		} = {}
	) {
		this.#stores = loadStores;
		this.#onRestored = onRestored;
		this.#autoBackups = autoBackups;
		this.#estimate = estimate;
		this.#clock = clock;
	}

	get busy(): boolean {
		return this.phase.name === 'reading' || this.phase.name === 'saving-first' || this.phase.name === 'restoring';
	}

	async loadSnapshots(): Promise<void> {
		try {
			this.snapshots = await this.#autoBackups.list();
		} catch (error) {
			console.warn('Could not list the automatic backups', error);
			this.snapshots = [];
		}
	}

	/** Opens the chosen file and checks what it says it holds; nothing is written until `restore`. */
	async choose(file: Blob | undefined, fileName = file instanceof File ? file.name : ''): Promise<void> {
		if (!file) return;
		this.phase = { name: 'reading' };
		// The reader and the validator load only when someone restores.
		const { openBackup } = await import('./backupReader.ts');
		const { BackupRefused } = await import('./schema.ts');
		try {
			const opened = await openBackup(file, { checkUpTo: CHECK_FIRST_BYTES });
			this.phase = { name: 'confirm', fileName, bytes: file.size, opened, summary: opened.summary };
		} catch (error) {
			if (error instanceof BackupRefused) this.phase = { name: 'failed', failure: { refusal: error.reason } };
			else {
				console.error(error);
				this.phase = { name: 'failed', failure: { key: 'unreadable' } };
			}
		}
	}

	/** One of this device's automatic backups, opened like a chosen file. */
	async chooseSnapshot(snapshot: SnapshotInfo, label: string): Promise<void> {
		const file = await this.#autoBackups.file(snapshot.name);
		if (!file) {
			this.phase = { name: 'failed', failure: { key: 'unreadable' } };
			return;
		}
		await this.choose(file, label);
	}

	/** Replace everything, first step: counts what this device holds, for the user to confirm losing it. */
	async askReplace(): Promise<void> {
		if (this.phase.name !== 'confirm') return;
		const chosen = this.phase;
		const { backup: store } = await this.#stores();
		const lost = await store.tableCounts();
		if (this.phase === chosen) this.phase = { ...chosen, name: 'confirm-replace', lost };
	}

	async restore(mode: RestoreMode): Promise<void> {
		if (this.phase.name !== 'confirm' && this.phase.name !== 'confirm-replace') return;
		const { opened, bytes } = this.phase;
		this.phase = { name: 'restoring', done: 0, total: sum(opened.summary.counts), bytesRead: 0, bytes };
		let heldBefore = 0;
		this.savedFirst = undefined;
		const { BackupRefused } = await import('./schema.ts');
		try {
			// A write the disk cannot finish is never started: on a full disk Chromium has reset a whole database.
			const room = checkHeadroom(opened.storedBytes, await this.#estimate());
			if (!room.ok) {
				this.phase = { name: 'failed', failure: { noRoom: { needed: room.needed, free: room.free } } };
				return;
			}
			if (mode === 'replace') {
				// What Replace is about to remove is kept first, outside the database; without room for it, no Replace.
				try {
					const left = timeLeftFrom(this.#clock);
					this.savedFirst = await this.#autoBackups.take('before-replace', {
						onProgress: ({ done, total }) =>
							(this.phase = { name: 'saving-first', done, total, leftMs: left(done, total) })
					});
					this.phase = { name: 'restoring', done: 0, total: sum(opened.summary.counts), bytesRead: 0, bytes };
				} catch (error) {
					console.error(error);
					const after = await this.#estimate();
					const free = after?.quota !== undefined && after.usage !== undefined ? after.quota - after.usage : 0;
					this.phase = {
						name: 'failed',
						failure: { noRoom: { needed: opened.storedBytes * 2, free: Math.max(0, free) } }
					};
					return;
				}
			}
			const { backup: store } = await this.#stores();
			heldBefore = learnerRows(await store.tableCounts());
			const total = sum(opened.summary.counts);
			let bytesRead = 0;
			const rows = opened.rows((progress) => (bytesRead = progress.bytes));
			// From here: the automatic backup before a Replace is a job of its own, at another rate.
			const left = timeLeftFrom(this.#clock);
			const result = await store.restoreRows(rows, mode, {
				total,
				onProgress: ({ done }) =>
					(this.phase = { name: 'restoring', done, total, bytesRead, bytes, leftMs: left(done, total) })
			});
			this.phase = { name: 'done', mode, added: sum(result.added), kept: sum(result.kept) };
			// The reading cards' early-paint copies may show texts the replaced data no longer has.
			if (mode === 'replace') forgetSnapshots();
			await this.#onRestored();
		} catch (error) {
			if (error instanceof BackupRefused) {
				this.phase = { name: 'failed', failure: { refusal: error.reason } };
				return;
			}
			console.error(error, (error as { cause?: unknown }).cause);
			const kind = (error as { kind?: string }).kind;
			// The transaction aborted, so nothing should have changed; but Chromium, out of disk, clears the
			// whole site's storage. Say what really happened rather than "nothing changed".
			const wiped = heldBefore > 0 && (await this.#learnerRowsNow()) === 0;
			this.phase = {
				name: 'failed',
				failure: { key: wiped ? 'wiped' : kind === 'quota' ? 'quota' : 'failed' }
			};
		} finally {
			if (mode === 'replace') await this.loadSnapshots();
		}
	}

	async #learnerRowsNow(): Promise<number> {
		try {
			const { backup: store } = await this.#stores();
			return learnerRows(await store.tableCounts());
		} catch {
			return 0;
		}
	}

	cancel(): void {
		this.phase = { name: 'idle' };
	}
}

const distinctCards = (differences: readonly StateDifference[]) =>
	new Set(differences.map((difference) => difference.cardId)).size;

/** Replays every card's review history and compares it with the stored card states; repairs what differs. */
export class DatabaseChecker {
	status = $state<'idle' | 'checking' | 'ok' | 'problems'>('idle');
	differences = $state.raw<StateDifference[]>([]);
	totals = $state({ cards: 0, reviews: 0 });
	/** Cards whose stored state differs from their history. */
	readonly affected = $derived(distinctCards(this.differences));
	readonly #stores: LoadStores;

	constructor(loadStores: LoadStores = stores) {
		this.#stores = loadStores;
	}

	async check(): Promise<void> {
		this.status = 'checking';
		const { reviews, cards, settings } = await this.#stores();
		const scheduler = await settings.loadSchedulerSettings();
		this.differences = await reviews.checkDatabase(scheduler);
		this.totals = { cards: await cards.countCards(), reviews: await reviews.countReviews() };
		this.status = this.differences.length === 0 ? 'ok' : 'problems';
	}

	async repair(): Promise<void> {
		const { reviews, settings } = await this.#stores();
		await reviews.rebuildFromHistory(
			this.differences.map((difference) => difference.cardId),
			await settings.loadSchedulerSettings()
		);
		await this.check();
	}
}
