import { describe, expect, it } from 'vitest';
import { hasWord, lookupWord, narrow, pinyinFor, widen, type SubsetDictionary } from './lookup.ts';

const SUBSET: SubsetDictionary = {
	数: [
		['shǔ', 'to count'],
		['shù', 'number; figure']
	],
	据: [['jù', 'according to']],
	中: [
		['zhōng', 'middle'],
		['Zhōng', 'China']
	],
	心: [['xīn', 'heart']],
	数据: [['shù jù', 'data']],
	数据中心: [['shù jù zhōng xīn']],
	中心: [['zhōng xīn', 'center']],
	为: [['wéi', 'as']],
	𠀀: []
};

describe('lookupWord', () => {
	it('returns the readings of a known word', () => {
		expect(lookupWord(SUBSET, '数据')).toEqual([{ pinyin: 'shù jù', definitions: ['data'] }]);
		expect(lookupWord(SUBSET, '数据中心')).toEqual([{ pinyin: 'shù jù zhōng xīn', definitions: [] }]);
	});

	it('returns undefined for unknown words, including object built-ins', () => {
		expect(lookupWord(SUBSET, '据中')).toBeUndefined();
		expect(lookupWord(SUBSET, 'constructor')).toBeUndefined();
		expect(hasWord(SUBSET, 'toString')).toBe(false);
	});

	it('puts the reading the ruby shows first', () => {
		expect(lookupWord(SUBSET, '数', 'shù')?.map((sense) => sense.pinyin)).toEqual(['shù', 'shǔ']);
		expect(lookupWord(SUBSET, '中', 'zhōng')?.map((sense) => sense.pinyin)).toEqual(['zhōng', 'Zhōng']);
		expect(lookupWord(SUBSET, '数', 'xyz')?.map((sense) => sense.pinyin)).toEqual(['shǔ', 'shù']);
	});
});

describe('pinyinFor', () => {
	it('uses the whole word when it is known', () => {
		expect(pinyinFor(SUBSET, '数据中心')).toBe('shù jù zhōng xīn');
	});

	it('falls back to the known words inside, then to characters, keeping unreadable ones as they are', () => {
		expect(pinyinFor(SUBSET, '为数据')).toBe('wéi shù jù');
		expect(pinyinFor(SUBSET, '据数')).toBe('jù shǔ');
		expect(pinyinFor(SUBSET, '据𠀀x')).toBe('jù 𠀀 x');
	});
});

describe('widen and narrow', () => {
	const text = '转为数据中心,OK';

	it('offers one character more on each side and says which are words', () => {
		const range = { start: 3, end: 5 }; // 据中
		expect(widen(SUBSET, text, range)).toEqual({
			withPrevious: { start: 2, end: 5, text: '数据中', known: false },
			withNext: { start: 3, end: 6, text: '据中心', known: false }
		});
		expect(widen(SUBSET, text, { start: 2, end: 5 }).withNext).toEqual({
			start: 2,
			end: 6,
			text: '数据中心',
			known: true
		});
	});

	it('does not widen past the paragraph or into punctuation', () => {
		expect(widen(SUBSET, text, { start: 0, end: 1 }).withPrevious).toBeNull();
		expect(widen(SUBSET, text, { start: 4, end: 6 }).withNext).toBeNull();
		expect(widen(SUBSET, '数据', { start: 0, end: 2 })).toEqual({ withPrevious: null, withNext: null });
	});

	it('offers one character less on each side', () => {
		expect(narrow(SUBSET, text, { start: 2, end: 6 })).toEqual({
			withoutFirst: { start: 3, end: 6, text: '据中心', known: false },
			withoutLast: { start: 2, end: 5, text: '数据中', known: false }
		});
		expect(narrow(SUBSET, text, { start: 2, end: 5 })).toEqual({
			withoutFirst: { start: 3, end: 5, text: '据中', known: false },
			withoutLast: { start: 2, end: 4, text: '数据', known: true }
		});
	});

	it('cannot narrow a single character', () => {
		expect(narrow(SUBSET, text, { start: 2, end: 3 })).toEqual({ withoutFirst: null, withoutLast: null });
	});

	it('steps over characters outside the BMP whole', () => {
		const astral = '数𠀀据';
		expect(widen(SUBSET, astral, { start: 3, end: 4 }).withPrevious).toEqual({
			start: 1,
			end: 4,
			text: '𠀀据',
			known: false
		});
		expect(widen(SUBSET, astral, { start: 0, end: 1 }).withNext).toEqual({
			start: 0,
			end: 3,
			text: '数𠀀',
			known: false
		});
		expect(narrow(SUBSET, astral, { start: 0, end: 3 })).toEqual({
			withoutFirst: { start: 1, end: 3, text: '𠀀', known: true },
			withoutLast: { start: 0, end: 1, text: '数', known: true }
		});
		expect(narrow(SUBSET, astral, { start: 1, end: 3 })).toEqual({ withoutFirst: null, withoutLast: null });
	});
});
