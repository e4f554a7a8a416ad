import type { State } from 'ts-fsrs';
import {
	buildQueue,
	countDue,
	dayStartFor,
	cardEnabled,
	nextDayStart,
	type DoneToday,
	type DueCounts
} from '../scheduling/queue.ts';
import type { SchedulerSettings } from '../scheduling/schedulerSettings.ts';
import { CARD_STATE, type StudyCardRow } from '../model/cards.ts';
import { cardId, DIRECTIONS } from './cardRows.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import { SLOT_MS, type ReviewTallyRow } from './tally.ts';

// The index reads that today's queue, the day's counts and the review streak are made of, written once against
// a small reader: Dexie answers them everywhere in the app (cards.ts, reviews.ts), and raw IndexedDB answers the
// same reads on the home screen (quickRead.ts), so that its numbers need no 40 KB database library. No Dexie here.

/** A span of time: from `from` (included unless `includeFrom` is false) to `to` (excluded unless `includeTo`). */
export type TimeSpan = readonly [from: number, to: number, includeFrom?: boolean, includeTo?: boolean];

/** Keys from `lower` to `upper` of one index, each end included unless it is open. */
export interface KeyRange {
	lower: IDBValidKey;
	upper: IDBValidKey;
	lowerOpen: boolean;
	upperOpen: boolean;
}

export type ReadTable = 'cards' | 'reviews' | 'reviewTally' | 'kv' | 'reading';

/**
 * The reads the queue and the counts need. `index` names an index of the table, or its primary key's path; rows
 * come in index order. A range whose lower end lies above its upper holds nothing (as Dexie's `between`).
 */
export interface IndexReader {
	rows<T>(table: ReadTable, index: string, range: KeyRange, limit?: number): Promise<T[]>;
	count(table: ReadTable, index: string, range: KeyRange): Promise<number>;
	/** The primary keys of the rows in the range, in index order. */
	primaryKeys(table: ReadTable, index: string, range: KeyRange): Promise<IDBValidKey[]>;
	/** The first row in the range that `accept` takes. */
	first<T>(table: ReadTable, index: string, range: KeyRange, accept: (row: T) => boolean): Promise<T | undefined>;
	get<T>(table: ReadTable, key: IDBValidKey): Promise<T | undefined>;
	/** Rows by primary key, in the order of the keys, undefined where there is none. */
	bulkGet<T>(table: ReadTable, keys: readonly IDBValidKey[]): Promise<(T | undefined)[]>;
}

export const keyRange = (
	lower: IDBValidKey,
	upper: IDBValidKey,
	includeLower = true,
	includeUpper = true
): KeyRange => ({
	lower,
	upper,
	lowerOpen: !includeLower,
	upperOpen: !includeUpper
});

// ---- Cards ----

const inState = (state: State, [from, to, includeFrom = true, includeTo = false]: TimeSpan) =>
	keyRange([state, from], [state, to], includeFrom, includeTo);

/** New cards of the user's own words, in creation order (a new card's due is its creation time). */
const USER_NEW_CARDS = keyRange([CARD_STATE.New, 1, -Infinity], [CARD_STATE.New, 1, Infinity]);

/**
 * The first `limit` visible cards of an index range, in index order. Read with getAll (one request, no
 * cursor stepping row by row) and filtered here; hidden cards are few, so the first read nearly always
 * suffices, and otherwise a larger one follows.
 */
async function firstVisible(
	reader: IndexReader,
	index: string,
	range: KeyRange,
	visible: (card: StudyCardRow) => boolean,
	limit = Infinity,
	spare = 1
): Promise<StudyCardRow[]> {
	if (limit === Infinity) return (await reader.rows<StudyCardRow>('cards', index, range)).filter(visible);
	for (let take = spare * limit + Math.ceil(limit / 16); ; take *= 4) {
		const rows = await reader.rows<StudyCardRow>('cards', index, range, take);
		const shown = rows.filter(visible);
		if (shown.length >= limit || rows.length < take) return shown.slice(0, limit);
	}
}

/**
 * Candidates for today's queue, read through the [state+due] index so the cost follows the number of
 * cards due today, not the size of the collection: (re)learning cards due today, review cards due before
 * the day ends and new cards, each read only as far as the limits left today need.
 */
export async function queueCandidates(
	reader: IndexReader,
	now: number,
	settings: SchedulerSettings,
	reviewsLeft: number,
	newLeft: number,
	firstEntries: readonly string[] = []
): Promise<StudyCardRow[]> {
	const endOfDay = nextDayStart(now);
	const visible = (card: StudyCardRow) =>
		card.suspended === 0 && card.buriedUntil <= now && cardEnabled(card, settings);
	// With one direction switched off, about half the cards are hidden: read twice as many to begin with.
	const spare = settings.directions === 'both' ? 1 : 2;
	const dueBy = (state: State, upTo: number) => inState(state, [-Infinity, upTo, true, true]);
	const byDue = '[state+due]';
	const [learning, relearning, review, fresh, userFresh, ranked] = await Promise.all([
		// Every (re)learning card due today, not only those due now: the learning count is the day's (as Anki's
		// is), and a session shows each one as it falls due without reading again. They are few.
		firstVisible(reader, byDue, dueBy(CARD_STATE.Learning, endOfDay - 1), visible),
		firstVisible(reader, byDue, dueBy(CARD_STATE.Relearning, endOfDay - 1), visible),
		reviewsLeft > 0
			? firstVisible(reader, byDue, dueBy(CARD_STATE.Review, endOfDay - 1), visible, reviewsLeft, spare)
			: [],
		newLeft > 0 ? firstVisible(reader, byDue, dueBy(CARD_STATE.New, Infinity), visible, newLeft, spare) : [],
		// The user's own words come first (buildQueue), wherever they fall among all new cards.
		newLeft > 0 ? firstVisible(reader, '[state+userMade+due]', USER_NEW_CARDS, visible, newLeft, spare) : [],
		// And so do the words buildQueue ranks first (reading order), wherever they fall.
		newLeft > 0 ? firstNewOf(reader, firstEntries, visible, newLeft) : []
	]);
	// A card read twice (a ranked word of the user's, say) is the same row from the same transaction: kept once.
	const all = [...learning, ...relearning, ...review, ...fresh, ...userFresh, ...ranked];
	return [...new Map(all.map((card) => [card.id, card])).values()];
}

/**
 * The visible new cards of these entries, walking them in order until `limit` are found: the first `limit` in that
 * order are among them. Read by primary key a batch at a time (most of the first entries are studied already).
 */
export async function firstNewOf(
	reader: IndexReader,
	entryIds: readonly string[],
	visible: (card: StudyCardRow) => boolean,
	limit: number
): Promise<StudyCardRow[]> {
	const found: StudyCardRow[] = [];
	for (let start = 0, take = limit; start < entryIds.length && found.length < limit; start += take, take *= 4) {
		const ids = entryIds.slice(start, start + take).flatMap((entryId) => DIRECTIONS.map((d) => cardId(entryId, d)));
		for (const card of await reader.bulkGet<StudyCardRow>('cards', ids))
			if (card && card.state === CARD_STATE.New && visible(card)) found.push(card);
	}
	return found;
}

/** What today's queue is built from: `buildQueue(candidates, done, now, settings, dayStart)` gives it. */
export interface QueueSource {
	candidates: StudyCardRow[];
	done: DoneToday;
	dayStart: number;
}

/**
 * The cards today's queue is made of, and the day's work so far. `spare` more new and review cards than
 * the limits leave are read too, so a review session can rebuild the queue in memory after a grade (the
 * next card then shows without waiting for the database) and still be exact when siblings get buried.
 * The new cards of `firstEntries` (the words buildQueue ranks first: reading order, a reading card's words) are
 * read in their order as far as the limit needs, wherever they fall among all new cards.
 */
export async function readQueueSource(
	reader: IndexReader,
	now: number,
	settings: SchedulerSettings,
	spare = 0,
	firstEntries: readonly string[] = []
): Promise<QueueSource> {
	const dayStart = dayStartFor(now);
	const done = await reviewsOnDay(reader, dayStart);
	const reviewsLeft = settings.reviewsPerDay - done.reviewsDone;
	const newLeft = settings.newCardsPerDay - done.newIntroduced;
	const candidates = await queueCandidates(
		reader,
		now,
		settings,
		reviewsLeft > 0 ? reviewsLeft + spare : 0,
		newLeft > 0 ? newLeft + spare : 0,
		firstEntries
	);
	return { candidates, done, dayStart };
}

/** Today's counts from the queue's source, with every (re)learning card due today in the learning count. */
export function countsOf(
	{ candidates, done, dayStart }: QueueSource,
	now: number,
	settings: SchedulerSettings
): DueCounts {
	return countDue(buildQueue(candidates, done, now, settings, dayStart), candidates, now, settings, dayStart);
}

/** When the next card that is not due yet falls due, for "nothing due" screens. */
export async function nextDueAfter(reader: IndexReader, now: number): Promise<number | null> {
	const next = await reader.first<StudyCardRow>(
		'cards',
		'due',
		keyRange(now, Infinity, false, true),
		(card) => card.suspended === 0 && card.state !== CARD_STATE.New
	);
	return next?.due ?? null;
}

// ---- Reviews ----

export const GRADES = [1, 2, 3, 4] as const;

/** Reviews by the state of the card before the review, then grade, then time: counts without reading rows. */
export const BY_STATE_GRADE_TIME = '[before.state+rating+reviewedAt]';

function byStateAndGrade(state: State, rating: number, [from, to, includeFrom = true, includeTo = false]: TimeSpan) {
	return keyRange([state, rating, from], [state, rating, to], includeFrom, includeTo);
}

/**
 * What the study day starting at `dayStart` has used of the daily limits, read on the index: the day's
 * first grades of new cards (as many as were introduced, so a handful of rows) and a count of the grades
 * given to review cards. Ratings are 1-4, as `recordReview` and the backup validator allow.
 */
export async function reviewsOnDay(reader: IndexReader, dayStart: number): Promise<DoneToday> {
	const day: TimeSpan = [dayStart, nextDayStart(dayStart)];
	const [introduced, reviewed] = await Promise.all([
		Promise.all(
			GRADES.map((rating) =>
				reader.rows<ReviewLogRow>('reviews', BY_STATE_GRADE_TIME, byStateAndGrade(CARD_STATE.New, rating, day))
			)
		),
		Promise.all(
			GRADES.map((rating) =>
				reader.count('reviews', BY_STATE_GRADE_TIME, byStateAndGrade(CARD_STATE.Review, rating, day))
			)
		)
	]);
	return {
		newIntroduced: new Set(introduced.flat().map((log) => log.cardId)).size,
		reviewsDone: reviewed.reduce((a, b) => a + b, 0)
	};
}

export interface ReviewTotals {
	reviews: number;
	/** Grades given to cards in review state: Again, and any other grade. */
	again: number;
	passed: number;
}

/** The whole slots [first, end) of a span, and the part-slots left at its edges. */
function splitAtSlots(from: number, to: number): { first: number; end: number; edges: [number, number][] } {
	if (!(from < to)) return { first: 0, end: 0, edges: [] };
	const first = Math.ceil(from / SLOT_MS);
	const end = Math.floor(to / SLOT_MS);
	if (!(first < end)) return { first: 0, end: 0, edges: [[from, to]] };
	const edges: [number, number][] = [];
	if (from < first * SLOT_MS) edges.push([from, first * SLOT_MS]);
	if (end * SLOT_MS < to) edges.push([end * SLOT_MS, to]);
	return { first, end, edges };
}

/** The first index of `sorted` whose value is not below `value`. */
export function firstAtOrAfter(sorted: ArrayLike<number>, value: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid]! < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The range of tally slots [low, high) that covers every span's whole slots; undefined when no span has one. */
function wholeSlots(parts: readonly { first: number; end: number }[]): KeyRange | undefined {
	const whole = parts.filter((part) => part.first < part.end);
	if (whole.length === 0) return undefined;
	const low = Math.min(...whole.map((part) => part.first));
	const high = Math.max(...whole.map((part) => part.end));
	return keyRange(low, high, true, false);
}

async function countOnIndexes(
	reader: IndexReader,
	[from, to]: readonly [number, number],
	grades: boolean
): Promise<ReviewTotals> {
	const span: TimeSpan = [from, to];
	const [reviews, again = 0, ...passing] = await Promise.all([
		reader.count('reviews', 'reviewedAt', keyRange(from, to, true, false)),
		...(grades
			? GRADES.map((rating) =>
					reader.count('reviews', BY_STATE_GRADE_TIME, byStateAndGrade(CARD_STATE.Review, rating, span))
				)
			: [])
	]);
	return { reviews, again, passed: passing.reduce((a, b) => a + b, 0) };
}

/**
 * Reviews in each half-open span [from, to), and (with `grades`) the grades given to review cards: the
 * whole 15-minute slots inside a span come from the review tally, in one read, and the part-slots at its
 * edges are counted on the indexes. Local days begin on slot boundaries, so for days there are no edges.
 */
export async function reviewTotalsIn(
	reader: IndexReader,
	spans: readonly (readonly [from: number, to: number])[],
	grades = false
): Promise<ReviewTotals[]> {
	const parts = spans.map(([from, to]) => splitAtSlots(from, to));
	const slotRange = wholeSlots(parts);
	const rows = slotRange ? await reader.rows<ReviewTallyRow>('reviewTally', 'slot', slotRange) : [];
	// Running sums over the slots, so each span is a difference of two.
	const sums: ReviewTotals[] = [{ reviews: 0, again: 0, passed: 0 }];
	for (const row of rows) {
		const last = sums[sums.length - 1]!;
		sums.push({ reviews: last.reviews + row.reviews, again: last.again + row.again, passed: last.passed + row.passed });
	}
	const slots = rows.map((row) => row.slot);
	const before = (slot: number) => sums[firstAtOrAfter(slots, slot)]!;
	// Only database reads are awaited (none at all when there are no edges), so this may run in one transaction.
	const edges = parts.some((part) => part.edges.length > 0)
		? await Promise.all(
				parts.map((part) => Promise.all(part.edges.map((edge) => countOnIndexes(reader, edge, grades))))
			)
		: parts.map(() => []);
	return parts.map((part, i) => {
		const total: ReviewTotals = { reviews: 0, again: 0, passed: 0 };
		if (part.first < part.end) {
			const [start, end] = [before(part.first), before(part.end)];
			total.reviews = end.reviews - start.reviews;
			total.again = grades ? end.again - start.again : 0;
			total.passed = grades ? end.passed - start.passed : 0;
		}
		for (const edge of edges[i]!) {
			total.reviews += edge.reviews;
			total.again += edge.again;
			total.passed += edge.passed;
		}
		return total;
	});
}

/**
 * Whether each half-open span [from, to) holds any review: from the tally's keys alone (no rows read),
 * with part-slots at the edges counted on the index. For the streak, which looks at many days.
 */
export async function reviewedIn(
	reader: IndexReader,
	spans: readonly (readonly [from: number, to: number])[]
): Promise<boolean[]> {
	const parts = spans.map(([from, to]) => splitAtSlots(from, to));
	const slotRange = wholeSlots(parts);
	const slots = slotRange ? ((await reader.primaryKeys('reviewTally', 'slot', slotRange)) as number[]) : [];
	const inWhole = parts.map(
		(part) => part.first < part.end && firstAtOrAfter(slots, part.first) < firstAtOrAfter(slots, part.end)
	);
	const edges = parts.map((part, i) => (inWhole[i] ? [] : part.edges));
	// Only database reads are awaited (none at all when there are no edges to count).
	const counted = edges.some((list) => list.length > 0)
		? await Promise.all(edges.map((list) => Promise.all(list.map((edge) => countOnIndexes(reader, edge, false)))))
		: edges.map(() => []);
	return parts.map((_, i) => inWhole[i]! || counted[i]!.some((totals) => totals.reviews > 0));
}

// ---- Reading progress ----

export interface ReadingPosition {
	articleId: string;
	cardId: string;
	at: number;
}

export const LAST_POSITION = 'reading:last';

/** Where the user last read. */
export async function lastPosition(reader: IndexReader): Promise<ReadingPosition | undefined> {
	return (await reader.get<{ key: string; value: ReadingPosition }>('kv', LAST_POSITION))?.value;
}

/** The reading cards of an article read so far. */
export async function readCardIds(reader: IndexReader, articleId: string): Promise<Set<string>> {
	const rows = await reader.rows<{ cardId: string }>('reading', 'articleId', keyRange(articleId, articleId));
	return new Set(rows.map((row) => row.cardId));
}
