import { beforeEach, describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { cardId, ensureCards } from './cards.ts';
import { freshDatabase } from './testDatabase.ts';
import { readCardMemory, readWordMemory } from './memory.ts';
import { recordReview } from './reviews.ts';
import { saveSchedulerSettings } from './settings.ts';
import { addUserEntry, type NewUserEntry } from './userEntries.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();

beforeEach(() => {
	freshDatabase();
});

function word(zh: string, paragraphId: string, articleId = 'huang-2025'): NewUserEntry {
	return { zh, pinyin: '', en: 'x', defEn: 'x', defZh: '', example: '', articleId, paragraphId };
}

describe('readCardMemory', () => {
	it('reads the cards of the entries asked for and of the user’s words taken from the card’s paragraphs', async () => {
		await ensureCards(['huang-2025:模型', 'huang-2025:芯片'], T0);
		const here = await addUserEntry(word('训练', 'p0001'), T0);
		await addUserEntry(word('供应', 'p0099'), T0);
		await addUserEntry(word('很快', 'p0001', 'other'), T0);
		await saveSchedulerSettings({ ...DEFAULT_SCHEDULER_SETTINGS, desiredRetention: 0.85 });

		const rows = await readCardMemory('huang-2025', ['p0001', 'p0002'], ['huang-2025:模型']);
		expect(rows.userWords).toEqual([{ id: here.entry.id, zh: '训练', paragraphId: 'p0001' }]);
		expect(rows.cards.map((card) => card.id).sort()).toEqual(
			[
				cardId('huang-2025:模型', 'en2zh'),
				cardId('huang-2025:模型', 'zh2en'),
				cardId(here.entry.id, 'en2zh'),
				cardId(here.entry.id, 'zh2en')
			].sort()
		);
		expect(rows.settings).toEqual({ desiredRetention: 0.85, weights: null });
	});

	it('reads no cards when the card holds no deck word', async () => {
		const rows = await readCardMemory('huang-2025', ['p0001'], []);
		expect(rows).toEqual({ userWords: [], cards: [], settings: { desiredRetention: 0.9, weights: null } });
	});
});

describe('readWordMemory', () => {
	it('reads a word’s cards and the reviews of both', async () => {
		await ensureCards(['huang-2025:模型'], T0);
		const en2zh = cardId('huang-2025:模型', 'en2zh');
		const zh2en = cardId('huang-2025:模型', 'zh2en');
		await recordReview(en2zh, Rating.Again, T0 + 1000, 3000, DEFAULT_SCHEDULER_SETTINGS);
		const rows = await readWordMemory('huang-2025:模型');
		expect(rows.cards.map((row) => row.id).sort()).toEqual([en2zh, zh2en]);
		expect(rows.reviews).toEqual([{ cardId: en2zh, rating: Rating.Again, reviewedAt: T0 + 1000 }]);
	});
});
