import { State } from 'ts-fsrs';
import { buildQueue, countQueue, dayStartFor, newCardState, type DueCounts, type SchedulerSettings } from '../scheduling/scheduler.ts';
import { db, type CardDirection, type StudyCardRow } from './db.ts';

export const DIRECTIONS: readonly CardDirection[] = ['en2zh', 'zh2en'];

export const cardId = (entryId: string, direction: CardDirection) => `${entryId}|${direction}`;

/** Creates the cards (both directions) of entries that have none yet; existing cards are never touched. */
export async function ensureCards(entryIds: readonly string[], now: number): Promise<number> {
	const wanted = entryIds.flatMap((entryId) => DIRECTIONS.map((direction) => ({ entryId, direction, id: cardId(entryId, direction) })));
	return db().transaction('rw', db().cards, async () => {
		const existing = new Set((await db().cards.where('id').anyOf(wanted.map((card) => card.id)).primaryKeys()) as string[]);
		// Ordered creation times keep the new-card order the same as the deck's order.
		const rows: StudyCardRow[] = wanted
			.filter((card) => !existing.has(card.id))
			.map((card, index) => ({ ...newCardState(now + index), id: card.id, entryId: card.entryId, direction: card.direction, suspended: 0, buriedUntil: 0, leech: 0, createdAt: now + index }));
		await db().cards.bulkAdd(rows);
		return rows.length;
	});
}

export function getCard(id: string): Promise<StudyCardRow | undefined> {
	return db().cards.get(id);
}

export function getCardsByEntry(entryId: string): Promise<StudyCardRow[]> {
	return db().cards.where('entryId').equals(entryId).toArray();
}

export function listCards(): Promise<StudyCardRow[]> {
	return db().cards.toArray();
}

export function countCards(): Promise<number> {
	return db().cards.count();
}

/** What was done today, for the daily limits: new cards introduced and reviews of review cards. */
export async function doneToday(now: number): Promise<{ newIntroduced: number; reviewsDone: number }> {
	const logs = await db().reviews.where('reviewedAt').aboveOrEqual(dayStartFor(now)).toArray();
	const introduced = new Set<string>();
	let reviewsDone = 0;
	for (const log of logs) {
		if (log.before.state === State.New) introduced.add(log.cardId);
		else if (log.before.state === State.Review) reviewsDone++;
	}
	return { newIntroduced: introduced.size, reviewsDone };
}

/**
 * Candidates for today's queue read through the [state+due] index, so the cost follows the number of
 * due cards, not the size of the collection. New cards are read only as far as the daily limit needs.
 */
async function candidates(now: number, settings: SchedulerSettings): Promise<StudyCardRow[]> {
	const endOfDay = dayStartFor(now) + 86_400_000 * 2;
	const range = (state: State, upTo: number) => db().cards.where('[state+due]').between([state, -Infinity], [state, upTo], true, true);
	const visible = (card: StudyCardRow) => card.suspended === 0 && card.buriedUntil <= now;
	const [learning, relearning, review, fresh] = await Promise.all([
		range(State.Learning, now).toArray(),
		range(State.Relearning, now).toArray(),
		range(State.Review, endOfDay).filter(visible).limit(settings.reviewsPerDay + 1).toArray(),
		range(State.New, Infinity).filter(visible).limit(settings.newCardsPerDay * 2 + 2).toArray()
	]);
	return [...learning, ...relearning, ...review, ...fresh];
}

export async function loadQueue(now: number, settings: SchedulerSettings): Promise<StudyCardRow[]> {
	const [found, done] = await Promise.all([candidates(now, settings), doneToday(now)]);
	return buildQueue(found, done, now, settings);
}

export async function loadCounts(now: number, settings: SchedulerSettings): Promise<DueCounts> {
	return countQueue(await loadQueue(now, settings));
}

/** When the next card that is not due yet falls due, for "nothing due" screens. */
export async function nextDueAfter(now: number): Promise<number | null> {
	const next = await db()
		.cards.where('due')
		.above(now)
		.filter((card) => card.suspended === 0 && card.state !== State.New)
		.first();
	return next?.due ?? null;
}

export async function setSuspended(id: string, suspended: boolean): Promise<void> {
	await db().cards.update(id, { suspended: suspended ? 1 : 0 });
}
