import { State, type Grade } from 'ts-fsrs';
import {
	checkConsistency,
	gradeCard,
	leechAfterGrade,
	newCardState,
	nextDayStart,
	replayCard,
	siblingsToBury,
	type DoneToday,
	type SchedulerSettings,
	type StateDifference
} from '../scheduling/scheduler.ts';
import { groupBy } from '../deck/search.ts';
import { db, type DukaDatabase } from './db.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { StoredFsrsState, StudyCardRow } from '../model/cards.ts';
import { SLOT_MS } from './tally.ts';

/**
 * Grades a card. Its new state, the log row, the burying of its siblings and the leech flag are written
 * in one transaction (strict durability, see db.ts), so a crash leaves all of it or none of it.
 */
/** The card was graded elsewhere (another tab) since it was shown here: this grade is not applied. */
export class AlreadyReviewedError extends Error {
	constructor(readonly cardId: string) {
		super(`card ${cardId} was reviewed since it was shown`);
		this.name = 'AlreadyReviewedError';
	}
}

/** Whether the stored card is still the one that was shown: every grade moves `reps` and `last_review`. */
export const sameShowing = (stored: StoredFsrsState, shown: StoredFsrsState) =>
	stored.reps === shown.reps && stored.last_review === shown.last_review && stored.state === shown.state;

/**
 * Grades a card. With `shown`, the card as it was on screen, the grade applies only if the stored card is
 * still that one; otherwise it throws AlreadyReviewedError and writes nothing, so one showing in two tabs
 * never gives two reviews.
 */
export async function recordReview(
	cardId: string,
	rating: Grade,
	now: number,
	durationMs: number,
	settings: SchedulerSettings,
	shown?: StoredFsrsState
): Promise<{ card: StudyCardRow; logId: number; log: ReviewLogRow; stateBefore: State; buried: StudyCardRow[] }> {
	const database = db();
	return database.transaction('rw', database.cards, database.reviews, async () => {
		// A card's id is `${entryId}|${direction}` (cards.ts), so one read gets the card and its siblings;
		// the second read is only for a card whose id does not follow that pattern.
		const entryGuess = cardId.slice(0, Math.max(0, cardId.lastIndexOf('|')));
		let siblings = await database.cards.where('entryId').equals(entryGuess).toArray();
		let card = siblings.find((candidate) => candidate.id === cardId);
		if (!card) {
			card = await database.cards.get(cardId);
			if (!card) throw new Error(`No card ${cardId}`);
			siblings = await database.cards.where('entryId').equals(card.entryId).toArray();
		}
		if (shown && !sameShowing(card, shown)) throw new AlreadyReviewedError(cardId);
		const { after, log: graded } = gradeCard(card, rating, now, settings);
		const leech = leechAfterGrade(card.leech, rating, graded.before, after);
		const updated: StudyCardRow = { ...card, ...after, leech };

		const burial = siblingsToBury(card, siblings, now);
		const buried = burial.cards.map((sibling) => ({ ...sibling, buriedUntil: burial.until }));

		const log: ReviewLogRow = {
			cardId,
			rating,
			reviewedAt: now,
			durationMs: Math.max(0, Math.round(durationMs)),
			before: graded.before,
			after,
			sideEffects: {
				leechBefore: card.leech,
				buriedSiblings: burial.cards.map((sibling) => ({ id: sibling.id, buriedUntil: sibling.buriedUntil }))
			},
			parameters: graded.parameters
		};
		// Both writes at once: one wait for the database instead of two.
		const [, logId] = await Promise.all([database.cards.bulkPut([updated, ...buried]), database.reviews.add(log)]);
		if (logId === undefined) throw new Error('The review log gave no id');
		return { card: updated, logId, log: { ...log, id: logId }, stateBefore: card.state, buried };
	});
}

export function lastReview(): Promise<ReviewLogRow | undefined> {
	return db().reviews.orderBy('id').last();
}

/**
 * Takes back the newest review: its log row goes, the card returns to exactly its state before, and
 * the siblings it buried get their old `buriedUntil` back. Call again to go back further.
 */
export async function undoLastReview(): Promise<ReviewLogRow | undefined> {
	const last = await db().reviews.orderBy('id').last();
	if (last?.id === undefined) return undefined;
	const result = await undoReview(last.id);
	return 'undone' in result ? result.undone : undefined;
}

/** Why a review could not be taken back. */
export type UndoRefusal = 'gone' | 'reviewed-later';

/**
 * Takes back one review: the card's state before it, its leech mark and its siblings' burial come back
 * exactly. Only a card's latest review can be taken back; a later one (another tab's, say) refuses it.
 */
export async function undoReview(logId: number): Promise<{ undone: ReviewLogRow } | { refused: UndoRefusal }> {
	const database = db();
	return database.transaction('rw', database.cards, database.reviews, async () => {
		const log = await database.reviews.get(logId);
		if (!log || log.id === undefined) return { refused: 'gone' as const };
		const latest = await database.reviews.where('cardId').equals(log.cardId).last();
		if (latest?.id !== log.id) return { refused: 'reviewed-later' as const };
		const card = await database.cards.get(log.cardId);
		if (card) await database.cards.put({ ...card, ...log.before, leech: log.sideEffects?.leechBefore ?? card.leech });
		for (const sibling of log.sideEffects?.buriedSiblings ?? [])
			await database.cards.update(sibling.id, { buriedUntil: sibling.buriedUntil });
		await database.reviews.delete(log.id);
		return { undone: log };
	});
}

/** A card's reviews, oldest first. */
export function reviewHistory(cardId: string): Promise<ReviewLogRow[]> {
	// The cardId index keeps rows with the same cardId in id order, which is the order they were written.
	return db().reviews.where('cardId').equals(cardId).toArray();
}

/** A span of time: from `from` (included unless `includeFrom` is false) to `to` (excluded unless `includeTo`). */
export type TimeSpan = readonly [from: number, to: number, includeFrom?: boolean, includeTo?: boolean];

const GRADES = [1, 2, 3, 4] as const;

/** Reviews by the state of the card before the review, then grade, then time: counts without reading rows. */
const BY_STATE_GRADE_TIME = '[before.state+rating+reviewedAt]';

function byStateAndGrade(state: State, rating: number, [from, to, includeFrom = true, includeTo = false]: TimeSpan) {
	return db()
		.reviews.where(BY_STATE_GRADE_TIME)
		.between([state, rating, from], [state, rating, to], includeFrom, includeTo);
}

/**
 * What the study day starting at `dayStart` has used of the daily limits, read on the index: the day's
 * first grades of new cards (as many as were introduced, so a handful of rows) and a count of the grades
 * given to review cards. Ratings are 1-4, as `recordReview` and the backup validator allow.
 */
export async function reviewsOnDay(dayStart: number): Promise<DoneToday> {
	const day: TimeSpan = [dayStart, nextDayStart(dayStart)];
	const [introduced, reviewed] = await Promise.all([
		Promise.all(GRADES.map((rating) => byStateAndGrade(State.New, rating, day).toArray())),
		Promise.all(GRADES.map((rating) => byStateAndGrade(State.Review, rating, day).count()))
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

/**
 * Reviews in each half-open span [from, to), and (with `grades`) the grades given to review cards: the
 * whole 15-minute slots inside a span come from the review tally, in one read, and the part-slots at its
 * edges are counted on the indexes. Local days begin on slot boundaries, so for days there are no edges.
 */
export async function reviewTotalsIn(
	spans: readonly (readonly [from: number, to: number])[],
	grades = false
): Promise<ReviewTotals[]> {
	const database = db();
	const parts = spans.map(([from, to]) => splitAtSlots(from, to));
	return database.transaction('r', database.reviews, database.reviewTally, async () => {
		const rows = (await wholeSlotTally(database, parts)?.toArray()) ?? [];
		// Running sums over the slots, so each span is a difference of two.
		const sums: ReviewTotals[] = [{ reviews: 0, again: 0, passed: 0 }];
		for (const row of rows) {
			const last = sums[sums.length - 1]!;
			sums.push({
				reviews: last.reviews + row.reviews,
				again: last.again + row.again,
				passed: last.passed + row.passed
			});
		}
		const slots = rows.map((row) => row.slot);
		const before = (slot: number) => sums[firstAtOrAfter(slots, slot)]!;
		// Only database reads are awaited inside the transaction (none at all when there are no edges).
		const edges = parts.some((part) => part.edges.length > 0)
			? await Promise.all(parts.map((part) => Promise.all(part.edges.map((edge) => countOnIndexes(edge, grades)))))
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
	});
}

/**
 * Whether each half-open span [from, to) holds any review: from the tally's keys alone (no rows read),
 * with part-slots at the edges counted on the index. For the streak, which looks at many days.
 */
export async function reviewedIn(spans: readonly (readonly [from: number, to: number])[]): Promise<boolean[]> {
	const database = db();
	const parts = spans.map(([from, to]) => splitAtSlots(from, to));
	return database.transaction('r', database.reviews, database.reviewTally, async () => {
		const slots = (await wholeSlotTally(database, parts)?.primaryKeys()) ?? [];
		const inWhole = parts.map(
			(part) => part.first < part.end && firstAtOrAfter(slots, part.first) < firstAtOrAfter(slots, part.end)
		);
		const edges = parts.map((part, i) => (inWhole[i] ? [] : part.edges));
		// Only database reads are awaited inside the transaction (none at all when there are no edges to count).
		const counted = edges.some((list) => list.length > 0)
			? await Promise.all(edges.map((list) => Promise.all(list.map((edge) => countOnIndexes(edge, false)))))
			: edges.map(() => []);
		return parts.map((_, i) => inWhole[i]! || counted[i]!.some((totals) => totals.reviews > 0));
	});
}

/** The tally rows of the slots [low, high) that cover every span's whole slots; undefined when no span has one. */
function wholeSlotTally(database: DukaDatabase, parts: readonly { first: number; end: number }[]) {
	const whole = parts.filter((part) => part.first < part.end);
	if (whole.length === 0) return undefined;
	const low = Math.min(...whole.map((part) => part.first));
	const high = Math.max(...whole.map((part) => part.end));
	return database.reviewTally.where('slot').between(low, high, true, false);
}

/** The index of the first of the ascending `sorted` at or after `value` (sorted.length when none is). */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (sorted[mid]! < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
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

async function countOnIndexes([from, to]: readonly [number, number], grades: boolean): Promise<ReviewTotals> {
	const span: TimeSpan = [from, to];
	const [reviews, again = 0, ...passing] = await Promise.all([
		db().reviews.where('reviewedAt').between(from, to, true, false).count(),
		...(grades ? GRADES.map((rating) => byStateAndGrade(State.Review, rating, span).count()) : [])
	]);
	return { reviews, again, passed: passing.reduce((a, b) => a + b, 0) };
}

export function countReviews(): Promise<number> {
	return db().reviews.count();
}

/** What was studied in [from, to): reviews, distinct cards and time spent. A day's reviews are few: read whole. */
export async function studiedIn(
	from: number,
	to: number
): Promise<{ reviews: number; cards: number; durationMs: number }> {
	const logs = await db().reviews.where('reviewedAt').between(from, to, true, false).toArray();
	return {
		reviews: logs.length,
		cards: new Set(logs.map((log) => log.cardId)).size,
		durationMs: logs.reduce((sum, log) => sum + log.durationMs, 0)
	};
}

/** Replays every card's log and lists where the stored state differs; changes nothing. */
export async function checkDatabase(settings: SchedulerSettings): Promise<StateDifference[]> {
	const database = db();
	const [cards, logs] = await database.transaction('r', database.cards, database.reviews, () =>
		Promise.all([database.cards.toArray(), database.reviews.toArray()])
	);
	return checkConsistency(
		cards,
		groupBy(logs, (log) => log.cardId),
		settings
	);
}

const REBUILD_CHUNK = 500;

/** Rewrites the FSRS state of the given cards from their review logs; the logs themselves are untouched. */
export async function rebuildFromHistory(cardIds: readonly string[], settings: SchedulerSettings): Promise<number> {
	const database = db();
	const ids = [...new Set(cardIds)];
	return database.transaction('rw', database.cards, database.reviews, async () => {
		let rebuilt = 0;
		// A few hundred cards per read: a pull may hand over every card of the collection.
		for (let start = 0; start < ids.length; start += REBUILD_CHUNK) {
			const chunk = ids.slice(start, start + REBUILD_CHUNK);
			const [cards, ...logs] = await Promise.all([
				database.cards.bulkGet(chunk),
				...chunk.map((id) => database.reviews.where('cardId').equals(id).toArray())
			]);
			const rows = (cards as (StudyCardRow | undefined)[]).flatMap((card, i) =>
				card ? [{ ...card, ...replayCard(newCardState(card.createdAt), logs[i] as ReviewLogRow[], settings) }] : []
			);
			await database.cards.bulkPut(rows);
			rebuilt += rows.length;
		}
		return rebuilt;
	});
}
