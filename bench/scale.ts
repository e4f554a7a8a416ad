// The scale benchmark's page script. Bundled by bench/lib.ts with Vite and served beside a copy of the
// built app at /__bench/, so it runs on the app's origin against the app's own database (`duka`, same
// schema, real IndexedDB) through the app's own store modules. Nothing here ships in the app.
//
// run.ts drives it through `window.dukaBench`: seed() once, then each measure returns the app's time and
// the raw floor: the same records read (or written) with the bare IndexedDB API.
import Dexie from 'dexie';
import { State } from 'ts-fsrs';
import { db, DB_NAME } from '../src/lib/db/db.ts';
import schemaV1 from '../src/lib/db/fixtures/schema-v1.json';
import { stores } from '../src/lib/db/lazy.ts';
import { DEFAULT_SCHEDULER_SETTINGS, dayStartFor, nextDayStart } from '../src/lib/scheduling/scheduler.ts';
import { ensureBuiltInCards, homeSummary, statsSummary } from '../src/lib/deck/summaries.ts';
import { DeckBrowser, DEFAULT_DECK_QUERY } from '../src/lib/deck/browser.svelte.ts';
import { indexEntry } from '../src/lib/deck/search.ts';
import { userEntryToVocab } from '../src/lib/deck/entries.ts';
import { collectionChunksInTimeOrder, type SeedOptions } from './collection.ts';
import type { WriterWorker } from '../src/lib/backup/backupOutput.ts';
import { replayPulledCards, turnOffSync, turnOnSync } from '../src/lib/db/syncState.ts';
import { recordReview } from '../src/lib/db/reviews.ts';
import { CouchClient, databaseUrl } from '../src/lib/sync/couch.ts';
import { syncOnce } from '../src/lib/sync/engine.ts';

const DAY = 86_400_000;
// One browser for the whole page, as the deck screen keeps one while it is open.
const deckBrowser = new DeckBrowser(stores);

export type { SeedOptions };

export interface SeedResult {
	cards: number;
	reviews: number;
	userEntries: number;
	ms: number;
	reviewsToday: number;
	/** Opening the seeded version-1 database with the app's schema, once. */
	upgradeMs: number;
}

/**
 * Writes a collection in the app's database: `entries` user entries with two cards each, `reviewedCards`
 * of them with a real FSRS history (graded with the app's own scheduler, so every row has the shape the
 * app writes), spread over the last ~1000 days, plus a few reviews today. The rows are written with the
 * frozen schema version 1, as a user of the first release would have them; then the app's own database
 * opens it, timing the upgrade to the current schema.
 */
async function seed(options: SeedOptions): Promise<SeedResult> {
	const started = performance.now();
	db().close();
	await Dexie.delete(DB_NAME);
	const database = new Dexie(DB_NAME, { chromeTransactionDurability: 'strict' }) as Dexie &
		Record<'cards' | 'reviews' | 'userEntries', Dexie.Table>;
	database.version(schemaV1.dexieVersion).stores(schemaV1.stores);
	await database.open();
	const totalCards = options.entries * 2;
	let reviewsWritten = 0;
	let reviewsToday = 0;
	for (const { entries, cards, logs, reviewsToday: today } of collectionChunksInTimeOrder(options)) {
		await database.transaction('rw', database.cards, database.reviews, database.userEntries, async () => {
			await database.userEntries.bulkAdd(entries);
			await database.cards.bulkAdd(cards);
			await database.reviews.bulkAdd(logs);
		});
		reviewsWritten += logs.length;
		reviewsToday += today;
	}
	database.close();
	const seededMs = performance.now() - started;
	const upgrade = await time(() => db().open());
	return {
		cards: totalCards,
		reviews: reviewsWritten,
		userEntries: options.entries,
		ms: seededMs,
		reviewsToday,
		upgradeMs: upgrade.ms
	};
}

// ---- the raw floor: bare IndexedDB, no Dexie ----

let rawConnection: Promise<IDBDatabase> | undefined;

function raw(): Promise<IDBDatabase> {
	rawConnection ??= new Promise((resolve, reject) => {
		const request = indexedDB.open(DB_NAME);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
	return rawConnection;
}

const done = <T>(request: IDBRequest<T>) =>
	new Promise<T>((resolve, reject) => {
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});

const finished = (transaction: IDBTransaction) =>
	new Promise<void>((resolve, reject) => {
		transaction.oncomplete = () => resolve();
		transaction.onerror = () => reject(transaction.error);
		transaction.onabort = () => reject(transaction.error);
	});

/** The records today's queue is made of, read with getAll on the same index ranges (no filtering). */
async function rawQueue(now: number): Promise<number> {
	const connection = await raw();
	const transaction = connection.transaction(['cards', 'reviews'], 'readonly');
	const cards = transaction.objectStore('cards').index('[state+due]');
	const dayStart = dayStartFor(now);
	const today = await done(
		transaction
			.objectStore('reviews')
			.index('reviewedAt')
			.getAll(IDBKeyRange.bound(dayStart, nextDayStart(dayStart), false, true))
	);
	const range = (state: number, upTo: number) => IDBKeyRange.bound([state, -Infinity], [state, upTo]);
	const rows = await Promise.all([
		done(cards.getAll(range(State.Learning, now))),
		done(cards.getAll(range(State.Relearning, now))),
		done(cards.getAll(range(State.Review, nextDayStart(now) - 1), DEFAULT_SCHEDULER_SETTINGS.reviewsPerDay)),
		done(cards.getAll(range(State.New, Infinity), DEFAULT_SCHEDULER_SETTINGS.newCardsPerDay))
	]);
	return today.length + rows.reduce((sum, part) => sum + part.length, 0);
}

/** The stats screen's records: the last 12 weeks of reviews and every card. */
async function rawStats(now: number): Promise<number> {
	const connection = await raw();
	const transaction = connection.transaction(['cards', 'reviews'], 'readonly');
	const [logs, cards] = await Promise.all([
		done(
			transaction
				.objectStore('reviews')
				.index('reviewedAt')
				.getAll(IDBKeyRange.lowerBound(now - 12 * 7 * DAY))
		),
		done(transaction.objectStore('cards').getAll())
	]);
	return logs.length + cards.length;
}

/** The home screen's records: today's queue, and the reviews of the last 400 days for the streak. */
async function rawHome(now: number): Promise<number> {
	const connection = await raw();
	const transaction = connection.transaction(['reviews'], 'readonly');
	const logs = await done(
		transaction
			.objectStore('reviews')
			.index('reviewedAt')
			.getAll(IDBKeyRange.lowerBound(now - 400 * DAY))
	);
	return logs.length + (await rawQueue(now));
}

const STORES = [
	'kv',
	'reading',
	'cards',
	'reviews',
	'userEntries',
	'bookmarks',
	'highlights',
	'notes',
	'articles',
	'articleTexts'
];

async function rawExport(): Promise<Record<string, unknown[]>> {
	const connection = await raw();
	const transaction = connection.transaction(STORES, 'readonly');
	const rows = await Promise.all(STORES.map((name) => done(transaction.objectStore(name).getAll())));
	return Object.fromEntries(STORES.map((name, i) => [name, rows[i]!]));
}

/** Every card and review, a range of cards at a time: the cards by key, their reviews through the cardId index. */
async function rawReadInCardOrder(): Promise<number> {
	const connection = await raw();
	const transaction = connection.transaction(['cards', 'reviews'], 'readonly');
	const cards = transaction.objectStore('cards');
	const keys = (await done(cards.getAllKeys())) as string[];
	// As the app's export: ranges of about a page (2,000) of reviews, at ten reviews a card.
	const cardsPerRange = 200;
	let rows = 0;
	for (let at = 0; at < keys.length; at += cardsPerRange) {
		const upper = keys[at + cardsPerRange];
		const range =
			upper === undefined ? IDBKeyRange.lowerBound(keys[at]!) : IDBKeyRange.bound(keys[at]!, upper, false, true);
		const [cardRows, reviewRows] = await Promise.all([
			done(cards.getAll(range)),
			done(transaction.objectStore('reviews').index('cardId').getAll(range))
		]);
		rows += cardRows.length + reviewRows.length;
	}
	return rows;
}

async function rawImport(tables: Record<string, unknown[]>): Promise<void> {
	const connection = await raw();
	const transaction = connection.transaction(STORES, 'readwrite', { durability: 'strict' });
	for (const name of STORES) {
		const store = transaction.objectStore(name);
		store.clear();
		for (const row of tables[name] ?? []) store.add(row);
	}
	await finished(transaction);
}

// ---- the app's side ----

/** The last backup file the app made here, restored by the restore measures. */
let lastBackup: Blob | undefined;

export interface Timing {
	/** The app's time for the task. */
	ms: number;
	/** Other figures of the task (file size; run.ts adds the peak heap), by name, for rows of their own. */
	extra?: Record<string, number>;
	/** The raw IndexedDB floor for the same records, when there is one. */
	floorMs?: number;
	detail?: string;
}

async function time<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
	const started = performance.now();
	const value = await work();
	return { ms: performance.now() - started, value };
}

const settings = () => stores().then((s) => s.settings.loadSchedulerSettings());

const QUERIES = ['s', 'sh', 'shu', 'shuj', 'shuju', '数', '数据', 'd', 'da', 'dat', 'data', 'data c', 'data ce'];

let searchReady = false;

/** The account the sync measures use (syncTurnOn). */
let syncAccount: { url: string; user: string; password: string } | undefined;

const api = {
	seed,
	/** Sync on from the start (as a device turning it on): every row here waits to be pushed, the feed is read anew. */
	async syncTurnOn(url: string, user: string, password: string): Promise<void> {
		await turnOffSync();
		syncAccount = { url, user, password };
		await turnOnSync(syncAccount);
	},
	/** One sync, as Sync now runs it; what it moved in the detail. */
	async syncNow(): Promise<Timing> {
		if (!syncAccount) throw new Error('syncTurnOn first');
		// The time spent waiting for the server (request sent → answer read), apart from the device's own work.
		let waitingMs = 0;
		let requests = 0;
		const timedFetch: typeof fetch = async (input, init) => {
			const started = performance.now();
			const response = await fetch(input, init);
			const body = await response.text();
			waitingMs += performance.now() - started;
			requests++;
			return new Response(body, { status: response.status, headers: response.headers });
		};
		const client = new CouchClient({
			url: databaseUrl(syncAccount.url, location.origin),
			user: syncAccount.user,
			password: syncAccount.password,
			timeoutMs: 120_000,
			fetch: timedFetch
		});
		const app = await time(() => syncOnce(client));
		const { pushed, pulled, unreadable, refused } = app.value;
		return {
			ms: app.ms,
			extra: { 'waiting for the server': waitingMs },
			detail:
				`pushed ${pushed}, pulled ${pulled}, unreadable ${unreadable}, refused ${refused.length}; ` +
				`${requests} requests, ${(waitingMs / 1000).toFixed(1)} s waiting for the server`
		};
	},
	/** The end of a pull on its own: every card here replayed from its reviews, as after a first sync down. */
	async syncReplayAll(): Promise<Timing> {
		const ids = (await db().cards.toCollection().primaryKeys()) as string[];
		await db().syncState.bulkPut(ids.map((id) => ({ key: `replay:${id}` as const })));
		const app = await time(() => replayPulledCards());
		return { ms: app.ms, detail: `${app.value} cards replayed` };
	},
	/** This page's database emptied, as on a device that has never run Duka. */
	async freshDevice(): Promise<void> {
		db().close();
		await Dexie.delete(DB_NAME);
		await db().open();
	},
	/** Grades `count` cards (Good), as the review screen writes a grade: each in its own transaction. */
	async gradeSome(count: number, now: number): Promise<void> {
		const scheduler = await settings();
		const cards = await db().cards.limit(count).toArray();
		for (const [i, card] of cards.entries()) await recordReview(card.id, 3, now + i, 4000, scheduler);
	},
	async info(): Promise<{ cards: number; reviews: number; userEntries: number }> {
		const { cards, reviews } = await stores();
		return {
			cards: await cards.countCards(),
			reviews: await reviews.countReviews(),
			userEntries: await db().userEntries.count()
		};
	},
	async loadQueue(now: number): Promise<Timing> {
		const { cards } = await stores();
		const scheduler = await settings();
		const app = await time(() => cards.loadQueue(now, scheduler));
		const floor = await time(() => rawQueue(now));
		return {
			ms: app.ms,
			floorMs: floor.ms,
			detail: `${app.value.length} cards queued, ${floor.value} records in the floor`
		};
	},
	async loadCounts(now: number): Promise<Timing> {
		const { cards } = await stores();
		const scheduler = await settings();
		const app = await time(() => cards.loadCounts(now, scheduler));
		const floor = await time(() => rawQueue(now));
		return { ms: app.ms, floorMs: floor.ms, detail: JSON.stringify(app.value) };
	},
	async home(now: number): Promise<Timing> {
		const loaded = await stores();
		const app = await time(() => homeSummary(loaded, now));
		const floor = await time(() => rawHome(now));
		return { ms: app.ms, floorMs: floor.ms, detail: `streak ${app.value.streak}, ${floor.value} records in the floor` };
	},
	/** What the home screen does on mount before its numbers: make sure the deck's entries have their cards. */
	async homeMount(now: number): Promise<Timing> {
		const loaded = await stores();
		const app = await time(() => ensureBuiltInCards(loaded, now));
		const floor = await time(async () => {
			const transaction = (await raw()).transaction(['userEntries', 'cards'], 'readonly');
			const [entries, keys] = await Promise.all([
				done(transaction.objectStore('userEntries').getAll()),
				done(transaction.objectStore('cards').getAllKeys())
			]);
			return entries.length + keys.length;
		});
		return {
			ms: app.ms,
			floorMs: floor.ms,
			detail: `${app.value} cards created; floor: every user entry and card key, ${floor.value} records`
		};
	},
	async stats(now: number): Promise<Timing> {
		const loaded = await stores();
		const app = await time(() => statsSummary(loaded, now));
		const floor = await time(() => rawStats(now));
		return { ms: app.ms, floorMs: floor.ms, detail: `${floor.value} records in the floor` };
	},
	/**
	 * Makes the backup file as the Back up button does (format 3, streamed and compressed, written in the built app's
	 * worker at `workerPath`; on the page when `workerPath` is empty) and keeps it.
	 */
	async backupExport(now: number, workerPath: string): Promise<Timing> {
		const { backup } = await stores();
		const { writeBackup } = await import('../src/lib/backup/backupWriter.ts');
		const { openBackupOutput } = await import('../src/lib/backup/backupOutput.ts');
		const { PortBackupWriter } = await import('../src/lib/backup/backupWriterPort.ts');
		lastBackup = undefined;
		// The bench page is a library build, which cannot hold a worker of its own: it starts the app's.
		const startWorker = async () => new Worker(workerPath, { type: 'module' }) as unknown as WriterWorker;
		const open = async () => {
			const output = await openBackupOutput(startWorker);
			if (!(output instanceof PortBackupWriter)) throw new Error(`the backup worker at ${workerPath} did not start`);
			return output;
		};
		const app = await time(() => writeBackup(backup.exportInParts, now, workerPath ? { open } : {}));
		lastBackup = app.value;
		const sizeMB = app.value.size / 1024 / 1024;
		const where = workerPath ? 'written in the worker' : 'written on the page';
		return { ms: app.ms, extra: { 'file size': sizeMB }, detail: `${sizeMB.toFixed(1)} MB file, ${where}` };
	},
	/**
	 * The floor of an export: every record read with getAll, nothing encoded. Beside it, the same reads in the order
	 * the file lists them (each card's reviews together, through the cardId index, a range of cards at a time),
	 * which no export in that order can beat.
	 */
	async backupExportFloor(): Promise<Timing> {
		const floor = await time(() => rawExport());
		const inCardOrder = await time(() => rawReadInCardOrder());
		return { ms: floor.ms, detail: `read in the file's card order: ${(inCardOrder.ms / 1000).toFixed(2)} s` };
	},
	/** A part of the last backup file made, base64, so the bench can keep the file (`--backup-file`). */
	async lastBackupPart(start: number, end: number): Promise<{ size: number; base64: string }> {
		if (!lastBackup) throw new Error('no backup file made yet: run backupExport first');
		const bytes = new Uint8Array(await lastBackup.slice(start, end).arrayBuffer());
		let binary = '';
		for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
		return { size: lastBackup.size, base64: btoa(binary) };
	},
	/** Restores the last backup file as Restore does: read, decompressed, checked and written, in one transaction. */
	async backupRestore(mode: 'replace' | 'merge'): Promise<Timing> {
		const file = lastBackup;
		if (!file) throw new Error('no backup file made yet: run backupExport first');
		const { backup } = await stores();
		const { openBackup } = await import('../src/lib/backup/backupReader.ts');
		const app = await time(async () => {
			const opened = await openBackup(file);
			return backup.restoreRows(opened.rows(), mode);
		});
		const added = Object.values(app.value.added).reduce((sum, n) => sum + n, 0);
		const kept = Object.values(app.value.kept).reduce((sum, n) => sum + n, 0);
		return { ms: app.ms, detail: `${added} rows written, ${kept} already there` };
	},
	/** The floor of a replace: the same records cleared and added with bare IndexedDB, in one transaction. */
	async backupRestoreFloor(): Promise<Timing> {
		const tables = await rawExport();
		const floor = await time(() => rawImport(tables));
		return { ms: floor.ms };
	},
	/** Loads the deck browser once (it reads every entry and card), then times `deckBrowser.search` per keystroke. */
	async deckLoad(): Promise<Timing> {
		const app = await time(() => deckBrowser.load());
		searchReady = true;
		return { ms: app.ms };
	},
	async deckSearch(): Promise<Timing> {
		if (!searchReady) await api.deckLoad();
		const { userEntries } = await stores();
		const index = (await userEntries.listUserEntries()).map((row) => indexEntry(userEntryToVocab(row)));
		const texts = index.map((item) => item.text);
		const times: number[] = [];
		const floors: number[] = [];
		let total = 0;
		for (const query of QUERIES) {
			const app = await time(() => deckBrowser.search({ ...DEFAULT_DECK_QUERY, query }));
			total = app.value.total;
			times.push(app.ms);
			const needle = query.toLowerCase();
			const floor = await time(() => texts.reduce((hits, text) => hits + (text.includes(needle) ? 1 : 0), 0));
			floors.push(floor.ms);
		}
		const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
		return {
			ms: mean(times),
			floorMs: mean(floors),
			detail: `${index.length} entries, mean of ${QUERIES.length} keystrokes, last query ${total} rows`
		};
	}
};

export type BenchApi = typeof api;

(window as unknown as { dukaBench: BenchApi }).dukaBench = api;
// For trying a query by hand in the page (npm run bench -- --profile=… keeps a seeded collection).
(window as unknown as { dukaDb: typeof db; dukaStores: typeof stores }).dukaDb = db;
(window as unknown as { dukaDb: typeof db; dukaStores: typeof stores }).dukaStores = stores;
(window as unknown as { dukaSummaries: unknown }).dukaSummaries = { homeSummary, statsSummary };
document.title = 'Duka benchmarks: ready';
