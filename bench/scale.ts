// The scale benchmark's page script. Bundled by bench/lib.ts with Vite and served beside a copy of the
// built app at /__bench/, so it runs on the app's origin against the app's own database (`duka`, same
// schema, real IndexedDB) through the app's own store modules. Nothing here ships in the app.
//
// run.ts drives it through `window.dukaBench`: seed() once, then each measure returns the app's time and
// the raw floor: the same records read (or written) with the bare IndexedDB API.
import Dexie from 'dexie';
import { Rating, State, type Grade } from 'ts-fsrs';
import { db, DB_NAME } from '../src/lib/db/db.ts';
import type { ReviewLogRow } from '../src/lib/model/reviews.ts';
import type { StudyCardRow } from '../src/lib/model/cards.ts';
import type { UserEntryRow } from '../src/lib/model/words.ts';
import schemaV1 from '../src/lib/db/fixtures/schema-v1.json';
import { stores } from '../src/lib/db/lazy.ts';
import {
	DEFAULT_SCHEDULER_SETTINGS,
	dayStartFor,
	gradeCard,
	newCardState,
	nextDayStart
} from '../src/lib/scheduling/scheduler.ts';
import { ensureBuiltInCards, homeSummary, statsSummary } from '../src/lib/deck/summaries.ts';
import { DeckBrowser, DEFAULT_DECK_QUERY } from '../src/lib/deck/browser.svelte.ts';
import { indexEntry } from '../src/lib/deck/search.ts';
import { userEntryToVocab } from '../src/lib/deck/entries.ts';
import { userEntryId } from '../src/lib/model/ids.ts';
import { seededRandom } from '../src/lib/test/random.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;
// One browser for the whole page, as the deck screen keeps one while it is open.
const deckBrowser = new DeckBrowser(stores);

const HANZI =
	'数据中心芯片模型训练推理算力平台生态系统软件硬件网络公司产品市场客户工程架构加速计算机器学习人工智能开发者云服务';
const SYLLABLES = [
	'shù',
	'jù',
	'zhōng',
	'xīn',
	'xīn',
	'piàn',
	'mó',
	'xíng',
	'xùn',
	'liàn',
	'tuī',
	'lǐ',
	'suàn',
	'lì',
	'píng',
	'tái'
];
const WORDS = [
	'data',
	'center',
	'chip',
	'model',
	'training',
	'inference',
	'compute',
	'platform',
	'ecosystem',
	'software',
	'network',
	'market',
	'customer',
	'architecture',
	'accelerated',
	'learning'
];

function entryRow(index: number, next: () => number, now: number): UserEntryRow {
	const length = 2 + Math.floor(next() * 3);
	let zh = '';
	const pinyin: string[] = [];
	for (let i = 0; i < length; i++) {
		const at = Math.floor(next() * HANZI.length);
		zh += HANZI[at];
		pinyin.push(SYLLABLES[at % SYLLABLES.length]!);
	}
	// The index keeps ids (and so the Chinese) unique, as the deck requires.
	zh += String(index);
	const en = `${WORDS[Math.floor(next() * WORDS.length)]} ${WORDS[Math.floor(next() * WORDS.length)]} ${index}`;
	return {
		id: userEntryId(zh),
		zh,
		pinyin: pinyin.join(' '),
		en,
		defEn: `${en}; a term from the article`,
		defZh: `${zh}的解释`,
		example: `我们在${zh}上做了很多工作。`,
		articleId: 'huang-2025',
		paragraphId: `p${String(1 + (index % 400)).padStart(4, '0')}`,
		createdAt: now - 1000 * DAY + index
	};
}

/** The same local day's morning (8:00) or evening (20:00) session, some minutes in. */
function inSession(time: number, next: () => number): number {
	const date = new Date(time);
	return (
		new Date(date.getFullYear(), date.getMonth(), date.getDate(), next() < 0.6 ? 8 : 20).getTime() +
		Math.floor(next() * 40 * 60_000)
	);
}

function pickRating(next: () => number, last: boolean): Grade {
	const r = next();
	// Few cards end on Again, so (re)learning cards due now stay at a realistic hundred or so.
	if (r < (last ? 0.003 : 0.08)) return Rating.Again;
	if (r < 0.18) return Rating.Hard;
	if (r < 0.9) return Rating.Good;
	return Rating.Easy;
}

export interface SeedOptions {
	entries: number;
	/** Cards with a review history; the rest of the 2 × entries cards stay new. */
	reviewedCards: number;
	reviews: number;
	now: number;
}

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
	// Seeded, so every run generates the same collection.
	const next = seededRandom(20251129);
	const { now } = options;
	const dayStart = dayStartFor(now);
	const settings = DEFAULT_SCHEDULER_SETTINGS;
	const totalCards = options.entries * 2;
	const baseReviews = Math.floor(options.reviews / options.reviewedCards);
	const extra = options.reviews - baseReviews * options.reviewedCards;
	let reviewsWritten = 0;
	let reviewsToday = 0;

	const CHUNK = 2_000;
	for (let start = 0; start < options.entries; start += CHUNK) {
		const entries: UserEntryRow[] = [];
		const cards: StudyCardRow[] = [];
		const logs: ReviewLogRow[] = [];
		for (let e = start; e < Math.min(options.entries, start + CHUNK); e++) {
			const entry = entryRow(e, next, now);
			entries.push(entry);
			for (const direction of ['en2zh', 'zh2en'] as const) {
				const index = cards.length + start * 2;
				const reviewed = index < options.reviewedCards;
				const createdAt = Math.round(reviewed ? now - (60 + next() * 940) * DAY : now - next() * 60 * DAY);
				let state = newCardState(createdAt);
				if (reviewed) {
					const count = baseReviews + (index < extra ? 1 : 0);
					// Most histories end before today: the collection as it is in the morning, a few reviews
					// done (one history in 4,000 ends today) and the day's reviews still due.
					const today = next() < 1 / 4000;
					const lastAt = Math.round(
						today ? dayStart + next() * Math.max(1, now - dayStart - HOUR) : now - (1 + next() * 59) * DAY
					);
					let previous = -Infinity;
					for (let k = 0; k < count; k++) {
						const spread = Math.round(createdAt + HOUR + ((lastAt - createdAt - HOUR) * k) / Math.max(1, count - 1));
						// People review in a session or two a day, not around the clock.
						const at = Math.min(now - 1, Math.max(previous + 60_000, inSession(spread, next)));
						previous = at;
						let rating = pickRating(next, k === count - 1);
						// A (re)learning step is due minutes later and people take it in the same session;
						// a history that stops inside one would leave hundreds of cards due "now".
						if (
							k === count - 1 &&
							rating !== Rating.Again &&
							(state.state === State.Learning || state.state === State.Relearning)
						)
							rating = Rating.Easy;
						const { after, log } = gradeCard(state, rating, at, settings);
						logs.push({
							cardId: `${entry.id}|${direction}`,
							rating,
							reviewedAt: at,
							durationMs: Math.round(2000 + next() * 8000),
							before: log.before,
							after,
							sideEffects: { leechBefore: 0, buriedSiblings: [] },
							parameters: log.parameters
						});
						if (at >= dayStart) reviewsToday++;
						state = after;
					}
				}
				const roll = next();
				cards.push({
					...state,
					id: `${entry.id}|${direction}`,
					entryId: entry.id,
					direction,
					suspended: roll < 0.01 ? 1 : 0,
					buriedUntil: 0,
					leech: roll > 0.996 ? 1 : 0,
					createdAt
				});
			}
		}
		await database.transaction('rw', database.cards, database.reviews, database.userEntries, async () => {
			await database.userEntries.bulkAdd(entries);
			await database.cards.bulkAdd(cards);
			await database.reviews.bulkAdd(logs);
		});
		reviewsWritten += logs.length;
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

const api = {
	seed,
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
	/** Makes the backup file as the Back up button does (format 3, streamed and compressed) and keeps it. */
	async backupExport(now: number): Promise<Timing> {
		const { backup } = await stores();
		const { writeBackup } = await import('../src/lib/backup/backupWriter.ts');
		lastBackup = undefined;
		const app = await time(() => writeBackup(backup.exportInParts, now));
		lastBackup = app.value;
		const sizeMB = app.value.size / 1024 / 1024;
		return { ms: app.ms, extra: { 'file size': sizeMB }, detail: `${sizeMB.toFixed(1)} MB file` };
	},
	/** The floor of an export: every record read with getAll, nothing encoded. */
	async backupExportFloor(): Promise<Timing> {
		const floor = await time(() => rawExport());
		return { ms: floor.ms };
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
