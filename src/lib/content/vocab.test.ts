import { describe, expect, it } from 'vitest';
import { ContentError } from './parse.ts';
import type { Article, Paragraph } from '../model/articles.ts';
import { findOccurrences, parseVocab, tidyPinyin } from './vocab.ts';

const article: Article = {
	meta: {
		id: 'demo',
		titleZh: '示例',
		titleEn: 'Demo',
		author: 'A',
		publication: 'P',
		sourceTitle: 'S',
		published: '2025',
		speakers: [
			{ id: 'ben', zh: '阿笨', en: 'Ben', colour: 1, label: true },
			{ id: 'jensen', zh: '老黄', en: 'Jensen', colour: 2, label: true }
		]
	},
	parts: [{ id: 'part1', n: 1, titleZh: '一', titleEn: 'One', included: true, cardIds: ['c1'] }],
	cards: [
		{
			id: 'c1',
			partId: 'part1',
			titleZh: '卡',
			titleEn: 'Card',
			paragraphs: [
				paragraph('p0001', 'ben', ['我们', '建', '了', '很多', '数据中心', '。']),
				paragraph('p0002', 'jensen', [
					'这',
					'是',
					' ',
					'IT budget',
					',',
					'也',
					'就是',
					'IT',
					'预算',
					'。',
					'FAIR',
					' ',
					'不',
					'算',
					'。'
				]),
				paragraph('p0003', 'ben', [
					'中国',
					'会',
					'自建',
					',',
					'H20',
					'芯片',
					'也',
					'在',
					' ',
					'data center',
					' ',
					'里',
					'。'
				]),
				paragraph('p0004', 'jensen', ['我们', '是', '数据中心级的企业', '。'])
			]
		}
	]
};

/** A paragraph cut into the given words, as the build's segmenter would. */
function paragraph(id: string, speaker: string, words: string[]): Paragraph {
	return {
		id,
		speaker,
		text: words.join(''),
		tokens: words.map((s) => ({ s, k: /\p{Script=Han}/u.test(s) ? 'zh' : /[A-Za-z]/.test(s) ? 'en' : 'p' }))
	};
}

const pinyinOf = (zh: string) => `py(${zh})`;

function entry(fields: Record<string, string | string[]>): string {
	const base = {
		zh: '数据中心',
		en: 'data center',
		defEn: 'servers',
		defZh: '设施',
		pos: 'noun',
		tags: ['infrastructure'],
		...fields
	};
	return (
		'- ' +
		Object.entries(base)
			.map(([key, value]) => `${key}: ${Array.isArray(value) ? `[${value.join(', ')}]` : JSON.stringify(value)}`)
			.join('\n  ') +
		'\n'
	);
}

function errorOf(source: string): ContentError {
	try {
		parseVocab(source, 'vocab.yaml', article, pinyinOf);
	} catch (error) {
		if (error instanceof ContentError) return error;
		throw error;
	}
	throw new Error('expected the vocabulary to be rejected');
}

describe('parseVocab', () => {
	it('computes pinyin, forms and where each entry occurs', () => {
		const [dataCenter, budget] = parseVocab(
			entry({}) + entry({ zh: 'IT预算', en: 'IT budget', pinyin: 'IT yù suàn' }),
			'vocab.yaml',
			article,
			pinyinOf
		);
		expect(dataCenter).toMatchObject({
			id: 'demo:数据中心',
			pinyin: 'py(数据中心)',
			occurrences: [{ cardId: 'c1', paragraphId: 'p0001' }]
		});
		expect(budget).toMatchObject({
			pinyin: 'IT yù suàn',
			forms: ['IT预算', 'IT budget'],
			occurrences: [{ cardId: 'c1', paragraphId: 'p0002' }]
		});
	});

	it('rejects a term found nowhere in the article, with file and line', () => {
		const error = errorOf(entry({}) + entry({ zh: '量子计算', en: 'quantum computing' }));
		expect(error.message).toMatch(/^vocab\.yaml:7: "量子计算" is not a word of the article text/);
	});

	it('never links an entry through its English alone', () => {
		const error = errorOf(entry({ zh: '机房', en: 'data center' }));
		expect(error.reason).toMatch(/"机房" is not a word of the article text.*"data center" does not count/);
		const [dataCenter] = parseVocab(entry({}), 'vocab.yaml', article, pinyinOf);
		expect(dataCenter?.occurrences.map((o) => o.paragraphId)).toEqual(['p0001']);
		expect(dataCenter?.forms).toContain('data center');
	});

	it('links by word, not by substring: 国会 is not in 中国会 (中国|会)', () => {
		expect(findOccurrences(article, ['国会'])).toEqual([]);
		expect(errorOf(entry({ zh: '国会', en: 'Congress' })).reason).toMatch(/"国会" is not a word/);
		expect(findOccurrences(article, ['中国'])).toEqual([{ cardId: 'c1', paragraphId: 'p0003' }]);
	});

	it('finds the words inside a deck term the segmenter kept whole, given a splitter', () => {
		const splitWord = (word: string) => (word === '数据中心级的企业' ? ['数据中心', '级', '的', '企业'] : [word]);
		expect(findOccurrences(article, ['数据中心']).map((o) => o.paragraphId)).toEqual(['p0001']);
		expect(findOccurrences(article, ['数据中心'], splitWord).map((o) => o.paragraphId)).toEqual(['p0001', 'p0004']);
		expect(findOccurrences(article, ['中心'], splitWord)).toEqual([]);
	});

	it('takes the space between Latin and Chinese as optional', () => {
		expect(findOccurrences(article, ['H20 芯片']).map((o) => o.paragraphId)).toEqual(['p0003']);
		expect(findOccurrences(article, ['IT 预算']).map((o) => o.paragraphId)).toEqual(['p0002']);
	});

	it('rejects a card whose two sides say the same', () => {
		expect(errorOf(entry({ zh: 'FAIR', en: 'fair' })).reason).toMatch(/both sides of the card say the same/);
	});

	it('rejects a match form that is not in the text', () => {
		expect(errorOf(entry({ match: ['数据仓库'] })).reason).toMatch(/match form "数据仓库" is not a word/);
	});

	it('matches Latin forms as whole words only', () => {
		expect(findOccurrences(article, ['AI'])).toEqual([]);
		expect(findOccurrences(article, ['it budget'])).toEqual([{ cardId: 'c1', paragraphId: 'p0002' }]);
	});

	it('rejects duplicates, unknown parts of speech and missing fields', () => {
		expect(errorOf(entry({}) + entry({})).reason).toMatch(/already an entry at line 1/);
		expect(errorOf(entry({ pos: 'gerund' })).reason).toMatch(/pos must be one of/);
		expect(errorOf('- zh: 数据中心\n  en: data center\n').reason).toMatch(/entry needs "defEn"/);
		expect(errorOf('zh: 1').reason).toMatch(/YAML list/);
	});
});

describe('tidyPinyin', () => {
	it('sets punctuation as romanised text does, with no stray spaces', () => {
		expect(tidyPinyin('nǐ zhōng yǒu wǒ 、 wǒ zhōng yǒu nǐ')).toBe('nǐ zhōng yǒu wǒ, wǒ zhōng yǒu nǐ');
		expect(tidyPinyin('sà dì yà · nà dé lā')).toBe('sà dì yà·nà dé lā');
		expect(tidyPinyin('hǎo ！ zǒu ba 。')).toBe('hǎo! zǒu ba.');
		expect(tidyPinyin('  token chǔ lǐ liàng ')).toBe('token chǔ lǐ liàng');
	});

	it('is idempotent', () => {
		const once = tidyPinyin('nǐ zhōng yǒu wǒ 、 wǒ zhōng yǒu nǐ');
		expect(tidyPinyin(once)).toBe(once);
	});
});
