import type { DueCounts } from '../scheduling/queue.ts';
import { validateSchedulerSettings, type SchedulerSettings } from '../scheduling/schedulerSettings.ts';
import { sanitiseDisplaySettings } from '../settings/settings.ts';
import {
	countsOf,
	lastPosition,
	nextDueAfter,
	readCardIds,
	readQueueSource,
	reviewedIn,
	type IndexReader,
	type KeyRange
} from './indexReads.ts';
import {
	CHECKED_DECK_KEY,
	DB_NAME,
	deckFingerprint,
	DISPLAY_SETTINGS_KEY,
	INDEXEDDB_VERSION,
	NEWER_INDEXEDDB_VERSION,
	SCHEDULER_SETTINGS_KEY
} from './keys.ts';

// The home screen's reads without Dexie (40 KB gzipped, more than the rest of the first screen): plain IndexedDB
// through the same index reads the app makes with Dexie (indexReads.ts). Only ever reads, and only a database
// at the version this build's Dexie declares: a missing one, an older one to upgrade, or a browser that cannot
// list its databases is left to Dexie, which the screens load as before.

const TABLES = ['cards', 'reviews', 'reviewTally', 'kv', 'reading'] as const;

const request = <T>(pending: IDBRequest<T>) =>
	new Promise<T>((resolve, reject) => {
		pending.onsuccess = () => resolve(pending.result);
		pending.onerror = () => reject(pending.error ?? new Error('IndexedDB request failed'));
	});

function emptyRange(factory: IDBFactory, range: KeyRange): boolean {
	const order = factory.cmp(range.lower, range.upper);
	return order > 0 || (order === 0 && (range.lowerOpen || range.upperOpen));
}

/** The IndexReader of indexReads.ts on an open database: one read-only transaction per read. */
export function rawReader(database: IDBDatabase, factory: IDBFactory): IndexReader {
	const source = (table: string, index: string) => {
		const store = database.transaction(table, 'readonly').objectStore(table);
		return store.keyPath === index ? store : store.index(index);
	};
	const bound = (range: KeyRange) => IDBKeyRange.bound(range.lower, range.upper, range.lowerOpen, range.upperOpen);
	return {
		rows: async <T>(table: string, index: string, range: KeyRange, limit?: number) =>
			emptyRange(factory, range) || limit === 0
				? []
				: ((await request(source(table, index).getAll(bound(range), limit))) as T[]),
		count: async (table, index, range) =>
			emptyRange(factory, range) ? 0 : request(source(table, index).count(bound(range))),
		primaryKeys: async (table, index, range) =>
			emptyRange(factory, range) ? [] : request(source(table, index).getAllKeys(bound(range))),
		first: <T>(table: string, index: string, range: KeyRange, accept: (row: T) => boolean) =>
			new Promise<T | undefined>((resolve, reject) => {
				if (emptyRange(factory, range)) return resolve(undefined);
				const cursor = source(table, index).openCursor(bound(range));
				cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB cursor failed'));
				cursor.onsuccess = () => {
					const at = cursor.result;
					if (!at) resolve(undefined);
					else if (accept(at.value as T)) resolve(at.value as T);
					else at.continue();
				};
			}),
		bulkGet: <T>(table: string, keys: readonly IDBValidKey[]) => {
			const store = database.transaction(table, 'readonly').objectStore(table);
			return Promise.all(keys.map((key) => request(store.get(key)) as Promise<T | undefined>));
		},
		get: async <T>(table: string, key: IDBValidKey) =>
			(await request(database.transaction(table, 'readonly').objectStore(table).get(key))) as T | undefined
	};
}

export type QuickOpen =
	| { kind: 'absent' }
	| { kind: 'open'; reader: IndexReader; close: () => void }
	/** Dexie's to open: an upgrade to make, or no way to tell whether the database exists. */
	| { kind: 'unavailable' };

/** Opens this build's database for reading without creating or upgrading it. */
export async function openQuickReader(
	factory: IDBFactory | undefined = globalThis.indexedDB,
	name = DB_NAME
): Promise<QuickOpen> {
	if (!factory || typeof factory.databases !== 'function') return { kind: 'unavailable' };
	const listed = (await factory.databases()).find((info) => info.name === name);
	if (!listed) return { kind: 'absent' };
	// Dexie opens a database it patched at a higher version (51, 52…): so may this reader. A lower one waits for its
	// upgrade, and a newer Duka's database for this page to step aside (db.ts), both Dexie's to handle.
	const version = listed.version ?? 0;
	if (version < INDEXEDDB_VERSION || version >= NEWER_INDEXEDDB_VERSION) return { kind: 'unavailable' };
	const database = await new Promise<IDBDatabase | undefined>((resolve) => {
		const opening = factory.open(name);
		// Only when the database went between the listing and the open: make none, Dexie will.
		opening.onupgradeneeded = () => opening.transaction?.abort();
		opening.onsuccess = () => resolve(opening.result);
		opening.onerror = () => resolve(undefined);
	});
	if (!database) return { kind: 'unavailable' };
	// Another tab's upgrade must never wait for this read.
	database.onversionchange = () => database.close();
	if (
		database.version < INDEXEDDB_VERSION ||
		database.version >= NEWER_INDEXEDDB_VERSION ||
		TABLES.some((table) => !database.objectStoreNames.contains(table))
	) {
		database.close();
		return { kind: 'unavailable' };
	}
	return { kind: 'open', reader: rawReader(database, factory), close: () => database.close() };
}

/** What the home screen reads, in the shape of the stores' own functions (deck/summaries.ts `HomeReads`). */
export interface QuickHomeReads {
	settings: { loadSchedulerSettings(): Promise<SchedulerSettings> };
	cards: {
		loadCounts(now: number, settings: SchedulerSettings): Promise<DueCounts>;
		nextDueAfter(now: number): Promise<number | null>;
	};
	reviews: { reviewedIn(spans: readonly (readonly [from: number, to: number])[]): Promise<boolean[]> };
}

const valueOf = async (reader: IndexReader, key: string) =>
	(await reader.get<{ key: string; value: unknown }>('kv', key))?.value;

/** The home screen's reads on a quick reader. */
export function quickHomeReads(reader: IndexReader): QuickHomeReads {
	return {
		settings: {
			loadSchedulerSettings: async () => validateSchedulerSettings(await valueOf(reader, SCHEDULER_SETTINGS_KEY))
		},
		cards: {
			loadCounts: async (now, settings) => countsOf(await readQueueSource(reader, now, settings), now, settings),
			nextDueAfter: (now) => nextDueAfter(reader, now)
		},
		reviews: { reviewedIn: (spans) => reviewedIn(reader, spans) }
	};
}

/** Whether this device's cards were made for this built-in deck (cards.ts `suspendRemovedBuiltInCards` notes it). */
export async function cardsMadeFor(reader: IndexReader, builtInEntryIds: readonly string[]): Promise<boolean> {
	return (await valueOf(reader, CHECKED_DECK_KEY)) === deckFingerprint(builtInEntryIds);
}

let shared: Promise<QuickOpen> | undefined;

/**
 * One quick reader for the page, kept open while the database stays as it is (a delete or an upgrade elsewhere
 * closes it, and the next read opens again); a database found missing is looked for again on the next read.
 */
function sharedQuickReader(): Promise<QuickOpen> {
	const opening = (shared ??= openQuickReader().catch(() => ({ kind: 'unavailable' }) as const));
	void opening.then((opened) => {
		if (opened.kind !== 'open') shared = undefined;
	});
	return opening;
}

/**
 * `read` through the page's quick reader; `whenAbsent()` on a device with no database yet; undefined when only Dexie
 * can answer (the caller then asks the stores) or the read failed.
 */
export async function readQuickly<T>(
	read: (reader: IndexReader) => Promise<T>,
	whenAbsent: () => T
): Promise<{ value: T } | undefined> {
	const opened = await sharedQuickReader();
	if (opened.kind === 'absent') return { value: whenAbsent() };
	if (opened.kind !== 'open') return undefined;
	try {
		return { value: await read(opened.reader) };
	} catch {
		// Closed by an upgrade or a delete in another tab since it opened: open again next time.
		shared = undefined;
		return undefined;
	}
}

/** The stored display settings (the defaults on a device with no database yet). */
export const quickDisplaySettings = () =>
	readQuickly(
		async (reader) => sanitiseDisplaySettings(await valueOf(reader, DISPLAY_SETTINGS_KEY)),
		() => sanitiseDisplaySettings(undefined)
	);

/** Where the user last read (reading.ts `lastPosition`). */
export const quickLastPosition = () => readQuickly(lastPosition, () => undefined);

/** The reading cards of an article read so far (reading.ts `readCardIds`). */
export const quickReadCardIds = (articleId: string) =>
	readQuickly(
		(reader) => readCardIds(reader, articleId),
		() => new Set<string>()
	);
