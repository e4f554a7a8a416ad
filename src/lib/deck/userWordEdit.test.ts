import { describe, expect, it } from 'vitest';
import { cleanUserWordFields, USER_WORD_LIMITS } from './userWordEdit.ts';

const fields = { en: 'to supply', pinyin: 'gōng yìng', defEn: 'to supply; to provide', defZh: '' };

describe('cleanUserWordFields', () => {
	it('trims the fields and drops control characters, keeping line breaks and markup as text', () => {
		expect(
			cleanUserWordFields({
				en: '  to supply\u0007 ',
				pinyin: 'gōng yìng\t',
				defEn: 'line one\nline two',
				defZh: '<b>供应</b>'
			})
		).toEqual({
			ok: true,
			fields: { en: 'to supply', pinyin: 'gōng yìng', defEn: 'line one\nline two', defZh: '<b>供应</b>' }
		});
	});

	it('needs an English gloss', () => {
		expect(cleanUserWordFields({ ...fields, en: ' \n ' })).toEqual({
			ok: false,
			problems: [{ field: 'en', kind: 'required' }]
		});
	});

	it('refuses a huge paste in any field, naming the field and its limit', () => {
		const result = cleanUserWordFields({
			...fields,
			defEn: 'x'.repeat(USER_WORD_LIMITS.defEn + 1),
			pinyin: 'a'.repeat(500)
		});
		expect(result).toEqual({
			ok: false,
			problems: [
				{ field: 'pinyin', kind: 'tooLong', limit: USER_WORD_LIMITS.pinyin },
				{ field: 'defEn', kind: 'tooLong', limit: USER_WORD_LIMITS.defEn }
			]
		});
		expect(cleanUserWordFields({ ...fields, defEn: 'x'.repeat(USER_WORD_LIMITS.defEn) }).ok).toBe(true);
	});
});
