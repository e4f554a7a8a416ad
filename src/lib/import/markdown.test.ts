import { describe, expect, it } from 'vitest';
import { readMarkdown } from './markdown.ts';

describe('readMarkdown', () => {
	it('turns #–### into headings and deeper ones into minor headings', () => {
		expect(readMarkdown('# 标题\n\n## 第一部分\n\n### 小节\n\n#### 更小\n\n正文。')).toEqual([
			{ kind: 'heading', level: 1, text: '标题' },
			{ kind: 'heading', level: 2, text: '第一部分' },
			{ kind: 'heading', level: 3, text: '小节' },
			{ kind: 'heading', level: 4, text: '更小' },
			{ kind: 'paragraph', text: '正文。' }
		]);
	});

	it('strips emphasis and link markup, keeping link text; images and raw tags add nothing', () => {
		const blocks = readMarkdown(
			'这是**粗体**、*斜体*、~~删除~~和`代码`，还有[链接](javascript:alert(1))与![图片](x.png)。<span onclick="x()">标签</span> &amp; &#20320;'
		);
		expect(blocks).toEqual([{ kind: 'paragraph', text: '这是粗体、斜体、删除和代码，还有链接与。标签 & 你' }]);
	});

	it('joins soft line breaks and splits at hard ones', () => {
		expect(readMarkdown('第一行\n接着写\n\n第二段  \n换行')).toEqual([
			{ kind: 'paragraph', text: '第一行接着写' },
			{ kind: 'paragraph', text: '第二段' },
			{ kind: 'paragraph', text: '换行' }
		]);
	});

	it('reads lists, quotes, tables and code as text', () => {
		const blocks = readMarkdown(
			'- 第一项\n- 第二项\n\n> 引用的话\n\n| 甲 | 乙 |\n| - | - |\n| 一 | 二 |\n\n```\n代码行\n```'
		);
		expect(blocks.map((block) => block.text)).toEqual(['第一项', '第二项', '引用的话', '甲乙', '一二', '代码行']);
	});

	it('reads raw HTML blocks as text only', () => {
		const blocks = readMarkdown('<div onclick="alert(1)"><script>alert(2)</script><p>网页段落</p></div>\n\n正文');
		expect(blocks).toEqual([
			{ kind: 'paragraph', text: '网页段落' },
			{ kind: 'paragraph', text: '正文' }
		]);
	});
});
