import { describe, expect, it } from 'vitest';
import { isMetadataLine, structureDocument } from './structure.ts';
import type { Block, ReadDocument } from './types.ts';

const p = (text: string): Block => ({ kind: 'paragraph', text });
const h = (level: number, text: string): Block => ({ kind: 'heading', level, text });

function draftOf(document: ReadDocument) {
	const draft = structureDocument(document);
	if (!draft) throw new Error('no draft');
	return draft;
}

describe('isMetadataLine', () => {
	it('knows a line of label: value pairs with a figure or more than one pair', () => {
		expect(isMetadataLine('发布时间:2025-05-20 19:58  浏览量:2')).toBe(true);
		expect(isMetadataLine('作者：李明  来源：新华社')).toBe(true);
		expect(isMetadataLine('Posted: 2025-05-20')).toBe(true);
	});

	it("leaves a speaker's line, a sentence and a long line alone", () => {
		expect(isMetadataLine('来源：新华社')).toBe(false);
		expect(isMetadataLine('黄仁勋：我们在 2025 年会做得更好。')).toBe(false);
		expect(isMetadataLine('Ben Thompson：Jensen，欢迎回来')).toBe(false);
		expect(isMetadataLine(`备注：${'很长的一段说明'.repeat(10)} 1`)).toBe(false);
	});
});

describe('structureDocument', () => {
	it('does not name a card after a line of page furniture', () => {
		const draft = draftOf({
			source: { format: 'text' },
			blocks: [
				p('中国的AI水平是世界级的'),
				p('发布时间:2025-05-20 19:58  浏览量:2'),
				p('老黄真是忙啊，这几天各种演讲不断。')
			]
		});
		expect(draft.cards[0]!.titleZh).toBe('老黄真是忙啊');
		expect(draft.cards[0]!.paragraphs.map((paragraph) => paragraph.text)[0]).toBe(
			'发布时间:2025-05-20 19:58  浏览量:2'
		);
	});

	it('makes each EPUB chapter a part, titled by its title or its first sentence', () => {
		const draft = draftOf({
			source: { format: 'epub', documentTitle: '书名' },
			chapters: [
				{ title: '第一章', blocks: [p('甲。'), h(2, '小节'), p('乙。')] },
				{ title: '', blocks: [p('没有标题的一章，从这里开始。')] }
			]
		});
		expect(draft.title).toBe('书名');
		expect(draft.parts.map((part) => part.titleZh)).toEqual(['第一章', '没有标题的一章']);
		expect(draft.cards.map((card) => [card.id, card.titleZh])).toEqual([
			['part1-01', '第一章'],
			['part1-02', '小节'],
			['part2-01', '没有标题的一章']
		]);
	});

	it('numbers parts from list-style headings and keeps the text before the first heading as an intro', () => {
		const draft = draftOf({
			source: { format: 'text' },
			blocks: [p('标题'), p('导语。'), h(2, '一、背景'), p('正文。'), h(2, '二、展望'), p('正文。')]
		});
		expect(draft.parts.map(({ id, n, titleZh, isIntro }) => ({ id, n, titleZh, isIntro }))).toEqual([
			{ id: 'part1', n: undefined, titleZh: '标题', isIntro: true },
			{ id: 'part2', n: 1, titleZh: '背景', isIntro: undefined },
			{ id: 'part3', n: 2, titleZh: '展望', isIntro: undefined }
		]);
	});

	it('does not take a first heading of part level for the title when others follow', () => {
		const draft = draftOf({
			source: { format: 'text' },
			blocks: [h(2, '一、背景'), p('正文。'), h(2, '二、展望'), p('正文。')]
		});
		expect(draft.title).toBe('一、背景');
		expect(draft.parts.map((part) => part.titleZh)).toEqual(['背景', '展望']);
	});

	it('folds a heading with no text under it into the next part, keeping the order', () => {
		const draft = draftOf({
			source: { format: 'markdown' },
			blocks: [h(1, '书'), h(2, '上篇'), h(2, '第一章'), p('正文。'), h(2, '尾声')]
		});
		expect(draft.parts.map((part) => part.titleZh)).toEqual(['上篇']);
		expect(
			draft.cards.flatMap((card) => card.paragraphs.map((paragraph) => [paragraph.text, paragraph.heading ?? false]))
		).toEqual([
			['第一章', true],
			['正文。', false],
			['尾声', true]
		]);
	});

	it('marks the labels of speakers used twice or more, leaving them in the text', () => {
		const draft = draftOf({
			source: { format: 'text' },
			blocks: [
				p('访谈'),
				p('主持人：你好。'),
				p('嘉宾：你好。'),
				p('主持人：请讲。'),
				p('嘉宾：好。'),
				p('注：一次而已。')
			]
		});
		expect(draft.speakers.map((speaker) => speaker.label)).toEqual(['主持人', '嘉宾']);
		const paragraphs = draft.cards.flatMap((card) => card.paragraphs);
		expect(paragraphs[0]).toEqual({ id: 'p0001', text: '主持人：你好。', label: '主持人', labelEnd: 4 });
		expect(paragraphs.at(-1)).toEqual({ id: 'p0005', text: '注：一次而已。' });
	});

	it('has nothing to draft from a document without text', () => {
		expect(structureDocument({ source: { format: 'text' }, blocks: [] })).toBeUndefined();
	});
});
