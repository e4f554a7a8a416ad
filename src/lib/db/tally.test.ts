import Dexie from 'dexie';
import { beforeEach, describe, expect, it } from 'vitest';
import { State, type Grade } from 'ts-fsrs';
import { DEFAULT_SCHEDULER_SETTINGS, newCardState } from '../scheduling/scheduler.ts';
import { buildBackup } from '../backup/export.ts';
import { exportAll, restore } from './backup.ts';
import { cardId, ensureCards, setSuspended } from './cards.ts';
import { DukaDatabase } from './db.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import { recordReview, reviewedIn, reviewTotalsIn, undoLastReview } from './reviews.ts';
import { deferTallies, SLOT_MS, slotOf, tallyRows } from './tally.ts';
import { freshDatabase } from './testDatabase.ts';
import { addUserEntry, deleteUserEntry } from './userEntries.ts';
import { seededRandom } from '../test/random.ts';
import { MIN, T0 } from '../test/clock.ts';
import schemaV1 from './fixtures/schema-v1.json';

const settings = DEFAULT_SCHEDULER_SETTINGS;
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

const expectTallyOfLog = async (target = database) => {
	expect(await target.reviewTally.toArray()).toEqual(tallyRows('reviews', await target.reviews.toArray()));
	expect(await target.cardTally.toArray()).toEqual(tallyRows('cards', await target.cards.toArray()));
};

const log = (cardIdValue: string, reviewedAt: number, rating: number, state: State): ReviewLogRow => ({
	cardId: cardIdValue,
	rating,
	reviewedAt,
	durationMs: 1000,
	before: { ...newCardState(reviewedAt), state },
	after: newCardState(reviewedAt)
});

describe('the review and card tallies', () => {
	it('follow every way the app writes reviews and cards: grading, undo, suspending, deleting a word, restore, bulk writes and deletes', async () => {
		const next = seededRandom(7);
		const entries = ['a', 'b', 'c', 'd'];
		await ensureCards(entries, T0);
		await addUserEntry(
			{
				zh: '供应链',
				pinyin: 'gōng yìng liàn',
				en: 'supply chain',
				defEn: '',
				defZh: '',
				example: '',
				articleId: 'huang-2025',
				paragraphId: 'p0001'
			},
			T0
		);
		const cards = [
			...entries.flatMap((entry) => [cardId(entry, 'en2zh'), cardId(entry, 'zh2en')]),
			cardId('user:供应链', 'en2zh')
		];
		let now = T0;
		for (let step = 0; step < 120; step++) {
			now += Math.floor(next() * 40 * MIN);
			const roll = next();
			if (roll < 0.7)
				await recordReview(
					cards[Math.floor(next() * cards.length)]!,
					(1 + Math.floor(next() * 4)) as Grade,
					now,
					1000,
					settings
				);
			else if (roll < 0.8) await setSuspended(cards[Math.floor(next() * cards.length)]!, next() < 0.5);
			else await undoLastReview();
			if (step % 20 === 0) await expectTallyOfLog();
		}
		await expectTallyOfLog();

		await deleteUserEntry('user:供应链');
		await expectTallyOfLog();

		await database.reviews.bulkAdd([
			log('x', T0 + 5 * MIN, 1, State.Review),
			log('x', T0 + 6 * MIN, 3, State.Review),
			log('y', T0 - SLOT_MS, 2, State.New)
		]);
		await expectTallyOfLog();
		await database.reviews.where('cardId').equals('x').delete();
		await expectTallyOfLog();
		await database.reviews
			.where('reviewedAt')
			.below(T0 + 60 * MIN)
			.modify((row) => {
				row.reviewedAt += 3 * SLOT_MS;
				row.before = { ...row.before, state: State.Review };
			});
		await expectTallyOfLog();
		const firstIds = await database.reviews.limit(5).primaryKeys();
		await database.reviews.bulkDelete(firstIds);
		await expectTallyOfLog();
		await database.reviews
			.where(':id')
			.between(firstIds.at(-1)! + 3, firstIds.at(-1)! + 9)
			.delete();
		await expectTallyOfLog();

		const backup = buildBackup(await exportAll(), now);
		await database.reviews.clear();
		expect(await database.reviewTally.count()).toBe(0);
		await restore(backup, 'replace');
		await expectTallyOfLog();
		await restore(
			buildBackup(
				{ ...backup.tables, reviews: [...backup.tables.reviews, { ...log('z', now, 4, State.Review), id: 99_999 }] },
				now
			),
			'merge'
		);
		await expectTallyOfLog();
		expect(await database.reviewTally.count()).toBeGreaterThan(3);
	});

	it('deferred over a transaction of many writes, are summed in memory and written once by the flush, the same as written each time', async () => {
		await database.reviews.bulkAdd([log('kept', T0, 3, State.Review)]);
		const before = await database.reviewTally.toArray();
		const scattered = (card: string, count: number, from: number) =>
			Array.from({ length: count }, (_, i) => log(card, T0 + ((i * 7919) % 50) * SLOT_MS + from, 1 + (i % 4), i % 4));
		await database.transaction('rw', database.reviews, database.cards, async () => {
			const flush = deferTallies(Dexie.currentTransaction);
			await database.reviews.bulkAdd(scattered('a', 40, 0));
			// Nothing written to the tally yet: the rows of 40 slots wait in memory.
			expect(await database.reviewTally.toArray()).toEqual(before);
			const ids = await database.reviews.where('cardId').equals('a').primaryKeys();
			await database.reviews.bulkDelete(ids.slice(0, 5));
			await database.reviews.bulkPut(
				(await database.reviews.bulkGet(ids.slice(5, 10))).map((row) => ({
					...row!,
					rating: 1,
					reviewedAt: T0 - SLOT_MS
				}))
			);
			await database.reviews.where('cardId').equals('nothing').delete();
			await ensureCards(['a', 'b'], T0);
			await setSuspended(cardId('a', 'zh2en'), true);
			await flush();
		});
		await expectTallyOfLog();

		// A clear drops what was summed before it, as it drops the tally.
		await database.transaction('rw', database.reviews, async () => {
			const flush = deferTallies(Dexie.currentTransaction);
			await database.reviews.bulkAdd(scattered('b', 20, 3 * SLOT_MS));
			await database.reviews.clear();
			await database.reviews.bulkAdd(scattered('c', 12, 0));
			await flush();
		});
		await expectTallyOfLog();
		expect(await database.reviewTally.count()).toBeGreaterThan(5);

		// Outside the deferred transaction, each write is tallied at once again.
		await database.reviews.bulkAdd([log('d', T0 + 99 * SLOT_MS, 2, State.Review)]);
		await expectTallyOfLog();
	});

	it('are written in the same transaction: an aborted grade leaves the rows and the tallies as they were', async () => {
		await ensureCards(['a'], T0);
		await recordReview(cardId('a', 'en2zh'), 3, T0, 1000, settings);
		const before = await database.reviewTally.toArray();
		await expect(
			database.transaction('rw', database.cards, database.reviews, async () => {
				await recordReview(cardId('a', 'zh2en'), 3, T0 + 20 * MIN, 1000, settings);
				throw new Error('crash mid-transaction');
			})
		).rejects.toThrow('crash');
		expect(await database.reviewTally.toArray()).toEqual(before);
		expect(await database.cardTally.toArray()).toEqual(tallyRows('cards', await database.cards.toArray()));
		await expectTallyOfLog();
	});

	it('are filled from the rows when a version-1 database is upgraded', async () => {
		const name = `tally-upgrade-${Date.now()}`;
		const old = new Dexie(name);
		old.version(schemaV1.dexieVersion).stores(schemaV1.stores);
		const rows = Array.from({ length: 12_000 }, (_, i) =>
			log(`c${i % 50}`, T0 - i * 7 * MIN, 1 + (i % 4), (i % 4) as State)
		);
		await old.table('reviews').bulkAdd(rows);
		await old.table('cards').bulkAdd(
			Array.from({ length: 12_000 }, (_, i) => ({
				...newCardState(T0),
				state: i % 4,
				id: `e${i}|en2zh`,
				entryId: `e${i}`,
				direction: 'en2zh',
				suspended: i % 7 === 0 ? 1 : 0,
				buriedUntil: 0,
				leech: 0,
				createdAt: T0
			}))
		);
		old.close();
		const upgraded = new DukaDatabase(name);
		await upgraded.open();
		await expectTallyOfLog(upgraded);
		upgraded.close();
	});

	it('gives exact totals for spans that start or end inside a slot', async () => {
		const rows = Array.from({ length: 300 }, (_, i) =>
			log(
				`c${i % 7}`,
				T0 + i * 3 * MIN + (i % 5) * 1000,
				1 + (i % 4),
				(i % 3 === 0 ? State.Review : State.Learning) as State
			)
		);
		await database.reviews.bulkAdd(rows);
		const spans: [number, number][] = [
			[T0, T0 + 900 * MIN],
			[T0 + 7 * MIN, T0 + 8 * MIN],
			[T0 + 7 * MIN, T0 + 400 * MIN + 1],
			[slotOf(T0 + 100 * MIN) * SLOT_MS, slotOf(T0 + 300 * MIN) * SLOT_MS],
			[-Infinity, T0 + 33 * MIN],
			[T0 + 33 * MIN, Infinity],
			[T0 + 50 * MIN, T0 + 50 * MIN]
		];
		const expected = spans.map(([from, to]) => {
			const inside = rows.filter((row) => row.reviewedAt >= from && row.reviewedAt < to);
			const graded = inside.filter((row) => row.before.state === State.Review);
			return {
				reviews: inside.length,
				again: graded.filter((row) => row.rating === 1).length,
				passed: graded.filter((row) => row.rating > 1).length
			};
		});
		expect(await reviewTotalsIn(spans, true)).toEqual(expected);
		expect((await reviewTotalsIn(spans)).map((totals) => totals.reviews)).toEqual(
			expected.map((totals) => totals.reviews)
		);
		const gaps: [number, number][] = [
			[T0 + 2 * MIN + 1, T0 + 3 * MIN],
			[T0 - 60 * MIN, T0],
			[T0 + 2000 * MIN, T0 + 3000 * MIN]
		];
		expect(await reviewedIn([...spans, ...gaps])).toEqual([
			...expected.map((totals) => totals.reviews > 0),
			false,
			false,
			false
		]);
	});
});
