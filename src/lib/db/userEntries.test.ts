import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { cardId } from './cards.ts';
import type { DukaDatabase } from './db.ts';
import { recordReview } from './reviews.ts';
import { freshDatabase } from './testDatabase.ts';
import { userEntryId } from '../model/ids.ts';
import {
	addUserEntry,
	deleteUserEntry,
	getUserEntry,
	listUserEntries,
	restoreUserEntry,
	updateUserEntry,
	type NewUserEntry
} from './userEntries.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

const cardsOf = (entryId: string) => database.cards.where('entryId').equals(entryId).toArray();

function word(zh: string, extra: Partial<NewUserEntry> = {}): NewUserEntry {
	return {
		zh,
		pinyin: 'gōng yìng',
		en: 'to supply',
		defEn: 'to supply; to provide (goods, services etc)',
		defZh: '',
		example: '每天都如此,构建供应链、扩展生态,你看,这些任务本身已经规模巨大、难度惊人了。',
		articleId: 'huang-2025',
		paragraphId: 'p0052',
		...extra
	};
}

describe('addUserEntry', () => {
	it('stores the word and both of its cards', async () => {
		const result = await addUserEntry(word('供应'), T0);
		expect(result).toEqual({ added: true, entry: { ...word('供应'), id: 'user:供应', createdAt: T0 } });
		const cards = await cardsOf('user:供应');
		expect(cards.map((card) => card.id).sort()).toEqual(
			[cardId('user:供应', 'en2zh'), cardId('user:供应', 'zh2en')].sort()
		);
		expect(cards.every((card) => card.createdAt >= T0 && card.state === 0)).toBe(true);
	});

	it('adds its cloze cards too when asked: both ways where the sentence holds the English term as well', async () => {
		const budget = word('IT预算', { en: 'IT budget', example: '而现在,我们即将离开 “IT预算 IT budget”。' });
		await addUserEntry(budget, T0, { cloze: true });
		const cards = await cardsOf('user:IT预算');
		expect(cards.map((card) => card.direction).sort()).toEqual(['clozeEn', 'clozeZh', 'en2zh', 'zh2en']);
		// The flashcards come first among the word's new cards.
		const byCreation = [...cards].sort((a, b) => a.createdAt - b.createdAt).map((card) => card.direction);
		expect(byCreation.slice(0, 2).sort()).toEqual(['en2zh', 'zh2en']);

		await addUserEntry(word('供应'), T0, { cloze: true });
		expect((await cardsOf('user:供应')).map((card) => card.direction).sort()).toEqual(['clozeZh', 'en2zh', 'zh2en']);
		await addUserEntry(word('没有', { example: '句子里找不到。' }), T0, { cloze: true });
		expect(await cardsOf('user:没有')).toHaveLength(2);
	});

	it('adds a word once: the second time changes nothing and says so', async () => {
		await addUserEntry(word('供应'), T0);
		const again = await addUserEntry(word(' 供应 ', { en: 'something else' }), T0 + 1000);
		expect(again.added).toBe(false);
		expect(again.entry.en).toBe('to supply');
		expect(again.entry.createdAt).toBe(T0);
		expect(await database.userEntries.count()).toBe(1);
		expect(await database.cards.count()).toBe(2);
	});

	it('writes the word and its cards together or not at all', async () => {
		// Cards that cannot be written: the word must not stay behind without them.
		const failing = () => {
			throw new Error('disk full');
		};
		database.cards.hook('creating', failing);
		await expect(addUserEntry(word('供应'), T0)).rejects.toThrow();
		database.cards.hook('creating').unsubscribe(failing);
		expect(await getUserEntry('供应')).toBeUndefined();
		expect(await database.cards.count()).toBe(0);
	});

	it('refuses a word without Chinese', async () => {
		await expect(addUserEntry(word('  '), T0)).rejects.toThrow('needs its Chinese');
	});
});

describe('listUserEntries and getUserEntry', () => {
	it('lists the words oldest first and finds one by its Chinese', async () => {
		await addUserEntry(word('扩展'), T0 + 5);
		await addUserEntry(word('供应'), T0);
		expect((await listUserEntries()).map((entry) => entry.zh)).toEqual(['供应', '扩展']);
		expect((await getUserEntry('扩展'))?.id).toBe(userEntryId('扩展'));
		expect(await getUserEntry('生态')).toBeUndefined();
	});
});

describe('deleteUserEntry', () => {
	it('removes the word, its cards and their reviews, and nothing else', async () => {
		await addUserEntry(word('供应'), T0);
		await addUserEntry(word('扩展'), T0);
		await recordReview(cardId('user:供应', 'zh2en'), 3, T0 + 60_000, 4000, DEFAULT_SCHEDULER_SETTINGS);
		await recordReview(cardId('user:扩展', 'zh2en'), 3, T0 + 60_000, 4000, DEFAULT_SCHEDULER_SETTINGS);

		expect(await deleteUserEntry('user:供应')).toEqual(
			expect.objectContaining({ entry: expect.objectContaining({ zh: '供应' }) })
		);
		expect(await getUserEntry('供应')).toBeUndefined();
		expect(await cardsOf('user:供应')).toEqual([]);
		expect((await database.reviews.toArray()).map((log) => log.cardId)).toEqual([cardId('user:扩展', 'zh2en')]);
		expect(await cardsOf('user:扩展')).toHaveLength(2);
	});

	it('is harmless for a word that is not there', async () => {
		expect(await deleteUserEntry('user:没有')).toBeUndefined();
	});

	it('can be undone: the word, its cards, their reviews and the tallies come back exactly', async () => {
		await addUserEntry(word('供应'), T0);
		await recordReview(cardId('user:供应', 'en2zh'), 3, T0 + 60_000, 4000, DEFAULT_SCHEDULER_SETTINGS);
		const tables = async () => ({
			userEntries: await database.userEntries.toArray(),
			cards: await database.cards.toArray(),
			reviews: await database.reviews.toArray(),
			reviewTally: await database.reviewTally.toArray(),
			cardTally: (await database.cardTally.toArray()).filter((row) => row.cards !== 0)
		});
		const before = await tables();
		const deleted = await deleteUserEntry('user:供应');
		expect(deleted?.reviews).toHaveLength(1);
		expect((await tables()).cards).toEqual([]);
		await restoreUserEntry(deleted!);
		expect(await tables()).toEqual(before);
	});
});

describe('updateUserEntry', () => {
	it('changes the gloss and definitions, and leaves the Chinese, the cards and the history alone', async () => {
		await addUserEntry(word('供应'), T0);
		await recordReview(cardId('user:供应', 'en2zh'), 3, T0 + 60_000, 4000, DEFAULT_SCHEDULER_SETTINGS);
		const cards = await cardsOf('user:供应');
		const fields = { en: 'supply', pinyin: 'gōngyìng', defEn: 'to provide', defZh: '提供' };
		expect(await updateUserEntry('user:供应', fields)).toEqual({
			...word('供应'),
			...fields,
			id: 'user:供应',
			createdAt: T0
		});
		expect(await getUserEntry('供应')).toEqual(expect.objectContaining(fields));
		expect(await cardsOf('user:供应')).toEqual(cards);
		expect(await database.reviews.count()).toBe(1);
	});

	it('does not bring back a word deleted meanwhile', async () => {
		expect(await updateUserEntry('user:没有', { en: 'x', pinyin: '', defEn: '', defZh: '' })).toBeUndefined();
		expect(await database.userEntries.count()).toBe(0);
	});
});
