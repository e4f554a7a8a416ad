import { describe, expect, it } from 'vitest';
import type { SubsetDictionary } from '../dictionary/lookup.ts';
import type { Token } from '../model/articles.ts';
import {
	clearestSense,
	estimatedCommonness,
	KNOWN_BY_EVERY_LEARNER,
	sentenceAt,
	suggestWords,
	type SuggestionParagraph
} from './candidates.ts';

const SUBSET: SubsetDictionary = {
	芯片: [['xīn piàn', 'computer chip; microchip']],
	我们: [['wǒ men', 'we; us; ourselves; our']],
	遏制: [['è zhì', 'to check; to contain; to hold back']],
	显卡: [['xiǎn kǎ', '(computing) graphics card; video card']],
	熵: [['shāng', 'entropy (physics)']],
	热: [['rè', 'to warm up', 'hot (of weather)']],
	三: [['sān', 'three']],
	三年: [['sān nián', 'three years']],
	华盛顿: [['Huá shèng dùn', 'Washington (name)']],
	愿景: [['yuàn jǐng', 'vision (of the future)']],
	得很: [['de hěn', '(after an adjective) very']],
	干热: [['gān rè']],
	行: [
		['xíng', 'to walk'],
		['háng', 'row; line']
	],
	银行: [['yín háng', 'bank']]
};

const COMMONNESS: Record<string, number> = {
	芯片: 4.2,
	我们: 6.2,
	遏制: 4.1,
	显卡: 2.5,
	熵: 2.9,
	热: 5.2,
	三: 6,
	华盛顿: 4.6,
	银行: 5.1,
	得: 6,
	很: 6
};

/** A paragraph whose tokens are its words separated by spaces, each read as given. */
function paragraph(id: string, words: string[]): SuggestionParagraph {
	const tokens: Token[] = words.map((word) => ({ s: word, k: /\p{Script=Han}/u.test(word) ? 'zh' : 'p' }));
	return {
		id,
		cardId: `part1-0${id.slice(-1)}`,
		text: words.join(''),
		tokens,
		ruby: tokens.map((token) => (token.k === 'zh' ? (SUBSET[token.s]?.[0]?.[0] ?? '').split(' ') : null))
	};
}

const suggest = (paragraphs: SuggestionParagraph[], deckWords: string[] = []) =>
	suggestWords({
		pairs: [{ zh: '干热', en: 'dry heat', paragraphId: 'p2', index: 0 }],
		paragraphs,
		subset: SUBSET,
		commonness: (word) => COMMONNESS[word],
		pinyinOf: (phrase) => (phrase === '干热' ? 'gān rè' : ''),
		deckWords: new Set(deckWords)
	});

describe('suggestWords', () => {
	const paragraphs = [
		paragraph('p1', ['我们', '的', '芯片', '，', '芯片', '和', '芯片', '，', '芯片', '和', '芯片', '。', '遏制', '。']),
		paragraph('p2', ['干热', '，', '熵', '，', '显卡', '和', '热', '，', '三', '三年', '。']),
		paragraph('p3', ['华盛顿', '，', '华盛顿', '，', '芯片', '，', '愿景', '，', '愿景', '，', '得很', '。'])
	];

	it('puts the text’s own pairs first, with the English the text gives', () => {
		const [first] = suggest(paragraphs);
		expect(first).toEqual({
			zh: '干热',
			pinyin: 'gān rè',
			gloss: 'dry heat',
			definitions: [],
			sentence: '干热，熵，显卡和热，三三年。',
			paragraphId: 'p2',
			cardId: 'part1-02',
			count: 1,
			source: 'pair'
		});
	});

	it('ranks words used often and uncommon in everyday Chinese first', () => {
		const words = suggest(paragraphs)
			.filter((suggestion) => suggestion.source === 'text')
			.map((suggestion) => suggestion.zh);
		expect(words[0]).toBe('芯片');
		expect(words.indexOf('愿景')).toBeGreaterThan(-1);
		expect(words.indexOf('显卡')).toBeLessThan(words.indexOf('遏制'));
		// A name counts less than a word as rare and as often used.
		expect(words.indexOf('华盛顿')).toBeGreaterThan(words.indexOf('遏制'));
	});

	it('leaves out what every learner knows, common lone characters, numbers, the deck’s words and unexplained chance phrases', () => {
		const words = suggest(paragraphs, ['遏制']).map((suggestion) => suggestion.zh);
		for (const left of ['我们', '热', '三', '三年', '遏制', '得很', '的']) expect(words).not.toContain(left);
		expect(words).toContain('熵');
		expect(COMMONNESS['我们']).toBeGreaterThanOrEqual(KNOWN_BY_EVERY_LEARNER);
	});

	it('gives each word its reading in the text, a short gloss, its senses, sentence and count', () => {
		const chip = suggest(paragraphs).find((suggestion) => suggestion.zh === '芯片');
		expect(chip).toEqual({
			zh: '芯片',
			pinyin: 'xīn piàn',
			gloss: 'computer chip; microchip',
			definitions: ['computer chip; microchip'],
			sentence: '我们的芯片，芯片和芯片，芯片和芯片。',
			paragraphId: 'p1',
			cardId: 'part1-01',
			count: 6,
			source: 'text'
		});
	});

	it('picks the senses of the reading the text uses', () => {
		const bank = paragraph('p4', ['银行', '行']);
		bank.ruby = [['yín', 'háng'], ['háng']];
		expect(
			suggestWords({ pairs: [], paragraphs: [bank], subset: SUBSET, commonness: () => 3, pinyinOf: () => '' })[0]
		).toMatchObject({
			zh: '银行',
			pinyin: 'yín háng',
			definitions: ['bank']
		});
	});
});

describe('clearestSense', () => {
	it('takes the first sense that explains, without register labels or measure words', () => {
		expect(clearestSense(['variant of 乾[gān]', 'dry'])).toBe('dry');
		expect(clearestSense(['(bound form) to have to do with'])).toBe('to have to do with');
		expect(clearestSense(['expenditures; expenses (CL:笔[bǐ],项[xiàng])'])).toBe('expenditures; expenses');
		expect(clearestSense(['surname Hua', 'magnificent; splendid'])).toBe('magnificent; splendid');
	});

	it('prefers a sense of computing, as a tech article means it, and puts senses narrowed to other things last', () => {
		expect(
			clearestSense(['to broaden the sources of income', 'to expand financial resources', '(computing) open-source'])
		).toBe('open-source');
		expect(
			clearestSense([
				"(of celestial bodies etc) to move along one's course",
				'(fig.) to function; to be in operation',
				'(of a train service etc) to operate; to run',
				'(of a computer) to run'
			])
		).toBe('to run');
		expect(clearestSense(['(of a train service etc) to operate; to run', 'to manage'])).toBe('to manage');
		expect(clearestSense(['(fig.) to function'])).toBe('to function');
		// Without the long form it abbreviates, which only cut the gloss short.
		expect(
			clearestSense([
				'to broaden the sources of income',
				'(computing) open-source (abbr. for 开放源码[kāi fàng yuán mǎ])'
			])
		).toBe('open-source');
	});

	it('keeps it short', () => {
		const gloss = clearestSense([
			'the process of continuously improving an organisation’s methods and structures over the years'
		]);
		expect(gloss.length).toBeLessThanOrEqual(41);
		expect(gloss.endsWith('…')).toBe(true);
	});
});

describe('estimatedCommonness', () => {
	const known: Record<string, number> = { 什么: 6.2, 时候: 5.7, 主题: 4.6, 演讲: 4.1, 并: 5.5, 不: 6.5 };
	const commonness = (word: string) => known[word];

	it('estimates a compound from its rarest known part', () => {
		expect(estimatedCommonness('什么时候', commonness)).toBeCloseTo(5.2);
		expect(estimatedCommonness('主题演讲', commonness)).toBeCloseTo(3.6);
		expect(estimatedCommonness('并不', commonness)).toBeCloseTo(4);
		expect(estimatedCommonness('愿景', commonness)).toBeUndefined();
		expect(estimatedCommonness('主题', commonness)).toBe(4.6);
	});
});

describe('sentenceAt', () => {
	it('finds the sentence around an index', () => {
		const text = '第一句。第二句有芯片！第三句。';
		expect(sentenceAt(text, text.indexOf('芯片'))).toBe('第二句有芯片！');
	});
});
