import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { notesExportFileName, notesToMarkdown, noteToMarkdown, readerLink, type NotesExportInput } from './export.ts';
import { markdownToPlainText, parseMarkdown } from './markdown.ts';

const EXPORTED_AT = new Date(2025, 5, 1, 9, 30);
const ORIGIN = 'https://duka.example';

function input(parts: NotesExportInput['parts']): NotesExportInput {
	return {
		articleId: 'huang-2025',
		articleTitleZh: '老黄访谈',
		articleTitleEn: 'An Interview with Jensen Huang',
		origin: ORIGIN,
		exportedAt: EXPORTED_AT,
		parts
	};
}

const SAMPLE = input([
	{
		titleZh: '导读',
		titleEn: 'Introduction',
		cards: [
			{
				cardId: 'intro-1',
				titleZh: '开场',
				titleEn: 'Opening',
				paragraphs: [
					{ paragraphId: 'p0001', text: '老黄真是忙啊。', bookmarked: true, notes: [], highlights: [] },
					{ paragraphId: 'p0002', text: '没有任何标注的段落。', bookmarked: false, notes: [], highlights: [] }
				]
			},
			{ cardId: 'intro-2', titleZh: '空卡', titleEn: 'Empty card', paragraphs: [] }
		]
	},
	{ titleZh: '第二', titleEn: 'Two', cards: [] },
	{
		titleZh: '第一',
		titleEn: 'One',
		cards: [
			{
				cardId: 'p1-01',
				titleZh: '欢迎',
				titleEn: 'Welcome',
				paragraphs: [
					{
						paragraphId: 'p0003',
						text: '老黄,欢迎再次做客 Stratechery。',
						bookmarked: false,
						notes: ['整段的**笔记**', '   '],
						highlights: [
							{ quote: '再次做客', notes: ['第二次了'] },
							{ quote: 'Stratechery', notes: [], detached: true }
						]
					}
				]
			}
		]
	}
]);

describe('notesToMarkdown', () => {
	const markdown = notesToMarkdown(SAMPLE);

	it('starts with the title, the export date and counts', () => {
		const [title, date] = markdown.split('\n\n');
		expect(title).toBe('# 笔记 Notes: 老黄访谈 · An Interview with Jensen Huang');
		expect(date).toBe('导出日期 Exported: 2025-06-01 · 书签 1 · 高亮 2 · 笔记 2 (1 bookmark, 2 highlights, 2 notes)');
		expect(markdown.endsWith('\n')).toBe(true);
	});

	it('groups entries under parts and cards in reading order, skipping empty ones', () => {
		const headings = markdown.split('\n').filter((line) => line.startsWith('#'));
		expect(headings).toEqual([
			'# 笔记 Notes: 老黄访谈 · An Interview with Jensen Huang',
			'## 导读 · Introduction',
			'### 开场 · Opening',
			'## 第一 · One',
			'### 欢迎 · Welcome'
		]);
		expect(markdown).not.toContain('没有任何标注的段落');
	});

	it('marks bookmarks, quotes paragraphs and highlights, puts notes below and links back to the reader', () => {
		expect(markdown).toContain(
			[
				'🔖 **书签 Bookmark** · [打开 Open](https://duka.example/read/huang-2025/intro-1#p0001)',
				'> 老黄真是忙啊。'
			].join('\n\n')
		);
		expect(markdown).toContain(
			[
				'📝 **段落笔记 Paragraph note** · [打开 Open](https://duka.example/read/huang-2025/p1-01#p0003)',
				'> 老黄,欢迎再次做客 Stratechery。',
				'整段的**笔记**'
			].join('\n\n')
		);
		expect(markdown).toContain(
			[
				'🖍 **高亮 Highlight** · [打开 Open](https://duka.example/read/huang-2025/p1-01#p0003)',
				'> 再次做客',
				'第二次了'
			].join('\n\n')
		);
		expect(markdown).toContain(
			'🖍 **高亮 Highlight** (原文已修改 no longer in the text) · [打开 Open](https://duka.example/read/huang-2025/p1-01#p0003)'
		);
	});

	it('escapes quotes so newlines and Markdown characters cannot break the structure', () => {
		const quote =
			'第一行 **不是粗体** `也不是代码`\n# 不是标题\n> 不是引用\n- 不是列表\n\n1. 不是编号\n    四个空格\n[链接](javascript:x) <b>html</b> &amp; a|b ~~删~~\n---';
		const output = notesToMarkdown(
			input([
				{
					titleZh: '部分',
					titleEn: 'Part',
					cards: [
						{
							cardId: 'c1',
							titleZh: '卡片',
							titleEn: 'Card',
							paragraphs: [
								{
									paragraphId: 'p1',
									text: 'x',
									bookmarked: false,
									notes: [],
									highlights: [{ quote, notes: ['笔记在后'] }]
								}
							]
						}
					]
				}
			])
		);
		const start = output.indexOf('> 第一行');
		const end = output.indexOf('\n\n笔记在后');
		const block = output.slice(start, end);
		expect(block.split('\n')).toEqual([
			'> 第一行 \\*\\*不是粗体\\*\\* \\`也不是代码\\`',
			'>',
			'> \\# 不是标题',
			'>',
			'> \\> 不是引用',
			'>',
			'> \\- 不是列表',
			'>',
			'> 1\\. 不是编号',
			'>',
			'> 四个空格',
			'>',
			'> \\[链接\\](javascript:x) \\<b\\>html\\</b\\> \\&amp; a\\|b \\~\\~删\\~\\~',
			'>',
			'> \\---'
		]);
	});

	it('says there is nothing yet when nothing is marked', () => {
		const expected =
			[
				'# 笔记 Notes: 老黄访谈 · An Interview with Jensen Huang',
				'导出日期 Exported: 2025-06-01',
				'还没有书签、高亮或笔记。Nothing here yet: no bookmarks, highlights or notes.'
			].join('\n\n') + '\n';
		expect(notesToMarkdown(input([]))).toBe(expected);
		const unmarked = input([
			{
				titleZh: '导读',
				titleEn: 'Introduction',
				cards: [
					{
						cardId: 'c',
						titleZh: '卡',
						titleEn: 'Card',
						paragraphs: [{ paragraphId: 'p', text: '段落', bookmarked: false, notes: [''], highlights: [] }]
					}
				]
			}
		]);
		expect(notesToMarkdown(unmarked)).toBe(expected);
	});
});

describe('noteToMarkdown', () => {
	it('writes an image back as a plain link, so a Markdown viewer loads nothing from another host', () => {
		const out = noteToMarkdown('see ![img](https://evil.example/a.png) now');
		expect(out).toBe('see \\![img](https://evil.example/a.png) now');
		expect(out).not.toMatch(/(^|[^\\])!\[/);
	});

	it('keeps a note’s own Markdown and escapes anything Duka would show as text', () => {
		const note =
			'**重点**\n- 算力\n- 生态\n\n# 不是标题 <script>alert(1)</script>\n[坏链接](javascript:alert(1)) [好链接](https://a.example/x_(y))';
		expect(noteToMarkdown(note)).toBe(
			[
				'**重点**',
				'- 算力\n- 生态',
				'\\# 不是标题 \\<script\\>alert(1)\\</script\\>\\\n\\[坏链接\\](javascript:alert(1)) [好链接](https://a.example/x_%28y%29)'
			].join('\n\n')
		);
	});

	it('writes code spans with a long enough fence and list continuations indented', () => {
		expect(noteToMarkdown('`` a`b ``')).toBe('``a`b``');
		expect(noteToMarkdown('10. 一\n    二')).toBe('10. 一\\\n    二');
	});

	it('writes nested emphasis so it re-parses with the same text, dropping markup only where it would be misread', () => {
		expect(noteToMarkdown('**粗 *斜* 粗**')).toBe('**粗 *斜* 粗**');
		expect(noteToMarkdown('***都有***')).toBe('***都有***');
		// em(‘_’, em(a)): a `*` after the `_` would close the outer pair, so the inner one is written as plain text.
		expect(noteToMarkdown('*__a_*')).toBe('*\\_a*');
		expect(markdownToPlainText(noteToMarkdown('*__a_*'))).toBe('_a');
	});

	it('round-trips through Duka’s own parser: same text, same links (property)', () => {
		const alphabet = fc.constantFrom(
			'*',
			'**',
			'_',
			'`',
			'\\',
			'[',
			']',
			'(',
			')',
			'-',
			'- ',
			'1. ',
			'#',
			'>',
			' ',
			'\n',
			'\n\n',
			'<b>',
			'&',
			'|',
			'中',
			'a',
			'😀',
			'https://a.example',
			'[x](https://b.example)',
			'javascript:'
		);
		const notes = fc.oneof(
			fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join('')),
			fc.string({ maxLength: 40 })
		);
		fc.assert(
			fc.property(notes, (note) => {
				const exported = noteToMarkdown(note);
				expect(markdownToPlainText(exported)).toBe(markdownToPlainText(note));
				const blockKinds = (source: string) => parseMarkdown(source).map((block) => block.t);
				expect(blockKinds(exported)).toEqual(blockKinds(note));
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('links and file names', () => {
	it('builds the reader link from the origin and the article, tolerating a trailing slash and encoding odd ids', () => {
		expect(readerLink('https://duka.example/', 'huang-2025', 'p1-01', 'p0002')).toBe(
			'https://duka.example/read/huang-2025/p1-01#p0002'
		);
		expect(readerLink('http://localhost:4173', 'x/y', 'a b(c)', '段1')).toBe(
			'http://localhost:4173/read/x%2Fy/a%20b%28c%29#%E6%AE%B51'
		);
		// An imported text is read from the query of one page.
		expect(readerLink('https://duka.example', 'text-mf3k2a1b-00abcd', 'part1-01', 'p0002')).toBe(
			'https://duka.example/read/text?id=text-mf3k2a1b-00abcd&card=part1-01#p0002'
		);
	});

	it('names the file after the article and the date', () => {
		expect(notesExportFileName('huang-2025', EXPORTED_AT)).toBe('duka-notes-huang-2025-2025-06-01.md');
		expect(notesExportFileName('a/b: c', EXPORTED_AT)).toBe('duka-notes-a-b-c-2025-06-01.md');
	});
});
