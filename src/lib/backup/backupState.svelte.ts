import type { Article } from '../model/articles.ts';
import { stores, type Stores } from '../db/lazy.ts';
import { allSummaries, loadAnyArticle } from '../library/library.ts';
import type { RestoreMode } from '../db/backup.ts';
import { loadBuiltInVocab, userEntryToVocab } from '../deck/entries.ts';
import type { StateDifference } from '../scheduling/scheduler.ts';
import { display } from '../settings/display.svelte.ts';
import { ankiDeckOf, deckToAnki, exampleFor, reviewsToCsv, type AnkiNote } from './anki.ts';
import { backupFileName, buildBackup, serialiseBackup } from './export.ts';
import { AutoBackups, learnerRows } from './autoBackups.svelte.ts';
import type { SnapshotInfo } from './snapshots.ts';
import { checkHeadroom, estimateStorage, type StorageEstimateLike } from '../storage/headroom.ts';
import { saveFile, type SaveOutcome } from './files.ts';
import type { BackupRefusal, BackupSummary } from './schema.ts';
import type { BackupFile } from './tables.ts';

type LoadStores = () => Promise<Stores>;
type SaveFile = (file: File, options: { share: boolean }) => Promise<SaveOutcome>;

export type ExportJob = 'backup' | 'anki' | 'reviews';

/** What the last export did, for the Data section to say. */
export type ExportOutcome = { kind: 'shared' } | { kind: 'saved'; names: string[] } | { kind: 'failed' };

/** The Data section's exports: a backup of everything, the Anki decks and the review history. */
export class DataExport {
	busy = $state<ExportJob | null>(null);
	outcome = $state.raw<ExportOutcome | null>(null);
	readonly #stores: LoadStores;
	readonly #save: SaveFile;

	/** `save` hands a file to the user (a test passes its own). */
	constructor(loadStores: LoadStores = stores, save: SaveFile = saveFile) {
		this.#stores = loadStores;
		this.#save = save;
	}

	/** Makes the job's files and hands them to the user; one job at a time. */
	async run(job: ExportJob): Promise<void> {
		if (this.busy) return;
		this.busy = job;
		this.outcome = null;
		try {
			const saved: string[] = [];
			// Only the backup goes to the share sheet: it is the file worth keeping somewhere else.
			for (const file of await this.files(job)) {
				const outcome = await this.#save(file, { share: job === 'backup' });
				if (outcome === 'shared') this.outcome = { kind: 'shared' };
				if (outcome === 'downloaded') saved.push(file.name);
			}
			if (saved.length > 0) this.outcome = { kind: 'saved', names: saved };
		} catch (error) {
			console.error(error);
			this.outcome = { kind: 'failed' };
		} finally {
			this.busy = null;
		}
	}

	files(job: ExportJob, now: Date | number = Date.now()): Promise<File[]> {
		if (job === 'anki') return this.#ankiFiles();
		return job === 'backup'
			? this.#backupFile(now).then((file) => [file])
			: this.#reviewsCsvFile(now).then((file) => [file]);
	}

	/** The backup of everything on the device, as a file named for today. */
	async #backupFile(now: Date | number): Promise<File> {
		const { backup } = await this.#stores();
		const text = serialiseBackup(buildBackup(await backup.exportAll(), now));
		return new File([text], backupFileName(now), { type: 'application/json' });
	}

	/**
	 * One Anki file per article that has words, built-in or imported: the curated deck and the words the user added,
	 * each with its sentence. Words kept after their article was deleted get a file of their own article id.
	 */
	async #ankiFiles(): Promise<File[]> {
		const { userEntries } = await this.#stores();
		const [builtIn, mine, summaries] = await Promise.all([
			loadBuiltInVocab(),
			userEntries.listUserEntries(),
			allSummaries(this.#stores)
		]);
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
	| { name: 'confirm'; fileName: string; bytes: number; backup: BackupFile; summary: BackupSummary }
	| { name: 'restoring'; done: number; total: number }
	| { name: 'done'; added: number; kept: number }
	| { name: 'failed'; failure: RestoreFailure };

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((total, n) => total + n, 0);

/** Restoring a backup file: read and checked first, then put in the database once the user confirms how. */
export class BackupRestore {
	// Raw, not deep state: a proxied backup could not be stored (IndexedDB cannot clone proxies), and the
	// phase is only ever replaced whole.
	phase = $state.raw<RestorePhase>({ name: 'idle' });
	readonly #stores: LoadStores;
	readonly #onRestored: () => Promise<void>;
	readonly #autoBackups: AutoBackups;
	readonly #estimate: () => Promise<StorageEstimateLike | undefined>;
	/** The automatic backup taken before the last Replace, for the result to name. */
	savedFirst = $state.raw<SnapshotInfo | undefined>(undefined);

	/** `onRestored` runs after a restore: by default restored settings (theme, language, text size) take effect. */
	constructor(
		loadStores: LoadStores = stores,
		onRestored: () => Promise<void> = () => display.load(),
		{
			autoBackups = new AutoBackups(loadStores),
			estimate = estimateStorage
		}: { autoBackups?: AutoBackups; estimate?: () => Promise<StorageEstimateLike | undefined> } = {}
	) {
		this.#stores = loadStores;
		this.#onRestored = onRestored;
		this.#autoBackups = autoBackups;
		this.#estimate = estimate;
	}

	get busy(): boolean {
		return this.phase.name === 'reading' || this.phase.name === 'restoring';
	}

	/** Reads and checks the chosen file; nothing is written until `restore`. */
	async choose(file: File | undefined): Promise<void> {
		if (!file) return;
		this.phase = { name: 'reading' };
		// The validator loads only when someone restores.
		const { checkBackupSize, parseBackup } = await import('./schema.ts');
		const tooLarge = checkBackupSize(file.size);
		if (tooLarge) {
			this.phase = { name: 'failed', failure: { refusal: tooLarge } };
			return;
		}
		let text: string;
		try {
			text = await file.text();
		} catch {
			this.phase = { name: 'failed', failure: { key: 'unreadable' } };
			return;
		}
		const result = parseBackup(text);
		this.phase = result.ok
			? { name: 'confirm', fileName: file.name, bytes: file.size, backup: result.backup, summary: result.summary }
			: { name: 'failed', failure: { refusal: result.reason } };
	}

	async restore(mode: RestoreMode): Promise<void> {
		if (this.phase.name !== 'confirm') return;
		const { backup, bytes } = this.phase;
		this.phase = { name: 'restoring', done: 0, total: 0 };
		let heldBefore = 0;
		this.savedFirst = undefined;
		try {
			// A write the disk cannot finish is never started: on a full disk Chromium has reset a whole database.
			const room = checkHeadroom(bytes, await this.#estimate());
			if (!room.ok) {
				this.phase = { name: 'failed', failure: { noRoom: { needed: room.needed, free: room.free } } };
				return;
			}
			if (mode === 'replace') {
				// What Replace is about to remove is kept first, outside the database; without room for it, no Replace.
				try {
					this.savedFirst = await this.#autoBackups.take('before-replace');
				} catch (error) {
					console.error(error);
					const after = await this.#estimate();
					const free = after?.quota !== undefined && after.usage !== undefined ? after.quota - after.usage : 0;
					this.phase = { name: 'failed', failure: { noRoom: { needed: bytes * 2, free: Math.max(0, free) } } };
					return;
				}
			}
			const { backup: store } = await this.#stores();
			heldBefore = learnerRows(await store.tableCounts());
			const result = await store.restore(
				backup,
				mode,
				({ done, total }) => (this.phase = { name: 'restoring', done, total })
			);
			this.phase = { name: 'done', added: sum(result.added), kept: sum(result.kept) };
			await this.#onRestored();
		} catch (error) {
			console.error(error, (error as { cause?: unknown }).cause);
			const kind = (error as { kind?: string }).kind;
			// The transaction aborted, so nothing should have changed; but Chromium, out of disk, clears the
			// whole site's storage. Say what really happened rather than "nothing changed".
			const wiped = heldBefore > 0 && (await this.#learnerRowsNow()) === 0;
			this.phase = {
				name: 'failed',
				failure: { key: wiped ? 'wiped' : kind === 'quota' ? 'quota' : 'failed' }
			};
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
