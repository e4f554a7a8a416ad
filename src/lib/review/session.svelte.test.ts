import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Rating, State } from 'ts-fsrs';
import type { Stores } from '../db/lazy.ts';
import * as stores from '../db/stores.ts';
import type { DukaDatabase } from '../db/db.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { VocabEntry } from '../model/words.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { until } from '../test/until.ts';
import { ReviewJournal } from '../storage/reviewJournal.ts';
import { memoryStorage } from '../test/memoryStorage.ts';

const entry = (zh: string, en: string): VocabEntry => ({
	id: `test:${zh}`,
	articleId: 'test',
	zh,
	pinyin: '',
	en,
	defEn: en,
	defZh: zh,
	pos: 'noun',
	tags: [],
	forms: [zh, en],
	occurrences: [{ cardId: 'c1', paragraphId: 'p1' }]
});

vi.mock('virtual:duka/vocab', () => ({
	default: [entry('供应链', 'supply chain'), entry('关税', 'tariff'), entry('出口', 'export')]
}));

const { ReviewSession } = await import('./session.svelte.ts');

const MIN = 60_000;
const HOUR = 60 * MIN;
/** A morning well inside a study day (which begins at 4:00, local time). */
const MORNING = new Date(2026, 0, 10, 9).getTime();
const settings = DEFAULT_SCHEDULER_SETTINGS;

let database: DukaDatabase;
let time: number;
/** How often the session asked for its stores: every reload of the queue starts by asking. */
let storeLoads: number;
/** Every value the session's watches were given, after the session's own callback ran. */
let reported: unknown[];
/** While set, what the watches report waits in `held` until the test passes it on. */
let holding: boolean;
let held: { value: unknown; pass: () => void }[];
let session: InstanceType<typeof ReviewSession>;

/** The stores, with `watch` noting what it passed on, so a test knows when the session has seen a change. */
const watchedStores: Stores = {
	...stores,
	watch: (query, onValue, onError) =>
		stores.watch(
			query,
			(value) => {
				const pass = () => {
					onValue(value);
					reported.push(value);
				};
				if (holding) held.push({ value, pass });
				else pass();
			},
			onError
		)
};

beforeEach(() => {
	database = freshDatabase();
	time = MORNING;
	storeLoads = 0;
	reported = [];
	holding = false;
	held = [];
	session = new ReviewSession(
		() => {
			storeLoads++;
			return Promise.resolve(watchedStores);
		},
		{ clock: () => time }
	);
});

afterEach(() => {
	session.stop();
});

/** What the database says today's queue is at `time`. */
const databaseQueue = async () => (await stores.cards.loadQueue(time, settings)).map((card) => card.id);
const sessionQueue = () => session.current?.id;
const isLog = (logId: number) => (value: unknown) => (value as { id?: number } | undefined)?.id === logId;

describe('ReviewSession', () => {
	it('starts with today’s queue from the database', async () => {
		expect(session.status).toBe('idle');
		await session.start();
		expect(session.status).toBe('ready');
		// Three built-in words, two directions each, all new.
		expect(await database.cards.count()).toBe(6);
		expect(session.remaining).toBe(6);
		expect(session.counts).toEqual({ new: 6, learning: 0, review: 0 });
		expect(session.current?.id).toBe((await databaseQueue())[0]);
		expect(session.entry?.id).toBe(session.current?.entryId);
		expect(session.entryById('test:关税')?.en).toBe('tariff');
		expect(session.revealed).toBe(false);
		expect(session.canUndo).toBe(false);
		expect(session.previews.map((preview) => preview.rating)).toEqual([
			Rating.Again,
			Rating.Hard,
			Rating.Good,
			Rating.Easy
		]);
	});

	it('grades only a revealed card, writes one review and shows the next card', async () => {
		await session.start();
		const first = session.current!;
		await session.grade(Rating.Good);
		expect(await database.reviews.count()).toBe(0);

		session.reveal();
		expect(session.revealed).toBe(true);
		await session.grade(Rating.Good);
		const logs = await database.reviews.toArray();
		expect(logs).toHaveLength(1);
		expect(logs[0]).toMatchObject({ cardId: first.id, rating: Rating.Good, reviewedAt: time });
		expect(session.current?.id).not.toBe(first.id);
		expect(session.revealed).toBe(false);
		expect(session.canUndo).toBe(true);
		// The graded card is learning (due in ten minutes) and its sibling is buried: four new cards are left,
		// and the learning card counts, as it is due today.
		expect(session.remaining).toBe(4);
		expect(session.counts).toEqual({ new: 4, learning: 1, review: 0 });
		expect(sessionQueue()).toBe((await databaseQueue())[0]);
	});

	it('does not reload the queue for a review of its own', async () => {
		await session.start();
		// The watch reports a review some time after it is written: here only once the grade is done.
		holding = true;
		session.reveal();
		await session.grade(Rating.Good);
		const next = session.current!;
		const [log] = await database.reviews.toArray();
		await until(() => held.some(({ value }) => isLog(log!.id!)(value)));
		const loadsBefore = storeLoads;
		holding = false;
		for (const { pass } of held) pass();
		// A reload would have asked for the stores at once.
		expect(storeLoads).toBe(loadsBefore);
		expect(session.current?.id).toBe(next.id);
	});

	it('undoes the last grade and shows that card again', async () => {
		await session.start();
		const first = session.current!;
		session.reveal();
		await session.grade(Rating.Again);
		// Two minutes on, the first card (again in a minute) is due before the second one just graded.
		time += 2 * MIN;
		const second = session.current!;
		session.reveal();
		await session.grade(Rating.Good);
		expect(session.current?.id).toBe(first.id);

		expect(await session.undo()).toBe(true);
		expect(session.current?.id).toBe(second.id);
		expect(session.revealed).toBe(false);
		expect(session.canUndo).toBe(true);
		expect(await database.cards.get(second.id)).toEqual(second);

		expect(await session.undo()).toBe(true);
		expect(session.current?.id).toBe(first.id);
		expect(session.remaining).toBe(6);
		expect(session.canUndo).toBe(false);
		expect(await database.reviews.count()).toBe(0);
		expect(await database.cards.get(first.id)).toEqual(first);
		expect(await session.undo()).toBe(false);
	});

	it('reads the queue from the database when a grade falls in the next study day', async () => {
		// Late at night, before the 4:00 rollover: a review card due tomorrow afternoon is not in today's queue.
		time = new Date(2026, 0, 10, 3, 30).getTime();
		const reviewCard = 'test:出口|zh2en';
		await stores.cards.ensureCards(['test:供应链', 'test:关税', 'test:出口'], time);
		await database.cards.update(reviewCard, {
			state: State.Review,
			due: new Date(2026, 0, 10, 12).getTime(),
			stability: 5,
			difficulty: 5,
			scheduled_days: 5,
			reps: 3,
			last_review: time - 5 * 24 * HOUR
		});
		await session.start();
		expect(session.counts).toEqual({ new: 5, learning: 0, review: 0 });

		// The answer stays up past 4:00: the grade belongs to the new day, whose queue holds the review card.
		session.reveal();
		time += HOUR;
		await session.grade(Rating.Good);
		expect(session.current?.id).toBe(reviewCard);
		// The card just graded is learning, due again in the new day.
		expect(session.counts).toEqual({ new: 3, learning: 1, review: 1 });
		expect(sessionQueue()).toBe((await databaseQueue())[0]);
	});

	it('reloads the queue after a review in another tab', async () => {
		await session.start();
		const first = session.current!;
		const loadsBefore = storeLoads;
		const { logId } = await stores.reviews.recordReview(first.id, Rating.Good, time, 1000, settings);

		await until(() => reported.some(isLog(logId)));
		expect(storeLoads).toBeGreaterThan(loadsBefore);
		await until(() => session.remaining === 4);
		expect(session.current?.id).not.toBe(first.id);
		expect(sessionQueue()).toBe((await databaseQueue())[0]);
	});

	it('leaves a revealed answer alone when another tab reviews', async () => {
		await session.start();
		const first = session.current!;
		session.reveal();
		const loadsBefore = storeLoads;
		const { logId } = await stores.reviews.recordReview(first.id, Rating.Good, time, 1000, settings);

		// The session's callback has run once its watch has passed the new review on; a reload would have
		// asked for the stores at once.
		await until(() => reported.some(isLog(logId)));
		expect(storeLoads).toBe(loadsBefore);
		expect(session.current?.id).toBe(first.id);
		expect(session.revealed).toBe(true);
		expect(session.remaining).toBe(6);
	});

	it("undoes only this tab's own review, never one made in another tab", async () => {
		await session.start();
		expect(await session.undo()).toBe(false);
		// Another tab grades a card: nothing here to take back.
		const other = (await databaseQueue())[1]!;
		await stores.reviews.recordReview(other, Rating.Good, time, 500, settings);
		expect(session.canUndo).toBe(false);
		expect(await session.undo()).toBe(false);
		expect(await database.reviews.count()).toBe(1);
		// This tab's grade is taken back; the other tab's stays.
		session.reveal();
		const mine = session.current!.id;
		await session.grade(Rating.Good);
		await stores.reviews.recordReview(
			(await databaseQueue()).find((id) => id !== mine)!,
			Rating.Good,
			time,
			1,
			settings
		);
		expect(await session.undo()).toBe(true);
		expect((await database.reviews.toArray()).map((log) => log.cardId)).not.toContain(mine);
		expect(await database.reviews.count()).toBe(2);
	});

	it('refuses a grade of a card already graded in another tab from the same showing, and moves on', async () => {
		await session.start();
		const shown = session.current!;
		session.reveal();
		// The other tab showed the same card and graded it first.
		await stores.reviews.recordReview(shown.id, Rating.Again, time, 500, settings, shown);
		await session.grade(Rating.Good);
		expect(session.problem).toBe('reviewed-elsewhere');
		expect(await database.reviews.where('cardId').equals(shown.id).count()).toBe(1);
		expect(session.revealed).toBe(false);
	});

	it('says storage is full when the grade fails because the database lost the whole deck', async () => {
		await session.start();
		const shown = session.current!;
		session.reveal();
		// Chromium evicted the origin's storage: the connection closed under the grade, the deck is gone.
		await database.cards.clear();
		const aborted = Object.assign(new Error('aborted'), { name: 'AbortError', inner: { name: 'AbortError' } });
		vi.spyOn(stores.reviews, 'recordReview').mockRejectedValueOnce(aborted);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		await session.grade(Rating.Good);
		expect(session.problem).toBe('storage-full');
		expect(session.current?.id).toBe(shown.id);
		expect(session.revealed).toBe(true);
		vi.restoreAllMocks();
	});

	it('says a grade failed, not that storage is full, when the deck is still there', async () => {
		await session.start();
		session.reveal();
		const aborted = Object.assign(new Error('aborted'), { name: 'AbortError', inner: { name: 'AbortError' } });
		vi.spyOn(stores.reviews, 'recordReview').mockRejectedValueOnce(aborted);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		await session.grade(Rating.Good);
		expect(session.problem).toBe('write-failed');
		vi.restoreAllMocks();
	});

	it('keeps the card and its answer on screen when the grade cannot be written', async () => {
		await session.start();
		const shown = session.current!;
		session.reveal();
		const full = Object.assign(new Error('full'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } });
		const spy = vi.spyOn(stores.reviews, 'recordReview').mockRejectedValueOnce(full);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		await session.grade(Rating.Good);
		expect(session.problem).toBe('storage-full');
		expect(session.current?.id).toBe(shown.id);
		expect(session.revealed).toBe(true);
		expect(await database.reviews.count()).toBe(0);
		spy.mockRestore();
		await session.grade(Rating.Good);
		expect(session.problem).toBeUndefined();
		expect(await database.reviews.count()).toBe(1);
		vi.restoreAllMocks();
	});
});

describe('ReviewSession and the review journal', () => {
	const journaledSession = (journal: ReviewJournal) =>
		new ReviewSession(() => Promise.resolve(watchedStores), { clock: () => time, journal });

	it('keeps each committed grade outside the database too, and forgets one taken back', async () => {
		const storage = memoryStorage();
		const kept = new ReviewJournal(() => storage);
		const journaled = journaledSession(kept);
		await journaled.start();
		journaled.reveal();
		await journaled.grade(Rating.Good);
		time += MIN;
		journaled.reveal();
		await journaled.grade(Rating.Hard);
		expect(kept.entries().map((entry) => entry.log)).toEqual(await database.reviews.toArray());
		expect(await journaled.undo()).toBe(true);
		expect(kept.entries().map((entry) => entry.log)).toEqual(await database.reviews.toArray());
		expect(kept.size).toBe(1);
		// A grade that was not written is not journaled.
		journaled.reveal();
		vi.spyOn(stores.reviews, 'recordReview').mockRejectedValueOnce(new Error('failed'));
		vi.spyOn(console, 'error').mockImplementation(() => {});
		await journaled.grade(Rating.Good);
		expect(kept.size).toBe(1);
		vi.restoreAllMocks();
		journaled.stop();
	});

	it('grades as ever when localStorage is full: the review is in the database, the journal notes it missed one', async () => {
		const full = new ReviewJournal(() => memoryStorage(10));
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const journaled = journaledSession(full);
		await journaled.start();
		const first = journaled.current!;
		journaled.reveal();
		await journaled.grade(Rating.Good);
		expect(journaled.problem).toBeUndefined();
		expect(journaled.current?.id).not.toBe(first.id);
		expect(await database.reviews.count()).toBe(1);
		expect(full.notKept).toBe(1);
		expect(warn).toHaveBeenCalled();
		vi.restoreAllMocks();
		journaled.stop();
	});
});
