import { describe, expect, it } from 'vitest';
import type { Article } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import { builtInClozeCards, cardKind, clozeOfCard, clozeSentence } from './cloze.ts';

const entry = (over: Partial<VocabEntry> = {}): VocabEntry => ({
	id: 'a:IT预算',
	articleId: 'a',
	zh: 'IT预算',
	pinyin: 'IT yù suàn',
	en: 'IT budget',
	defEn: '',
	defZh: '',
	pos: 'noun',
	tags: [],
	forms: ['IT预算', 'IT budget'],
	occurrences: [{ cardId: 'c1', paragraphId: 'p0002' }],
	...over
});

const article = {
	meta: { id: 'a' },
	cards: [
		{
			id: 'c1',
			paragraphs: [
				{ id: 'p0001', text: '别的段落。' },
				{ id: 'p0002', text: '老黄说了很多。而现在,我们即将离开 “IT预算 IT budget”。后面还有。' }
			]
		}
	]
} as unknown as Article;

describe('cloze cards of the deck', () => {
	it('takes a built-in word’s sentence from its paragraph, and a word of the user’s from what it keeps', () => {
		expect(clozeSentence(entry(), article)).toBe('而现在,我们即将离开 “IT预算 IT budget”。');
		expect(clozeSentence(entry({ example: '我的句子里有IT预算。' }), undefined)).toBe('我的句子里有IT预算。');
		expect(clozeSentence(entry({ occurrences: [{ paragraphId: 'p0404' }] }), article)).toBeUndefined();
		expect(clozeSentence(entry(), undefined)).toBeUndefined();
	});

	it('makes both ways for a mixed-script sentence and none for a word whose paragraph is gone', () => {
		const articles = new Map([['a', article]]);
		expect(
			builtInClozeCards([entry(), entry({ id: 'a:x', occurrences: [{ paragraphId: 'p0404' }] })], articles)
		).toEqual([
			{ entryId: 'a:IT预算', direction: 'clozeZh' },
			{ entryId: 'a:IT预算', direction: 'clozeEn' }
		]);
	});

	it('shows no cloze when the sentence no longer holds the word, and tells the kinds apart', () => {
		expect(clozeOfCard(entry(), 'clozeZh', '句子变了。')).toBeUndefined();
		expect(clozeOfCard(entry(), 'clozeZh', undefined)).toBeUndefined();
		expect(clozeOfCard(entry(), 'clozeEn', '离开 IT预算 IT budget。')?.answer).toBe('IT budget');
		expect([cardKind('en2zh'), cardKind('zh2en'), cardKind('clozeZh'), cardKind('clozeEn')]).toEqual([
			'flashcard',
			'flashcard',
			'cloze',
			'cloze'
		]);
	});
});
