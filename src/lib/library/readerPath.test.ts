import { describe, expect, it } from 'vitest';
import { readerPath } from './readerPath.ts';

describe('readerPath', () => {
	it('keeps the built-in article at its own pages', () => {
		expect(readerPath('huang-2025')).toBe('/read/huang-2025');
		expect(readerPath('huang-2025', 'p1-02')).toBe('/read/huang-2025/p1-02');
		expect(readerPath('huang-2025', 'p1-02', { from: 'review', paragraphId: 'p0042' })).toBe(
			'/read/huang-2025/p1-02?from=review#p0042'
		);
	});

	it('reads an imported text from the query of one page', () => {
		expect(readerPath('text-mf3k2a1b-00abcd')).toBe('/read/text?id=text-mf3k2a1b-00abcd');
		expect(readerPath('text-mf3k2a1b-00abcd', 'part2-01')).toBe('/read/text?id=text-mf3k2a1b-00abcd&card=part2-01');
		expect(readerPath('text-a', 'part1-01', { from: 'review', paragraphId: 'p0003' })).toBe(
			'/read/text?id=text-a&card=part1-01&from=review#p0003'
		);
		expect(readerPath('text-a', undefined, { paragraphId: 'p0001' })).toBe('/read/text?id=text-a#p0001');
	});

	it('carries the word to mark and the flashcard to come back to', () => {
		expect(
			readerPath('huang-2025', 'p1-02', {
				from: 'review',
				paragraphId: 'p0042',
				word: '供应链',
				reviewCard: 'user:供应|en2zh'
			})
		).toBe(
			'/read/huang-2025/p1-02?from=review&word=%E4%BE%9B%E5%BA%94%E9%93%BE&card-shown=user%3A%E4%BE%9B%E5%BA%94%7Cen2zh#p0042'
		);
	});

	it('encodes what could end a segment, the query or the hash', () => {
		expect(readerPath('x/y', 'a b?c', { paragraphId: '段#1' })).toBe('/read/x%2Fy/a%20b%3Fc#%E6%AE%B5%231');
		expect(readerPath('text-a', 'c&d=e')).toBe('/read/text?id=text-a&card=c%26d%3De');
	});
});
