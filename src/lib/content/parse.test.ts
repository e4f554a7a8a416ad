import { describe, expect, it } from 'vitest';
import { ContentError, MAX_CARD_CHARS, parseArticle } from './parse.ts';
import type { Token } from '../model/articles.ts';

const wholeText = (text: string): Token[] => [{ s: text, k: 'zh' }];

const FRONT = `---
id: demo
titleZh: 示例
titleEn: Demo
author: A
publication: P
sourceTitle: S
published: 2025-05-20
speakers:
  - { id: ben, zh: 阿笨, en: Ben Thompson, colour: 1 }
  - { id: jensen, zh: 老黄, en: Jensen Huang, colour: 2 }
  - { id: narrator, zh: 旁白, en: Narration, label: false }
  - { id: translator, zh: 译注, en: Translator }
parts:
  - { id: intro, titleZh: 导读, titleEn: Introduction }
  - { id: part1, n: 1, titleZh: 第一, titleEn: One }
  - { id: part4, n: 4, titleZh: 第四, titleEn: Four, included: false }
---
`;

function article(body: string) {
	return parseArticle(FRONT + body, 'demo.md', wholeText);
}

function errorOf(body: string): ContentError {
	try {
		article(body);
	} catch (error) {
		if (error instanceof ContentError) return error;
		throw error;
	}
	throw new Error('expected the content to be rejected');
}

const GOOD = `
# part intro

## card intro-1 | 开场 | Opening

p0001 narrator: 老黄真是忙啊。

# part part1

## card p1-01 | 欢迎 | Welcome

p0002 ben: 老黄,欢迎再次做客 Stratechery。
p0003 jensen: 很高兴见到你。
`;

describe('parseArticle', () => {
	it('reads parts, cards and paragraphs with speakers', () => {
		const result = article(GOOD);
		expect(result.meta.id).toBe('demo');
		expect(result.parts.map((p) => [p.id, p.included, p.cardIds])).toEqual([
			['intro', true, ['intro-1']],
			['part1', true, ['p1-01']],
			['part4', false, []]
		]);
		const welcome = result.cards[1];
		expect(welcome?.titleEn).toBe('Welcome');
		expect(welcome?.paragraphs.map((p) => [p.id, p.speaker, p.text])).toEqual([
			['p0002', 'ben', '老黄，欢迎再次做客 Stratechery。'],
			['p0003', 'jensen', '很高兴见到你。']
		]);
	});

	it('sets the text as imports do: full-width punctuation between Chinese, no stray spaces, numbers kept', () => {
		const result = article(
			GOOD.replace('p0003 jensen: 很高兴见到你。', 'p0003 jensen: 台湾 之间:约 1,000 人,见 https://a.b (早上 9:30)。')
		);
		expect(result.cards[1]?.paragraphs[1]?.text).toBe('台湾之间：约 1,000 人，见 https://a.b（早上 9:30）。');
	});

	it('rejects an unknown speaker with file and line', () => {
		const error = errorOf(GOOD.replace('p0003 jensen', 'p0003 bob'));
		expect(error.message).toMatch(/^demo\.md:\d+: unknown speaker "bob"/);
		expect(error.line).toBe(
			FRONT.split('\n').length - 1 + GOOD.split('\n').indexOf('p0003 jensen: 很高兴见到你。') + 1
		);
	});

	it('takes speakers as data of the article: names, colour and whether a name is shown', () => {
		expect(article(GOOD).meta.speakers).toEqual([
			{ id: 'ben', zh: '阿笨', en: 'Ben Thompson', colour: 1, label: true },
			{ id: 'jensen', zh: '老黄', en: 'Jensen Huang', colour: 2, label: true },
			{ id: 'narrator', zh: '旁白', en: 'Narration', colour: 0, label: false },
			{ id: 'translator', zh: '译注', en: 'Translator', colour: 0, label: true }
		]);
	});

	it('rejects a speaker listed twice, a colour out of range and a missing speaker list', () => {
		const withSpeakers = (speakers: string) => {
			try {
				parseArticle(FRONT.replace(/speakers:\n(?: {2}- .*\n)+/, speakers), 'demo.md', wholeText);
			} catch (error) {
				return (error as ContentError).reason;
			}
			throw new Error('expected the front matter to be rejected');
		};
		expect(withSpeakers('speakers:\n  - { id: ben, zh: 甲, en: A }\n  - { id: ben, zh: 乙, en: B }\n')).toMatch(
			/speaker "ben" is listed twice/
		);
		expect(withSpeakers('speakers:\n  - { id: ben, zh: 甲, en: A, colour: 9 }\n')).toMatch(/colour must be/);
		expect(withSpeakers('')).toMatch(/"speakers" must list who speaks/);
	});

	it('rejects a duplicate paragraph id', () => {
		expect(errorOf(GOOD.replace('p0003', 'p0002')).reason).toMatch(/duplicate paragraph id "p0002"/);
	});

	it('rejects a paragraph without an id', () => {
		expect(errorOf(GOOD.replace('p0003 jensen: ', 'jensen: ')).reason).toMatch(/needs an id/);
	});

	it('rejects an empty card', () => {
		expect(errorOf(GOOD.replace('p0001 narrator: 老黄真是忙啊。', '')).reason).toMatch(/card "intro-1" is empty/);
	});

	it('rejects a card too long for a phone', () => {
		const long = '长'.repeat(MAX_CARD_CHARS + 1);
		expect(errorOf(GOOD.replace('老黄真是忙啊。', long)).reason).toMatch(/1201 characters/);
	});

	it('rejects parts out of order or not declared', () => {
		expect(errorOf(GOOD.replace('# part part1', '# part part9')).reason).toMatch(/part "part9" is not listed/);
		expect(errorOf(GOOD + '\n# part part4\n').reason).toMatch(/included: false/);
	});

	it('rejects a card without both titles', () => {
		expect(errorOf(GOOD.replace('| 欢迎 | Welcome', '| 欢迎 |')).reason).toMatch(/Chinese and an English title/);
	});

	it('rejects missing front matter fields', () => {
		expect(() => parseArticle(FRONT.replace('author: A\n', ''), 'x.md', wholeText)).toThrow(/"author" is missing/);
	});
});
