import { State } from 'ts-fsrs';
import { buildQueue, countQueue, dayStartFor, directionEnabled, newCardState, nextDayStart, type DueCounts, type SchedulerSettings } from '../scheduling/scheduler.ts';
import { db, type CardDirection, type StudyCardRow } from './db.ts';
import { reviewsOnDay } from './reviews.ts';

export const DIRECTIONS: readonly CardDirection[] = ['en2zh', 'zh2en'];

export const cardId = (entryId: string, direction: CardDirection) => `${entryId}|${direction}`;

// Below this many ids, fetching them one by one beats reading every key of the table.
const FEW_IDS = 256;

/**
 * Which of `ids` are cards already. The app asks for every entry on each start, so the common case reads
 * all primary keys in one request (no values); `anyOf` would instead walk a cursor key by key.
 */
async function existingIds(ids: readonly string[]): Promise<Set<string>> {
	const cards = db().cards;
	if (ids.length <= FEW_IDS) return new Set((await cards.bulkGet([...ids])).flatMap((card) => (card ? [card.id] : [])));
	return new Set(await cards.toCollection().primaryKeys());
}

/**
 * Creates the cards (both directions) of entries that have none yet, in one transaction; existing cards
 * are never touched. Returns how many were created.
 */
export async function ensureCards(entryIds: readonly string[], now: number): Promise<number> {
	const database = db();
	const wanted = [...new Set(entryIds)].flatMap((entryId) => DIRECTIONS.map((direction) => ({ entryId, direction, id: cardId(entryId, direction) })));
	if (wanted.length === 0) return 0;
	return database.transaction('rw', database.cards, async () => {
		const existing = await existingIds(wanted.map((card) => card.id));
		// Creation times one millisecond apart keep new cards in the order the entries were given.
		// A new card's due equals its createdAt, so the [state+due] index lists new cards in that order too.
		const rows: StudyCardRow[] = wanted
			.filter((card) => !existing.has(card.id))
			.map((card, index) => ({ ...newCardState(now + index), id: card.id, entryId: card.entryId, direction: card.direction, suspended: 0, buriedUntil: 0, leech: 0, createdAt: now + index }));
		await database.cards.bulkAdd(rows);
		return rows.length;
	});
}

export function getCard(id: string): Promise<StudyCardRow | undefined> {
	return db().cards.get(id);
}

export function getCardsByEntry(entryId: string): Promise<StudyCardRow[]> {
	return db().cards.where('entryId').equals(entryId).toArray();
}

export interface CardFilter {
	entryId?: string;
	direction?: CardDirection;
	/** ts-fsrs `State`. */
	state?: State;
	suspended?: boolean;
	leech?: boolean;
}

/** Cards matching every given condition (all cards without one), narrowed by an index where there is one. */
export function listCards(filter: CardFilter = {}): Promise<StudyCardRow[]> {
	const cards = db().cards;
	const matches = (card: StudyCardRow) =>
		(filter.entryId === undefined || card.entryId === filter.entryId) &&
		(filter.direction === undefined || card.direction === filter.direction) &&
		(filter.state === undefined || card.state === filter.state) &&
		(filter.suspended === undefined || card.suspended === (filter.suspended ? 1 : 0)) &&
		(filter.leech === undefined || card.leech === (filter.leech ? 1 : 0));
	if (filter.entryId !== undefined) return cards.where('entryId').equals(filter.entryId).filter(matches).toArray();
	if (filter.state !== undefined) return cards.where('[state+due]').between([filter.state, -Infinity], [filter.state, Infinity], true, true).filter(matches).toArray();
	if (filter.leech !== undefined) return cards.where('leech').equals(filter.leech ? 1 : 0).filter(matches).toArray();
	return filter.direction === undefined && filter.suspended === undefined ? cards.toArray() : cards.filter(matches).toArray();
}

export function countCards(): Promise<number> {
	return db().cards.count();
}

/**
 * Candidates for today's queue, read through the [state+due] index so the cost follows the number of
 * cards due today, not the size of the collection: (re)learning cards due now, review cards due before
 * the day ends and new cards, each read only as far as the limits left today need.
 */
async function queueCandidates(now: number, settings: SchedulerSettings, reviewsLeft: number, newLeft: number): Promise<StudyCardRow[]> {
	const database = db();
	const endOfDay = nextDayStart(now);
	const range = (state: State, upTo: number) => database.cards.where('[state+due]').between([state, -Infinity], [state, upTo], true, true);
	const visible = (card: StudyCardRow) => card.suspended === 0 && card.buriedUntil <= now && directionEnabled(card.direction, settings.directions);
	const [learning, relearning, review, fresh] = await Promise.all([
		range(State.Learning, now).filter(visible).toArray(),
		range(State.Relearning, now).filter(visible).toArray(),
		reviewsLeft > 0 ? range(State.Review, endOfDay - 1).filter(visible).limit(reviewsLeft).toArray() : [],
		newLeft > 0 ? range(State.New, Infinity).filter(visible).limit(newLeft).toArray() : []
	]);
	return [...learning, ...relearning, ...review, ...fresh];
}

/** Today's review queue, in the order to show it (see `buildQueue`). */
export async function loadQueue(now: number, settings: SchedulerSettings): Promise<StudyCardRow[]> {
	const database = db();
	const dayStart = dayStartFor(now);
	// One read transaction, so the limits and the cards come from the same moment even while another tab grades.
	return database.transaction('r', database.cards, database.reviews, async () => {
		const done = await reviewsOnDay(dayStart);
		const candidates = await queueCandidates(now, settings, settings.reviewsPerDay - done.reviewsDone, settings.newCardsPerDay - done.newIntroduced);
		return buildQueue(candidates, done, now, settings, dayStart);
	});
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
