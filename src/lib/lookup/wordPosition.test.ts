import { describe, expect, it } from 'vitest';
import type { Token } from '../model/articles.ts';
import { characterUnder, firstWord, lastWord, stepWord, wordAtOffset } from './wordPosition.ts';

// 我们用GPU，很快。 as the content build tokenises it.
const tokens: Token[] = [
	{ s: '我们', k: 'zh' },
	{ s: '用', k: 'zh' },
	{ s: 'GPU', k: 'en' },
	{ s: '，', k: 'p' },
	{ s: '很快', k: 'zh' },
	{ s: '。', k: 'p' }
];

describe('wordAtOffset', () => {
	it('finds the word holding each offset, English terms included', () => {
		expect([0, 1, 2, 3, 4, 5, 7, 8].map((offset) => wordAtOffset(tokens, offset))).toEqual([0, 0, 1, 2, 2, 2, 4, 4]);
	});

	it('gives no word on punctuation or outside the text', () => {
		expect(wordAtOffset(tokens, 6)).toBeNull();
		expect(wordAtOffset(tokens, 9)).toBeNull();
		expect(wordAtOffset(tokens, 10)).toBeNull();
		expect(wordAtOffset(tokens, -1)).toBeNull();
		expect(wordAtOffset(tokens, 1.5)).toBeNull();
		expect(wordAtOffset([], 0)).toBeNull();
	});
});

describe('characterUnder', () => {
	const text = '我们用GPU';
	it('takes the character after the caret when it covers the point, else the one before', () => {
		expect(characterUnder(text, 1, (start) => start === 1)).toBe(1);
		expect(characterUnder(text, 1, (start) => start === 0)).toBe(0);
	});

	it('is on no character in a margin or between lines', () => {
		expect(characterUnder(text, 6, () => false)).toBeNull();
		expect(characterUnder(text, 7, () => true)).toBeNull();
		expect(characterUnder(text, -1, () => true)).toBeNull();
	});

	it('keeps a character outside the Basic Multilingual Plane whole', () => {
		const rare = 'a𠀋b';
		const seen: [number, number][] = [];
		expect(
			characterUnder(rare, 2, (start, end) => {
				seen.push([start, end]);
				return true;
			})
		).toBe(1);
		expect(seen).toEqual([[1, 3]]);
		// At the end of the text, only the character before can be under the point.
		expect(characterUnder(rare, 3, (start, end) => start === 1 && end === 3)).toBe(1);
	});
});

describe('moving between words', () => {
	const paragraphs = [{ tokens }, { tokens: [{ s: '——', k: 'p' as const }] }, { tokens: tokens.slice(0, 2) }];

	it('steps over punctuation and across paragraphs without words', () => {
		expect(stepWord(paragraphs, { paragraph: 0, token: 2 }, 1)).toEqual({ paragraph: 0, token: 4 });
		expect(stepWord(paragraphs, { paragraph: 0, token: 4 }, 1)).toEqual({ paragraph: 2, token: 0 });
		expect(stepWord(paragraphs, { paragraph: 2, token: 0 }, -1)).toEqual({ paragraph: 0, token: 4 });
		expect(stepWord(paragraphs, { paragraph: 0, token: 4 }, -1)).toEqual({ paragraph: 0, token: 2 });
	});

	it('stops at either end of the card', () => {
		expect(stepWord(paragraphs, { paragraph: 0, token: 0 }, -1)).toBeNull();
		expect(stepWord(paragraphs, { paragraph: 2, token: 1 }, 1)).toBeNull();
		expect(stepWord(paragraphs, { paragraph: 5, token: 0 }, 1)).toBeNull();
	});

	it('finds the first and last words', () => {
		expect(firstWord(paragraphs)).toEqual({ paragraph: 0, token: 0 });
		expect(firstWord(paragraphs, 1)).toEqual({ paragraph: 2, token: 0 });
		expect(lastWord(paragraphs, 1)).toEqual({ paragraph: 0, token: 4 });
		expect(firstWord([{ tokens: [{ s: '。', k: 'p' }] }])).toBeNull();
	});
});
