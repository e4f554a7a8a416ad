import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { ReadingCard } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { until } from '../test/until.ts';
import { CardMemoryState, prepareCardMemory } from './memory.svelte.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();
let now = T0;
const clock = () => now;
/** Runs a deferred task at once: there is no frame to wait for here. */
const atOnce = (task: () => void) => task();

beforeEach(() => {
	freshDatabase();
	now = T0;
});

let cardCount = 0;
/** A card of its own per test: marks are remembered per card across the module. */
function readingCard(): ReadingCard {
	cardCount++;
	return {
		id: `card-${cardCount}`,
		partId: 'p1',
		titleZh: '标题',
		titleEn: 'Title',
		paragraphs: [
			{
				id: `para-${cardCount}`,
				speaker: 'ben',
				text: '我们训练模型。',
				tokens: [
					{ s: '我们', k: 'zh' },
					{ s: '训练', k: 'zh' },
					{ s: '模型', k: 'zh' },
					{ s: '。', k: 'p' }
				]
			}
		]
	};
}

const vocabFor = (card: ReadingCard): VocabEntry[] => [
	{
		id: 'huang-2025:模型',
		articleId: 'huang-2025',
		zh: '模型',
		pinyin: 'mó xíng',
		en: 'model',
		defEn: 'model',
		defZh: '',
		pos: 'noun',
		tags: [],
		forms: ['模型', 'model'],
		occurrences: [{ cardId: card.id, paragraphId: card.paragraphs[0]!.id }]
	}
];

function watched(state: CardMemoryState) {
	const seen: unknown[] = [];
	const stop = $effect.root(() => {
		$effect(() => {
			seen.push(state.current.marks);
		});
	});
	flushSync();
	return { seen, stop };
}

describe('CardMemoryState', () => {
	it('marks the card’s deck words from one read, and follows a review', async () => {
		const card = readingCard();
		const { cards, reviews } = await stores();
		await cards.ensureCards(['huang-2025:模型'], T0);
		const state = new CardMemoryState('huang-2025', card, {
			loadVocab: async () => vocabFor(card),
			clock,
			defer: atOnce
		});
		const { stop } = watched(state);
		const paragraphId = card.paragraphs[0]!.id;
		await until(() => state.current.marks.get(paragraphId)?.[2] === 'new');
		expect(state.current.marks.get(paragraphId)).toEqual([undefined, undefined, 'new', undefined]);

		now = T0 + 60_000;
		await reviews.recordReview('huang-2025:模型|en2zh', Rating.Good, now, 2000, DEFAULT_SCHEDULER_SETTINGS);
		await until(() => state.current.marks.get(paragraphId)?.[2] !== 'new');
		expect(state.current.marks.get(paragraphId)?.[2]).toBe('known');
		stop();
	});

	it('marks the user’s words of an imported text by their paragraph', async () => {
		const card = readingCard();
		const { userEntries } = await stores();
		const paragraphId = card.paragraphs[0]!.id;
		await userEntries.addUserEntry(
			{
				zh: '训练',
				pinyin: '',
				en: 'to train',
				defEn: '',
				defZh: '',
				example: '',
				articleId: 'text-imp1',
				paragraphId
			},
			T0
		);
		let vocabAsked = false;
		const state = new CardMemoryState('text-imp1', card, {
			loadVocab: async () => ((vocabAsked = true), vocabFor(card)),
			clock,
			defer: atOnce
		});
		const { stop } = watched(state);
		await until(() => state.current.marks.get(paragraphId) !== undefined);
		expect(state.current.marks.get(paragraphId)).toEqual([undefined, 'new', undefined, undefined]);
		expect(vocabAsked).toBe(false);
		stop();
	});

	it('starts from the marks prepared for the card ahead', async () => {
		const card = readingCard();
		const { cards } = await stores();
		await cards.ensureCards(['huang-2025:模型'], T0);
		const options = { loadVocab: async () => vocabFor(card), clock, defer: atOnce };
		await prepareCardMemory('huang-2025', card, options);
		const state = new CardMemoryState('huang-2025', card, options);
		expect(state.current.marks.get(card.paragraphs[0]!.id)?.[2]).toBe('new');
		const { seen, stop } = watched(state);
		await until(() => state.status === 'ready');
		// The live read found the same marks: the paragraphs are not rendered again.
		expect(new Set(seen).size).toBe(1);
		stop();
	});
});
