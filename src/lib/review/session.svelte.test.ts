import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Rating, State } from 'ts-fsrs';
import type { Stores } from '../db/lazy.ts';
import * as stores from '../db/stores.ts';
import type { DukaDatabase } from '../db/db.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { VocabEntry } from '../model/words.ts';
import { DEFAULT_SCHEDULER_SETTINGS, dayStartFor, gradeCard } from '../scheduling/scheduler.ts';
import { SUPPLY } from '../db/testWords.ts';
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

const { ReviewSession, COUNTDOWN_TICK_MS } = await import('./session.svelte.ts');

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

	it('shows the first card before the deck’s upkeep once the cards were made for this deck, and counts cards made after', async () => {
		await session.start();
		session.stop();
		// A word's cards lost since (a restore of an older backup, say): the next start makes them again.
		await database.cards.where('entryId').equals('test:出口').delete();
		const again = new ReviewSession(() => Promise.resolve(watchedStores), {
			clock: () => time
		});
		await again.start();
		expect(again.status).toBe('ready');
		const first = again.current?.id;
		expect(first).toBeDefined();
		// Shown from the cards there were: the lost word's two come a moment later.
		expect(again.counts.new).toBe(4);
		await until(() => again.counts.new === 6);
		expect(await database.cards.count()).toBe(6);
		expect(again.current?.id).toBe(first);
		again.stop();
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

/** A promise the test settles by hand: a commit that takes as long as the test wants. */
function gate() {
	let open!: () => void;
	const opened = new Promise<void>((resolve) => (open = resolve));
	return { opened, open };
}

/** Commits wait for their gate, in the order they were asked for; the real commit runs once it opens. */
function slowCommits(fail?: (call: number) => Error | undefined) {
	const real = stores.reviews.recordReview;
	const gates: ReturnType<typeof gate>[] = [];
	const spy = vi.spyOn(stores.reviews, 'recordReview').mockImplementation(async (...args) => {
		const call = gates.length;
		const held = gate();
		gates.push(held);
		await held.opened;
		const error = fail?.(call);
		if (error) throw error;
		return real(...args);
	});
	return { gates, spy, calls: () => spy.mock.calls.map((call) => call[0]) };
}

describe('ReviewSession: the next card before the commit', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	it('shows the next card at once and commits the grade behind it', async () => {
		await session.start();
		const first = session.current!;
		const { gates } = slowCommits();
		session.reveal();
		const committed = session.grade(Rating.Good);
		// Nothing is written yet, and the next card already shows, answer hidden.
		expect(session.current?.id).not.toBe(first.id);
		expect(session.revealed).toBe(false);
		expect(session.committing).toBe(true);
		expect(session.canUndo).toBe(true);
		await until(() => gates.length === 1);
		expect(await database.reviews.count()).toBe(0);
		gates[0]!.open();
		await committed;
		expect(session.committing).toBe(false);
		expect((await database.reviews.toArray()).map((log) => log.cardId)).toEqual([first.id]);
		// What was shown from memory is what the database gives.
		expect(sessionQueue()).toBe((await databaseQueue())[0]);
		expect(await database.cards.get(first.id)).toMatchObject({ state: State.Learning });
	});

	it('commits quick grades one after another, in the order they were given', async () => {
		await session.start();
		const { gates, calls } = slowCommits();
		const graded: string[] = [];
		const commits: Promise<void>[] = [];
		for (const rating of [Rating.Good, Rating.Again, Rating.Easy] as const) {
			graded.push(session.current!.id);
			session.reveal();
			commits.push(session.grade(rating));
		}
		// The second commit has not started: it waits for the first.
		await until(() => gates.length === 1);
		expect(calls()).toEqual([graded[0]]);
		gates[0]!.open();
		await until(() => gates.length === 2);
		gates[1]!.open();
		await until(() => gates.length === 3);
		gates[2]!.open();
		await Promise.all(commits);
		expect((await database.reviews.orderBy('id').toArray()).map((log) => [log.cardId, log.rating])).toEqual([
			[graded[0], Rating.Good],
			[graded[1], Rating.Again],
			[graded[2], Rating.Easy]
		]);
		expect(session.summary).toMatchObject({ reviewed: 3, again: 1 });
	});

	it('brings the graded card back with its answer when the commit fails, and writes none of the grades behind it', async () => {
		await session.start();
		const before = await database.cards.toArray();
		const first = session.current!;
		const full = Object.assign(new Error('full'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } });
		const { gates, calls } = slowCommits((call) => (call === 0 ? full : undefined));
		vi.spyOn(console, 'error').mockImplementation(() => {});
		session.reveal();
		const failing = session.grade(Rating.Good);
		session.reveal();
		const behind = session.grade(Rating.Good);
		await until(() => gates.length === 1);
		gates[0]!.open();
		await Promise.all([failing, behind]);
		expect(session.problem).toBe('storage-full');
		expect(session.current?.id).toBe(first.id);
		expect(session.revealed).toBe(true);
		expect(session.committing).toBe(false);
		expect(calls()).toEqual([first.id]);
		expect(await database.reviews.count()).toBe(0);
		expect(await database.cards.toArray()).toEqual(before);
		// The queue is as it was before the grade: all six cards, none buried.
		expect(session.remaining).toBe(6);
		expect(session.summary.reviewed).toBe(0);
		vi.restoreAllMocks();
		await session.grade(Rating.Good);
		expect(session.problem).toBeUndefined();
		expect(await database.reviews.count()).toBe(1);
	});

	it('undoes a grade whose commit is still in flight: it waits for the commit, then takes it back', async () => {
		await session.start();
		const first = session.current!;
		const { gates } = slowCommits();
		session.reveal();
		void session.grade(Rating.Good);
		const undone = session.undo();
		await until(() => gates.length === 1);
		gates[0]!.open();
		expect(await undone).toBe(true);
		expect(await database.reviews.count()).toBe(0);
		expect(await database.cards.get(first.id)).toEqual(first);
		expect(session.current?.id).toBe(first.id);
		expect(session.revealed).toBe(false);
		expect(session.canUndo).toBe(false);
		expect(session.summary.reviewed).toBe(0);
	});

	it('takes back nothing more when the grade being undone fails to commit (its card is back already)', async () => {
		await session.start();
		session.reveal();
		await session.grade(Rating.Good);
		const kept = await database.reviews.toArray();
		const { gates } = slowCommits(() => new Error('closed'));
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const shown = session.current!;
		session.reveal();
		void session.grade(Rating.Good);
		const undone = session.undo();
		await until(() => gates.length === 1);
		gates[0]!.open();
		expect(await undone).toBe(false);
		expect(await database.reviews.toArray()).toEqual(kept);
		expect(session.current?.id).toBe(shown.id);
		expect(session.problem).toBe('write-failed');
	});
});

/** Wakes the test asked for, run when the test moves the time past them. */
function manualWakes() {
	const wakes: { at: number; run: () => void; cancelled: boolean }[] = [];
	return {
		wakeAt(at: number, run: () => void) {
			const wake = { at, run, cancelled: false };
			wakes.push(wake);
			return () => (wake.cancelled = true);
		},
		/** Moves the clock on and runs every wake that has come, as timers would. */
		advance(ms: number) {
			time += ms;
			for (const wake of [...wakes])
				if (!wake.cancelled && wake.at <= time) {
					wake.cancelled = true;
					wake.run();
				}
		},
		get next() {
			return Math.min(...wakes.filter((wake) => !wake.cancelled).map((wake) => wake.at));
		}
	};
}

describe('ReviewSession and the clock', () => {
	let clock: ReturnType<typeof manualWakes>;
	let timed: InstanceType<typeof ReviewSession>;

	beforeEach(() => {
		clock = manualWakes();
		timed = new ReviewSession(() => Promise.resolve(watchedStores), { clock: () => time, wakeAt: clock.wakeAt });
	});

	afterEach(() => timed.stop());

	/** Grades one direction of each word Good: three learning cards due in ten minutes, their siblings buried. */
	async function learnAll() {
		await timed.start();
		while (timed.current) {
			timed.reveal();
			await timed.grade(Rating.Good);
		}
	}

	it('counts every learning card due today, and brings each back when it falls due, without reading again', async () => {
		await learnAll();
		expect(timed.remaining).toBe(0);
		expect(timed.counts).toEqual({ new: 0, learning: 3, review: 0 });
		expect(timed.nextDueAt).toBe(MORNING + 10 * MIN);
		await until(() => timed.dueTomorrow !== null);
		expect(timed.dueTomorrow).toBe(3);
		const loads = storeLoads;
		clock.advance(10 * MIN);
		expect(timed.current).toBeDefined();
		expect(timed.counts.learning).toBe(3);
		expect(storeLoads).toBe(loads);
		expect(timed.current?.id).toBe((await databaseQueue())[0]);
	});

	it('keeps the countdown to the next card live while nothing is due', async () => {
		await learnAll();
		const shownAt = timed.now;
		expect(clock.next).toBe(shownAt + COUNTDOWN_TICK_MS);
		clock.advance(COUNTDOWN_TICK_MS);
		expect(timed.now).toBe(time);
		expect(timed.remaining).toBe(0);
		clock.advance(5 * MIN);
		expect(timed.now).toBe(time);
		expect(timed.nextDueAt! - timed.now).toBeLessThanOrEqual(5 * MIN);
	});

	it('sets no timer once stopped, even when a grade finishes committing after', async () => {
		await timed.start();
		const { gates } = slowCommits();
		timed.reveal();
		const committed = timed.grade(Rating.Again);
		timed.stop();
		await until(() => gates.length === 1);
		gates[0]!.open();
		await committed;
		vi.restoreAllMocks();
		expect(await database.reviews.count()).toBe(1);
		expect(clock.next).toBe(Infinity);
	});

	it('does not swap the card on screen when a learning card falls due under it', async () => {
		await timed.start();
		timed.reveal();
		await timed.grade(Rating.Again);
		const shown = timed.current!;
		clock.advance(2 * MIN);
		expect(timed.current?.id).toBe(shown.id);
		expect(timed.remaining).toBe(5);
	});
});

describe('ReviewSession: custom study', () => {
	const tomorrowNoon = new Date(2026, 0, 11, 12).getTime();
	const reviewCard = 'test:出口|zh2en';

	async function dueTomorrow() {
		await stores.cards.ensureCards(['test:供应链', 'test:关税', 'test:出口'], time);
		await database.cards.update(reviewCard, {
			state: State.Review,
			due: tomorrowNoon,
			stability: 5,
			difficulty: 5,
			scheduled_days: 5,
			reps: 3,
			last_review: time - 4 * 24 * HOUR
		});
	}

	it('studies tomorrow’s cards now, graded from the time really elapsed, after today’s', async () => {
		await dueTomorrow();
		await session.start();
		expect(session.counts.review).toBe(0);
		await session.start({ aheadDays: 1, only: 'all' });
		expect(session.counts.review).toBe(1);
		expect(session.study.aheadDays).toBe(1);
		// Tomorrow's review cards come after today's and before the new cards (as today's reviews do).
		expect(session.current?.id).toBe(reviewCard);
		expect(session.remaining).toBe(6);
		const shown = session.current!;
		session.reveal();
		await session.grade(Rating.Good);
		const [log] = await database.reviews.where('cardId').equals(reviewCard).toArray();
		expect(log).toMatchObject({ reviewedAt: time, before: { due: tomorrowNoon, state: State.Review } });
		// The same outcome as grading it now in today's queue would give: the elapsed four days, not five.
		expect(log!.after).toEqual(gradeCard(shown, Rating.Good, time, settings).after);
		expect(log!.after.last_review).toBe(time);
		// It counts as a review of today's; the day's new cards are untouched (less the sibling it buried).
		expect(await stores.reviews.reviewsOnDay(dayStartFor(time))).toEqual({ newIntroduced: 0, reviewsDone: 1 });
		expect(session.counts).toEqual({ new: 4, learning: 0, review: 0 });
	});

	it('studies only the user’s own words', async () => {
		await stores.userEntries.addUserEntry(SUPPLY, time);
		await session.start({ aheadDays: 0, only: 'mine' });
		// Both directions of the one word the user added.
		expect(session.remaining).toBe(2);
		expect(session.current?.entryId).toMatch(/^user:/);
		await session.start({ aheadDays: 0, only: { articleId: 'elsewhere' } });
		expect(session.remaining).toBe(0);
		await session.start({ aheadDays: 0, only: { articleId: 'test' } });
		// The built-in words and the user's word, all from the article "test".
		expect(session.remaining).toBe(8);
	});
});
