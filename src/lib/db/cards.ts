import { State } from 'ts-fsrs';
import { buildQueue, cardEnabled, type DueCounts, type SchedulerSettings } from '../scheduling/scheduler.ts';
import { db } from './db.ts';
import { isUserEntryId } from '../model/ids.ts';
import type { CardDirection, StudyCardRow } from '../model/cards.ts';
import type { UserEntryRow } from '../model/words.ts';
import { clozeWays, type ClozeWord } from '../content/cloze.ts';
import { cardId, cardsOfEntries, DIRECTIONS, newCardRow } from './cardRows.ts';
import { dexieReader } from './dexieReader.ts';
import { CHECKED_DECK_KEY, deckFingerprint } from './keys.ts';
import {
	countsOf,
	firstNewOf,
	nextDueAfter as sharedNextDueAfter,
	readQueueSource,
	type QueueSource,
	type TimeSpan
} from './indexReads.ts';
import { cardTallyKey } from './tally.ts';

export { DIRECTIONS, cardId } from './cardRows.ts';

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
 * Those of these entries with no flashcard yet, in either direction: a built-in word on a device that has not made
 * the deck's cards (opened straight into the reader; home and review make them). Its cards will be new.
 */
export async function entriesWithoutCards(entryIds: readonly string[]): Promise<string[]> {
	const existing = await existingIds(entryIds.flatMap((entryId) => DIRECTIONS.map((d) => cardId(entryId, d))));
	return entryIds.filter((entryId) => !DIRECTIONS.some((d) => existing.has(cardId(entryId, d))));
}

/** A card to create: which word, which kind. */
export interface WantedCard {
	entryId: string;
	direction: CardDirection;
}

/**
 * Creates the cards (both directions) of entries that have none yet, in one transaction; existing cards
 * are never touched. Returns how many were created.
 */
export function ensureCards(entryIds: readonly string[], now: number): Promise<number> {
	return ensureCardsOf(cardsOfEntries(entryIds), now);
}

/** The cloze cards a word's sentence gives it (none when the sentence lacks the word): see content/cloze.ts. */
export function clozeCardsOf(entryId: string, word: ClozeWord, sentence: string): WantedCard[] {
	return clozeWays(word, sentence).map((direction) => ({ entryId, direction }));
}

/** The cloze cards of a word of the user's, on the sentence it was taken from. */
export function userClozeCards(entry: Pick<UserEntryRow, 'id' | 'zh' | 'en' | 'example'>): WantedCard[] {
	return clozeCardsOf(entry.id, { zh: entry.zh, en: entry.en, forms: [entry.zh] }, entry.example);
}

/**
 * Creates the cards asked for that do not exist yet, in one transaction (or inside the caller's); existing cards
 * are never touched. Returns how many were created.
 */
export async function ensureCardsOf(cards: readonly WantedCard[], now: number): Promise<number> {
	const database = db();
	const wanted = [...new Map(cards.map((card) => [cardId(card.entryId, card.direction), card])).entries()].map(
		([id, card]) => ({ ...card, id })
	);
	if (wanted.length === 0) return 0;
	return database.transaction('rw', database.cards, async () => {
		const existing = await existingIds(wanted.map((card) => card.id));
		// Creation times one millisecond apart keep new cards in the order the entries were given (cardRows.ts).
		// The millisecond is the card's place among all those asked for, not among those missing: a device that
		// already has a word's first card (a pulled review made it) makes the second exactly as the other device did.
		const rows = wanted
			.map((card, index) => ({ card, index }))
			.filter(({ card }) => !existing.has(card.id))
			.map(({ card, index }) => newCardRow(card.entryId, card.direction, now + index));
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

/**
 * Cards in each ts-fsrs state (index = state), how many of those are suspended, and how many of all are cloze
 * cards, from the card tally (tally.ts).
 */
export async function countByState(): Promise<{ all: number[]; suspended: number[]; cloze: number }> {
	const rows = await db().cardTally.toArray();
	const count = (state: State, suspended: 0 | 1, cloze = false) =>
		rows.find((row) => row.key === cardTallyKey(state, suspended, cloze))?.cards ?? 0;
	const both = (state: State, suspended: 0 | 1) => count(state, suspended) + count(state, suspended, true);
	return {
		all: STATES.map((state) => both(state, 0) + both(state, 1)),
		suspended: STATES.map((state) => both(state, 1)),
		cloze: STATES.reduce((sum, state) => sum + count(state, 0, true) + count(state, 1, true), 0)
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

export type { QueueSource } from './indexReads.ts';

const visibleNow = (now: number, settings: SchedulerSettings) => (card: StudyCardRow) =>
	card.suspended === 0 && card.buriedUntil <= now && cardEnabled(card, settings);

/** The new cards of these entries that a queue could show now (not suspended, buried or of a direction turned off). */
export function newCardsOf(
	entryIds: readonly string[],
	now: number,
	settings: SchedulerSettings
): Promise<StudyCardRow[]> {
	return firstNewOf(dexieReader, entryIds, visibleNow(now, settings), Infinity);
}

/**
 * Those of these entries (in their order) with a card still new, hidden or not: a reading order kept for a session
 * is walked from its start at every read of the queue, and the words studied already need not be walked again.
 */
export async function entriesWithNewCards(entryIds: readonly string[]): Promise<string[]> {
	const fresh = new Set((await firstNewOf(dexieReader, entryIds, () => true, Infinity)).map((card) => card.entryId));
	return entryIds.filter((entryId) => fresh.has(entryId));
}

/**
 * The cards today's queue is made of, and the day's work so far (see indexReads.ts `readQueueSource`, and for
 * `firstEntries`), in one read transaction, so the limits and the cards come from the same moment even while
 * another tab grades.
 */
export function loadQueueSource(
	now: number,
	settings: SchedulerSettings,
	spare = 0,
	firstEntries: readonly string[] = []
): Promise<QueueSource> {
	const database = db();
	return database.transaction('r', database.cards, database.reviews, () =>
		readQueueSource(dexieReader, now, settings, spare, firstEntries)
	);
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
	return countsOf(await loadQueueSource(now, settings), now, settings);
}

/** When the next card that is not due yet falls due, for "nothing due" screens. */
export function nextDueAfter(now: number): Promise<number | null> {
	return sharedNextDueAfter(dexieReader, now);
}

export async function setSuspended(id: string, suspended: boolean): Promise<void> {
	await db().cards.update(id, { suspended: suspended ? 1 : 0 });
}

/** Whether this device's cards were made for this built-in deck (keepBuiltInDeck notes it once they are). */
export async function cardsMadeForDeck(builtInEntryIds: readonly string[]): Promise<boolean> {
	return (await db().kv.get(CHECKED_DECK_KEY))?.value === deckFingerprint(builtInEntryIds);
}

/**
 * The built-in deck's upkeep, home's and review's: the cards of its words that have none are made, then those of
 * words it no longer has are suspended, which notes the deck as checked. In that order, so that the note
 * (cardsMadeForDeck) means the cards exist: a page closed between the two leaves it unnoted. Returns how many cards
 * it made or suspended.
 */
export async function keepBuiltInDeck(builtInEntryIds: readonly string[], now: number): Promise<number> {
	const made = await ensureCards(builtInEntryIds, now);
	return made + (await suspendRemovedBuiltInCards(builtInEntryIds));
}

/**
 * Suspends the cards of built-in entries that a newer deck no longer has (dropped or merged in vocab.yaml), so
 * they stop taking today's limits for cards that can no longer be shown. Their reviews stay, in backups too.
 * Runs once per deck: the deck's entry ids are noted, and the same deck is not checked again.
 */
export async function suspendRemovedBuiltInCards(builtInEntryIds: readonly string[]): Promise<number> {
	// Every start asks; a read, not a write transaction over every card, answers all but the first after an update.
	if (await cardsMadeForDeck(builtInEntryIds)) return 0;
	const database = db();
	const deck = deckFingerprint(builtInEntryIds);
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
	return { ...newCardRow(card.entryId, card.direction, card.createdAt), id };
}
