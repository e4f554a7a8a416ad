import { describe, expect, it } from 'vitest';
import { foldCase, searchNotes, type SearchableNote } from './search.ts';

interface Item extends SearchableNote {
	id: string;
}

const ITEMS: Item[] = [
	{
		id: 'a',
		noteText: '英伟达的护城河是 CUDA',
		quote: '加速计算已经到了临界点',
		cardTitleZh: '欢迎',
		cardTitleEn: 'Welcome'
	},
	{
		id: 'b',
		noteText: 'Jensen says the AI factory is the new data center',
		quote: '',
		cardTitleZh: 'AI 工厂',
		cardTitleEn: 'The AI Factory'
	},
	{ id: 'c', noteText: '', quote: 'Nvidia 的 GPU 供不应求', cardTitleZh: '供需', cardTitleEn: 'Supply and Demand' }
];

const ids = (query: string) => searchNotes(ITEMS, query).map((result) => result.item.id);

describe('searchNotes', () => {
	it('matches Chinese in notes, quotes and titles', () => {
		expect(ids('护城河')).toEqual(['a']);
		expect(ids('临界点')).toEqual(['a']);
		expect(ids('工厂')).toEqual(['b']);
		expect(ids('供')).toEqual(['c']);
	});

	it('matches English case-insensitively, in any field', () => {
		expect(ids('cuda')).toEqual(['a']);
		expect(ids('NVIDIA')).toEqual(['c']);
		expect(ids('ai factory')).toEqual(['b']);
		expect(ids('welcome')).toEqual(['a']);
	});

	it('requires every term, each anywhere in the item, and keeps input order', () => {
		expect(ids('gpu 供不应求')).toEqual(['c']);
		expect(ids('cuda 欢迎')).toEqual(['a']);
		expect(ids('cuda 工厂')).toEqual([]);
		expect(ids('的')).toEqual(['a', 'c']);
	});

	it('returns nothing for a blank query', () => {
		expect(searchNotes(ITEMS, '')).toEqual([]);
		expect(searchNotes(ITEMS, ' \u3000 ')).toEqual([]);
	});

	it('returns every match range, merged where they overlap, offsets into the original text', () => {
		const [result] = searchNotes(ITEMS, 'ai');
		expect(result?.item.id).toBe('b');
		const ranges = result?.matches.map(({ field, start, end }) => [field, ITEMS[1]?.[field].slice(start, end), start]);
		expect(ranges).toEqual([
			['noteText', 'AI', 16],
			['cardTitleZh', 'AI', 0],
			['cardTitleEn', 'AI', 4]
		]);
		const overlapping = searchNotes([{ noteText: 'aaaa', quote: '', cardTitleZh: '', cardTitleEn: '' }], 'aa a');
		expect(overlapping[0]?.matches).toEqual([{ field: 'noteText', start: 0, end: 4 }]);
	});

	it('keeps offsets right around emoji and a character whose lower case is longer', () => {
		const item = { noteText: '😀İstanbul 👩‍💻 CUDA', quote: '', cardTitleZh: '', cardTitleEn: '' };
		const [result] = searchNotes([item], 'cuda');
		const match = result?.matches[0];
		expect(match && item.noteText.slice(match.start, match.end)).toBe('CUDA');
		expect(foldCase('İSTANBUL').length).toBe('İSTANBUL'.length);
		expect(searchNotes([item], 'stanbul')[0]?.matches[0]).toEqual({ field: 'noteText', start: 3, end: 10 });
	});

	it('searches 10,000 items, a specific query and a first keystroke that matches them all', () => {
		const items: Item[] = Array.from({ length: 10_000 }, (_, index) => ({
			id: String(index),
			noteText: `第 ${index} 条笔记:英伟达的 GPU 和 CUDA 生态让数据中心的加速计算成为可能。Note number ${index} about accelerated computing.`,
			quote: `老黄说,推理的需求会远远超过训练的需求 ${index % 97}`,
			cardTitleZh: `第 ${index % 50} 张卡片`,
			cardTitleEn: `Card ${index % 50}`
		}));
		// Every item mentions CUDA and 数据中心; 42 is in some numbers, quotes and card titles.
		const specific = searchNotes(items, 'Cuda 数据中心 42');
		expect(specific.length).toBe(
			items.filter((item) =>
				[item.noteText, item.quote, item.cardTitleZh, item.cardTitleEn].some((text) => text.includes('42'))
			).length
		);
		expect(searchNotes(items, '的')).toHaveLength(items.length);
	});
});
