import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise.ts';

describe('normaliseText', () => {
	it('composes to NFC', () => {
		expect(normaliseText('Pokémon 中文'.normalize('NFD'))).toBe('Pokémon 中文');
	});

	it('removes stray spaces between Han characters but keeps them next to English and numbers', () => {
		expect(normaliseText('穿梭于大陆、美国和台 湾 之间')).toBe('穿梭于大陆、美国和台湾之间');
		expect(normaliseText('在台 北市新建Nvidia海外总部')).toBe('在台北市新建Nvidia海外总部');
		expect(normaliseText('对中国 H20 芯片禁售')).toBe('对中国 H20 芯片禁售');
		expect(normaliseText('大概 30 亿美元')).toBe('大概 30 亿美元');
	});

	it('collapses white space of any kind and trims', () => {
		expect(normaliseText('  AI\t\tGDP \u00a0 Growth\n ')).toBe('AI GDP Growth');
		expect(normaliseText('\u3000\u3000第一段')).toBe('第一段');
	});

	it('drops invisible and control characters', () => {
		expect(normaliseText('数\u200b据\ufeff中\u00ad心\u0007')).toBe('数据中心');
	});

	it('makes half-width punctuation next to Chinese full-width', () => {
		expect(normaliseText('老黄真是忙啊,这几天各种演讲不断')).toBe('老黄真是忙啊，这几天各种演讲不断');
		expect(normaliseText('阿笨:老黄,欢迎再次做客 Stratechery。')).toBe('阿笨：老黄，欢迎再次做客 Stratechery。');
		expect(normaliseText('你说的国际竞争者,指的是其他国家的模型?')).toBe('你说的国际竞争者，指的是其他国家的模型？');
		expect(normaliseText('Ben Thompson:本次访谈')).toBe('Ben Thompson：本次访谈');
		expect(normaliseText('AI, 既属于技术')).toBe('AI，既属于技术');
		expect(normaliseText('好!真好;对吧')).toBe('好！真好；对吧');
	});

	it('leaves punctuation inside English runs, numbers, times and addresses alone', () => {
		expect(normaliseText('work together, but disintegrated')).toBe('work together, but disintegrated');
		expect(normaliseText('增长 3.5%,达到 1,000 亿')).toBe('增长 3.5%，达到 1,000 亿');
		expect(normaliseText('发布时间:2025-05-20 19:58')).toBe('发布时间：2025-05-20 19:58');
		expect(normaliseText('见 https://stratechery.com 网站')).toBe('见 https://stratechery.com 网站');
		expect(normaliseText('He asked: "Why?" (twice)')).toBe('He asked: "Why?" (twice)');
	});

	it('widens a bracket pair as a whole when it holds or touches Chinese', () => {
		expect(normaliseText('Rule(阿拉伯AI产业与芯片扩散规则)')).toBe('Rule（阿拉伯AI产业与芯片扩散规则）');
		expect(normaliseText('运营开支里(the manufacturing budget or the OpEx budget)。')).toBe(
			'运营开支里（the manufacturing budget or the OpEx budget）。'
		);
		expect(normaliseText('Nvidia (NVDA) 股价')).toBe('Nvidia（NVDA）股价');
		expect(normaliseText('the budget (OpEx) grew')).toBe('the budget (OpEx) grew');
	});

	it('reads full-width Latin letters and digits as ASCII', () => {
		expect(normaliseText('ＡＩ芯片２０２５年')).toBe('AI芯片2025年');
	});

	it('is idempotent', () => {
		const pieces = fc.constantFrom(
			'中',
			'国',
			'台',
			'A',
			'b',
			'1',
			'0',
			' ',
			'  ',
			',',
			':',
			';',
			'?',
			'!',
			'(',
			')',
			'，',
			'。',
			'“',
			'”',
			'/',
			'.',
			'\u3000',
			'\n'
		);
		fc.assert(
			fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
				const once = normaliseText(parts.join(''));
				expect(normaliseText(once)).toBe(once);
			}),
			{ numRuns: 2000 }
		);
	});

	it('keeps every Han character and every Latin letter, in order', () => {
		const text = fc.stringMatching(/^[中国台湾AIab1 ,:;?!()，。\n]{0,40}$/);
		fc.assert(
			fc.property(text, (input) => {
				const letters = (value: string) => value.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
				expect(letters(normaliseText(input))).toBe(letters(input));
			}),
			{ numRuns: 1000 }
		);
	});
});
