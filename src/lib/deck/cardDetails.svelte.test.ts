import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { SUPPLY } from '../db/testWords.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';

vi.mock('virtual:duka/vocab', () => ({
	default: [
		{
			id: 'test:芯片',
			articleId: 'test',
			zh: '芯片',
			pinyin: 'xīn piàn',
			en: 'chip',
			defEn: 'microchip',
			defZh: '',
			pos: 'noun',
			tags: ['hardware'],
			forms: ['芯片'],
			occurrences: [{ cardId: 'c1', paragraphId: 'p0001' }]
		}
	]
}));

const { CardDetailsState } = await import('./cardDetails.svelte.ts');

const T0 = new Date(2026, 10, 29, 9).getTime();
const fields = { en: 'to supply (goods)', pinyin: 'gōngyìng', defEn: 'to provide', defZh: '提供' };

beforeEach(() => {
	freshDatabase();
});

async function addWord() {
	const { userEntries } = await stores();
	await userEntries.addUserEntry(SUPPLY, T0);
}

describe('CardDetailsState', () => {
	it('loads a built-in card with its entry and its reviews', async () => {
		const { cards, reviews } = await stores();
		await cards.ensureCards(['test:芯片'], T0);
		await reviews.recordReview('test:芯片|en2zh', 3, T0 + 1000, 2000, DEFAULT_SCHEDULER_SETTINGS);
		const details = new CardDetailsState(stores);
		expect(details.status).toBe('loading');
		await details.load('test:芯片|en2zh');
		expect(details.status).toBe('ready');
		expect(details.card?.id).toBe('test:芯片|en2zh');
		expect(details.entry?.en).toBe('chip');
		expect(details.userWord).toBeUndefined();
		expect(details.history.map((log) => log.rating)).toEqual([3]);
	});

	it('says a card is missing when there is no such card, or no entry behind it', async () => {
		const details = new CardDetailsState(stores);
		await details.load('nope|en2zh');
		expect(details.status).toBe('missing');
		const { cards } = await stores();
		await cards.ensureCards(['orphan'], T0);
		await details.load('orphan|en2zh');
		expect(details.status).toBe('missing');
	});

	it('suspends and unsuspends the card', async () => {
		const { cards } = await stores();
		await cards.ensureCards(['test:芯片'], T0);
		const details = new CardDetailsState(stores);
		await details.load('test:芯片|zh2en');
		await details.toggleSuspended();
		expect(details.card?.suspended).toBe(1);
		expect((await cards.getCard('test:芯片|zh2en'))?.suspended).toBe(1);
		await details.toggleSuspended();
		expect(details.card?.suspended).toBe(0);
	});

	it('edits the user’s word: the entry shows the saved fields', async () => {
		await addWord();
		const details = new CardDetailsState(stores);
		await details.load('user:供应|en2zh');
		expect(details.userWord?.zh).toBe('供应');
		details.startEditing();
		expect(details.editing).toBe(true);
		details.cancelEditing();
		expect(details.editing).toBe(false);
		details.startEditing();
		await details.saveWord(fields);
		expect(details.editing).toBe(false);
		expect(details.notice).toBe('saved');
		expect(details.entry).toEqual(expect.objectContaining({ zh: '供应', ...fields }));
		const { userEntries } = await stores();
		expect(await userEntries.getUserEntry('供应')).toEqual(expect.objectContaining(fields));
		details.startEditing();
		expect(details.notice).toBeNull();
	});

	it('does not bring back a word deleted in another tab while it was being edited', async () => {
		await addWord();
		const details = new CardDetailsState(stores);
		await details.load('user:供应|zh2en');
		details.startEditing();
		const { userEntries } = await stores();
		await userEntries.deleteUserEntry('user:供应');
		await details.saveWord(fields);
		expect(details.notice).toBe('gone');
		expect(details.status).toBe('missing');
		expect(details.userWord).toBeUndefined();
		expect(await userEntries.getUserEntry('供应')).toBeUndefined();
	});

	it('deletes the word with its cards and reviews, and undo puts all of it back', async () => {
		await addWord();
		const { cards, reviews } = await stores();
		await reviews.recordReview('user:供应|en2zh', 3, T0 + 1000, 2000, DEFAULT_SCHEDULER_SETTINGS);
		const details = new CardDetailsState(stores);
		await details.load('user:供应|en2zh');
		await details.deleteWord();
		expect(details.deleted?.entry.zh).toBe('供应');
		expect(details.deleted?.reviews).toHaveLength(1);
		expect(await cards.getCard('user:供应|en2zh')).toBeUndefined();
		await details.undoDelete();
		expect(details.deleted).toBeUndefined();
		expect(details.status).toBe('ready');
		expect(details.entry?.zh).toBe('供应');
		expect(details.history).toHaveLength(1);
		expect(await cards.getCard('user:供应|zh2en')).toBeDefined();
	});
});
