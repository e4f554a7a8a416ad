import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../content/plugin.ts';
import { contentTools } from '../content/tools.ts';
import type { Paragraph } from '../model/articles.ts';

/**
 * The built article's word boundaries against a hand-checked segmentation of some of its paragraphs
 * (segmentGold.txt, which says what counts as a word). Tokens come from the content pipeline itself, with
 * the deck's terms and the build's word frequencies, so this is what a reader taps.
 */
const GOLD_FILE = new URL('./segmentGold.txt', import.meta.url);
const HAN = /^\p{Script=Han}+$/u;
const MIN_SCORE = 0.97;

interface GoldParagraph {
	id: string;
	words: string[];
}

function readGold(): GoldParagraph[] {
	return readFileSync(GOLD_FILE, 'utf8')
		.split('\n')
		.filter((line) => line.trim() && !line.startsWith('#'))
		.map((line) => {
			const [id = '', cut = ''] = line.split('\t');
			return { id, words: cut.split('|') };
		});
}

/** The gold's words with each run of consecutive words that spells a deck term joined into that term. */
function withDeckTerms(words: readonly string[], deckTerms: ReadonlySet<string>, longest: number): string[] {
	const joined: string[] = [];
	for (let start = 0; start < words.length;) {
		let end = start + 1;
		let spelled = '';
		for (let next = start; next < words.length && spelled.length < longest; next++) {
			spelled += words[next];
			if (next > start && deckTerms.has(spelled)) end = next + 1;
		}
		joined.push(words.slice(start, end).join(''));
		start = end;
	}
	return joined;
}

/** Each Chinese word as its place among the paragraph's Han characters: `start:end`. */
function spans(words: readonly string[]): string[] {
	const found: string[] = [];
	let at = 0;
	for (const word of words) {
		const han = Array.from(word.matchAll(/\p{Script=Han}/gu)).length;
		if (han > 0 && HAN.test(word)) found.push(`${at}:${at + han}`);
		at += han;
	}
	return found;
}

const hanOnly = (text: string) => Array.from(text.matchAll(/\p{Script=Han}/gu), ([character]) => character).join('');

let paragraphs: Map<string, Paragraph>;
let deckTerms: Set<string>;
const gold = readGold();

beforeAll(async () => {
	const bundle = loadContent('content', await contentTools());
	paragraphs = new Map(
		bundle.articles
			.flatMap((article) => article.cards)
			.flatMap((card) => card.paragraphs)
			.map((paragraph) => [paragraph.id, paragraph])
	);
	deckTerms = new Set(bundle.vocab.map((entry) => entry.zh));
}, 60_000);

describe('segmentation gold', () => {
	it('covers at least 400 words of whole paragraphs, each Chinese word written apart from Latin', () => {
		const words = gold.flatMap((paragraph) => paragraph.words.filter((word) => HAN.test(word)));
		expect(words.length).toBeGreaterThanOrEqual(400);
		for (const paragraph of gold) {
			const text = paragraphs.get(paragraph.id)?.text;
			expect(text, paragraph.id).toBeDefined();
			// Punctuation may be normalised in the article; the Chinese must be the paragraph's, all of it.
			expect(hanOnly(paragraph.words.join('')), paragraph.id).toBe(hanOnly(text ?? ''));
			for (const word of paragraph.words)
				if (/\p{Script=Han}/u.test(word)) expect(HAN.test(word), `${paragraph.id}: ${word}`).toBe(true);
		}
	});

	it('has the issue’s four hard cuts', () => {
		const cuts = gold.map((paragraph) => paragraph.words.join(' '));
		for (const cut of ['在 台北市', '有 机会', '而 今天', '反 美国 精神'])
			expect(cuts.some((line) => line.includes(` ${cut} `))).toBe(true);
	});

	it(`cuts the gold paragraphs at ≥ ${MIN_SCORE * 100} % precision and recall`, () => {
		let goldWords = 0;
		let madeWords = 0;
		let correct = 0;
		const misses: string[] = [];
		for (const paragraph of gold) {
			const tokens = (paragraphs.get(paragraph.id)?.tokens ?? []).filter((token) => token.k === 'zh');
			const made = spans(tokens.map((token) => token.s));
			const longest = Math.max(...[...deckTerms].map((term) => term.length));
			const expected = new Set(spans(withDeckTerms(paragraph.words, deckTerms, longest)));
			goldWords += expected.size;
			madeWords += made.length;
			correct += made.filter((span) => expected.has(span)).length;
			const cut = tokens.map((token) => token.s).join('|');
			if (made.some((span) => !expected.has(span)) || made.length !== expected.size)
				misses.push(`${paragraph.id}: ${cut}`);
		}
		const precision = correct / madeWords;
		const recall = correct / goldWords;
		console.info(
			`segmentation gold: ${goldWords} words, precision ${(precision * 100).toFixed(1)} %, recall ${(recall * 100).toFixed(1)} %` +
				(misses.length ? `\nparagraphs with a wrong cut:\n${misses.join('\n')}` : '')
		);
		expect(precision).toBeGreaterThanOrEqual(MIN_SCORE);
		expect(recall).toBeGreaterThanOrEqual(MIN_SCORE);
	});
});
