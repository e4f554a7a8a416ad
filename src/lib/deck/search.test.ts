import { describe, expect, it } from 'vitest';
import type { VocabEntry } from '../model/words.ts';
import { indexEntry, matchesQuery, tonelessPinyin } from './search.ts';

const entry: VocabEntry = {
	id: 'a:数据中心',
	articleId: 'a',
	zh: '数据中心',
	pinyin: 'shù jù zhōng xīn',
	en: 'data center',
	defEn: 'A building full of servers.',
	defZh: '集中放置服务器的设施。',
	pos: 'noun',
	tags: ['infrastructure'],
	forms: ['数据中心', 'data center'],
	occurrences: []
};

describe('deck search', () => {
	it('strips tones, spaces and case from pinyin', () => {
		expect(tonelessPinyin('shù jù zhōng xīn')).toBe('shujuzhongxin');
		expect(tonelessPinyin('lǜ')).toBe('lv');
		expect(tonelessPinyin('Lü')).toBe('lv');
	});

	it('finds by Chinese, English and toneless pinyin', () => {
		const item = indexEntry(entry);
		expect(matchesQuery(item, '数据')).toBe(true);
		expect(matchesQuery(item, 'Data Cen')).toBe(true);
		expect(matchesQuery(item, 'shuju')).toBe(true);
		expect(matchesQuery(item, 'shu ju zhong')).toBe(true);
		expect(matchesQuery(item, 'zhōngxīn')).toBe(true);
		expect(matchesQuery(item, 'servers')).toBe(true);
		expect(matchesQuery(item, '供应链')).toBe(false);
		expect(matchesQuery(item, 'xyz')).toBe(false);
		expect(matchesQuery(item, '  ')).toBe(true);
	});
});
