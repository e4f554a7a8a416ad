import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CARD_CHARS as CONTENT_MAX_CARD_CHARS } from '../content/parse.ts';
import { groupIntoCards, HIGH_CARD_CHARS, MAX_CARD_CHARS, MIN_CARD_CHARS, splitLongParagraph } from './cards.ts';
import { codePointLength } from './sentences.ts';

const cardLengths = (lengths: number[], starts: number[]) =>
	starts.map((start, index) =>
		lengths.slice(start, starts[index + 1] ?? lengths.length).reduce((sum, length) => sum + length, 0)
	);

describe('groupIntoCards', () => {
	it('uses the same card limit as the built-in content', () => {
		expect(MAX_CARD_CHARS).toBe(CONTENT_MAX_CARD_CHARS);
	});

	it('groups short paragraphs into cards of about a screen to three minutes', () => {
		const lengths = Array.from({ length: 40 }, (_, index) => 60 + ((index * 37) % 140));
		const starts = groupIntoCards(lengths.map((length) => ({ length })));
		const cards = cardLengths(lengths, starts);
		expect(starts[0]).toBe(0);
		for (const length of cards) {
			expect(length).toBeGreaterThanOrEqual(MIN_CARD_CHARS);
			expect(length).toBeLessThanOrEqual(HIGH_CARD_CHARS);
		}
	});

	it('keeps a short text in one card and breaks where told', () => {
		expect(groupIntoCards([{ length: 100 }, { length: 120 }])).toEqual([0]);
		expect(groupIntoCards([{ length: 100 }, { length: 120, breakBefore: true }, { length: 50 }])).toEqual([0, 1]);
		expect(groupIntoCards([])).toEqual([]);
	});

	it('never goes over the limit unless one paragraph alone does', () => {
		fc.assert(
			fc.property(fc.array(fc.integer({ min: 1, max: MAX_CARD_CHARS }), { maxLength: 60 }), (lengths) => {
				const starts = groupIntoCards(lengths.map((length) => ({ length })));
				expect(starts.length > 0).toBe(lengths.length > 0);
				for (const length of cardLengths(lengths, starts)) expect(length).toBeLessThanOrEqual(MAX_CARD_CHARS);
			})
		);
	});
});

describe('splitLongParagraph', () => {
	it('leaves a paragraph that fits alone', () => {
		expect(splitLongParagraph('短段落。')).toEqual(['短段落。']);
	});

	it('cuts a long paragraph at sentence ends into pieces that fit', () => {
		const sentence = '这是一个用来测试切分长段落的句子，它有一些逗号。';
		const text = sentence.repeat(120);
		const pieces = splitLongParagraph(text);
		expect(pieces.length).toBeGreaterThan(1);
		expect(pieces.join('')).toBe(text);
		for (const piece of pieces) {
			expect(piece.endsWith('。')).toBe(true);
			expect(codePointLength(piece)).toBeLessThanOrEqual(MAX_CARD_CHARS);
		}
	});

	it('cuts a sentence longer than a card at clauses, and a clause longer than that anywhere', () => {
		const text = `${'没有句号的长句，'.repeat(300)}${'字'.repeat(3000)}`;
		const pieces = splitLongParagraph(text);
		expect(pieces.join('')).toBe(text);
		for (const piece of pieces) expect(codePointLength(piece)).toBeLessThanOrEqual(MAX_CARD_CHARS);
	});
});
