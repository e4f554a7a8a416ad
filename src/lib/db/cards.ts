import type { Collection, InsertType } from 'dexie';
import { State } from 'ts-fsrs';
import {
	buildQueue,
	countDue,
	dayStartFor,
	directionEnabled,
	newCardState,
	nextDayStart,
	type DoneToday,
	type DueCounts,
	type SchedulerSettings
} from '../scheduling/scheduler.ts';
import { db } from './db.ts';
import { isUserEntryId } from '../model/ids.ts';
import type { CardDirection, StudyCardRow } from '../model/cards.ts';
import { reviewsOnDay, type TimeSpan } from './reviews.ts';
import { cardTallyKey } from './tally.ts';

export const DIRECTIONS: readonly CardDirection[] = ['en2zh', 'zh2en'];

export const cardId = (entryId: string, direction: CardDirection) => `${entryId}|${direction}`;

// Below this many ids, fetching them one by one beats reading every key of the table.
const FEW_IDS = 256;

// Code-unit order, the same as IndexedDB's key order.
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Which of `ids` are cards already. Many ids are answered with the primary keys (no values) between the
 * smallest and the largest of them, in one request: all keys when the app asks for every entry, only the
 * built-in deck's when it asks for those (user entries' ids sort apart). `anyOf` would walk a cursor key by key.
 */
async function existingIds(ids: readonly string[]): Promise<Set<string>> {
	const cards = db().cards;
	if (ids.length <= FEW_IDS) return new Set((await cards.bulkGet([...ids])).flatMap((card) => (card ? [card.id] : [])));
	const sorted = [...ids].sort(byKey);
	return new Set(
		await cards
			.where(':id')
			.between(sorted[0]!, sorted[sorted.length - 1]!, true, true)
			.primaryKeys()
	);
}

/**
 * Creates the cards (both directions) of entries that have none yet, in one transaction; existing cards
 * are never touched. Returns how many were created.
 */
export async function ensureCards(entryIds: readonly string[], now: number): Promise<number> {
	const database = db();
	const wanted = [...new Set(entryIds)].flatMap((entryId) =>
		DIRECTIONS.map((direction) => ({ entryId, direction, id: cardId(entryId, direction) }))
	);
	if (wanted.length === 0) return 0;
	return database.transaction('rw', database.cards, async () => {
		const existing = await existingIds(wanted.map((card) => card.id));
		// Creation times one millisecond apart keep new cards in the order the entries were given.
		// A new card's due equals its createdAt, so the [state+due] index lists new cards in that order too.
		// The millisecond is the card's place among all those asked for, not among those missing: a device that
		// already has a word's first card (a pulled review made it) makes the second exactly as the other device did.
		const rows: StudyCardRow[] = wanted
			.map((card, index) => ({ ...card, index }))
			.filter((card) => !existing.has(card.id))
			.map(({ index, ...card }) => ({
				...newCardState(now + index),
				id: card.id,
				entryId: card.entryId,
				direction: card.direction,
				suspended: 0,
				buriedUntil: 0,
				leech: 0,
				createdAt: now + index
			}));
		await database.cards.bulkAdd(rows);
		return rows.length;
	});
}

export function getCard(id: string): Promise<StudyCardRow | undefined> {
	return db().cards.get(id);
}

/** Every card, for the deck browser, which filters them in memory. */
export function listCards(): Promise<StudyCardRow[]> {
	return db().cards.toArray();
}

export function countCards(): Promise<number> {
	return db().cards.count();
}

const STATES = [State.New, State.Learning, State.Review, State.Relearning] as const;

const inState = (state: State, [from, to, includeFrom = true, includeTo = false]: TimeSpan) =>
	db().cards.where('[state+due]').between([state, from], [state, to], includeFrom, includeTo);

/** Cards in each ts-fsrs state (index = state), and how many of those are suspended, from the card tally (tally.ts). */
export async function countByState(): Promise<{ all: number[]; suspended: number[] }> {
	const rows = await db().cardTally.toArray();
	const count = (state: State, suspended: 0 | 1) =>
		rows.find((row) => row.key === cardTallyKey(state, suspended))?.cards ?? 0;
	return {
		all: STATES.map((state) => count(state, 0) + count(state, 1)),
		suspended: STATES.map((state) => count(state, 1))
	};
}

/** Cards in any of `states` falling due in each span, suspended ones included, counted on the [state+due] index. */
export async function countDueIn(states: readonly State[], spans: readonly TimeSpan[]): Promise<number[]> {
	const database = db();
	const empty = ([from, to, includeFrom = true, includeTo = false]: TimeSpan) =>
		from > to || (from === to && !(includeFrom && includeTo));
	return database.transaction('r', database.cards, () =>
		Promise.all(
			spans.map(async (span) =>
				empty(span)
					? 0
					: (await Promise.all(states.map((state) => inState(state, span).count()))).reduce((a, b) => a + b, 0)
			)
		)
	);
}

/** Suspended cards: few, so read whole, on their own index. */
export function listSuspended(): Promise<StudyCardRow[]> {
	return db().cards.where('suspended').equals(1).toArray();
}

/**
 * Candidates for today's queue, read through the [state+due] index so the cost follows the number of
 * cards due today, not the size of the collection: (re)learning cards due today, review cards due before
 * the day ends and new cards, each read only as far as the limits left today need.
 */
async function queueCandidates(
	now: number,
	settings: SchedulerSettings,
	reviewsLeft: number,
	newLeft: number
): Promise<StudyCardRow[]> {
	const endOfDay = nextDayStart(now);
	const visible = (card: StudyCardRow) =>
		card.suspended === 0 && card.buriedUntil <= now && directionEnabled(card.direction, settings.directions);
	// With one direction switched off, about half the cards are hidden: read twice as many to begin with.
	const spare = settings.directions === 'both' ? 1 : 2;
	const dueBy = (state: State, upTo: number) => () => inState(state, [-Infinity, upTo, true, true]);
	const [learning, relearning, review, fresh, userFresh] = await Promise.all([
		// Every (re)learning card due today, not only those due now: the learning count is the day's (as Anki's
		// is), and a session shows each one as it falls due without reading again. They are few.
		firstVisible(dueBy(State.Learning, endOfDay - 1), visible),
		firstVisible(dueBy(State.Relearning, endOfDay - 1), visible),
		reviewsLeft > 0 ? firstVisible(dueBy(State.Review, endOfDay - 1), visible, reviewsLeft, spare) : [],
		newLeft > 0 ? firstVisible(dueBy(State.New, Infinity), visible, newLeft, spare) : [],
		// The user's own words come first (buildQueue), wherever they fall among all new cards.
		newLeft > 0 ? firstVisible(userNewCards, visible, newLeft, spare) : []
	]);
	const freshIds = new Set(fresh.map((card) => card.id));
	return [...learning, ...relearning, ...review, ...fresh, ...userFresh.filter((card) => !freshIds.has(card.id))];
}

/** New cards of the user's own words, in creation order (a new card's due is its creation time). */
const userNewCards = () =>
	db().cards.where('[state+userMade+due]').between([State.New, 1, -Infinity], [State.New, 1, Infinity], true, true);

/**
 * The first `limit` visible cards of an index range, in index order. Read with getAll (one request, no
 * cursor stepping row by row) and filtered here; hidden cards are few, so the first read nearly always
 * suffices, and otherwise a larger one follows.
 */
async function firstVisible(
	range: () => Collection<StudyCardRow, string, InsertType<StudyCardRow, 'id'>>,
	visible: (card: StudyCardRow) => boolean,
	limit = Infinity,
	spare = 1
): Promise<StudyCardRow[]> {
	if (limit === Infinity) return (await range().toArray()).filter(visible);
	for (let take = spare * limit + Math.ceil(limit / 16); ; take *= 4) {
		const rows = await range().limit(take).toArray();
		const shown = rows.filter(visible);
		if (shown.length >= limit || rows.length < take) return shown.slice(0, limit);
	}
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
 */
export async function loadQueueSource(now: number, settings: SchedulerSettings, spare = 0): Promise<QueueSource> {
	const database = db();
	const dayStart = dayStartFor(now);
	// One read transaction, so the limits and the cards come from the same moment even while another tab grades.
	return database.transaction('r', database.cards, database.reviews, async () => {
		const done = await reviewsOnDay(dayStart);
		const reviewsLeft = settings.reviewsPerDay - done.reviewsDone;
		const newLeft = settings.newCardsPerDay - done.newIntroduced;
		const candidates = await queueCandidates(
			now,
			settings,
			reviewsLeft > 0 ? reviewsLeft + spare : 0,
			newLeft > 0 ? newLeft + spare : 0
		);
		return { candidates, done, dayStart };
	});
}

/**
 * The queue's source after a grade, without reading the database: the graded card's new state, its
 * buried siblings and the day's work (as `reviewsOnDay` would count it). What recordReview returns is
 * enough; buildQueue over the result gives the database's queue as long as no card fell due meanwhile.
 */
export function sourceAfterGrade(
	source: QueueSource,
	graded: { card: StudyCardRow; buried: StudyCardRow[]; stateBefore: State }
): QueueSource {
	const changed = new Map([graded.card, ...graded.buried].map((card) => [card.id, card]));
	const done = { ...source.done };
	if (graded.stateBefore === State.New) done.newIntroduced++;
	else if (graded.stateBefore === State.Review) done.reviewsDone++;
	return { ...source, candidates: source.candidates.map((card) => changed.get(card.id) ?? card), done };
}

/** Today's review queue, in the order to show it (see `buildQueue`). */
export async function loadQueue(now: number, settings: SchedulerSettings): Promise<StudyCardRow[]> {
	const { candidates, done, dayStart } = await loadQueueSource(now, settings);
	return buildQueue(candidates, done, now, settings, dayStart);
}

/** Today's counts, with every (re)learning card due today in the learning count (see countDue). */
export async function loadCounts(now: number, settings: SchedulerSettings): Promise<DueCounts> {
	const { candidates, done, dayStart } = await loadQueueSource(now, settings);
	return countDue(buildQueue(candidates, done, now, settings, dayStart), candidates, now, settings, dayStart);
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

/** Where the built-in deck this device last checked its cards against is noted (see suspendRemovedBuiltInCards). */
const CHECKED_DECK_KEY = 'deck:checkedBuiltIn';

/**
 * Suspends the cards of built-in entries that a newer deck no longer has (dropped or merged in vocab.yaml), so
 * they stop taking today's limits for cards that can no longer be shown. Their reviews stay, in backups too.
 * Runs once per deck: the deck's entry ids are noted, and the same deck is not checked again.
 */
export async function suspendRemovedBuiltInCards(builtInEntryIds: readonly string[]): Promise<number> {
	const database = db();
	const deck = [...builtInEntryIds].sort().join('\n');
	// Every start asks; a read, not a write transaction over every card, answers all but the first after an update.
	if ((await database.kv.get(CHECKED_DECK_KEY))?.value === deck) return 0;
	return database.transaction('rw', database.cards, database.kv, async () => {
		if ((await database.kv.get(CHECKED_DECK_KEY))?.value === deck) return 0;
		const kept = new Set(builtInEntryIds);
		const removed = await database.cards
			.filter((card) => card.suspended === 0 && !isUserEntryId(card.entryId) && !kept.has(card.entryId))
			.modify({ suspended: 1 });
		await database.kv.put({ key: CHECKED_DECK_KEY, value: deck });
		return removed;
	});
}

/**
 * A card this device lost or never had, made again as it was created (a journal's rescue, a pulled review of
 * another device); none for a word of the user's this device does not have. Not written: the caller decides.
 */
export async function recreatedCard(
	id: string,
	card: Pick<StudyCardRow, 'entryId' | 'direction' | 'createdAt'>
): Promise<StudyCardRow | undefined> {
	if (isUserEntryId(card.entryId) && !(await db().userEntries.get(card.entryId))) return undefined;
	return {
		...newCardState(card.createdAt),
		id,
		entryId: card.entryId,
		direction: card.direction,
		suspended: 0,
		buriedUntil: 0,
		leech: 0,
		createdAt: card.createdAt
	};
}
