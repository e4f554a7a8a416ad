import { describe, expect, it } from 'vitest';
import { findSpeakers, speakerLabel } from './speakers.ts';

describe('speakerLabel', () => {
	it('reads Chinese and English labels before a colon of either width', () => {
		expect(speakerLabel('阿笨：老黄，欢迎再次做客。')).toEqual({ label: '阿笨', end: 3 });
		expect(speakerLabel('Ben Thompson: Welcome back.')).toEqual({ label: 'Ben Thompson', end: 14 });
		expect(speakerLabel('主持人：请坐。')).toMatchObject({ label: '主持人' });
	});

	it('is not fooled by sentences, times, addresses or empty labels', () => {
		expect(speakerLabel('而从本次访谈其实可以看出，老黄的心里其实门儿清：打压中国')).toBeUndefined();
		expect(speakerLabel('19:58 开始')).toBeUndefined();
		expect(speakerLabel('https://example.com 是网址')).toBeUndefined();
		expect(speakerLabel('：开头就是冒号')).toBeUndefined();
		expect(speakerLabel('阿笨：')).toBeUndefined();
		expect(speakerLabel(`${'很长的名字'.repeat(5)}：说话`)).toBeUndefined();
	});
});

describe('findSpeakers', () => {
	it('keeps labels used by two or more paragraphs, in order, with colours 1–4 then 0', () => {
		const paragraphs = [
			'发布时间：2025',
			'阿笨：问。',
			'老黄：答。',
			'阿笨：再问。',
			'老黄：再答。',
			'A：1',
			'A：2',
			'B：1',
			'B：2',
			'C：1',
			'C：2'
		];
		expect(findSpeakers(paragraphs)).toEqual([
			{ id: 's1', label: '阿笨', count: 2, colour: 1 },
			{ id: 's2', label: '老黄', count: 2, colour: 2 },
			{ id: 's3', label: 'A', count: 2, colour: 3 },
			{ id: 's4', label: 'B', count: 2, colour: 4 },
			{ id: 's5', label: 'C', count: 2, colour: 0 }
		]);
	});
});
