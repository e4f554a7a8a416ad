import type {
	DBCore,
	DBCoreMutateRequest,
	DBCoreTable,
	DBCoreTransaction,
	IndexableType,
	Middleware,
	Transaction
} from 'dexie';
import type { ReviewLogRow } from '../model/reviews.ts';
import { isClozeWay, type StudyCardRow } from '../model/cards.ts';

/**
 * Running tallies, so the home and stats screens read a few hundred small rows instead of counting
 * hundreds of thousands of index entries (IndexedDB counts an index range entry by entry: at 500,000
 * reviews, a year of them takes seconds on a phone).
 *
 * - `reviewTally`: the review log per 15 minutes of review time. Every local day starts on a 15-minute
 *   boundary in every time zone in use, so a day is a run of whole slots; readers still count any
 *   part-slot at an edge on the indexes, so the figures stay exact anywhere.
 * - `cardTally`: cards per FSRS state and suspended flag, flashcards and cloze cards apart.
 *
 * Tallies are derived data, never backed up: `tallyMiddleware` keeps them in step with every write to the
 * tallied tables (add, put, delete, clear), inside the same transaction, whichever store function made it.
 */
export const SLOT_MS = 15 * 60_000;

export const slotOf = (time: number) => Math.floor(time / SLOT_MS);

export interface ReviewTallyRow {
	/** floor(reviewedAt / 15 minutes) */
	slot: number;
	reviews: number;
	/** Grades given to cards in review state: Again, and any other grade (true retention's inputs). */
	again: number;
	passed: number;
}

export interface CardTallyRow {
	/** 2 × state + suspended, 8 more for a cloze card: see `cardTallyKey`. */
	key: number;
	cards: number;
}

// Past the eight keys of the flashcards, so a tally made before there were cloze cards stays right as it is.
const CLOZE_KEYS = 8;

export const cardTallyKey = (state: number, suspended: number, cloze = false) =>
	2 * state + (suspended ? 1 : 0) + (cloze ? CLOZE_KEYS : 0);

type Counts = Record<string, number>;

interface TallySpec {
	/** The table whose rows are counted, and the tally table, whose primary key is `keyPath`. */
	source: string;
	tally: string;
	keyPath: string;
	/** Where a source row counts, and what it adds there; undefined for a row that counts nowhere. */
	count(row: never): { key: number; counts: Counts } | undefined;
	/** Every key the tally can have, when there are few: they are read at once, before knowing which change. */
	allKeys?: number[];
}

type TalliedReview = Pick<ReviewLogRow, 'reviewedAt' | 'rating' | 'before'>;

const reviewSpec: TallySpec = {
	source: 'reviews',
	tally: 'reviewTally',
	keyPath: 'slot',
	// A row without a usable time is not in the reviewedAt index either.
	count: (row: TalliedReview) =>
		typeof row.reviewedAt === 'number' && Number.isFinite(row.reviewedAt)
			? {
					key: slotOf(row.reviewedAt),
					counts: {
						reviews: 1,
						again: row.before?.state === 2 && !(row.rating > 1) ? 1 : 0,
						passed: row.before?.state === 2 && row.rating > 1 ? 1 : 0
					}
				}
			: undefined
};

const cardSpec: TallySpec = {
	source: 'cards',
	tally: 'cardTally',
	keyPath: 'key',
	count: (row: Pick<StudyCardRow, 'state' | 'suspended' | 'direction'>) =>
		typeof row.state === 'number'
			? {
					key: cardTallyKey(row.state, row.suspended, typeof row.direction === 'string' && isClozeWay(row.direction)),
					counts: { cards: 1 }
				}
			: undefined,
	allKeys: [false, true].flatMap((cloze) =>
		[0, 1, 2, 3].flatMap((state) => [cardTallyKey(state, 0, cloze), cardTallyKey(state, 1, cloze)])
	)
};

const SPECS = [reviewSpec, cardSpec];

type Changes = Map<number, Counts>;

function addRows(spec: TallySpec, changes: Changes, rows: Iterable<unknown>, sign: 1 | -1): void {
	for (const row of rows) {
		const counted = row ? spec.count(row as never) : undefined;
		if (!counted) continue;
		let change = changes.get(counted.key);
		if (!change) changes.set(counted.key, (change = {}));
		for (const [field, value] of Object.entries(counted.counts)) change[field] = (change[field] ?? 0) + sign * value;
	}
}

function rowsOf(spec: TallySpec, changes: Changes): Counts[] {
	return [...changes.entries()]
		.filter(([, counts]) => Object.values(counts).some((value) => value !== 0))
		.sort(([a], [b]) => a - b)
		.map(([key, counts]) => ({ [spec.keyPath]: key, ...counts }));
}

const specOf = (source: 'reviews' | 'cards') => (source === 'reviews' ? reviewSpec : cardSpec);

/** The tally rows of a whole table, for checks. */
export function tallyRows(source: 'reviews', rows: Iterable<unknown>): ReviewTallyRow[];
export function tallyRows(source: 'cards', rows: Iterable<unknown>): CardTallyRow[];
export function tallyRows(source: 'reviews' | 'cards', rows: Iterable<unknown>): unknown[] {
	const changes: Changes = new Map();
	addRows(specOf(source), changes, rows, 1);
	return rowsOf(specOf(source), changes);
}

/**
 * Fills a tally from its table during the schema upgrade, reading a page at a time: a phone cannot hold half a million
 * rows at once.
 */
export async function fillTally(transaction: Transaction, source: 'reviews' | 'cards'): Promise<void> {
	const spec = specOf(source);
	const table = transaction.table(source);
	const changes: Changes = new Map();
	const PAGE = 5_000;
	for (let after: IndexableType = -Infinity; ;) {
		const page: unknown[] = await table.where(':id').above(after).limit(PAGE).toArray();
		addRows(spec, changes, page, 1);
		if (page.length < PAGE) break;
		after = (page[page.length - 1] as { id: IndexableType }).id;
	}
	await transaction.table(spec.tally).bulkPut(rowsOf(spec, changes));
}

/**
 * Reads the tally rows a change is likely to touch, issued together with the write to the source table so
 * the two share one wait: every row of a small tally, or the rows of the rows being added.
 */
function readAhead(
	spec: TallySpec,
	tally: DBCoreTable,
	trans: DBCoreTransaction,
	adding: readonly unknown[]
): Promise<Map<number, Counts | undefined>> {
	const keys = spec.allKeys ?? [
		...new Set(
			adding
				.flatMap((row) => (row ? [spec.count(row as never)?.key] : []))
				.filter((key): key is number => key !== undefined)
		)
	];
	if (keys.length === 0) return Promise.resolve(new Map());
	return tally
		.getMany({ trans, keys })
		.then((rows: (Counts | undefined)[]) => new Map(keys.map((key, i) => [key, rows[i]])));
}

async function applyChanges(
	spec: TallySpec,
	tally: DBCoreTable,
	trans: DBCoreTransaction,
	changes: Changes,
	known = new Map<number, Counts | undefined>()
): Promise<void> {
	const keys = [...changes.keys()].filter((key) => Object.values(changes.get(key)!).some((value) => value !== 0));
	if (keys.length === 0) return;
	const missing = keys.filter((key) => !known.has(key));
	const read = missing.length > 0 ? ((await tally.getMany({ trans, keys: missing })) as (Counts | undefined)[]) : [];
	missing.forEach((key, i) => known.set(key, read[i]));
	const current = keys.map((key) => known.get(key));
	const puts: Counts[] = [];
	const deletes: number[] = [];
	keys.forEach((key, i) => {
		const before = current[i];
		const next: Counts = { ...before, [spec.keyPath]: key };
		for (const [field, value] of Object.entries(changes.get(key)!)) next[field] = (before?.[field] ?? 0) + value;
		// A row whose counts are all zero goes, so the tally only holds slots and states that have rows.
		if (Object.entries(next).some(([field, value]) => field !== spec.keyPath && value !== 0)) puts.push(next);
		else if (before) deletes.push(key);
	});
	if (puts.length > 0) await tally.mutate({ type: 'put', trans, values: puts });
	if (deletes.length > 0) await tally.mutate({ type: 'delete', trans, keys: deletes });
}

const succeeded = (failures: Record<number, Error>, i: number) => !(i in failures);

/** A tally's changes summed over a transaction's writes, written when it is flushed (deferTallies). */
interface Deferred {
	spec: TallySpec;
	tally: DBCoreTable;
	changes: Changes;
}

/** The transactions whose tallies are deferred, with what each has summed so far, by tally. */
const deferredIn = new WeakMap<DBCoreTransaction, Map<string, Deferred>>();

/**
 * From now until the returned flush, the writes of `transaction` sum their tallies' changes in memory instead of
 * reading and writing the tally rows each time; the flush writes them once. For a transaction of many bulk writes
 * (a restore): rows in the order of their cards rather than of time touch a different slot each, so every batch of
 * a thousand reviews would read and write about a thousand tally rows, as much again as the reviews. The flush
 * must run inside the same transaction, before its work ends.
 */
export function deferTallies(transaction: Transaction): () => Promise<void> {
	const trans: DBCoreTransaction = transaction.idbtrans;
	const pending = new Map<string, Deferred>();
	deferredIn.set(trans, pending);
	return async () => {
		deferredIn.delete(trans);
		for (const { spec, tally, changes } of pending.values()) await applyChanges(spec, tally, trans, changes);
	};
}

/** Where a write's tally changes go: the transaction's running sum when deferred, else none (applied at once). */
function deferredChanges(spec: TallySpec, tally: DBCoreTable, trans: DBCoreTransaction): Changes | undefined {
	const pending = deferredIn.get(trans);
	if (!pending) return undefined;
	let deferred = pending.get(spec.tally);
	if (!deferred) pending.set(spec.tally, (deferred = { spec, tally, changes: new Map() }));
	return deferred.changes;
}

function tallying(spec: TallySpec, source: DBCoreTable, tally: DBCoreTable): DBCoreTable {
	const primaryKey = source.schema.primaryKey;
	return {
		...source,
		async mutate(request: DBCoreMutateRequest) {
			const { trans } = request;
			const deferred = deferredChanges(spec, tally, trans);
			const changes: Changes = deferred ?? new Map();
			// Deferred, the sum waits for the flush; otherwise this write's changes are written now.
			const apply = (ahead?: Map<number, Counts | undefined>) =>
				deferred ? Promise.resolve() : applyChanges(spec, tally, trans, changes, ahead);
			if (request.type === 'deleteRange') {
				// clear(): the tally goes with it, without reading the rows, and so does what was summed before it.
				if (request.range.type === 3 /* DBCoreRangeType.Any */) {
					const response = await source.mutate(request);
					await tally.mutate({ type: 'deleteRange', trans, range: request.range });
					changes.clear();
					return response;
				}
				const old = await source.query({ trans, values: true, query: { index: primaryKey, range: request.range } });
				const response = await source.mutate(request);
				addRows(spec, changes, old.result, -1);
				await apply();
				return response;
			}
			// Requests run in the order they are made, so the old rows are read before the write changes
			// them, and all of it is issued at once: one wait instead of three.
			if (request.type === 'delete') {
				const [old, response, ahead] = await Promise.all([
					source.getMany({ trans, keys: request.keys }),
					source.mutate(request),
					deferred ? undefined : readAhead(spec, tally, trans, [])
				]);
				addRows(
					spec,
					changes,
					old.filter((_, i) => succeeded(response.failures, i)),
					-1
				);
				await apply(ahead);
				return response;
			}
			// add or put: a put may replace a row, whose old values leave the tally.
			const keys = request.keys ?? request.values.map((value) => primaryKey.extractKey?.(value));
			const known = keys.map((key, i) => ({ key, i })).filter(({ key }) => key !== undefined && key !== null);
			const [old, response, ahead] = await Promise.all([
				request.type === 'put' && known.length > 0
					? source.getMany({ trans, keys: known.map(({ key }) => key) })
					: Promise.resolve([]),
				source.mutate(request),
				deferred ? undefined : readAhead(spec, tally, trans, request.values)
			]);
			addRows(
				spec,
				changes,
				old.filter((_, j) => succeeded(response.failures, known[j]!.i)),
				-1
			);
			addRows(
				spec,
				changes,
				request.values.filter((_, i) => succeeded(response.failures, i)),
				1
			);
			await apply(ahead);
			return response;
		}
	};
}

/**
 * Dexie middleware: read-write transactions that include a tallied table also include its tally, and every
 * change to the table updates the tally in the same transaction, so both commit or neither does.
 */
export const tallyMiddleware: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'tallies',
	create(down) {
		// During the upgrade to version 2 the schema has no tallies yet: the upgrade fills them itself.
		const specs = SPECS.filter((spec) => down.schema.tables.some((table) => table.name === spec.tally));
		return {
			...down,
			transaction(stores, mode, options) {
				const extra =
					mode === 'readwrite'
						? specs
								.filter((spec) => stores.includes(spec.source) && !stores.includes(spec.tally))
								.map((spec) => spec.tally)
						: [];
				return down.transaction(extra.length > 0 ? [...stores, ...extra] : stores, mode, options);
			},
			table(name) {
				const table = down.table(name);
				const spec = specs.find((candidate) => candidate.source === name);
				return spec ? tallying(spec, table, down.table(spec.tally)) : table;
			}
		};
	}
};
