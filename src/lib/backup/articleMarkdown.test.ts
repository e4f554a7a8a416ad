import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../notes/markdown.ts';
import { articleMarkdownFileName, articleToMarkdown } from './articleMarkdown.ts';
import { sampleImportedText } from './testFixtures.ts';

describe('articleToMarkdown', () => {
	it('writes the title, the parts and the paragraphs, with a label where the speaker changes', () => {
		const { article } = sampleImportedText();
		article.cards[1]!.paragraphs.push({ ...article.cards[1]!.paragraphs[0]!, id: 'p0004', text: '还有一段。' });
		expect(articleToMarkdown(article)).toBe(
			[
				'# 英伟达的全栈解决方案',
				'## 一、开场',
				'**主持人:** 欢迎收听。',
				'**Ben Thompson:** 谢谢,很高兴来。',
				'## 二、算力',
				'**主持人:** 算力是Nvidia全栈解决方案full-stack Nvidia solution的核心。',
				'还有一段。'
			].join('\n\n') + '\n'
		);
	});

	it('shows no label for narration, and skips parts without cards', () => {
		const { article } = sampleImportedText();
		for (const card of article.cards) for (const paragraph of card.paragraphs) paragraph.speaker = 'narrator';
		article.parts.push({ id: 'part3', titleZh: '三、未收录', titleEn: '', included: false, cardIds: [] });
		const markdown = articleToMarkdown(article);
		expect(markdown).not.toContain('**');
		expect(markdown).not.toContain('未收录');
		expect(markdown).toContain('## 二、算力\n\n算力是');
	});

	it('escapes the text, so no line becomes markup', () => {
		const { article } = sampleImportedText();
		article.meta.titleZh = '# <script>alert(1)</script>';
		const paragraph = article.cards[0]!.paragraphs[0]!;
		paragraph.speaker = 'narrator';
		paragraph.text = '- 不是列表 [链接](javascript:alert(1)) *强调*\n1. 不是编号';
		const markdown = articleToMarkdown(article);
		const blocks = parseMarkdown(markdown.split('\n\n')[2]!);
		expect(blocks.map((block) => block.t)).toEqual(['p']);
		expect(JSON.stringify(blocks)).not.toMatch(/"t":"(link|em|strong)"/);
		expect(markdown.split('\n')[0]).toBe('# # \\<script\\>alert(1)\\</script\\>');
	});

	it('names the file after the title', () => {
		const { article } = sampleImportedText();
		expect(articleMarkdownFileName(article)).toBe('英伟达的全栈解决方案.md');
		article.meta.titleZh = 'a/b: c?';
		expect(articleMarkdownFileName(article)).toBe('a-b- c.md');
		article.meta.titleZh = '///';
		expect(articleMarkdownFileName(article)).toBe(`${article.meta.id}.md`);
	});
});
