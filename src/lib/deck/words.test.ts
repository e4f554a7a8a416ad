import { describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import type { StudyCardRow } from '../model/cards.ts';
import type { VocabEntry } from '../model/words.ts';
import { newCardState } from '../scheduling/scheduler.ts';
import { groupBy, indexEntry } from './search.ts';
import { deckWords, sortWords, wordAdded, wordDue, wordLapses, type DeckSort } from './words.ts';

const DAY = 86_400_000;
const T0 = new Date(2026, 10, 29, 9).getTime();

function entry(zh: string, pinyin: string, userMade = false): VocabEntry {
	return {
		id: `${userMade ? 'user' : 'test'}:${zh}`,
		articleId: 'test',
		zh,
		pinyin,
		en: zh,
		defEn: '',
		defZh: '',
		pos: 'noun',
		tags: [],
		forms: [zh],
		occurrences: [{ paragraphId: 'p0001' }],
		...(userMade ? { userMade: true } : {})
	};
}

function card(entryId: string, direction: 'en2zh' | 'zh2en', change: Partial<StudyCardRow> = {}): StudyCardRow {
	return {
		...newCardState(T0),
		id: `${entryId}|${direction}`,
		entryId,
		direction,
		suspended: 0,
		buriedUntil: 0,
		leech: 0,
		createdAt: T0,
		...change
	};
}

const entries = [
	entry('芯片', 'xīn piàn'),
	entry('算力', 'suàn lì'),
	entry('模型', 'mó xíng'),
	entry('供应', 'gōng yìng', true)
];
const cards = [
	card('test:芯片', 'zh2en', { state: State.Review, due: T0 + 5 * DAY, lapses: 1, createdAt: T0 + 1 }),
	card('test:芯片', 'en2zh', { state: State.Review, due: T0 + 2 * DAY, lapses: 2, createdAt: T0 }),
	card('test:算力', 'en2zh', { state: State.Learning, due: T0 + DAY, createdAt: T0 + 2 }),
	card('test:算力', 'zh2en', { state: State.Review, due: T0, suspended: 1, lapses: 7, createdAt: T0 + 3 }),
	card('test:模型', 'en2zh', { createdAt: T0 + 4 }),
	card('test:模型', 'zh2en', { createdAt: T0 + 5 }),
	card('user:供应', 'en2zh', { createdAt: T0 + 10 * DAY }),
	card('user:供应', 'zh2en', { createdAt: T0 + 10 * DAY + 1 })
];
const words = deckWords(
	entries.map(indexEntry),
	groupBy(cards, (c) => c.entryId)
);
const order = (sort: DeckSort, mineFirst = false) =>
	sortWords(words, sort, mineFirst).map((word) => word.item.entry.zh);

describe('deck words', () => {
	it('list each word once with its cards, English → Chinese first', () => {
		expect(words.map((word) => word.cards.map((c) => c.id))).toEqual([
			['test:芯片|en2zh', 'test:芯片|zh2en'],
			['test:算力|en2zh', 'test:算力|zh2en'],
			['test:模型|en2zh', 'test:模型|zh2en'],
			['user:供应|en2zh', 'user:供应|zh2en']
		]);
	});

	it('take the due of scheduled cards only, the first creation and the sum of lapses', () => {
		expect(words.map((word) => wordDue(word.cards))).toEqual([T0 + 2 * DAY, T0 + DAY, Infinity, Infinity]);
		expect(words.map((word) => wordAdded(word.cards))).toEqual([T0, T0 + 2, T0 + 4, T0 + 10 * DAY]);
		expect(words.map((word) => wordLapses(word.cards))).toEqual([3, 7, 0, 0]);
	});

	it('sort by due, added, pinyin and lapses, ties in the deck order', () => {
		expect(order('due')).toEqual(['算力', '芯片', '模型', '供应']);
		expect(order('added')).toEqual(['供应', '模型', '算力', '芯片']);
		expect(order('alphabetical')).toEqual(['供应', '模型', '算力', '芯片']);
		expect(order('lapses')).toEqual(['算力', '芯片', '模型', '供应']);
	});

	it("put the user's own words first when asked, each group in the order chosen", () => {
		expect(order('due', true)).toEqual(['供应', '算力', '芯片', '模型']);
		expect(order('alphabetical', true)).toEqual(['供应', '模型', '算力', '芯片']);
		expect(order('lapses', true)).toEqual(['供应', '算力', '芯片', '模型']);
	});

	it('leave the input as it was', () => {
		const before = words.map((word) => word.item.entry.zh);
		sortWords(words, 'added', true);
		expect(words.map((word) => word.item.entry.zh)).toEqual(before);
	});
});
