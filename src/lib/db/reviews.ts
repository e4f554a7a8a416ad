import { Rating, State } from 'ts-fsrs';
import { compareStates, fsrsStateOf, gradeCard, isLeechLapse, newCardState, nextDayStart, replayCard, type GradeValue, type SchedulerSettings, type StateDifference } from '../scheduling/scheduler.ts';
import { groupBy } from '../deck/search.ts';
import { db, type ReviewLogRow, type StudyCardRow } from './db.ts';

/**
 * Grades a card: its new state, the log entry, sibling burying and the leech flag are written in one
 * transaction (strict durability, see db.ts), so a crash leaves either all of it or none.
 */
export async function recordReview(cardId: string, rating: GradeValue, now: number, durationMs: number, settings: SchedulerSettings): Promise<{ card: StudyCardRow; logId: number }> {
	const database = db();
	return database.transaction('rw', database.cards, database.reviews, async () => {
		const card = await database.cards.get(cardId);
		if (!card) throw new Error(`No card ${cardId}`);
		const before = fsrsStateOf(card);
		const after = gradeCard(before, rating, now, settings);
		const lapsed = rating === Rating.Again && after.lapses > before.lapses;
		const leech: 0 | 1 = card.leech === 1 || (lapsed && isLeechLapse(after.lapses)) ? 1 : 0;

		const buryUntil = nextDayStart(now);
		const siblings = (await database.cards.where('entryId').equals(card.entryId).toArray()).filter(
			(sibling) => sibling.id !== card.id && sibling.buriedUntil < buryUntil && (sibling.state === State.New || sibling.state === State.Review)
		);
		for (const sibling of siblings) await database.cards.update(sibling.id, { buriedUntil: buryUntil });

		const updated: StudyCardRow = { ...card, ...after, leech };
		await database.cards.put(updated);
		const log: ReviewLogRow = {
			cardId,
			rating,
			reviewedAt: now,
			durationMs: Math.max(0, Math.round(durationMs)),
			before,
			after,
			sideEffects: { leechBefore: card.leech, buriedSiblings: siblings.map((sibling) => ({ id: sibling.id, buriedUntil: sibling.buriedUntil })) }
		};
		const logId = (await database.reviews.add(log)) as number;
		return { card: updated, logId };
	});
}

export function lastReview(): Promise<ReviewLogRow | undefined> {
	return db().reviews.orderBy('id').last();
}

/** Takes back the newest review: the card returns to exactly its state before, siblings are un-buried. */
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

export function reviewHistory(cardId: string): Promise<ReviewLogRow[]> {
	return db().reviews.where('cardId').equals(cardId).sortBy('reviewedAt');
}

export function reviewsSince(since: number): Promise<ReviewLogRow[]> {
	return db().reviews.where('reviewedAt').aboveOrEqual(since).toArray();
}

export function countReviews(): Promise<number> {
	return db().reviews.count();
}

/** Replays every card's log from a new card and reports where the stored state differs. */
export async function checkDatabase(settings: SchedulerSettings): Promise<StateDifference[]> {
	const database = db();
	const [cards, logs] = await database.transaction('r', database.cards, database.reviews, () => Promise.all([database.cards.toArray(), database.reviews.toArray()]));
	const logsByCard = groupBy(logs, (log) => log.cardId);
	const differences: StateDifference[] = [];
	for (const card of cards) {
		const replayed = replayCard(newCardState(card.createdAt), logsByCard.get(card.id) ?? [], settings);
		differences.push(...compareStates(card.id, fsrsStateOf(card), replayed));
	}
	return differences;
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
