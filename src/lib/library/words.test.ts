import { describe, expect, it } from 'vitest';
import type { WordSuggestion } from '../import/types.ts';
import { importedWord } from './words.ts';

const suggestion: WordSuggestion = {
	zh: '算力',
	pinyin: 'suàn lì',
	gloss: 'computing power',
	definitions: ['computing power', 'processing capacity'],
	sentence: '算力是核心。',
	paragraphId: 'p0003',
	cardId: 'part2-01',
	count: 4,
	source: 'text'
};

describe('importedWord', () => {
	it('takes the gloss for the front, every sense for the back, and the sentence it came from', () => {
		expect(importedWord(suggestion)).toEqual({
			zh: '算力',
			pinyin: 'suàn lì',
			en: 'computing power',
			defEn: 'computing power; processing capacity',
			defZh: '',
			example: '算力是核心。',
			paragraphId: 'p0003'
		});
	});

	it('gives a pair from the text, which has no dictionary senses, its own English on both sides', () => {
		const pair = {
			...suggestion,
			zh: '全栈解决方案',
			gloss: 'full-stack solution',
			definitions: [],
			source: 'pair' as const
		};
		expect(importedWord(pair)).toMatchObject({ en: 'full-stack solution', defEn: 'full-stack solution' });
	});
});
