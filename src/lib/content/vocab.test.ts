import { describe, expect, it } from 'vitest';
import { ContentError } from './parse.ts';
import type { Article } from '../model/articles.ts';
import { findOccurrences, parseVocab } from './vocab.ts';

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
				{ id: 'p0001', speaker: 'ben', text: '我们建了很多数据中心。', tokens: [] },
				{ id: 'p0002', speaker: 'jensen', text: '这是 IT budget,也就是IT预算。FAIR 不算。', tokens: [] }
			]
		}
	]
};

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
		expect(error.message).toMatch(/^vocab\.yaml:7: "量子计算" \(quantum computing\) occurs nowhere in the article/);
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
