import { describe, expect, it } from 'vitest';
import type { ReadingCard } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import {
	nextCardToRead,
	placesOf,
	readingOrder,
	readingRanks,
	wordsOnCard,
	type ArticleReading,
	type WordPlaces
} from './readingOrder.ts';

const CARDS = ['c1', 'c2', 'c3', 'c4', 'c5'];

function article(
	read: Record<string, number>,
	position?: { cardId: string; at: number },
	articleId = 'a'
): ArticleReading {
	return { articleId, cardIds: CARDS, readAt: new Map(Object.entries(read)), position };
}

const word = (entryId: string, cardIds: string[], articleId = 'a'): WordPlaces => ({ entryId, articleId, cardIds });

describe('the next card to read', () => {
	it('is the first unread card from the one last opened, that one itself while unread', () => {
		expect(nextCardToRead(article({ c1: 1, c2: 2 }, { cardId: 'c2', at: 3 }))).toBe('c3');
		expect(nextCardToRead(article({ c1: 1 }, { cardId: 'c2', at: 3 }))).toBe('c2');
		// Jumped ahead and read to the end: back round to the start.
		expect(nextCardToRead(article({ c4: 1, c5: 2 }, { cardId: 'c5', at: 3 }))).toBe('c1');
	});

	it('follows the last card read when no position is known, and is none for an article unopened or read through', () => {
		expect(nextCardToRead(article({ c1: 5, c3: 1 }))).toBe('c4');
		expect(nextCardToRead(article({}))).toBeUndefined();
		const all = Object.fromEntries(CARDS.map((cardId, index) => [cardId, index]));
		expect(nextCardToRead(article(all, { cardId: 'c5', at: 9 }))).toBeUndefined();
	});
});

describe('reading order', () => {
	it('ranks the words of cards read, in the order read, then the next card’s, and leaves out the rest', () => {
		const progress = [article({ c2: 20, c1: 10 }, { cardId: 'c2', at: 21 })];
		const words = [
			word('a:later', ['c5']),
			word('a:next', ['c3']),
			word('a:second', ['c2', 'c4']),
			word('a:first', ['c1']),
			// Met first on c2 (its first occurrence, c4, is not read yet).
			word('a:again', ['c4', 'c2']),
			word('a:both', ['c2', 'c1'])
		];
		expect(readingOrder(progress, words)).toEqual(['a:first', 'a:both', 'a:second', 'a:again', 'a:next']);
	});

	it('orders cards by when they were read, across articles, and next cards by the article opened last', () => {
		const progress = [
			article({ c1: 30 }, { cardId: 'c1', at: 31 }, 'a'),
			article({ c1: 10 }, { cardId: 'c1', at: 11 }, 'b')
		];
		const words = [
			word('a:1', ['c1'], 'a'),
			word('b:1', ['c1'], 'b'),
			word('a:2', ['c2'], 'a'),
			word('b:2', ['c2'], 'b')
		];
		expect(readingOrder(progress, words)).toEqual(['b:1', 'a:1', 'a:2', 'b:2']);
	});

	it('keeps the user’s own words ahead of the built-in deck’s, each group in reading order', () => {
		const progress = [article({ c1: 1, c2: 2 }, { cardId: 'c2', at: 3 })];
		const words = [word('a:deck', ['c1']), word('user:晚', ['c2']), word('user:早', ['c1']), word('user:无', [])];
		const order = readingOrder(progress, words);
		expect(order).toEqual(['user:早', 'user:晚', 'a:deck']);
		expect(readingRanks(order)).toEqual(
			new Map([
				['user:早', 0],
				['user:晚', 1],
				['a:deck', 2]
			])
		);
	});

	it('is empty with no reading progress', () => {
		expect(readingOrder([], [word('a:x', ['c1'])])).toEqual([]);
		expect(readingOrder([article({})], [word('a:x', ['c1'])])).toEqual([]);
	});
});

const entry = (id: string, occurrences: VocabEntry['occurrences'], articleId = 'a'): VocabEntry => ({
	id,
	articleId,
	zh: id,
	pinyin: '',
	en: '',
	defEn: '',
	defZh: '',
	pos: 'noun',
	tags: [],
	forms: [id],
	occurrences
});

const paragraph = (id: string) => ({ id, speaker: 'narrator', text: '', tokens: [] });
const card: ReadingCard = {
	id: 'c2',
	partId: 'p',
	titleZh: '',
	titleEn: '',
	paragraphs: [paragraph('p3'), paragraph('p4')]
};

describe('words of a card', () => {
	it('finds a word’s cards by its occurrences, or by its paragraph for the user’s words', () => {
		const builtIn = entry('a:x', [
			{ cardId: 'c1', paragraphId: 'p1' },
			{ cardId: 'c2', paragraphId: 'p3' },
			{ cardId: 'c2', paragraphId: 'p4' }
		]);
		expect(placesOf(builtIn)).toEqual({ entryId: 'a:x', articleId: 'a', cardIds: ['c1', 'c2'] });
		const mine = entry('user:y', [{ paragraphId: 'p4' }]);
		expect(placesOf(mine, (paragraphId) => (paragraphId === 'p4' ? 'c2' : undefined)).cardIds).toEqual(['c2']);
		expect(placesOf(mine).cardIds).toEqual([]);
	});

	it('lists the entries on a card in the order its text first shows them, of its article only', () => {
		const entries = [
			entry('a:late', [{ cardId: 'c2', paragraphId: 'p4' }]),
			entry('a:elsewhere', [{ cardId: 'c1', paragraphId: 'p1' }]),
			entry('user:mine', [{ paragraphId: 'p3' }]),
			entry('a:early', [
				{ cardId: 'c1', paragraphId: 'p2' },
				{ cardId: 'c2', paragraphId: 'p3' }
			]),
			entry('b:other', [{ paragraphId: 'p3' }], 'b')
		];
		expect(wordsOnCard('a', card, entries)).toEqual(['user:mine', 'a:early', 'a:late']);
	});
});
