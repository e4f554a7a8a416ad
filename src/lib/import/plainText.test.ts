import { describe, expect, it } from 'vitest';
import { chineseNumeral, headingLine, headingNumber } from './headings.ts';
import { readPlainText } from './plainText.ts';

describe('readPlainText', () => {
	it('makes one normalised paragraph of each non-empty line', () => {
		expect(readPlainText('第一段,台 湾。\r\n\r\n  第二段  \n\n\n第三段')).toEqual([
			{ kind: 'paragraph', text: '第一段，台湾。' },
			{ kind: 'paragraph', text: '第二段' },
			{ kind: 'paragraph', text: '第三段' }
		]);
	});

	it('finds headings: 一、…, 1、…, 第二部分…, Part 2, Markdown #', () => {
		const blocks = readPlainText(
			[
				'一、Arab AI and the Chip Diffusion Rule',
				'正文。',
				'第二部分 中国',
				'正文。',
				'Part 3: Growth',
				'正文。',
				'## 小结',
				'正文。',
				'1、细节',
				'正文。'
			].join('\n')
		);
		expect(blocks.filter((block) => block.kind === 'heading')).toEqual([
			{ kind: 'heading', level: 2, text: '一、Arab AI and the Chip Diffusion Rule' },
			{ kind: 'heading', level: 1, text: '第二部分中国' },
			{ kind: 'heading', level: 1, text: 'Part 3: Growth' },
			{ kind: 'heading', level: 2, text: '小结' },
			{ kind: 'heading', level: 3, text: '1、细节' }
		]);
	});

	it('keeps long lines and lines that end like a sentence as text', () => {
		expect(readPlainText('一、首先，我们要讨论芯片。')[0]?.kind).toBe('paragraph');
		expect(readPlainText(`一、${'很长的标题'.repeat(12)}`)[0]?.kind).toBe('paragraph');
		expect(readPlainText('1.5亿美元的市场')[0]?.kind).toBe('paragraph');
	});

	it('keeps a run of numbered lines (a table of contents) as text', () => {
		const blocks = readPlainText(
			['目录如下。', '1、Arab AI(阿拉伯AI)', '2、Nvidia and China(Nvidia 与中国)', '3、AI GDP Growth', '正文。'].join(
				'\n'
			)
		);
		expect(blocks.every((block) => block.kind === 'paragraph')).toBe(true);
	});
});

describe('heading numbers', () => {
	it('reads Chinese numerals', () => {
		expect([
			chineseNumeral('一'),
			chineseNumeral('十'),
			chineseNumeral('十二'),
			chineseNumeral('二十'),
			chineseNumeral('一百零五')
		]).toEqual([1, 10, 12, 20, 105]);
		expect(chineseNumeral('第一')).toBeUndefined();
	});

	it('takes a list-style number off the title and keeps other headings whole', () => {
		expect(headingNumber('一、Arab AI and the Chip Diffusion Rule')).toEqual({
			n: 1,
			title: 'Arab AI and the Chip Diffusion Rule'
		});
		expect(headingNumber('3. 增长')).toEqual({ n: 3, title: '增长' });
		expect(headingNumber('第二部分中国')).toEqual({ title: '第二部分中国' });
	});

	it('says what level a heading line has', () => {
		expect(headingLine('第3章 风起')?.level).toBe(1);
		expect(headingLine('Chapter IV')?.level).toBe(1);
		expect(headingLine('普通的一行')).toBeUndefined();
	});
});
