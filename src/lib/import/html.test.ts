import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeEntities, readHtml } from './html.ts';

describe('readHtml', () => {
	it('keeps h1–h3 as headings, block elements as paragraphs and splits at <br>', () => {
		const { blocks } = readHtml(
			'<h1>标题</h1><div>一段<b>粗体</b>文字<br>换行</div><ul><li>甲</li><li>乙</li></ul><h4>小标题</h4><p>尾</p>'
		);
		expect(blocks).toEqual([
			{ kind: 'heading', level: 1, text: '标题' },
			{ kind: 'paragraph', text: '一段粗体文字' },
			{ kind: 'paragraph', text: '换行' },
			{ kind: 'paragraph', text: '甲' },
			{ kind: 'paragraph', text: '乙' },
			{ kind: 'heading', level: 4, text: '小标题' },
			{ kind: 'paragraph', text: '尾' }
		]);
	});

	it('reads a rich paste fragment, joining the lines of wrapped source', () => {
		const { blocks } = readHtml(
			'<meta charset="utf-8"><!--StartFragment--><p>老黄真是忙啊,\n  这几天各种演讲不断</p><p>第二段&nbsp;text</p><!--EndFragment-->'
		);
		expect(blocks).toEqual([
			{ kind: 'paragraph', text: '老黄真是忙啊，这几天各种演讲不断' },
			{ kind: 'paragraph', text: '第二段 text' }
		]);
	});

	it('gives only text and headings from hostile HTML: no script, style, frame, handler or link target', () => {
		const { blocks, meta } = readHtml(readFileSync('src/lib/import/fixtures/hostile.html', 'utf8'));
		expect(blocks).toEqual([
			{ kind: 'heading', level: 1, text: '芯片与中国' },
			{ kind: 'paragraph', text: '第一段：链接的文字留下，图片不留。' },
			{ kind: 'heading', level: 2, text: '第二部分' },
			{ kind: 'paragraph', text: '第二段' },
			{ kind: 'paragraph', text: '换行之后的字。' }
		]);
		expect(meta.documentTitle).toBe('恶意网页');
		const all = JSON.stringify(blocks);
		for (const fragment of [
			'alert',
			'javascript',
			'onclick',
			'<',
			'script',
			'fetch',
			'样式',
			'框架',
			'模板',
			'隐藏',
			'按钮',
			'输入框'
		])
			expect(all).not.toContain(fragment);
	});

	it('drops ruby annotations and keeps table rows together', () => {
		const { blocks } = readHtml(
			'<p><ruby>汉<rt>hàn</rt>字<rp>(</rp><rt>zì</rt><rp>)</rp></ruby></p><table><tr><td>甲</td><td>乙</td></tr></table>'
		);
		expect(blocks.map((block) => block.text)).toEqual(['汉字', '甲乙']);
	});

	it('reads what the head says about the source', () => {
		const { meta } = readHtml(
			'<head><title>页面标题</title><meta name="author" content="张三"><meta property="og:site_name" content="某网站"><link rel="canonical" href="https://example.com/a"><link rel="canonical" href="javascript:x"></head><body><p>正文</p></body>'
		);
		expect(meta).toEqual({
			documentTitle: '页面标题',
			author: '张三',
			publication: '某网站',
			url: 'https://example.com/a'
		});
	});

	it('decodes entities in plain strings', () => {
		expect(decodeEntities('a &amp; b &lt;c&gt; &#x4e2d;&#25991; &unknownentity; &')).toBe(
			'a & b <c> 中文 &unknownentity; &'
		);
	});
});
