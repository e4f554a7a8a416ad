import { beforeEach, describe, expect, it } from 'vitest';
import { State, type Grade } from 'ts-fsrs';
import {
	buildQueue,
	dayStartFor,
	DEFAULT_SCHEDULER_SETTINGS,
	gradeCard,
	gradingParametersOf,
	newCardState,
	nextDayStart,
	type SchedulerSettings
} from '../scheduling/scheduler.ts';
import { cardId, ensureCards, getCard, loadCounts, loadQueue, loadQueueSource, sourceAfterGrade } from './cards.ts';
import {
	checkDatabase,
	lastReview,
	rebuildFromHistory,
	recordReview,
	reviewHistory,
	reviewsOf,
	reviewsOnDay,
	undoLastReview,
	undoReview,
	AlreadyReviewedError
} from './reviews.ts';
import type { DukaDatabase } from './db.ts';
import type { StudyCardRow } from '../model/cards.ts';
import { freshDatabase } from './testDatabase.ts';
import { seededRandom } from '../test/random.ts';
import { DAY, HOUR, MIN, T0 } from '../test/clock.ts';

const settings = DEFAULT_SCHEDULER_SETTINGS;
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

const snapshot = async () => ({ cards: await database.cards.toArray(), reviews: await database.reviews.toArray() });

describe('recordReview', () => {
	it('writes the graded card and its log row', async () => {
		await ensureCards(['a'], T0);
		const id = cardId('a', 'en2zh');
		const before = (await getCard(id))!;
		const { card, logId } = await recordReview(id, 3, T0, 1234.4, settings);
		const expected = gradeCard(newCardState(T0), 3, T0, settings).after;
		expect(card).toEqual({ ...before, ...expected });
		expect(await getCard(id)).toEqual(card);
		expect(card.state).toBe(State.Learning);
		expect(await reviewHistory(id)).toEqual([
			{
				id: logId,
				cardId: id,
				rating: 3,
				reviewedAt: T0,
				durationMs: 1234,
				before: newCardState(T0),
				after: expected,
				sideEffects: { leechBefore: 0, buriedSiblings: [{ id: cardId('a', 'zh2en'), buriedUntil: 0 }] },
				parameters: gradingParametersOf(settings)
			}
		]);
		expect((await lastReview())?.id).toBe(logId);
	});

	it('buries the sibling until the next day starts', async () => {
		await ensureCards(['a'], T0);
		await recordReview(cardId('a', 'en2zh'), 3, T0, 500, settings);
		expect((await getCard(cardId('a', 'zh2en')))?.buriedUntil).toBe(nextDayStart(T0));
		expect((await loadQueue(T0 + HOUR, settings)).map((card) => card.id)).toEqual([cardId('a', 'en2zh')]);
		expect((await loadQueue(nextDayStart(T0), settings)).map((card) => card.id)).toContain(cardId('a', 'zh2en'));
	});

	it('does not bury a sibling already reviewed today', async () => {
		const review = {
			...newCardState(T0),
			state: State.Review,
			stability: 10,
			difficulty: 5,
			reps: 5,
			scheduled_days: 10
		};
		const row = (direction: 'en2zh' | 'zh2en', extra: Partial<StudyCardRow>): StudyCardRow => ({
			...review,
			id: cardId('a', direction),
			entryId: 'a',
			direction,
			suspended: 0,
			buriedUntil: 0,
			leech: 0,
			createdAt: T0 - 30 * DAY,
			...extra
		});
		await database.cards.bulkAdd([
			row('en2zh', { due: T0 - DAY, last_review: T0 - 11 * DAY }),
			row('zh2en', { due: T0 + 5 * DAY, last_review: dayStartFor(T0) + HOUR })
		]);
		const { logId } = await recordReview(cardId('a', 'en2zh'), 3, T0, 500, settings);
		expect((await getCard(cardId('a', 'zh2en')))?.buriedUntil).toBe(0);
		expect((await database.reviews.get(logId))?.sideEffects?.buriedSiblings).toEqual([]);
	});

	it('changes nothing when grading fails', async () => {
		await ensureCards(['a'], T0);
		const before = await snapshot();
		await expect(recordReview('missing|en2zh', 3, T0, 100, settings)).rejects.toThrow();
		await expect(recordReview(cardId('a', 'en2zh'), 5 as Grade, T0, 100, settings)).rejects.toThrow();
		expect(await snapshot()).toEqual(before);
	});

	it('tags a card as a leech on its 8th lapse, and undo removes the tag', async () => {
		await ensureCards(['a'], T0);
		const id = cardId('a', 'en2zh');
		let now = T0;
		const grade = async (rating: Grade) => {
			const { card } = await recordReview(id, rating, now, 100, settings);
			now = Math.max(now, card.due) + MIN;
			return card;
		};
		let card = await grade(3);
		while (card.state !== State.Review) card = await grade(3);
		while (card.lapses < 8) {
			card = await grade(1);
			expect(card.leech).toBe(card.lapses === 8 ? 1 : 0);
			while (card.state !== State.Review) card = await grade(3);
		}
		expect(card.leech).toBe(1);
		// The flag stays through good grades; only undoing the 8th lapse clears it.
		while ((await getCard(id))!.lapses === 8) {
			expect((await getCard(id))!.leech).toBe(1);
			await undoLastReview();
		}
		expect((await getCard(id))!.leech).toBe(0);
		expect((await getCard(id))!.lapses).toBe(7);
	});
});

describe('undoLastReview', () => {
	it('restores the exact previous cards and log, several levels deep', async () => {
		await ensureCards(['a', 'b'], T0);
		const snapshots = [await snapshot()];
		const steps: [string, Grade, number][] = [
			[cardId('a', 'en2zh'), 3, T0],
			[cardId('b', 'zh2en'), 1, T0 + MIN],
			[cardId('a', 'en2zh'), 4, T0 + 11 * MIN],
			[cardId('a', 'zh2en'), 3, nextDayStart(T0) + HOUR],
			[cardId('b', 'zh2en'), 2, nextDayStart(T0) + 2 * HOUR]
		];
		for (const [id, rating, at] of steps) {
			await recordReview(id, rating, at, 500, settings);
			snapshots.push(await snapshot());
		}
		for (let level = steps.length - 1; level >= 0; level--) {
			expect((await undoLastReview())?.cardId).toBe(steps[level]![0]);
			expect(await snapshot()).toEqual(snapshots[level]);
		}
		expect(await undoLastReview()).toBeUndefined();
		expect(await snapshot()).toEqual(snapshots[0]);
	});

	it('gives back the daily limit it used', async () => {
		await ensureCards(['a', 'b'], T0);
		const limited = { ...settings, newCardsPerDay: 1 };
		await recordReview(cardId('a', 'en2zh'), 3, T0, 500, limited);
		expect((await loadCounts(T0 + MIN, limited)).new).toBe(0);
		await undoLastReview();
		expect(await reviewsOnDay(dayStartFor(T0))).toEqual({ newIntroduced: 0, reviewsDone: 0 });
		expect((await loadQueue(T0 + MIN, limited)).map((card) => card.id)).toEqual([cardId('a', 'en2zh')]);
	});
});

describe('undoReview', () => {
	it("takes back one tab's own review and leaves another tab's review of another card alone", async () => {
		await ensureCards(['a', 'b'], T0);
		const before = await snapshot();
		const mine = await recordReview(cardId('a', 'en2zh'), 3, T0, 500, settings);
		const afterMine = await snapshot();
		// Another tab grades another card afterwards: undo here must still take back this tab's own review.
		await recordReview(cardId('b', 'en2zh'), 3, T0 + MIN, 500, settings);
		const result = await undoReview(mine.logId);
		expect('undone' in result && result.undone.cardId).toBe(cardId('a', 'en2zh'));
		expect((await getCard(cardId('a', 'en2zh')))!).toEqual(before.cards.find((c) => c.id === cardId('a', 'en2zh')));
		expect((await getCard(cardId('b', 'en2zh')))!.reps).toBe(1);
		expect(afterMine.reviews.length).toBe(1);
	});

	it('refuses to take back a review the card has had a later one since, and one already gone', async () => {
		await ensureCards(['a'], T0);
		const first = await recordReview(cardId('a', 'en2zh'), 3, T0, 500, settings);
		await recordReview(cardId('a', 'en2zh'), 3, T0 + 11 * MIN, 500, settings);
		const state = await snapshot();
		expect(await undoReview(first.logId)).toEqual({ refused: 'reviewed-later' });
		expect(await undoReview(9999)).toEqual({ refused: 'gone' });
		expect(await snapshot()).toEqual(state);
	});
});

describe('recordReview from a showing', () => {
	it('applies a grade only to the card state it was shown with', async () => {
		await ensureCards(['a'], T0);
		const shown = (await getCard(cardId('a', 'en2zh')))!;
		// Two tabs show the same card; the first grades it.
		await recordReview(cardId('a', 'en2zh'), 3, T0, 500, settings, shown);
		const state = await snapshot();
		await expect(recordReview(cardId('a', 'en2zh'), 1, T0 + 1000, 500, settings, shown)).rejects.toBeInstanceOf(
			AlreadyReviewedError
		);
		expect(await snapshot()).toEqual(state);
	});
});

describe('reviewsOnDay', () => {
	it('counts new cards introduced and reviews done in one study day, from 4 am to 4 am', async () => {
		await ensureCards(['a', 'b', 'c'], T0 - 2 * DAY);
		const day = dayStartFor(T0);
		// Yesterday evening, and just before today's rollover: both belong to the day before.
		await recordReview(cardId('c', 'en2zh'), 3, day - 6 * HOUR, 100, settings);
		await recordReview(cardId('c', 'zh2en'), 3, day - 1, 100, settings);
		await recordReview(cardId('a', 'en2zh'), 3, day, 100, settings);
		await recordReview(cardId('a', 'en2zh'), 3, day + 11 * MIN, 100, settings);
		await recordReview(cardId('b', 'en2zh'), 4, day + 12 * MIN, 100, settings);
		expect(await reviewsOnDay(day)).toEqual({ newIntroduced: 2, reviewsDone: 0 });
		expect(await reviewsOnDay(dayStartFor(day - 1))).toEqual({ newIntroduced: 2, reviewsDone: 0 });

		// b graded Easy is in review; grading it on a later day counts as a review done.
		const b = (await getCard(cardId('b', 'en2zh')))!;
		expect(b.state).toBe(State.Review);
		await recordReview(b.id, 3, b.due, 100, settings);
		expect(await reviewsOnDay(dayStartFor(b.due))).toEqual({ newIntroduced: 0, reviewsDone: 1 });
	});

	it('counts a lapsed review card once: its relearning steps are no reviews done', async () => {
		await ensureCards(['a'], T0);
		await recordReview(cardId('a', 'en2zh'), 4, T0, 100, settings);
		const review = (await getCard(cardId('a', 'en2zh')))!;
		expect(review.state).toBe(State.Review);
		const { card: relearning } = await recordReview(review.id, 1, review.due, 100, settings);
		expect(relearning.state).toBe(State.Relearning);
		await recordReview(relearning.id, 3, relearning.due, 100, settings);
		expect(dayStartFor(relearning.due)).toBe(dayStartFor(review.due));
		expect(await reviewsOnDay(dayStartFor(review.due))).toEqual({ newIntroduced: 0, reviewsDone: 1 });
	});

	it('stops reviews at the daily limit', async () => {
		await ensureCards(['a', 'b', 'c'], T0);
		const limited: SchedulerSettings = { ...settings, reviewsPerDay: 2, newCardsPerDay: 100 };
		for (const entry of ['a', 'b', 'c']) await recordReview(cardId(entry, 'en2zh'), 4, T0, 100, limited);
		const later = Math.max(...(await database.cards.toArray()).map((card) => card.due)) + HOUR;
		expect((await loadCounts(later, limited)).review).toBe(2);
		await recordReview((await loadQueue(later, limited))[0]!.id, 3, later, 100, limited);
		expect((await loadCounts(later + MIN, limited)).review).toBe(1);
	});
});

describe('checkDatabase', () => {
	it('finds nothing after a long random history with undos, and finds tampering', async () => {
		const random = seededRandom(42);
		const entries = Array.from({ length: 10 }, (_, i) => `e${i}`);
		await ensureCards(entries, T0);
		const ids = (await database.cards.toArray()).map((card) => card.id);
		let current: SchedulerSettings = settings;
		let now = T0;
		let graded = 0;
		for (let i = 0; i < 400; i++) {
			if (i === 250)
				current = { ...settings, desiredRetention: 0.8, learningSteps: ['5m'], relearningSteps: [], enableFuzz: false };
			const queue = await loadQueue(now, current);
			const id = queue.length > 0 && random() < 0.8 ? queue[0]!.id : ids[Math.floor(random() * ids.length)]!;
			await recordReview(id, (1 + Math.floor(random() * 4)) as Grade, now, 800, current);
			graded++;
			if (random() < 0.1) {
				await undoLastReview();
				graded--;
			}
			now += Math.floor(random() * random() * 2 * DAY);
		}
		expect(now - T0).toBeGreaterThan(90 * DAY);
		expect(await database.reviews.count()).toBe(graded);
		expect(graded).toBeGreaterThan(300);
		expect(new Set((await database.reviews.toArray()).map((log) => log.cardId)).size).toBe(20);
		// Checked with today's settings, yet each review replays with the settings it was graded with.
		expect(await checkDatabase(settings)).toEqual([]);

		const victim = (await database.reviews.toCollection().first())!.cardId;
		const honest = (await getCard(victim))!;
		await database.cards.update(victim, { stability: 999 });
		expect(await checkDatabase(settings)).toEqual([
			{ cardId: victim, field: 'stability', stored: 999, replayed: honest.stability }
		]);

		const reviewsBefore = await database.reviews.toArray();
		expect(await rebuildFromHistory([victim], settings)).toBe(1);
		expect(await getCard(victim)).toEqual(honest);
		expect(await checkDatabase(settings)).toEqual([]);
		expect(await database.reviews.toArray()).toEqual(reviewsBefore);
	}, 30_000);

	it('reports a card whose review log row went missing', async () => {
		await ensureCards(['a'], T0);
		await recordReview(cardId('a', 'en2zh'), 3, T0, 100, settings);
		const { logId } = await recordReview(cardId('a', 'en2zh'), 3, T0 + 11 * MIN, 100, settings);
		await database.reviews.delete(logId);
		const fields = (await checkDatabase(settings)).map((difference) => difference.field);
		expect(fields).toContain('reps');
		expect(fields).toContain('due');
	});
});

describe('reviewHistory', () => {
	it('lists a card’s reviews oldest first, and no one else’s', async () => {
		await ensureCards(['a', 'b'], T0);
		await recordReview(cardId('a', 'en2zh'), 3, T0, 100, settings);
		await recordReview(cardId('b', 'en2zh'), 3, T0 + MIN, 100, settings);
		await recordReview(cardId('a', 'en2zh'), 1, T0 + 11 * MIN, 100, settings);
		expect((await reviewHistory(cardId('a', 'en2zh'))).map((log) => [log.rating, log.reviewedAt])).toEqual([
			[3, T0],
			[1, T0 + 11 * MIN]
		]);
		expect(await reviewHistory('nope')).toEqual([]);
	});
});

describe('the queue rebuilt in memory after a grade', () => {
	it('is the database queue, with siblings buried and the daily limits counted, one grade or several in a row', async () => {
		const next = seededRandom(11);
		const entries = Array.from({ length: 40 }, (_, i) => `e${i}`);
		await ensureCards(entries, T0 - 3 * DAY);
		// Some cards already in review and due today, so review limits and burying of review siblings happen too.
		const reviewed = await database.cards.limit(30).toArray();
		await database.cards.bulkPut(
			reviewed.map((card, i) => ({
				...card,
				state: State.Review,
				due: T0 - (i + 1) * MIN,
				stability: 5,
				difficulty: 5,
				reps: 3,
				scheduled_days: 3,
				last_review: T0 - 3 * DAY
			}))
		);
		const limits: SchedulerSettings = { ...settings, newCardsPerDay: 12, reviewsPerDay: 9 };
		let now = T0;
		let source = await loadQueueSource(now, limits, 16);
		for (let step = 0; step < 40; step++) {
			const queue = buildQueue(source.candidates, source.done, now, limits, source.dayStart);
			expect(queue.map((card) => card.id)).toEqual((await loadQueue(now, limits)).map((card) => card.id));
			const head = queue[0];
			if (!head) break;
			const graded = await recordReview(head.id, (1 + Math.floor(next() * 4)) as Grade, now, 1000, limits);
			source = sourceAfterGrade(source, graded);
			// As the session does: usually the database's queue arrives before the next grade, sometimes not.
			if (next() < 0.5) source = await loadQueueSource(now, limits, 16);
			now += Math.floor(next() * 1000);
		}
		expect(await database.reviews.count()).toBeGreaterThan(20);
	});
});

describe('reviewsOf', () => {
	it('finds the reviews of the given cards at the given milliseconds, whichever way it reads them', async () => {
		const at = (time: number, card = 'a') => ({
			cardId: card,
			rating: 3,
			reviewedAt: time,
			durationMs: 1000,
			before: newCardState(time),
			after: newCardState(time)
		});
		// Two reviews at one millisecond, 200 of card a through the same hours, 10 each of cards c and d among them.
		await database.reviews.bulkAdd([
			at(T0, 'a'),
			at(T0, 'b'),
			...Array.from({ length: 200 }, (_, i) => at(T0 + (i + 1) * MIN)),
			...Array.from({ length: 10 }, (_, i) => at(T0 + (i + 1) * MIN + 1, 'c')),
			...Array.from({ length: 10 }, (_, i) => at(T0 + (i + 1) * 20 * MIN + 2, 'd')),
			at(T0 + 300 * MIN)
		]);
		const found = async (keys: [card: string, time: number][]) =>
			(await reviewsOf(keys.map(([cardId, reviewedAt]) => ({ cardId, reviewedAt }))))
				.filter((review) => keys.some(([card, time]) => review.cardId === card && review.reviewedAt === time))
				.map((review) => `${review.cardId}@${review.reviewedAt - T0}`)
				.sort();
		// Few others in the span: read as one span.
		expect(
			await found([
				['a', T0 + 2 * MIN],
				['a', T0 + MIN],
				['c', T0 + MIN + 1]
			])
		).toEqual([`a@${MIN}`, `a@${2 * MIN}`, `c@${MIN + 1}`].sort());
		// Many others between, and few cards: read card by card.
		const ofD = Array.from({ length: 10 }, (_, i): [string, number] => ['d', T0 + (i + 1) * 20 * MIN + 2]);
		expect(await found([...ofD, ['b', T0], ['x', T0 + 5]])).toEqual(
			['b@0', ...ofD.map(([, time]) => `d@${time - T0}`)].sort()
		);
		// Many others between, and as many cards as times: read a millisecond at a time.
		expect(
			await found([
				['a', T0],
				['a', T0 + 300 * MIN],
				['b', T0],
				['y', T0 + 7]
			])
		).toEqual(['a@0', `a@${300 * MIN}`, 'b@0'].sort());
		expect(await found([])).toEqual([]);
		expect(await found([['a', T0 - DAY]])).toEqual([]);
	});
});
