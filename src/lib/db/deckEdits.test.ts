import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { cardId, ensureCards } from './cards.ts';
import type { DukaDatabase } from './db.ts';
import { deleteUserWords, resetCards, setCardsSuspended, undoDeckEdit } from './deckEdits.ts';
import { checkDatabase, recordReview } from './reviews.ts';
import { freshDatabase } from './testDatabase.ts';
import { COMPUTING_POWER, SUPPLY } from './testWords.ts';
import { addUserEntry } from './userEntries.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

const snapshot = async () => ({
	cards: await database.cards.orderBy('id').toArray(),
	reviews: await database.reviews.orderBy('id').toArray(),
	userEntries: await database.userEntries.orderBy('id').toArray()
});

async function reviewed() {
	await ensureCards(['test:芯片', 'test:模型'], T0);
	await recordReview(cardId('test:芯片', 'en2zh'), 1, T0 + 1000, 4000, DEFAULT_SCHEDULER_SETTINGS);
	await recordReview(cardId('test:芯片', 'en2zh'), 3, T0 + 700_000, 4000, DEFAULT_SCHEDULER_SETTINGS);
	await recordReview(cardId('test:模型', 'zh2en'), 3, T0 + 2000, 4000, DEFAULT_SCHEDULER_SETTINGS);
}

describe('bulk deck edits', () => {
	it('suspend only the cards that change, and undo gives back exactly what was there', async () => {
		await reviewed();
		const before = await snapshot();
		await setCardsSuspended([cardId('test:芯片', 'zh2en')], true);
		const undo = await setCardsSuspended(
			[cardId('test:芯片', 'en2zh'), cardId('test:芯片', 'zh2en'), 'no such card'],
			true
		);
		expect(undo.cards.map((card) => card.id)).toEqual([cardId('test:芯片', 'en2zh')]);
		expect((await database.cards.where('suspended').equals(1).primaryKeys()).sort()).toEqual([
			cardId('test:芯片', 'en2zh'),
			cardId('test:芯片', 'zh2en')
		]);
		await undoDeckEdit(undo);
		await undoDeckEdit(await setCardsSuspended([cardId('test:芯片', 'zh2en')], false));
		expect(await snapshot()).toEqual({
			...before,
			cards: before.cards.map((card) => (card.id === cardId('test:芯片', 'zh2en') ? { ...card, suspended: 1 } : card))
		});
	});

	it('reset cards to new with their reviews gone, so Check database agrees, and undo puts all back', async () => {
		await reviewed();
		const before = await snapshot();
		const undo = await resetCards([cardId('test:芯片', 'en2zh'), cardId('test:模型', 'zh2en')]);
		expect(undo.reviews).toHaveLength(3);
		const reset = await database.cards.get(cardId('test:芯片', 'en2zh'));
		expect(reset).toMatchObject({ state: 0, reps: 0, lapses: 0, due: reset!.createdAt, last_review: null, leech: 0 });
		expect(await database.reviews.count()).toBe(0);
		expect(await checkDatabase(DEFAULT_SCHEDULER_SETTINGS)).toEqual([]);
		await undoDeckEdit(undo);
		expect(await snapshot()).toEqual(before);
		expect(await checkDatabase(DEFAULT_SCHEDULER_SETTINGS)).toEqual([]);
	});

	it("delete only the user's words, with their cards and reviews, and undo restores them", async () => {
		await ensureCards(['test:芯片'], T0);
		await addUserEntry(SUPPLY, T0);
		await addUserEntry(COMPUTING_POWER, T0 + 1);
		await recordReview(cardId('user:供应', 'en2zh'), 3, T0 + 5000, 3000, DEFAULT_SCHEDULER_SETTINGS);
		const before = await snapshot();
		const undo = await deleteUserWords(['user:供应', 'user:算力', 'test:芯片']);
		expect(undo.userEntries.map((entry) => entry.zh).sort()).toEqual(['供应', '算力']);
		expect(undo.cards).toHaveLength(4);
		expect(undo.reviews).toHaveLength(1);
		expect(await database.cards.orderBy('id').primaryKeys()).toEqual([
			cardId('test:芯片', 'en2zh'),
			cardId('test:芯片', 'zh2en')
		]);
		expect(await database.userEntries.count()).toBe(0);
		await undoDeckEdit(undo);
		expect(await snapshot()).toEqual(before);
	});

	it('change nothing when given nothing', async () => {
		await reviewed();
		const before = await snapshot();
		for (const undo of [await setCardsSuspended([], true), await resetCards([]), await deleteUserWords(['test:芯片'])])
			expect(undo).toEqual({ cards: [], reviews: [], userEntries: [] });
		expect(await snapshot()).toEqual(before);
	});
});
