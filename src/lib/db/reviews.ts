import { checkConsistency, doneFromLogs, gradeCard, leechAfterGrade, newCardState, nextDayStart, replayCard, siblingsToBury, type DoneToday, type GradeValue, type SchedulerSettings, type StateDifference } from '../scheduling/scheduler.ts';
import { groupBy } from '../deck/search.ts';
import { db, type ReviewLogRow, type StudyCardRow } from './db.ts';

/**
 * Grades a card. Its new state, the log row, the burying of its siblings and the leech flag are written
 * in one transaction (strict durability, see db.ts), so a crash leaves all of it or none of it.
 */
export async function recordReview(cardId: string, rating: GradeValue, now: number, durationMs: number, settings: SchedulerSettings): Promise<{ card: StudyCardRow; logId: number }> {
	const database = db();
	return database.transaction('rw', database.cards, database.reviews, async () => {
		const card = await database.cards.get(cardId);
		if (!card) throw new Error(`No card ${cardId}`);
		const { after, log: graded } = gradeCard(card, rating, now, settings);
		const leech = leechAfterGrade(card.leech, rating, graded.before, after);
		const updated: StudyCardRow = { ...card, ...after, leech };

		const siblings = await database.cards.where('entryId').equals(card.entryId).toArray();
		const burial = siblingsToBury(card, siblings, now);
		await database.cards.bulkPut([updated, ...burial.cards.map((sibling) => ({ ...sibling, buriedUntil: burial.until }))]);

		const log: ReviewLogRow = {
			cardId,
			rating,
			reviewedAt: now,
			durationMs: Math.max(0, Math.round(durationMs)),
			before: graded.before,
			after,
			sideEffects: { leechBefore: card.leech, buriedSiblings: burial.cards.map((sibling) => ({ id: sibling.id, buriedUntil: sibling.buriedUntil })) },
			parameters: graded.parameters
		};
		const logId = await database.reviews.add(log);
		if (logId === undefined) throw new Error('The review log gave no id');
		return { card: updated, logId };
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
	const database = db();
	return database.transaction('rw', database.cards, database.reviews, async () => {
		const log = await database.reviews.orderBy('id').last();
		if (!log || log.id === undefined) return undefined;
		const card = await database.cards.get(log.cardId);
		if (card) await database.cards.put({ ...card, ...log.before, leech: log.sideEffects?.leechBefore ?? card.leech });
		for (const sibling of log.sideEffects?.buriedSiblings ?? []) await database.cards.update(sibling.id, { buriedUntil: sibling.buriedUntil });
		await database.reviews.delete(log.id);
		return log;
	});
}

/** A card's reviews, oldest first. */
export function reviewHistory(cardId: string): Promise<ReviewLogRow[]> {
	// The cardId index keeps rows with the same cardId in id order, which is the order they were written.
	return db().reviews.where('cardId').equals(cardId).toArray();
}

export function reviewsSince(since: number): Promise<ReviewLogRow[]> {
	return db().reviews.where('reviewedAt').aboveOrEqual(since).toArray();
}

/** What the study day starting at `dayStart` has used of the daily limits. */
export async function reviewsOnDay(dayStart: number): Promise<DoneToday> {
	const logs = await db().reviews.where('reviewedAt').between(dayStart, nextDayStart(dayStart), true, false).toArray();
	return doneFromLogs(logs);
}

export function countReviews(): Promise<number> {
	return db().reviews.count();
}

/** Replays every card's log and lists where the stored state differs; changes nothing. */
export async function checkDatabase(settings: SchedulerSettings): Promise<StateDifference[]> {
	const database = db();
	const [cards, logs] = await database.transaction('r', database.cards, database.reviews, () => Promise.all([database.cards.toArray(), database.reviews.toArray()]));
	return checkConsistency(cards, groupBy(logs, (log) => log.cardId), settings);
}

/** Rewrites the FSRS state of the given cards from their review logs; the logs themselves are untouched. */
export async function rebuildFromHistory(cardIds: readonly string[], settings: SchedulerSettings): Promise<number> {
	const database = db();
	return database.transaction('rw', database.cards, database.reviews, async () => {
		let rebuilt = 0;
		for (const id of new Set(cardIds)) {
			const card = await database.cards.get(id);
			if (!card) continue;
			const logs = await database.reviews.where('cardId').equals(id).toArray();
			await database.cards.put({ ...card, ...replayCard(newCardState(card.createdAt), logs, settings) });
			rebuilt++;
		}
		return rebuilt;
	});
}
