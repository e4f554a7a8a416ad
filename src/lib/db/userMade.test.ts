import { beforeEach, describe, expect, it } from 'vitest';
import { cardId, ensureCards } from './cards.ts';
import type { DukaDatabase } from './db.ts';
import { freshDatabase } from './testDatabase.ts';
import { withUserMade } from './userMade.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

describe('withUserMade', () => {
	it('marks the rows of user entries and only those, leaving correct rows as they are', () => {
		const mine = { entryId: 'user:供应' };
		const deck = { entryId: 'huang-2025:供应链' };
		expect(withUserMade(mine)).toEqual({ entryId: 'user:供应', userMade: 1 });
		expect(withUserMade(deck)).toBe(deck);
		const marked = { entryId: 'user:供应', userMade: 1 as const };
		expect(withUserMade(marked)).toBe(marked);
		expect(withUserMade({ entryId: 'huang-2025:供应链', userMade: 1 as const })).toEqual(deck);
	});
});

describe('userMadeMiddleware', () => {
	it('marks the cards of user words on every kind of write, and indexes only those', async () => {
		await ensureCards(['user:供应', 'huang-2025:供应链'], T0);
		const mine = await database.cards.get(cardId('user:供应', 'en2zh'));
		expect(mine?.userMade).toBe(1);
		expect((await database.cards.get(cardId('huang-2025:供应链', 'en2zh')))?.userMade).toBeUndefined();

		// A put of a row that lost the mark (an older backup, a rebuilt card) gets it back.
		const { userMade: _userMade, ...unmarked } = mine!;
		await database.cards.put(unmarked);
		expect((await database.cards.get(mine!.id))?.userMade).toBe(1);
		await database.cards.bulkPut([{ ...unmarked, id: cardId('user:生态', 'en2zh'), entryId: 'user:生态' }]);
		expect((await database.cards.get(cardId('user:生态', 'en2zh')))?.userMade).toBe(1);

		expect(
			(
				await database.cards.where('[state+userMade+due]').between([0, 1, -Infinity], [0, 1, Infinity]).primaryKeys()
			).sort()
		).toEqual([cardId('user:供应', 'en2zh'), cardId('user:供应', 'zh2en'), cardId('user:生态', 'en2zh')].sort());
	});
});
