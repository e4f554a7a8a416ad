import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import type { ReadingCard } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import { DEFAULT_SCHEDULER_SETTINGS, gradeCard, newCardState } from '../scheduling/scheduler.ts';
import type { RecallCard } from '../scheduling/recall.ts';
import { cardMemory } from './cardMemory.ts';
import { builtInEntriesOf, NO_CARD_MEMORY, PreparedMarks, rubyOfUnknown, sameMarks } from './memory.ts';

const T0 = new Date(2026, 10, 1, 9, 0).getTime();
const DAY = 24 * 60 * 60_000;
const settings = { desiredRetention: 0.9, weights: null };

const card: ReadingCard = {
	id: 'c1',
	partId: 'p1',
	titleZh: '标题',
	titleEn: 'Title',
	paragraphs: [
		{
			id: 'p0001',
			speaker: 'ben',
			text: '我们用GPU训练模型，很快。',
			tokens: [
				{ s: '我们', k: 'zh' },
				{ s: '用', k: 'zh' },
				{ s: 'GPU', k: 'en' },
				{ s: '训练', k: 'zh' },
				{ s: '模型', k: 'zh' },
				{ s: '，', k: 'p' },
				{ s: '很快', k: 'zh' },
				{ s: '。', k: 'p' }
			]
		},
		{
			id: 'p0002',
			speaker: 'ben',
			text: '没有。',
			tokens: [
				{ s: '没有', k: 'zh' },
				{ s: '。', k: 'p' }
			]
		}
	]
};

function entry(zh: string, en: string, cardId = 'c1', articleId = 'a'): VocabEntry {
	return {
		id: `${articleId}:${zh}`,
		articleId,
		zh,
		pinyin: '',
		en,
		defEn: en,
		defZh: '',
		pos: 'noun',
		tags: [],
		forms: [zh, en],
		occurrences: [{ cardId, paragraphId: 'p0001' }]
	};
}

const newCard = (entryId: string, direction = 'en2zh'): RecallCard & { entryId: string } => ({
	...newCardState(T0),
	id: `${entryId}|${direction}`,
	entryId,
	suspended: 0,
	leech: 0
});

function reviewedCard(entryId: string, direction = 'en2zh'): RecallCard & { entryId: string } {
	const { after } = gradeCard(newCardState(T0), Rating.Good, T0, DEFAULT_SCHEDULER_SETTINGS);
	const second = gradeCard(after, Rating.Good, after.due, DEFAULT_SCHEDULER_SETTINGS).after;
	return { ...newCard(entryId, direction), ...second };
}

describe('builtInEntriesOf', () => {
	it('keeps the article’s entries that occur in the card', () => {
		const here = entry('模型', 'model');
		const elsewhere = entry('芯片', 'chip', 'c2');
		const otherArticle = entry('训练', 'training', 'c1', 'b');
		const byParagraph = { ...entry('很快', 'quickly'), occurrences: [{ paragraphId: 'p0002' }] };
		expect(builtInEntriesOf([here, elsewhere, otherArticle, byParagraph], 'a', card)).toEqual([here, byParagraph]);
	});
});

describe('cardMemory', () => {
	const model = entry('模型', 'model');
	const gpu = entry('GPU', 'GPU');

	it('marks the tokens of the deck words with their recall, and nothing else', () => {
		const cards = [reviewedCard(model.id), reviewedCard(model.id, 'zh2en'), newCard(gpu.id), newCard(gpu.id, 'zh2en')];
		const last = cards[0]!.last_review!;
		const memory = cardMemory(card, 'a', [model, gpu], [], cards, settings, last + 60_000);
		expect(memory.marks.get('p0001')).toEqual([
			undefined,
			undefined,
			'new',
			undefined,
			'known',
			undefined,
			undefined,
			undefined
		]);
		expect(memory.unknown.get('p0001')).toEqual([false, false, true, false, false, false, false, false]);
		expect(memory.marks.has('p0002')).toBe(false);
		expect([...memory.words.keys()].sort()).toEqual([gpu.id, model.id].sort());
	});

	it('marks a word the user added in the paragraph it was taken from, not in another', () => {
		const mine = { id: 'u:训练', zh: '训练', paragraphId: 'p0001' };
		const elsewhere = { id: 'u:没有', zh: '没有', paragraphId: 'p0003' };
		const cards = [reviewedCard(mine.id), newCard(elsewhere.id)];
		const now = cards[0]!.due + 40 * DAY;
		const memory = cardMemory(card, 'a', [], [mine, elsewhere], cards, settings, now);
		expect(memory.marks.get('p0001')?.[3]).toBe('weak');
		expect(memory.unknown.get('p0001')?.[3]).toBe(true);
		expect(memory.marks.has('p0002')).toBe(false);
	});

	it('leaves out a deck word without cards, or with all of them suspended', () => {
		const cards = [{ ...reviewedCard(model.id), suspended: 1 as const }];
		const memory = cardMemory(card, 'a', [model, gpu], [], cards, settings, T0 + DAY);
		expect(memory.marks.size).toBe(0);
		expect(memory.words.size).toBe(0);
	});
});

describe('rubyOfUnknown', () => {
	const ruby = [['wǒ', 'men'], ['yòng'], null, ['xùn', 'liàn'], ['mó', 'xíng'], null, ['hěn', 'kuài'], null];

	it('keeps the pinyin over the words not known yet only', () => {
		const unknown = [false, false, true, false, true, false, false, false];
		expect(rubyOfUnknown(ruby, unknown)).toEqual([null, null, null, null, ['mó', 'xíng'], null, null, null]);
	});

	it('is undefined when no word keeps any, or there is no pinyin', () => {
		expect(rubyOfUnknown(ruby, [false, false, true])).toBeUndefined();
		expect(rubyOfUnknown(ruby, undefined)).toBeUndefined();
		expect(rubyOfUnknown(undefined, [true])).toBeUndefined();
	});
});

describe('PreparedMarks', () => {
	const marked = (recall: 'new' | 'weak') => ({
		words: new Map(),
		marks: new Map([['p0001', [undefined, recall]]]),
		unknown: new Map([['p0001', [false, true]]])
	});

	it('keeps the marks worked out before when they are the same, so the card is not rendered again', () => {
		const kept = new PreparedMarks(2);
		const first = kept.remember('a', marked('new'));
		expect(kept.remember('a', marked('new'))).toBe(first);
		const changed = marked('weak');
		expect(kept.remember('a', changed)).toBe(changed);
		expect(sameMarks(first, changed)).toBe(false);
	});

	it('keeps what the card shows when a first working marks the same', () => {
		const kept = new PreparedMarks(2);
		expect(kept.remember('a', { ...NO_CARD_MEMORY, words: new Map() }, NO_CARD_MEMORY)).toBe(NO_CARD_MEMORY);
	});

	it('keeps the cards read most recently only', () => {
		const kept = new PreparedMarks(2);
		kept.remember('a', marked('new'));
		kept.remember('b', marked('new'));
		kept.remember('a', marked('new'));
		kept.remember('c', marked('new'));
		expect([kept.get('a'), kept.get('b'), kept.get('c')].map(Boolean)).toEqual([true, false, true]);
	});
});
