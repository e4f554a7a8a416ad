import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clauses, codePointLength, sentences, shortTitle } from './sentences.ts';

describe('sentences', () => {
	it('splits after sentence ends, keeping closing quotes with their sentence', () => {
		expect(sentences('他说：“好。”然后走了！真的？是；对……Yes. No')).toEqual([
			'他说：“好。”',
			'然后走了！',
			'真的？',
			'是；',
			'对……',
			'Yes.',
			' No'
		]);
		expect(sentences('增长 3.5% 的 Node.js')).toEqual(['增长 3.5% 的 Node.js']);
	});

	it('gives back the text when joined', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[中文。！？；…,.!? a"”）]{0,30}$/), (text) => {
				expect(sentences(text).join('')).toBe(text);
				expect(clauses(text).join('')).toBe(text);
			})
		);
	});

	it('counts code points', () => {
		expect(codePointLength('中𠀀a')).toBe(3);
	});
});

describe('shortTitle', () => {
	it('takes a short first clause', () => {
		expect(shortTitle('过去几年，我们确实花了很大力气在 DC 建立存在感。')).toBe('过去几年');
		expect(shortTitle('阿笨：老黄，欢迎。')).toBe('阿笨：老黄，欢迎');
	});

	it('cuts a long start without splitting an English word', () => {
		expect(shortTitle('当我们进入机器人时代的时候所有的工厂都会改变。')).toBe('当我们进入机器人时代的时候所有的…');
		expect(shortTitle('Arab AI and the Chip Diffusion Rule', 24)).toBe('Arab AI and the Chip…');
	});
});
