import { describe, expect, it } from 'vitest';
import { sampleTables } from '../backup/testFixtures.ts';
import { sentenceWith, splitOnTerm, userEntryToVocab } from './entries.ts';

describe('deck entries', () => {
	it('picks the sentence holding the term', () => {
		const text = '第一句话。我们建了很多数据中心,规模很大。第三句。';
		expect(sentenceWith(text, ['数据中心'])).toBe('我们建了很多数据中心,规模很大。');
		expect(sentenceWith(text, ['不存在'])).toBe(text);
	});

	it('splits around the earliest, longest form, ignoring case', () => {
		expect(splitOnTerm('看 IT budget 和 IT预算', ['IT预算', 'it budget'])).toEqual({
			before: '看 ',
			term: 'IT budget',
			after: ' 和 IT预算'
		});
		expect(splitOnTerm('没有', ['词'])).toEqual({ before: '没有', term: '', after: '' });
	});

	it('maps a user entry to a deck entry marked as the user’s own', () => {
		const entry = userEntryToVocab(sampleTables().userEntries[0]!);
		expect(entry.userMade).toBe(true);
		expect(entry.occurrences).toEqual([{ paragraphId: 'p0042' }]);
	});
});
