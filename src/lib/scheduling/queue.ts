import { CARD_STATE, isClozeWay, type CardDirection, type StoredFsrsState } from '../model/cards.ts';
import { isUserEntryId } from '../model/ids.ts';
import type { DirectionSetting, SchedulerSettings } from './schedulerSettings.ts';

// Today's queue and its counts, apart from the FSRS engine (scheduler.ts): the home screen counts what is due on
// its first paint, and ts-fsrs is not part of that screen's download.

/** Anki's day rollover: a session past midnight still counts for the evening it started in. */
export const DEFAULT_ROLLOVER_HOUR = 4;

// Calendar arithmetic in local time, so a day is 23 or 25 hours across a daylight-saving change.
export function addLocalDays(time: number, days: number): number {
	const date = new Date(time);
	date.setDate(date.getDate() + days);
	return date.getTime();
}

/** When the study day containing `now` began: the latest rollover hour (local time) at or before it. */
export function dayStartFor(now: number, rolloverHour = DEFAULT_ROLLOVER_HOUR): number {
	const date = new Date(now);
	const start = new Date(date.getFullYear(), date.getMonth(), date.getDate(), rolloverHour).getTime();
	return start > now ? addLocalDays(start, -1) : start;
}

/** When the study day containing `now` ends; also how long a bury lasts. */
export function nextDayStart(now: number, rolloverHour = DEFAULT_ROLLOVER_HOUR): number {
	return addLocalDays(dayStartFor(now, rolloverHour), 1);
}

/** The direction setting chooses between the two flashcards; a word's cloze cards show whichever it names. */
export function directionEnabled(direction: CardDirection, setting: DirectionSetting): boolean {
	return setting === 'both' || setting === direction || isClozeWay(direction);
}

/**
 * Whether the settings let a card show: its direction enabled, and for a cloze card of the built-in deck the
 * built-in cloze setting on (turned off, those cards wait, keeping their reviews, until it is on again).
 */
export function cardEnabled(card: { entryId: string; direction: CardDirection }, settings: SchedulerSettings): boolean {
	if (!directionEnabled(card.direction, settings.directions)) return false;
	return settings.builtInCloze || !isClozeWay(card.direction) || isUserEntryId(card.entryId);
}

/** What queue building needs to know of a card. */
export interface QueueCard extends StoredFsrsState {
	id: string;
	entryId: string;
	direction: CardDirection;
	suspended: 0 | 1;
	buriedUntil: number;
	createdAt: number;
}

/** Today's work so far, which the daily limits count against. */
export interface DoneToday {
	/** Distinct new cards graded for the first time today. */
	newIntroduced: number;
	/** Grades given to cards that were in review state. */
	reviewsDone: number;
}

// Code-unit order, the same as IndexedDB's key order, so the stores' index reads agree with this sort.
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function isVisible(card: QueueCard, now: number, settings: SchedulerSettings): boolean {
	return card.suspended === 0 && card.buriedUntil <= now && cardEnabled(card, settings);
}

/**
 * What a custom study session takes on top of today's queue, or instead of it: review cards due before
 * `reviewsUntil` (study ahead: past the end of today, beyond the daily review limit, graded now from the
 * real time elapsed; none reviewed today already), and only the cards `include` accepts (one article's, the
 * user's own words).
 */
export interface QueueScope<T> {
	reviewsUntil?: number;
	include?: (card: T) => boolean;
	/** New cards' places in reading order by entry id (readingRanks): the ranked come first, lowest first. */
	newRanks?: ReadonlyMap<string, number>;
}

const isLearning = (card: StoredFsrsState) =>
	card.state === CARD_STATE.Learning || card.state === CARD_STATE.Relearning;

/**
 * Today's queue: (re)learning cards due now, then review cards due before the day ends (within the
 * review limit left), then new cards (within the new-card limit left): the words the user added first,
 * since they picked them to learn now, then the built-in deck's; within each, those the scope ranks (reading
 * order) first, then the rest in the order they were created.
 * Suspended, buried and disabled-direction cards never show. A scope (see QueueScope) narrows the cards
 * and may add review cards due later, after today's; the new-card limit stays today's.
 */
export function buildQueue<T extends QueueCard>(
	cards: readonly T[],
	done: DoneToday,
	now: number,
	settings: SchedulerSettings,
	dayStart = dayStartFor(now),
	scope: QueueScope<T> = {}
): T[] {
	const endOfDay = addLocalDays(dayStart, 1);
	const include = scope.include ?? (() => true);
	const visible = cards.filter((card) => isVisible(card, now, settings) && include(card));
	const byDue = (a: T, b: T) => a.due - b.due || byKey(a.id, b.id);
	const learning = visible.filter((card) => isLearning(card) && card.due <= now).sort(byDue);
	const reviews = visible
		.filter((card) => card.state === CARD_STATE.Review && card.due < endOfDay)
		.sort(byDue)
		.slice(0, Math.max(0, settings.reviewsPerDay - done.reviewsDone));
	const ahead =
		scope.reviewsUntil !== undefined && scope.reviewsUntil > endOfDay
			? visible
					// A card reviewed today is not studied again ahead (not even the one just graded, due in days).
					.filter(
						(card) =>
							card.state === CARD_STATE.Review &&
							card.due >= endOfDay &&
							card.due < scope.reviewsUntil! &&
							(card.last_review === null || card.last_review < dayStart)
					)
					.sort(byDue)
			: [];
	const rank = (card: T) => scope.newRanks?.get(card.entryId) ?? Number.MAX_SAFE_INTEGER;
	const fresh = visible
		.filter((card) => card.state === CARD_STATE.New)
		.sort(
			(a, b) =>
				Number(isUserEntryId(b.entryId)) - Number(isUserEntryId(a.entryId)) ||
				rank(a) - rank(b) ||
				a.createdAt - b.createdAt ||
				byKey(a.id, b.id)
		)
		.slice(0, Math.max(0, settings.newCardsPerDay - done.newIntroduced));
	return [...learning, ...reviews, ...ahead, ...fresh];
}

export interface DueCounts {
	new: number;
	learning: number;
	review: number;
}

export function countQueue(queue: readonly StoredFsrsState[]): DueCounts {
	const counts: DueCounts = { new: 0, learning: 0, review: 0 };
	for (const card of queue) {
		if (card.state === CARD_STATE.New) counts.new++;
		else if (card.state === CARD_STATE.Review) counts.review++;
		else counts.learning++;
	}
	return counts;
}

/** The (re)learning cards that will be shown again before the study day ends, due now or later. */
function learningToday<T extends QueueCard>(
	cards: readonly T[],
	now: number,
	settings: SchedulerSettings,
	dayStart: number,
	include: (card: T) => boolean = () => true
): T[] {
	const endOfDay = addLocalDays(dayStart, 1);
	return cards.filter(
		(card) => isLearning(card) && card.due < endOfDay && isVisible(card, now, settings) && include(card)
	);
}

/**
 * The counts a screen shows, as Anki shows them: new and review cards of the queue, and every (re)learning
 * card due today, also those that come back in a few minutes, so ten failed cards read as ten learning.
 */
export function countDue<T extends QueueCard>(
	queue: readonly T[],
	cards: readonly T[],
	now: number,
	settings: SchedulerSettings,
	dayStart = dayStartFor(now),
	scope: QueueScope<T> = {}
): DueCounts {
	return { ...countQueue(queue), learning: learningToday(cards, now, settings, dayStart, scope.include).length };
}

/** When the next (re)learning card that is not due yet comes back today; null when none does. */
export function nextLearningDue<T extends QueueCard>(
	cards: readonly T[],
	now: number,
	settings: SchedulerSettings,
	dayStart = dayStartFor(now),
	scope: QueueScope<T> = {}
): number | null {
	let next: number | null = null;
	for (const card of learningToday(cards, now, settings, dayStart, scope.include))
		if (card.due > now && (next === null || card.due < next)) next = card.due;
	return next;
}
