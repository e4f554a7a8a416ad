import { describe, expect, it } from 'vitest';
import { wordPassage } from './passage.ts';

describe('wordPassage', () => {
	it('finds the card and the sentence a word stands in, split around the word', async () => {
		const found = await wordPassage('huang-2025', 'p0052', ['供应链']);
		expect(found?.cardId).toMatch(/^p\d-\d\d$/);
		expect(found?.sentence.term).toBe('供应链');
		expect(found?.sentence.before + found!.sentence.term + found!.sentence.after).toContain('供应链');
	});

	it('is undefined for a paragraph or an article that is not there', async () => {
		expect(await wordPassage('huang-2025', 'no-such-paragraph', ['供应链'])).toBeUndefined();
		expect(await wordPassage('text-gone', 'p1', ['供应链'])).toBeUndefined();
	});
});
