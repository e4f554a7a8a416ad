import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseText } from './normalise.ts';
import { parseArticle } from './parse.ts';
import type { Token } from '../model/articles.ts';

/**
 * The promise to readers: the built content keeps every sentence of the source text, in order. The
 * source (content/articles/<id>/source.txt) is kept unedited beside the article made from it.
 */
const ARTICLE_DIR = 'content/articles/huang-2025';
const wholeText = (text: string): Token[] => [{ s: text, k: 'zh' }];

/** The one normalisation imports use too: the source's quirks (台 湾, half-width commas) and the article's read alike. */
export function normaliseSource(line: string): string {
	return normaliseText(line);
}

const SPEAKER_LABEL = /^(阿笨|老黄|Ben Thompson)\s*[:：]\s*/;

function sentences(text: string): string[] {
	return text
		.split(/(?<=[。!?!?;;])/)
		.map((sentence) => sentence.trim())
		.filter(Boolean);
}

describe('source coverage', () => {
	const source = readFileSync(`${ARTICLE_DIR}/source.txt`, 'utf8');
	const article = parseArticle(readFileSync(`${ARTICLE_DIR}/article.md`, 'utf8'), 'article.md', wholeText);
	const paragraphs = article.cards.flatMap((card) => card.paragraphs);
	const builtText = paragraphs.map((paragraph) => normaliseText(paragraph.text)).join('\n');
	const lines = source.split('\n').map(normaliseSource).filter(Boolean);

	// Titles are set in the interface's style, a space between Chinese and Latin or digits ("中国的 AI 水平"); the source
	// has none there. Apart from those spaces, the title is the source's.
	const unspaced = (text: string) =>
		text.replace(/(?<=\p{Script=Han}) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?=\p{Script=Han})/gu, '');

	it('keeps the title, date and part headings as metadata', () => {
		expect(unspaced(normaliseSource(lines[0] ?? ''))).toBe(unspaced(normaliseText(article.meta.titleZh)));
		expect(lines[1]).toContain(article.meta.published);
		const headings = lines.filter((line) => /^[一二三四五六]、/.test(line));
		expect(headings.length).toBeGreaterThanOrEqual(2);
		for (const heading of headings) {
			const title = heading.replace(/^[一二三四五六]、/, '').trim();
			expect(article.parts.some((part) => part.titleEn === title || part.titleZh === title)).toBe(true);
		}
	});

	it('has every sentence of the source, in order', () => {
		const body = lines.slice(2).filter((line) => !/^[一二三四五六]、/.test(line));
		let cursor = 0;
		const missing: string[] = [];
		for (const line of body) {
			for (const sentence of sentences(line.replace(SPEAKER_LABEL, ''))) {
				const at = builtText.indexOf(sentence, cursor);
				if (at < 0) missing.push(sentence);
				else cursor = at + sentence.length;
			}
		}
		expect(missing).toEqual([]);
		expect(cursor).toBeGreaterThan(builtText.length * 0.95);
	});

	it('adds no text of its own', () => {
		const sourceText = lines.map((line) => line.replace(SPEAKER_LABEL, '')).join('\n');
		for (const paragraph of paragraphs) expect(sourceText).toContain(normaliseText(paragraph.text));
	});

	it('sets the built text in the normal form imports use: no ASCII comma or colon by a Chinese character', () => {
		const asciiInChinese = /\p{Script=Han}\s*[,:;?]|[,:;?]\s*\p{Script=Han}/u;
		const notNormal = paragraphs.filter((paragraph) => normaliseText(paragraph.text) !== paragraph.text);
		expect(notNormal.map((paragraph) => paragraph.id)).toEqual([]);
		expect(paragraphs.filter((paragraph) => asciiInChinese.test(paragraph.text)).map((p) => p.id)).toEqual([]);
		expect(article.meta.titleZh).not.toMatch(asciiInChinese);
		for (const card of article.cards) expect(card.titleZh).not.toMatch(asciiInChinese);
		// The source itself stays as it was: the normalisation is the pipeline's, not a hand edit.
		expect(source).toMatch(asciiInChinese);
	});

	it('gives every paragraph a unique, stable-looking id', () => {
		const ids = paragraphs.map((paragraph) => paragraph.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const id of ids) expect(id).toMatch(/^p\d{4}$/);
	});
});
