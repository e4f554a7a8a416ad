import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clozeWays, foldForMatch, makeCloze, markedCloze, type Cloze, type ClozeWord } from './cloze.ts';

const budget: ClozeWord = { zh: 'IT预算', en: 'IT budget', forms: ['IT预算', 'IT budget'] };
const dataCentre: ClozeWord = { zh: '数据中心', en: 'data center', forms: ['数据中心', 'data center'] };

const shown = (cloze: Cloze | undefined) => cloze?.pieces.map((p) => (p.blank ? '____' : p.text)).join('');

describe('makeCloze', () => {
	it('blanks the English term of a mixed-script sentence and leaves its Chinese rendering as the clue', () => {
		const sentence = '而现在,我们即将离开 “IT预算 IT budget”。';
		const cloze = makeCloze(budget, sentence, 'clozeEn');
		expect(shown(cloze)).toBe('而现在,我们即将离开 “IT预算 ____”。');
		expect(cloze?.answer).toBe('IT budget');
		// The sentence shows the Chinese already: no clue under it.
		expect(cloze?.clue).toBeUndefined();
	});

	it('blanks the Chinese of the same sentence and keeps the English', () => {
		const cloze = makeCloze(budget, '而现在,我们即将离开 “IT预算 IT budget”。', 'clozeZh');
		expect(shown(cloze)).toBe('而现在,我们即将离开 “____ IT budget”。');
		expect(cloze?.answer).toBe('IT预算');
		expect(cloze?.clue).toBeUndefined();
	});

	it('gives the English gloss as the clue when the sentence holds only the Chinese', () => {
		const cloze = makeCloze(dataCentre, '未来会在中东建设规模庞大的数据中心。', 'clozeZh');
		expect(shown(cloze)).toBe('未来会在中东建设规模庞大的____。');
		expect(cloze?.clue).toBe('data center');
		expect(makeCloze(dataCentre, '未来会在中东建设规模庞大的数据中心。', 'clozeEn')).toBeUndefined();
	});

	it('makes no cloze of a sentence without the word', () => {
		expect(makeCloze(dataCentre, '老黄真是忙啊。', 'clozeZh')).toBeUndefined();
		expect(makeCloze(dataCentre, '', 'clozeZh')).toBeUndefined();
		expect(clozeWays(dataCentre, '老黄真是忙啊。')).toEqual([]);
	});

	it('blanks every occurrence, so a second one cannot give the answer away', () => {
		const cloze = makeCloze(dataCentre, '数据中心就是数据中心。', 'clozeZh');
		expect(shown(cloze)).toBe('____就是____。');
		expect(cloze?.pieces.filter((p) => p.blank)).toHaveLength(2);
	});

	it('finds full-width and differently cased English, and answers with the sentence’s own spelling', () => {
		const cloze = makeCloze(budget, '离开“IT预算 ＩＴ　Ｂｕｄｇｅｔ”。', 'clozeEn');
		expect(cloze?.answer).toBe('ＩＴ　Ｂｕｄｇｅｔ');
		expect(shown(cloze)).toBe('离开“IT预算 ____”。');
	});

	it('finds a traditional spelling given among the forms, and a traditional word in a traditional text', () => {
		const taiwan: ClozeWord = { zh: '台湾', en: 'Taiwan', forms: ['台湾', '臺灣'] };
		expect(makeCloze(taiwan, '他住在臺灣。', 'clozeZh')?.answer).toBe('臺灣');
		const network: ClozeWord = { zh: '網絡', en: 'network', forms: ['網絡'] };
		expect(shown(makeCloze(network, '這個網絡很快。', 'clozeZh'))).toBe('這個____很快。');
	});

	it('prefers the longest spelling where two overlap', () => {
		const taipei: ClozeWord = { zh: '台北', en: 'Taipei', forms: ['台北', '台北市'] };
		expect(shown(makeCloze(taipei, '在台北市新建总部。', 'clozeZh'))).toBe('在____新建总部。');
	});

	it('finds English terms only as whole words, and never inside the Chinese', () => {
		const ai: ClozeWord = { zh: '人工智能', en: 'AI', forms: ['人工智能', 'AI'] };
		expect(makeCloze(ai, 'He said DAI is fine.', 'clozeEn')).toBeUndefined();
		expect(shown(makeCloze(ai, '中国的AI水平是世界级的', 'clozeEn'))).toBe('中国的____水平是世界级的');
		const it: ClozeWord = { zh: 'IT预算', en: 'IT', forms: ['IT预算', 'IT'] };
		expect(clozeWays(it, '离开 IT预算。')).toEqual(['clozeZh']);
	});
});

describe('clozeWays', () => {
	it('offers both ways for a mixed-script sentence, the Chinese only for a Chinese one', () => {
		expect(clozeWays(budget, '我们即将离开 “IT预算 IT budget”。')).toEqual(['clozeZh', 'clozeEn']);
		expect(clozeWays(dataCentre, '建设数据中心。')).toEqual(['clozeZh']);
		expect(clozeWays(dataCentre, 'A data center in 中东.')).toEqual(['clozeEn']);
	});
});

describe('foldForMatch', () => {
	it('keeps every index where it was', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (text) => {
				expect(foldForMatch(text)).toHaveLength(text.length);
			})
		);
	});

	it('pieces joined give the sentence back', () => {
		fc.assert(
			fc.property(fc.string(), fc.string(), (before, after) => {
				const sentence = `${before}数据中心${after}`;
				const cloze = makeCloze(dataCentre, sentence, 'clozeZh');
				expect(cloze?.pieces.map((p) => p.text).join('')).toBe(sentence);
			})
		);
	});
});

describe('markedCloze', () => {
	it('marks the blanks of both ways in one text, in sentence order', () => {
		const marked = markedCloze(budget, '离开 “IT预算 IT budget”。', ['clozeZh', 'clozeEn']);
		expect(marked.pieces).toEqual([
			{ text: '离开 “' },
			{ text: 'IT预算', way: 'clozeZh' },
			{ text: ' ' },
			{ text: 'IT budget', way: 'clozeEn' },
			{ text: '”。' }
		]);
		expect(marked.clues).toEqual({});
		expect(markedCloze(dataCentre, '建设数据中心。', ['clozeZh']).clues).toEqual({ clozeZh: 'data center' });
	});
});
