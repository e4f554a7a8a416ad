import { beforeEach, describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import { DEFAULT_SCHEDULER_SETTINGS, nextDayStart, type GradeValue } from '../scheduling/scheduler.ts';
import { cardId, ensureCards, getCard, loadCounts, loadQueue, setSuspended } from './cards.ts';
import { checkDatabase, rebuildFromHistory, recordReview, reviewHistory, undoLastReview } from './reviews.ts';
import type { DukaDatabase } from './db.ts';
import { freshDatabase } from './test-database.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();
const settings = DEFAULT_SCHEDULER_SETTINGS;
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

describe('cards store', () => {
	it('creates both directions once and never touches existing cards', async () => {
		expect(await ensureCards(['a', 'b'], T0)).toBe(4);
		await recordReview(cardId('a', 'en2zh'), 3, T0, 1000, settings);
		const graded = await getCard(cardId('a', 'en2zh'));
		expect(await ensureCards(['a', 'b', 'c'], T0 + 5)).toBe(2);
		expect(await getCard(cardId('a', 'en2zh'))).toEqual(graded);
		expect(await database.cards.count()).toBe(6);
	});

	it('builds the queue within the new-card limit and skips suspended cards', async () => {
		await ensureCards(['a', 'b', 'c'], T0);
		const limited = { ...settings, newCardsPerDay: 2 };
		expect((await loadQueue(T0, limited)).map((c) => c.id)).toEqual([cardId('a', 'en2zh'), cardId('a', 'zh2en')]);
		await setSuspended(cardId('a', 'en2zh'), true);
		expect((await loadQueue(T0, limited)).map((c) => c.id)).toEqual([cardId('a', 'zh2en'), cardId('b', 'en2zh')]);
		expect(await loadCounts(T0, limited)).toEqual({ new: 2, learning: 0, review: 0 });
	});

	it('counts new cards introduced today against the limit', async () => {
		await ensureCards(['a', 'b', 'c'], T0);
		const limited = { ...settings, newCardsPerDay: 2 };
		await recordReview(cardId('a', 'en2zh'), 3, T0, 1000, limited);
		const counts = await loadCounts(T0 + 1000, limited);
		expect(counts.new).toBe(1);
		expect(counts.learning).toBe(0);
		expect((await loadCounts(T0 + 11 * 60_000, limited)).learning).toBe(1);
	});
});

describe('reviews store', () => {
	it('writes the card and its log together and buries the sibling until tomorrow', async () => {
		await ensureCards(['a'], T0);
		const { card } = await recordReview(cardId('a', 'en2zh'), 3, T0, 1234, settings);
		expect(card.state).toBe(State.Learning);
		const history = await reviewHistory(card.id);
		expect(history).toHaveLength(1);
		expect(history[0]).toMatchObject({ rating: 3, durationMs: 1234, reviewedAt: T0 });
		expect((await getCard(cardId('a', 'zh2en')))?.buriedUntil).toBe(nextDayStart(T0));
		expect((await loadQueue(T0 + 1000, settings)).map((c) => c.id)).not.toContain(cardId('a', 'zh2en'));
	});

	it('undo restores the exact previous cards and log, several levels deep', async () => {
		await ensureCards(['a', 'b'], T0);
		const snapshots = [{ cards: await database.cards.toArray(), reviews: await database.reviews.toArray() }];
		const steps: [string, GradeValue][] = [
			[cardId('a', 'en2zh'), 3],
			[cardId('b', 'zh2en'), 1],
			[cardId('a', 'en2zh'), 4]
		];
		let now = T0;
		for (const [id, rating] of steps) {
			await recordReview(id, rating, now, 500, settings);
			snapshots.push({ cards: await database.cards.toArray(), reviews: await database.reviews.toArray() });
			now += 11 * 60_000;
		}
		for (let level = steps.length - 1; level >= 0; level--) {
			expect(await undoLastReview()).toBeDefined();
			expect(await database.cards.toArray()).toEqual(snapshots[level]!.cards);
			expect(await database.reviews.toArray()).toEqual(snapshots[level]!.reviews);
		}
		expect(await undoLastReview()).toBeUndefined();
	});

	it('tags a card as a leech on its 8th lapse, and undo removes the tag', async () => {
		await ensureCards(['a'], T0);
		const id = cardId('a', 'en2zh');
		let now = T0;
		const grade = async (rating: GradeValue) => {
			const { card } = await recordReview(id, rating, now, 100, settings);
			now = Math.max(now, card.due) + 60_000;
			return card;
		};
		while ((await getCard(id))!.state !== State.Review) await grade(3);
		let card = await getCard(id);
		while (card!.lapses < 8) {
			card = await grade(1);
			while (card.state !== State.Review) card = await grade(3);
		}
		expect(card!.leech).toBe(1);
		// The leech flag arrived with the 8th lapse: undo back past it clears the flag.
		while ((await getCard(id))!.lapses === 8) await undoLastReview();
		expect((await getCard(id))!.leech).toBe(0);
	});

	it('the replay check finds nothing after a long random history, and finds tampering', async () => {
		const entries = Array.from({ length: 12 }, (_, i) => `e${i}`);
		await ensureCards(entries, T0);
		let seed = 42;
		const random = () => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		let now = T0;
		const ids = (await database.cards.toArray()).map((c) => c.id);
		for (let i = 0; i < 400; i++) {
			const id = ids[Math.floor(random() * ids.length)]!;
			const rating = (1 + Math.floor(random() * 4)) as GradeValue;
			await recordReview(id, rating, now, 800, settings);
			if (random() < 0.1) await undoLastReview();
			now += Math.floor(random() * 3 * 86_400_000);
		}
		expect(await database.reviews.count()).toBeGreaterThan(300);
		expect(await checkDatabase(settings)).toEqual([]);

		const victim = (await database.reviews.toCollection().first())!.cardId;
		await database.cards.update(victim, { stability: 999 });
		const differences = await checkDatabase(settings);
		expect(differences).toEqual([expect.objectContaining({ cardId: victim, field: 'stability', stored: 999 })]);
		const reviewsBefore = await database.reviews.toArray();
		expect(await rebuildFromHistory([victim], settings)).toBe(1);
		expect(await checkDatabase(settings)).toEqual([]);
		expect(await database.reviews.toArray()).toEqual(reviewsBefore);
	});
});
