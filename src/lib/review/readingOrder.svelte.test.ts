import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Stores } from '../db/lazy.ts';
import * as stores from '../db/stores.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { SUPPLY } from '../db/testWords.ts';
import type { Article } from '../model/articles.ts';
import { until } from '../test/until.ts';

// An article of four cards, one paragraph each, and a deck word on each card, listed in the article's order.
const { ARTICLE, VOCAB } = vi.hoisted(() => {
	const cardIds = ['c1', 'c2', 'c3', 'c4'];
	const ARTICLE = {
		meta: {
			id: 'test',
			titleZh: '访谈',
			titleEn: 'Interview',
			author: '',
			publication: '',
			sourceTitle: '',
			published: '2025-05-01',
			speakers: []
		},
		parts: [{ id: 'intro', titleZh: '导读', titleEn: 'Introduction', included: true, cardIds }],
		cards: cardIds.map((id, index) => ({
			id,
			partId: 'intro',
			titleZh: id,
			titleEn: id,
			paragraphs: [{ id: `p000${index + 1}`, speaker: 'ben', text: '', tokens: [] }]
		}))
	};
	const VOCAB = cardIds.map((cardId, index) => ({
		id: `test:w${index + 1}`,
		articleId: 'test',
		zh: `w${index + 1}`,
		pinyin: '',
		en: `w${index + 1}`,
		defEn: '',
		defZh: '',
		pos: 'noun',
		tags: [],
		forms: [`w${index + 1}`],
		occurrences: [{ cardId, paragraphId: `p000${index + 1}` }]
	}));
	return { ARTICLE, VOCAB };
});

vi.mock('virtual:duka/vocab', () => ({ default: VOCAB }));
vi.mock('virtual:duka/vocab-ids', () => ({ default: VOCAB.map((entry) => entry.id) }));
vi.mock('virtual:duka/catalog', () => ({
	default: [
		{
			meta: ARTICLE.meta,
			parts: ARTICLE.parts,
			cards: ARTICLE.cards.map((card) => ({ ...card, paragraphs: undefined, chars: 0 }))
		}
	]
}));
vi.mock('virtual:duka/loaders', () => ({ default: { test: () => Promise.resolve({ default: ARTICLE }) } }));

const { ReviewSession } = await import('./session.svelte.ts');
const { PrepareNext } = await import('../reader/prepareNext.svelte.ts');

/** A morning well inside a study day (which begins at 4:00, local time). */
const MORNING = new Date(2026, 0, 10, 9).getTime();
const loadStores = () => Promise.resolve(stores as Stores);
let session: InstanceType<typeof ReviewSession>;

beforeEach(() => {
	freshDatabase();
	session = new ReviewSession(loadStores, { clock: () => MORNING });
});

afterEach(() => session.stop());

/** The words of the session's queue, in order, each once (its two directions follow each other). */
async function queuedWords(): Promise<string[]> {
	const words: string[] = [];
	while (session.current) {
		const entryId = session.current.entryId;
		if (!words.includes(entryId)) words.push(entryId);
		session.reveal();
		await session.grade(4);
	}
	return words;
}

async function readCards(): Promise<void> {
	// Card 3 read first, then card 4, the last one opened: the next to read goes round to card 1.
	await stores.reading.markCardRead('test', 'c3', MORNING - 3000);
	await stores.reading.markCardRead('test', 'c4', MORNING - 2000);
	await stores.reading.savePosition('test', 'c4', MORNING - 1000);
}

describe('new cards in reading order', () => {
	it('introduces the words of the cards read, in the order read, then the next card’s, then the rest', async () => {
		await readCards();
		await session.start();
		expect(await queuedWords()).toEqual(['test:w3', 'test:w4', 'test:w1', 'test:w2']);
	});

	it('keeps reading order when the deck was noted as checked before its cards were made', async () => {
		// As an older build left a device whose home screen was closed between noting the deck and making its cards.
		await readCards();
		await stores.cards.suspendRemovedBuiltInCards(VOCAB.map((entry) => entry.id));
		expect(await stores.cards.countCards()).toBe(0);
		await session.start();
		await until(() => session.counts.new === 8);
		expect(await queuedWords()).toEqual(['test:w3', 'test:w4', 'test:w1', 'test:w2']);
	});

	it('keeps the deck’s order when the setting says so, or while nothing is read', async () => {
		await session.start();
		expect(await queuedWords()).toEqual(['test:w1', 'test:w2', 'test:w3', 'test:w4']);
		session.stop();
		freshDatabase();
		await readCards();
		await stores.settings.saveSchedulerSettings({ ...DEFAULT_SCHEDULER_SETTINGS, newCardOrder: 'deck' });
		session = new ReviewSession(loadStores, { clock: () => MORNING });
		await session.start();
		expect(await queuedWords()).toEqual(['test:w1', 'test:w2', 'test:w3', 'test:w4']);
	});

	it('keeps the user’s words first, placed by the card of their paragraph', async () => {
		await readCards();
		// Taken from card 2, which is not read: first as the user's, then the deck's words in reading order.
		await stores.userEntries.addUserEntry({ ...SUPPLY, paragraphId: 'p0002' }, MORNING - 500);
		await stores.userEntries.addUserEntry({ ...SUPPLY, zh: '算力', paragraphId: 'p0003' }, MORNING - 400);
		await session.start();
		expect(await queuedWords()).toEqual(['user:算力', 'user:供应', 'test:w3', 'test:w4', 'test:w1', 'test:w2']);
	});
});

describe('preparing a reading card', () => {
	it('studies the new cards of the words on that card only', async () => {
		await stores.userEntries.addUserEntry({ ...SUPPLY, paragraphId: 'p0002' }, MORNING - 500);
		await session.start({ aheadDays: 0, only: { articleId: 'test', cardId: 'c2' } });
		expect(session.counts.new).toBe(4);
		session.reveal();
		await session.grade(4);
		// The graded card is learnt and its sibling waits for tomorrow: two new cards are left, one per word.
		expect(session.counts.new).toBe(2);
		expect(await queuedWords()).toEqual(['test:w2']);
	});

	it('keeps to the day’s new-card limit and says how many it leaves', async () => {
		await stores.settings.saveSchedulerSettings({ ...DEFAULT_SCHEDULER_SETTINGS, newCardsPerDay: 1 });
		await session.start({ aheadDays: 0, only: { articleId: 'test', cardId: 'c3' } });
		expect(session.newLeftToday).toBe(1);
		expect(await queuedWords()).toEqual(['test:w3']);
		expect(session.newLeftToday).toBe(0);
	});

	it('shows nothing for a card that is not there', async () => {
		await session.start({ aheadDays: 0, only: { articleId: 'test', cardId: 'nowhere' } });
		expect(session.status).toBe('ready');
		expect(session.remaining).toBe(0);
	});
});

describe('the offer at the end of a reading card', () => {
	it('counts the new words of the next card and today’s room for them, and is gone once they are learnt', async () => {
		await stores.userEntries.addUserEntry({ ...SUPPLY, paragraphId: 'p0002' }, MORNING - 500);
		await stores.settings.saveSchedulerSettings({ ...DEFAULT_SCHEDULER_SETTINGS, newCardsPerDay: 1 });
		const prepare = new PrepareNext(loadStores, () => MORNING);
		await prepare.load(ARTICLE as Article, 'c2');
		expect(prepare.offer).toEqual({ articleId: 'test', cardId: 'c2', words: 2, newLeft: 1 });
		// The built-in word has no cards on this device yet: counted as new, not made here (home and review make them).
		expect((await stores.cards.listCards()).map((card) => card.entryId)).not.toContain('test:w2');
		await prepare.load(ARTICLE as Article, undefined);
		expect(prepare.offer).toBeUndefined();

		await stores.settings.saveSchedulerSettings(DEFAULT_SCHEDULER_SETTINGS);
		await session.start({ aheadDays: 0, only: { articleId: 'test', cardId: 'c2' } });
		await queuedWords();
		await prepare.load(ARTICLE as Article, 'c2');
		expect(prepare.offer).toBeUndefined();
	});

	it('leaves out a word whose cards are all suspended', async () => {
		await stores.cards.ensureCards(['test:w2'], MORNING - 1000);
		await stores.cards.setSuspended('test:w2|en2zh', true);
		await stores.cards.setSuspended('test:w2|zh2en', true);
		const prepare = new PrepareNext(loadStores, () => MORNING);
		await prepare.load(ARTICLE as Article, 'c2');
		expect(prepare.checkedFor).toBe('c2');
		expect(prepare.offer).toBeUndefined();
	});
});
