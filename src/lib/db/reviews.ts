import { State, type Grade } from 'ts-fsrs';
import {
	checkConsistency,
	gradeCard,
	leechAfterGrade,
	newCardState,
	replayCard,
	siblingsToBury,
	type DoneToday,
	type SchedulerSettings,
	type StateDifference
} from '../scheduling/scheduler.ts';
import { groupBy } from '../deck/search.ts';
import { db } from './db.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { StoredFsrsState, StudyCardRow } from '../model/cards.ts';
import { dexieReader } from './dexieReader.ts';
import {
	reviewedIn as sharedReviewedIn,
	reviewsOnDay as sharedReviewsOnDay,
	reviewTotalsIn as sharedReviewTotalsIn,
	type ReviewTotals
} from './indexReads.ts';

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

/** A review as the same review on every device: its card and its millisecond. */
export type ReviewKey = Pick<ReviewLogRow, 'cardId' | 'reviewedAt'>;

/**
 * Every review here that is one of these (card, millisecond) pairs, perhaps with others. Read the cheapest way the
 * keys allow: when the span from the first millisecond to the last holds few reviews besides (a batch of a log in
 * time order, as devices write it, or of times this device has none of), one read of the span; when the keys are
 * of few cards (a log card by card, as backups list it), each card's history; otherwise one read of the reviewedAt
 * index per millisecond, all issued at once. Milliseconds are nearly unique, so each of those finds little more
 * than what is asked for (one cursor jumping between them, as `anyOf` does, waits on the database once per jump).
 */
export async function reviewsOf(keys: readonly ReviewKey[]): Promise<ReviewLogRow[]> {
	const times = new Set(keys.map((key) => key.reviewedAt));
	if (times.size === 0) return [];
	const reviews = db().reviews;
	let first = Infinity;
	let last = -Infinity;
	for (const time of times) {
		if (time < first) first = time;
		if (time > last) last = time;
	}
	// Keys only, so a span that turns out to hold too many costs little.
	const few = 2 * times.size;
	const inSpan = await reviews
		.where('reviewedAt')
		.between(first, last, true, true)
		.limit(few + 1)
		.primaryKeys();
	if (inSpan.length <= few) {
		const rows = inSpan.length > 0 ? await reviews.bulkGet(inSpan) : [];
		return rows.filter((row): row is ReviewLogRow => row !== undefined && times.has(row.reviewedAt));
	}
	const cards = new Set(keys.map((key) => key.cardId));
	const found = await Promise.all(
		cards.size * 4 <= times.size
			? [...cards].map((card) => reviews.where('cardId').equals(card).toArray())
			: [...times].map((time) => reviews.where('reviewedAt').equals(time).toArray())
	);
	return found.flat().filter((row) => times.has(row.reviewedAt));
}

export type { TimeSpan, ReviewTotals } from './indexReads.ts';

/** What the study day starting at `dayStart` has used of the daily limits (see indexReads.ts). */
export function reviewsOnDay(dayStart: number): Promise<DoneToday> {
	return sharedReviewsOnDay(dexieReader, dayStart);
}

/** Reviews in each half-open span [from, to), and (with `grades`) the grades given to review cards. */
export function reviewTotalsIn(
	spans: readonly (readonly [from: number, to: number])[],
	grades = false
): Promise<ReviewTotals[]> {
	const database = db();
	return database.transaction('r', database.reviews, database.reviewTally, () =>
		sharedReviewTotalsIn(dexieReader, spans, grades)
	);
}

/** Whether each half-open span [from, to) holds any review, for the streak (see indexReads.ts). */
export function reviewedIn(spans: readonly (readonly [from: number, to: number])[]): Promise<boolean[]> {
	const database = db();
	return database.transaction('r', database.reviews, database.reviewTally, () => sharedReviewedIn(dexieReader, spans));
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
