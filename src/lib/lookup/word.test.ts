import { describe, expect, it } from 'vitest';
import type { Token } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import type { SubsetDictionary } from '../dictionary/lookup.ts';
import {
	deckEntryForTerm,
	deckEntryForWord,
	lookUp,
	partsOf,
	selectionSteps,
	sentenceAround,
	syllablesIn,
	tokenRanges
} from './word.ts';

const SUBSET: SubsetDictionary = {
	建: [['jiàn', 'to build']],
	设: [['shè', 'to set up']],
	建设: [['jiàn shè', 'to build', 'to construct']],
	数: [
		['shǔ', 'to count'],
		['shù', 'number']
	],
	据: [['jù', 'according to']],
	数据: [['shù jù', 'data']],
	中: [['zhōng', 'middle']],
	心: [['xīn', 'heart']],
	中心: [['zhōng xīn', 'center']],
	数据中心: [['shù jù zhōng xīn']],
	的: [['de', '(possessive particle)']],
	了: [
		['le', '(completed action marker)'],
		['liǎo', 'to finish']
	]
};

// 建设数据中心的 AI 工厂。
const TOKENS: Token[] = [
	{ s: '建设', k: 'zh' },
	{ s: '数据中心', k: 'zh' },
	{ s: '的', k: 'zh' },
	{ s: ' ', k: 'p' },
	{ s: 'AI factory', k: 'en' },
	{ s: '。', k: 'p' }
];
const TEXT = TOKENS.map((token) => token.s).join('');
const RUBY = [['jiàn', 'shè'], ['shù', 'jù', 'zhōng', 'xīn'], ['de'], null, null, null];

function entry(zh: string, en: string, extra: Partial<VocabEntry> = {}): VocabEntry {
	return {
		id: `huang-2025:${zh}`,
		articleId: 'huang-2025',
		zh,
		pinyin: '',
		en,
		defEn: '',
		defZh: '',
		pos: 'noun',
		tags: [],
		forms: [zh, en],
		occurrences: [],
		...extra
	};
}

describe('tokenRanges', () => {
	it('gives each token its offsets in the paragraph text', () => {
		expect(tokenRanges(TOKENS).slice(0, 3)).toEqual([
			{ start: 0, end: 2 },
			{ start: 2, end: 6 },
			{ start: 6, end: 7 }
		]);
		expect(tokenRanges(TOKENS).at(-1)).toEqual({ start: TEXT.length - 1, end: TEXT.length });
	});
});

describe('syllablesIn', () => {
	it('reads the ruby over a token, a part of one, or a selection across tokens', () => {
		expect(syllablesIn(TOKENS, RUBY, { start: 2, end: 6 })).toEqual(['shù', 'jù', 'zhōng', 'xīn']);
		expect(syllablesIn(TOKENS, RUBY, { start: 2, end: 3 })).toEqual(['shù']);
		expect(syllablesIn(TOKENS, RUBY, { start: 1, end: 3 })).toEqual(['shè', 'shù']);
	});

	it('gives up when the ruby is missing or does not cover every character', () => {
		expect(syllablesIn(TOKENS, undefined, { start: 0, end: 2 })).toBeUndefined();
		expect(syllablesIn(TOKENS, [['jiàn', ''], null], { start: 0, end: 2 })).toBeUndefined();
		expect(syllablesIn(TOKENS, RUBY, { start: 8, end: 10 })).toBeUndefined();
	});
});

describe('lookUp', () => {
	it('shows the pinyin read in the paragraph and puts that reading first', () => {
		const result = lookUp(SUBSET, '数', { start: 0, end: 1 }, ['shù']);
		expect(result.pinyin).toBe('shù');
		expect(result.senses.map((sense) => sense.pinyin)).toEqual(['shù', 'shǔ']);
		expect(result.parts).toEqual([]);
	});

	it('falls back to the dictionary’s reading, then to pinyin pieced together', () => {
		expect(lookUp(SUBSET, TEXT, { start: 0, end: 2 }).pinyin).toBe('jiàn shè');
		const unknown = lookUp(SUBSET, TEXT, { start: 1, end: 3 });
		expect(unknown).toMatchObject({ word: '设数', pinyin: 'shè shǔ', senses: [] });
	});

	it('explains a word without definitions by the words inside it', () => {
		const result = lookUp(SUBSET, TEXT, { start: 2, end: 6 }, ['shù', 'jù', 'zhōng', 'xīn']);
		expect(result.senses).toEqual([{ pinyin: 'shù jù zhōng xīn', definitions: [] }]);
		expect(result.parts.map((part) => part.word)).toEqual(['数据', '中心']);
	});
});

describe('partsOf', () => {
	it('takes the longest defined words, never the whole word, down to characters', () => {
		expect(partsOf(SUBSET, '建设数据').map((part) => part.word)).toEqual(['建设', '数据']);
		expect(partsOf(SUBSET, '设数').map((part) => part.word)).toEqual(['设', '数']);
		expect(partsOf(SUBSET, '数')).toEqual([]);
	});
});

describe('selectionSteps', () => {
	it('offers a character more or less on each side', () => {
		const steps = selectionSteps(SUBSET, TEXT, { start: 2, end: 4 });
		expect(steps.addBefore).toMatchObject({ text: '设数据', known: false });
		expect(steps.dropFirst).toMatchObject({ text: '据', known: true });
		expect(steps.dropLast).toMatchObject({ text: '数', known: true });
		expect(steps.addAfter).toMatchObject({ text: '数据中', known: false });
	});

	it('offers nothing past the edge of the Chinese or below one character', () => {
		const steps = selectionSteps(SUBSET, TEXT, { start: 6, end: 7 });
		expect(steps).toMatchObject({ addAfter: null, dropFirst: null, dropLast: null });
		expect(steps.addBefore?.text).toBe('心的');
	});
});

describe('sentenceAround', () => {
	const text = '老黄说:“这很难。”我们继续建设数据中心!供应链呢?还在';

	it('finds the sentence holding the word, with its closing quote', () => {
		expect(sentenceAround(text, { start: 7, end: 8 })).toBe('老黄说:“这很难。”');
		expect(sentenceAround(text, { start: 16, end: 20 })).toBe('我们继续建设数据中心!');
		expect(sentenceAround(text, { start: text.length - 1, end: text.length })).toBe('还在');
	});

	it('keeps every sentence a selection spans', () => {
		expect(sentenceAround(text, { start: 19, end: 23 })).toBe('我们继续建设数据中心!供应链呢?');
	});
});

describe('deck entries', () => {
	const entries = [
		entry('数据中心', 'data center'),
		entry('AI工厂', 'AI factory', { forms: ['AI工厂', 'AI factory', 'AI factories'] }),
		entry('数据中心级的企业', 'data center scale company')
	];

	it('finds a word by its Chinese, one from this article first', () => {
		const other = entry('数据中心', 'data centre', { articleId: 'other', id: 'other:数据中心' });
		expect(deckEntryForWord([other, ...entries], '数据中心', 'huang-2025')?.id).toBe('huang-2025:数据中心');
		expect(deckEntryForWord(entries, '数据')).toBeUndefined();
	});

	it('finds an English term by any of its spellings, ignoring case and spacing', () => {
		expect(deckEntryForTerm(entries, ' AI  Factories ')?.zh).toBe('AI工厂');
		expect(deckEntryForTerm(entries, 'data center scale company')?.zh).toBe('数据中心级的企业');
	});

	it('falls back to the longest spelling inside the term, and guesses no further', () => {
		expect(deckEntryForTerm(entries, 'hyperscale data center')?.zh).toBe('数据中心');
		expect(deckEntryForTerm(entries, 'GPU')).toBeUndefined();
		expect(deckEntryForTerm(entries, '—')).toBeUndefined();
	});
});
