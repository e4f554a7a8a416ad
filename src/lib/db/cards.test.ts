import { newCardRow } from './cardRows.ts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { State } from 'ts-fsrs';
import type { DBCoreCursor } from 'dexie';
import {
	buildQueue,
	countDue,
	countQueue,
	dayStartFor,
	DEFAULT_SCHEDULER_SETTINGS,
	newCardState,
	nextDayStart,
	type SchedulerSettings
} from '../scheduling/scheduler.ts';
import { userEntryId } from '../model/ids.ts';
import {
	cardId,
	countCards,
	cardsMadeForDeck,
	ensureCards,
	keepBuiltInDeck,
	entriesWithoutCards,
	getCard,
	listCards,
	loadCounts,
	loadQueue,
	entriesWithNewCards,
	loadQueueSource,
	newCardsOf,
	nextDueAfter,
	setSuspended,
	suspendRemovedBuiltInCards
} from './cards.ts';
import { recordReview } from './reviews.ts';
import type { CardDirection, StudyCardRow } from '../model/cards.ts';
import type { DukaDatabase } from './db.ts';
import { freshDatabase } from './testDatabase.ts';
import { seededRandom } from '../test/random.ts';
import { readingRanks } from '../scheduling/readingOrder.ts';
import { DAY, HOUR, MIN, T0 } from '../test/clock.ts';

const settings = DEFAULT_SCHEDULER_SETTINGS;
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

function cardRow(entryId: string, direction: CardDirection, extra: Partial<StudyCardRow> = {}): StudyCardRow {
	return { ...newCardRow(entryId, direction, T0), ...extra };
}

/** Counts the rows IndexedDB hands to Dexie, to show a query walks an index range and not the table. */
function countRowsRead(target: DukaDatabase): { rows: number } {
	const counter = { rows: 0 };
	target.use({
		stack: 'dbcore',
		name: 'countRowsRead',
		create: (down) => ({
			...down,
			table: (name) => {
				const table = down.table(name);
				return {
					...table,
					query: async (request) => {
						const response = await table.query(request);
						counter.rows += response.result.length;
						return response;
					},
					openCursor: async (request) => {
						const cursor: DBCoreCursor | null = await table.openCursor(request);
						if (cursor) {
							const start = cursor.start.bind(cursor);
							cursor.start = (onNext) =>
								start(() => {
									counter.rows++;
									onNext();
								});
						}
						return cursor;
					}
				};
			}
		})
	});
	return counter;
}

describe('ensureCards', () => {
	it('creates both directions of each entry, in the order given', async () => {
		expect(await ensureCards(['b', 'a', 'b'], T0)).toBe(4);
		const cards = await listCards();
		expect(cards.map((card) => card.id).sort()).toEqual(['a|en2zh', 'a|zh2en', 'b|en2zh', 'b|zh2en']);
		expect(await getCard('b|en2zh')).toEqual({
			...newCardState(T0),
			id: 'b|en2zh',
			entryId: 'b',
			direction: 'en2zh',
			suspended: 0,
			buriedUntil: 0,
			leech: 0,
			createdAt: T0
		});
		const newOrder = (await loadQueue(T0, settings)).map((card) => card.id);
		expect(newOrder).toEqual(['b|en2zh', 'b|zh2en', 'a|en2zh', 'a|zh2en']);
	});

	it('is idempotent and never touches existing cards', async () => {
		await ensureCards(['a', 'b'], T0);
		await recordReview(cardId('a', 'en2zh'), 3, T0, 1000, settings);
		await setSuspended(cardId('b', 'zh2en'), true);
		const before = await listCards();
		expect(await ensureCards(['a', 'b'], T0 + HOUR)).toBe(0);
		expect(await listCards()).toEqual(before);
		expect(await ensureCards(['a', 'b', 'c'], T0 + HOUR)).toBe(2);
		expect((await listCards()).filter((card) => card.entryId === 'a')).toEqual(
			before.filter((card) => card.entryId === 'a')
		);
		expect(await countCards()).toBe(6);
		expect(await ensureCards([], T0)).toBe(0);
	});

	it('creates thousands of cards in one go', async () => {
		const ids = Array.from({ length: 5000 }, (_, i) => `w${i}`);
		expect(await ensureCards(ids, T0)).toBe(10000);
		expect(await ensureCards(ids, T0)).toBe(0);
		expect(await ensureCards([...ids, 'extra'], T0)).toBe(2);
		expect(await countCards()).toBe(10002);
	});

	it('checks many ids against the keys between the smallest and largest of them only', async () => {
		await ensureCards(
			Array.from({ length: 3000 }, (_, i) => `user:${i}`),
			T0
		);
		const builtIn = Array.from({ length: 300 }, (_, i) => `huang-2025:${i}`);
		await ensureCards(builtIn.slice(0, 150), T0);
		const counter = countRowsRead(database);
		expect(await ensureCards(builtIn, T0)).toBe(300);
		// The 300 existing built-in keys, not the 6,000 keys of user cards that sort apart.
		expect(counter.rows).toBeLessThanOrEqual(300);
		expect(await countCards()).toBe(6600);
	});
});

describe('entriesWithoutCards', () => {
	it('names the entries with no flashcard in either direction, in the order given, and writes nothing', async () => {
		await ensureCards(['a'], T0);
		await database.cards.delete('a|zh2en');
		await ensureCards(['c'], T0);
		await database.cards.delete('c|en2zh');
		await database.cards.delete('c|zh2en');
		const before = await countCards();
		expect(await entriesWithoutCards(['d', 'a', 'c', 'b'])).toEqual(['d', 'c', 'b']);
		expect(await entriesWithoutCards([])).toEqual([]);
		expect(await countCards()).toBe(before);
	});

	it('reads many entries at once as well as a few', async () => {
		const made = Array.from({ length: 300 }, (_, index) => `w${String(index).padStart(3, '0')}`);
		await ensureCards(made, T0);
		expect(await entriesWithoutCards([...made, 'zz', 'a0'])).toEqual(['zz', 'a0']);
	});
});

describe('reading cards', () => {
	beforeEach(async () => {
		await database.cards.bulkAdd([
			cardRow('a', 'en2zh', { state: State.Review, leech: 1 }),
			cardRow('a', 'zh2en', { suspended: 1 }),
			cardRow('b', 'en2zh', { state: State.Learning }),
			cardRow('b', 'zh2en')
		]);
	});

	it('gets a card', async () => {
		expect((await getCard('a|en2zh'))?.leech).toBe(1);
		expect(await getCard('nope')).toBeUndefined();
	});

	it('lists every card', async () => {
		expect((await listCards()).map((card) => card.id).sort()).toEqual(['a|en2zh', 'a|zh2en', 'b|en2zh', 'b|zh2en']);
	});

	it('suspends and unsuspends', async () => {
		await setSuspended('b|zh2en', true);
		expect((await getCard('b|zh2en'))?.suspended).toBe(1);
		await setSuspended('b|zh2en', false);
		expect((await getCard('b|zh2en'))?.suspended).toBe(0);
	});
});

describe('loadQueue', () => {
	it('keeps to the new-card limit and skips suspended cards', async () => {
		await ensureCards(['a', 'b', 'c'], T0);
		const limited = { ...settings, newCardsPerDay: 2 };
		expect((await loadQueue(T0, limited)).map((card) => card.id)).toEqual([cardId('a', 'en2zh'), cardId('a', 'zh2en')]);
		await setSuspended(cardId('a', 'en2zh'), true);
		expect((await loadQueue(T0, limited)).map((card) => card.id)).toEqual([cardId('a', 'zh2en'), cardId('b', 'en2zh')]);
		expect(await loadCounts(T0, limited)).toEqual({ new: 2, learning: 0, review: 0 });
	});

	it('fills the limit from the enabled direction only', async () => {
		await ensureCards(['a', 'b', 'c', 'd'], T0);
		const queue = await loadQueue(T0, { ...settings, newCardsPerDay: 3, directions: 'zh2en' });
		expect(queue.map((card) => card.id)).toEqual(['a|zh2en', 'b|zh2en', 'c|zh2en']);
	});

	it('counts new cards introduced today against the limit', async () => {
		await ensureCards(['a', 'b', 'c'], T0);
		const limited = { ...settings, newCardsPerDay: 2 };
		await recordReview(cardId('a', 'en2zh'), 3, T0, 1000, limited);
		// The learning card counts from the start, though due only in ten minutes: it is due today.
		expect(await loadCounts(T0 + 1000, limited)).toEqual({ new: 1, learning: 1, review: 0 });
		expect(await loadCounts(T0 + 11 * MIN, limited)).toEqual({ new: 1, learning: 1, review: 0 });
		// The sibling a|zh2en is buried, so the next new card is b's.
		expect((await loadQueue(T0 + 11 * MIN, limited)).map((card) => card.id)).toEqual(['a|en2zh', 'b|en2zh']);
		// Tomorrow the limit starts afresh and the sibling is back.
		const tomorrow = nextDayStart(T0) + HOUR;
		expect((await loadQueue(tomorrow, limited)).map((card) => card.id)).toEqual(['a|en2zh', 'a|zh2en', 'b|en2zh']);
	});

	it("introduces a word the user added today before the built-in deck's earlier new cards", async () => {
		await ensureCards(
			Array.from({ length: 30 }, (_, i) => `huang-2025:w${i}`),
			T0 - DAY
		);
		const mine = userEntryId('供应');
		await ensureCards([mine], T0);
		const queue = await loadQueue(T0 + 1000, settings);
		expect(queue).toHaveLength(settings.newCardsPerDay);
		expect(queue.slice(0, 2).map((card) => card.id)).toEqual([cardId(mine, 'en2zh'), cardId(mine, 'zh2en')]);
		expect(queue[2]!.id).toBe(cardId('huang-2025:w0', 'en2zh'));
	});

	it('gives the same queue as building it from every card, whatever the collection', async () => {
		const random = seededRandom(7);
		const states = [State.New, State.Learning, State.Review, State.Relearning];
		const rows: StudyCardRow[] = [];
		for (let i = 0; i < 300; i++) {
			for (const direction of ['en2zh', 'zh2en'] as const) {
				const state = states[Math.floor(random() * states.length)]!;
				const createdAt = T0 - Math.floor(random() * 1000);
				const due = state === State.New ? createdAt : T0 + Math.floor((random() - 0.5) * 4 * DAY);
				// Every seventh entry is a word the user added, which the queue introduces first.
				rows.push(
					cardRow(i % 7 === 0 ? userEntryId(`e${i}`) : `e${i}`, direction, {
						state,
						due,
						createdAt,
						last_review: state === State.New ? null : due - DAY,
						suspended: random() < 0.1 ? 1 : 0,
						buriedUntil: random() < 0.1 ? T0 + HOUR : random() < 0.1 ? T0 - HOUR : 0
					})
				);
			}
		}
		await database.cards.bulkAdd(rows);
		const variants: SchedulerSettings[] = [
			settings,
			{ ...settings, newCardsPerDay: 5, reviewsPerDay: 10 },
			{ ...settings, newCardsPerDay: 0, reviewsPerDay: 1000, directions: 'en2zh' },
			{ ...settings, newCardsPerDay: 1000, reviewsPerDay: 0, directions: 'zh2en' }
		];
		for (const variant of variants) {
			const expected = buildQueue(rows, { newIntroduced: 0, reviewsDone: 0 }, T0, variant, dayStartFor(T0));
			expect((await loadQueue(T0, variant)).map((card) => card.id)).toEqual(expected.map((card) => card.id));
			expect(await loadCounts(T0, variant)).toEqual(countDue(expected, rows, T0, variant, dayStartFor(T0)));
		}
	});

	it('reads the new cards of the words ranked first (reading order) wherever they fall, for the same queue', async () => {
		const random = seededRandom(11);
		const rows: StudyCardRow[] = [];
		const entries: string[] = [];
		for (let i = 0; i < 200; i++) {
			const entryId = i % 9 === 0 ? userEntryId(`e${i}`) : `e${i}`;
			entries.push(entryId);
			for (const direction of ['en2zh', 'zh2en'] as const) {
				const studied = random() < 0.4;
				rows.push(
					cardRow(entryId, direction, {
						state: studied ? State.Review : State.New,
						due: studied ? T0 + DAY : T0 - 1000 + i,
						createdAt: T0 - 1000 + i,
						last_review: studied ? T0 - DAY : null,
						suspended: random() < 0.1 ? 1 : 0
					})
				);
			}
		}
		await database.cards.bulkAdd(rows);
		// Ranked words from the end of the deck, the user's first (as readingOrder gives them).
		const ranked = entries.filter(() => random() < 0.3).reverse();
		const firstEntries = [
			...ranked.filter((id) => id.startsWith('user:')),
			...ranked.filter((id) => !id.startsWith('user:'))
		];
		const scope = { newRanks: readingRanks(firstEntries) };
		for (const perDay of [1, 5, 20, 1000]) {
			const variant = { ...settings, newCardsPerDay: perDay };
			const source = await loadQueueSource(T0, variant, 0, firstEntries);
			const queue = buildQueue(source.candidates, source.done, T0, variant, source.dayStart, scope);
			const expected = buildQueue(rows, { newIntroduced: 0, reviewsDone: 0 }, T0, variant, dayStartFor(T0), scope);
			expect(queue.map((card) => card.id)).toEqual(expected.map((card) => card.id));
		}
		// Without the ranked words' read, the last of them would not be there at all.
		const plain = await loadQueueSource(T0, { ...settings, newCardsPerDay: 5 });
		const last = rows.find((row) => row.entryId === firstEntries[0] && row.state === State.New && !row.suspended);
		expect(last).toBeDefined();
		expect(plain.candidates.map((card) => card.id)).not.toContain(last!.id);
	});

	it('lists the new cards of some words that a queue could show', async () => {
		await ensureCards(['a', 'b', 'c'], T0);
		await setSuspended(cardId('b', 'zh2en'), true);
		await recordReview(cardId('c', 'en2zh'), 3, T0, 1000, settings);
		const ids = async (directions: SchedulerSettings['directions']) =>
			(await newCardsOf(['c', 'b', 'z'], T0 + 2000, { ...settings, directions })).map((card) => card.id);
		// c|zh2en is buried by its sibling's review.
		expect(await ids('both')).toEqual(['b|en2zh']);
		expect(await ids('zh2en')).toEqual([]);
		// Every word with a card still new, hidden or not, in the order given.
		await recordReview(cardId('a', 'en2zh'), 3, T0, 1000, settings);
		await recordReview(cardId('a', 'zh2en'), 3, T0 + 1, 1000, settings);
		expect(await entriesWithNewCards(['c', 'z', 'a', 'b'])).toEqual(['c', 'b']);
	});

	it('reads only the due part of a 50,000-card collection', async () => {
		const rows: StudyCardRow[] = [];
		for (let i = 0; i < 25_000; i++) {
			for (const direction of ['en2zh', 'zh2en'] as const) {
				// Most cards are reviewed and due later; a few are due today, learning or still new.
				const kind = i % 250;
				const state = kind < 2 ? State.Review : kind < 3 ? State.Learning : kind < 6 ? State.New : State.Review;
				const due = kind < 2 ? T0 - HOUR : kind < 3 ? T0 - MIN : kind < 6 ? T0 + i : T0 + 2 * DAY + i * 1000;
				rows.push(
					cardRow(`e${i}`, direction, {
						state,
						due,
						createdAt: T0 + i,
						last_review: state === State.New ? null : T0 - 3 * DAY
					})
				);
			}
		}
		await database.cards.bulkAdd(rows);
		const counter = countRowsRead(database);
		const queue = await loadQueue(T0, settings);
		expect(countQueue(queue)).toEqual({ new: 20, learning: 200, review: 200 });
		expect(queue.map((card) => card.id)).toEqual(
			buildQueue(rows, { newIntroduced: 0, reviewsDone: 0 }, T0, settings).map((card) => card.id)
		);
		// 200 learning + 200 reviews + 20 new, and no review log yet: nothing near the 50,000 rows.
		expect(counter.rows).toBeLessThanOrEqual(450);
	}, 60_000);
});

describe('nextDueAfter', () => {
	it('finds the next card to fall due, ignoring new and suspended cards', async () => {
		await database.cards.bulkAdd([
			cardRow('a', 'en2zh', { state: State.New, due: T0 + MIN }),
			cardRow('a', 'zh2en', { state: State.Review, due: T0 + HOUR, suspended: 1 }),
			cardRow('b', 'en2zh', { state: State.Review, due: T0 + DAY }),
			cardRow('b', 'zh2en', { state: State.Review, due: T0 - DAY })
		]);
		expect(await nextDueAfter(T0)).toBe(T0 + DAY);
		expect(await nextDueAfter(T0 + 2 * DAY)).toBeNull();
	});
});

describe('cards of entries a newer deck dropped', () => {
	it('are suspended once, keeping their rows, while the kept entries and the user’s words are left alone', async () => {
		await ensureCards(['a:kept', 'a:dropped', userEntryId('我的')], T0);
		expect(await suspendRemovedBuiltInCards(['a:kept'])).toBe(2);
		const byId = new Map((await database.cards.toArray()).map((card) => [card.id, card.suspended]));
		expect(byId).toEqual(
			new Map([
				[cardId('a:kept', 'en2zh'), 0],
				[cardId('a:kept', 'zh2en'), 0],
				[cardId('a:dropped', 'en2zh'), 1],
				[cardId('a:dropped', 'zh2en'), 1],
				[cardId(userEntryId('我的'), 'en2zh'), 0],
				[cardId(userEntryId('我的'), 'zh2en'), 0]
			])
		);
		// The same deck is not checked again: a card the user unsuspends by hand stays as they left it.
		await setSuspended(cardId('a:dropped', 'en2zh'), false);
		expect(await suspendRemovedBuiltInCards(['a:kept'])).toBe(0);
		expect((await getCard(cardId('a:dropped', 'en2zh')))?.suspended).toBe(0);
	});

	it('are suspended by the deck’s upkeep, which notes the deck only once its cards are made', async () => {
		await ensureCards(['a:dropped'], T0);
		expect(await cardsMadeForDeck(['a:kept', 'a:new'])).toBe(false);
		// Four cards made (two words, two directions), two suspended.
		expect(await keepBuiltInDeck(['a:kept', 'a:new'], T0)).toBe(6);
		expect(await cardsMadeForDeck(['a:kept', 'a:new'])).toBe(true);
		expect(await database.cards.where('entryId').anyOf(['a:kept', 'a:new']).count()).toBe(4);
		expect(await keepBuiltInDeck(['a:kept', 'a:new'], T0)).toBe(0);

		// Made first: when making the cards fails, the deck is not noted as checked.
		const failing = vi.spyOn(database.cards, 'bulkAdd').mockRejectedValueOnce(new Error('disk full'));
		await expect(keepBuiltInDeck(['a:kept', 'a:other'], T0)).rejects.toThrow('disk full');
		expect(await cardsMadeForDeck(['a:kept', 'a:other'])).toBe(false);
		failing.mockRestore();
	});
});
