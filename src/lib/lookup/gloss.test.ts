import { describe, expect, it } from 'vitest';
import type { SubsetDictionary } from '../dictionary/lookup.ts';
import {
	entryFromDraft,
	firstClause,
	isChoosable,
	pickSense,
	senseKeys,
	startDraft,
	ZH_LIMIT,
	type DraftContext
} from './gloss.ts';
import { lookUp } from './word.ts';

const SUBSET: SubsetDictionary = {
	说服: [['shuō fú', 'to persuade; to convince', 'to talk sb over', 'Taiwan pr. [shuì fú]']],
	客户: [['kè hù', 'client; customer', 'CL:個|个[gè]']],
	得: [
		['dé', 'to obtain', 'to get'],
		['de', 'structural particle: used after a verb (or adjective as main verb), linking it to following phrase'],
		['děi', 'to have to', 'must']
	],
	他: [['tā', 'he or him']],
	台北: [['Tái běi', 'Taipei, capital of Taiwan']],
	数据中心: [['shù jù zhōng xīn']]
};

const TEXT = '他说服了客户。然后他跑得快。台北数据中心';
const where = { articleId: 'huang-2025', paragraphId: 'p0001', text: TEXT };
const context: DraftContext = { where, pinyinOf: (zh) => `py(${zh})`, inDeck: (zh) => zh === '台北' };
const range = (word: string) => ({ start: TEXT.indexOf(word), end: TEXT.indexOf(word) + word.length });
const lookupOf = (word: string, syllables?: string[]) => lookUp(SUBSET, TEXT, range(word), syllables);

describe('firstClause', () => {
	it('cuts a definition at its first ; or , outside brackets', () => {
		expect(firstClause('client; customer')).toBe('client');
		expect(firstClause('Taipei, capital of Taiwan')).toBe('Taipei');
		expect(firstClause('to rank (first, second etc) among siblings; row')).toBe(
			'to rank (first, second etc) among siblings'
		);
		expect(firstClause('structural particle: used after a verb (or adjective), linking it')).toBe(
			'structural particle: used after a verb (or adjective)'
		);
		expect(firstClause('president (of a country)')).toBe('president (of a country)');
	});

	it('drops a register label but keeps a definition that is all brackets', () => {
		expect(firstClause('(bound form) row; line')).toBe('row');
		expect(firstClause('clearly and easy to see (idiom); obviously')).toBe('clearly and easy to see');
		expect(firstClause('(of eyes) bright')).toBe('(of eyes) bright');
		expect(firstClause('(completed action marker)')).toBe('(completed action marker)');
	});
});

describe('the senses to pick from', () => {
	it('leave out classifier and pronunciation notes', () => {
		expect(['CL:個|个[gè]', 'Taiwan pr. [shuì fú]', 'also pr. [dì]', ' '].map(isChoosable)).toEqual([
			false,
			false,
			false,
			false
		]);
		expect(senseKeys(lookupOf('说服'))).toEqual([
			{ reading: 'shuō fú', definition: 0 },
			{ reading: 'shuō fú', definition: 1 }
		]);
	});

	it('start on the first sense, read as in the text, cut to its first clause', () => {
		const lookup = lookupOf('得', ['de']);
		expect(startDraft(lookup)).toEqual({
			zh: '得',
			en: 'structural particle: used after a verb (or adjective as main verb)',
			sense: { reading: 'de', definition: 0 }
		});
		expect(startDraft(lookupOf('客户'))).toEqual({
			zh: '客户',
			en: 'client',
			sense: { reading: 'kè hù', definition: 0 }
		});
		expect(startDraft(lookupOf('数据中心'))).toBeUndefined();
	});

	it('give the English side of the sense picked, and refuse a note', () => {
		const lookup = lookupOf('得', ['de']);
		const draft = startDraft(lookup)!;
		const picked = pickSense(draft, lookup, { reading: 'děi', definition: 1 });
		expect(picked).toEqual({ zh: '得', en: 'must', sense: { reading: 'děi', definition: 1 } });
		const customer = lookupOf('客户');
		const start = startDraft(customer)!;
		expect(pickSense(start, customer, { reading: 'kè hù', definition: 1 })).toBe(start);
		expect(pickSense(start, customer, { reading: 'kè', definition: 0 })).toBe(start);
	});
});

describe('entryFromDraft', () => {
	it('stores the gloss, the reading in the text, the reading’s meanings and the sentence', () => {
		const lookup = lookupOf('说服');
		const result = entryFromDraft(startDraft(lookup)!, lookup, context);
		expect(result).toEqual({
			ok: true,
			entry: {
				zh: '说服',
				pinyin: 'shuō fú',
				en: 'to persuade',
				defEn: 'to persuade; to convince; to talk sb over',
				defZh: '',
				example: '他说服了客户。',
				articleId: 'huang-2025',
				paragraphId: 'p0001'
			}
		});
	});

	it('reads the word as the sense picked, and as the text does for the text’s own sense', () => {
		const lookup = lookupOf('得', ['de']);
		const draft = startDraft(lookup)!;
		const asRead = entryFromDraft(draft, lookup, context);
		expect(asRead.ok && asRead.entry.pinyin).toBe('de');
		const must = entryFromDraft(pickSense(draft, lookup, { reading: 'děi', definition: 0 }), lookup, context);
		expect(must.ok && [must.entry.pinyin, must.entry.en, must.entry.defEn]).toEqual([
			'děi',
			'to have to',
			'to have to; must'
		]);
	});

	it('takes both sides as the user edited them; a changed Chinese side gets its own reading and no dictionary meanings', () => {
		const lookup = lookupOf('说服');
		const result = entryFromDraft(
			{ zh: ' 说服客户 ', en: '  to win a client over ', sense: { reading: 'shuō fú', definition: 0 } },
			lookup,
			context
		);
		expect(result.ok && result.entry).toMatchObject({
			zh: '说服客户',
			pinyin: 'py(说服客户)',
			en: 'to win a client over',
			defEn: ''
		});
	});

	it('says what is wrong with each side', () => {
		const lookup = lookupOf('说服');
		const sense = { reading: 'shuō fú', definition: 0 };
		expect(entryFromDraft({ zh: ' ', en: '', sense }, lookup, context)).toEqual({
			ok: false,
			problems: [
				{ field: 'zh', kind: 'required' },
				{ field: 'en', kind: 'required' }
			]
		});
		expect(entryFromDraft({ zh: 'abc', en: 'x', sense }, lookup, context)).toEqual({
			ok: false,
			problems: [{ field: 'zh', kind: 'notChinese' }]
		});
		expect(entryFromDraft({ zh: '台北', en: 'Taipei', sense }, lookup, context)).toEqual({
			ok: false,
			problems: [{ field: 'zh', kind: 'inDeck' }]
		});
		expect(entryFromDraft({ zh: '说'.repeat(ZH_LIMIT + 1), en: 'x', sense }, lookup, context)).toEqual({
			ok: false,
			problems: [{ field: 'zh', kind: 'tooLong', limit: ZH_LIMIT }]
		});
		expect(entryFromDraft({ zh: '说服', en: 'x'.repeat(121), sense }, lookup, context)).toEqual({
			ok: false,
			problems: [{ field: 'en', kind: 'tooLong', limit: 120 }]
		});
	});
});
