import { describe, expect, it } from 'vitest';
import type { Article } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import {
	ankiDeckOf,
	ankiField,
	clozeDeckToAnki,
	csvText,
	deckToAnki,
	escapeHtml,
	exampleFor,
	REVIEW_CSV_COLUMNS,
	reviewsToCsv
} from './anki.ts';
import { sampleTables } from './testFixtures.ts';

const entry = (over: Partial<VocabEntry> = {}): VocabEntry => ({
	id: 'huang-2025:加速计算',
	articleId: 'huang-2025',
	zh: '加速计算',
	pinyin: 'jiāsù jìsuàn',
	en: 'accelerated computing',
	defEn: 'computing sped up by GPUs',
	defZh: '用专用芯片加快的计算',
	pos: 'noun',
	tags: ['core', 'tech term'],
	forms: ['加速计算', 'accelerated computing'],
	occurrences: [{ cardId: 'c002', paragraphId: 'p0007' }],
	...over
});

/** The note lines of an Anki file, split into their columns. */
const noteRows = (text: string) =>
	text
		.split('\n')
		.filter((line) => line !== '' && !line.startsWith('#'))
		.map((line) => line.split('\t'));

describe('clozeDeckToAnki', () => {
	const budget = entry({
		id: 'huang-2025:IT预算',
		zh: 'IT预算',
		en: 'IT budget',
		pinyin: 'IT yùsuàn',
		defEn: 'IT budget',
		forms: ['IT预算', 'IT budget']
	});

	it('writes Anki’s Cloze note type: the Chinese as c1, the English as c2, a GUID of its own', () => {
		const text = clozeDeckToAnki('huang-2025', [
			{ entry: budget, sentence: '我们即将离开 “IT预算 IT budget”。', ways: ['clozeZh', 'clozeEn'] }
		]);
		const lines = text.split('\n');
		expect(lines.slice(0, 8)).toEqual([
			'#separator:tab',
			'#html:true',
			'#notetype:Cloze',
			'#deck:Duka::huang-2025',
			'#deck column:4',
			'#tags column:3',
			'#guid column:5',
			'#columns:Text\tBack Extra\tTags\tDeck\tGUID'
		]);
		const [row] = noteRows(text);
		expect(row![0]).toBe('<span lang="zh-Hans">我们即将离开 “{{c1::IT预算}} {{c2::IT budget}}”。</span>');
		expect(row![1]).toContain('<b>IT预算</b> IT yùsuàn');
		expect(row![4]).toBe('duka:huang-2025:IT预算:cloze');
		expect(row).toHaveLength(5);
	});

	it('gives the other language as the hint where the sentence lacks it, and only the ways asked', () => {
		const [row] = noteRows(
			clozeDeckToAnki('huang-2025', [{ entry: entry(), sentence: '这就是加速计算的意义。', ways: ['clozeZh'] }])
		);
		expect(row![0]).toBe('<span lang="zh-Hans">这就是{{c1::加速计算::accelerated computing}}的意义。</span>');
	});

	it('keeps markup, braces and colons from opening or splitting a deletion, and leaves out a note with no cloze', () => {
		const odd = entry({ zh: '代码', en: 'a::b}}', forms: ['代码'] });
		const text = clozeDeckToAnki('huang-2025', [
			{ entry: odd, sentence: '<b>{{代码}}</b>:\t好', ways: ['clozeZh'] },
			{ entry: entry(), sentence: '没有这个词。', ways: ['clozeZh'] }
		]);
		const rows = noteRows(text);
		expect(rows).toHaveLength(1);
		expect(rows[0]![0]).toBe(
			'<span lang="zh-Hans">&#60;b&#62;&#123;&#123;{{c1::代码::a&#58;&#58;b&#125;&#125;}}&#125;&#125;&#60;/b&#62;:&#9;好</span>'
		);
	});
});

describe('ankiDeckOf', () => {
	it('names a built-in deck by its id and an imported one by its title, never starting a sub-deck', () => {
		expect(ankiDeckOf({ id: 'huang-2025', titleZh: '老黄访谈' })).toBe('Duka::huang-2025');
		expect(ankiDeckOf({ id: 'text-a', titleZh: ' 全栈::访谈\n第二部分 ' })).toBe('Duka::全栈:访谈 第二部分');
		expect(ankiDeckOf({ id: 'text-a', titleZh: '  ' })).toBe('Duka::text-a');
	});
});

describe('deckToAnki', () => {
	it('starts with the header lines Anki reads', () => {
		const lines = deckToAnki('huang-2025', [{ entry: entry() }]).split('\n');
		expect(lines.slice(0, 8)).toEqual([
			'#separator:tab',
			'#html:true',
			'#notetype:Basic (and reversed card)',
			'#deck:Duka::huang-2025',
			'#deck column:4',
			'#tags column:3',
			'#guid column:5',
			'#columns:Front\tBack\tTags\tDeck\tGUID'
		]);
	});

	it('puts English on the front; Chinese, pinyin, definitions and the example on the back', () => {
		const [row] = noteRows(deckToAnki('huang-2025', [{ entry: entry(), example: '我们做加速计算已经三十年了。' }]));
		expect(row).toEqual([
			'accelerated computing',
			'<div lang="zh-Hans"><b>加速计算</b></div><div>jiāsù jìsuàn</div><div>computing sped up by GPUs</div><div lang="zh-Hans">用专用芯片加快的计算</div><div lang="zh-Hans"><i>我们做<b>加速计算</b>已经三十年了。</i></div>',
			'duka huang-2025 noun core tech_term',
			'Duka::huang-2025',
			'duka:huang-2025:加速计算'
		]);
	});

	it('escapes markup, tabs, newlines, quotes and a leading # so every note stays one line of five columns', () => {
		const hostile = entry({
			id: 'user:x\ty',
			en: '#1 <script>alert("x")</script>\tA & B',
			zh: '"引号"\n换行',
			pinyin: "it's",
			defEn: 'line one\r\nline two',
			defZh: '',
			tags: ['mine', 'has "quotes"\tand tabs']
		});
		const text = deckToAnki('huang-2025', [{ entry: hostile, example: '<b>粗</b>\t"引号"' }, { entry: entry() }]);
		const rows = noteRows(text);
		expect(rows).toHaveLength(2);
		for (const row of rows) expect(row).toHaveLength(5);
		const [front, back, tags, , guid] = rows[0]!;
		expect(front).toBe('&#35;1 &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;&#9;A &#38; B');
		expect(back).toContain('<b>&#34;引号&#34;<br>换行</b>');
		expect(back).toContain('it&#39;s');
		expect(back).toContain('line one<br>line two');
		expect(back).toContain('&#60;b&#62;粗&#60;/b&#62;&#9;&#34;引号&#34;');
		expect(back).not.toContain('<script');
		expect(tags).toBe('duka huang-2025 noun mine has_quotes_and_tabs');
		expect(guid).toBe('duka:user:x y');
	});

	it('escapes HTML and field breaks', () => {
		expect(escapeHtml(`<a href="x">'&'</a>\nnext`)).toBe(
			'&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;<br>next'
		);
		expect(ankiField('#tag\tcol\r\nrow')).toBe('&#35;tag&#9;col<br>row');
		expect(ankiField('a#b')).toBe('a#b');
	});

	it('finds the example sentence of the first occurrence', () => {
		const article = {
			cards: [{ paragraphs: [{ id: 'p0007', text: '开场白。我们做加速计算已经三十年了。结尾。' }] }]
		} as unknown as Article;
		expect(exampleFor(entry(), article)).toBe('我们做加速计算已经三十年了。');
		expect(exampleFor(entry({ occurrences: [{ paragraphId: 'p9999' }] }), article)).toBeUndefined();
		expect(exampleFor(entry(), undefined)).toBeUndefined();
	});
});

/** A strict RFC 4180 reader, to check the writer against. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	const endField = () => {
		row.push(field);
		field = '';
	};
	for (let i = 0; i < text.length; i++) {
		const char = text[i]!;
		if (quoted) {
			if (char === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (char === '"') quoted = false;
			else field += char;
		} else if (char === '"') {
			if (field !== '') throw new Error(`quote inside an unquoted field at ${i}`);
			quoted = true;
		} else if (char === ',') endField();
		else if (char === '\r' && text[i + 1] === '\n') {
			endField();
			rows.push(row);
			row = [];
			i++;
		} else if (char === '\n' || char === '\r') throw new Error(`bare line break at ${i}`);
		else field += char;
	}
	if (quoted || field !== '' || row.length > 0) throw new Error('file does not end with CRLF');
	return rows;
}

describe('reviewsToCsv', () => {
	const review = sampleTables().reviews[0]!;

	it('writes one row per review, oldest first, with ISO times and state names', () => {
		const later: ReviewLogRow = {
			...review,
			id: 2,
			reviewedAt: review.reviewedAt + 60_000,
			rating: 1,
			durationMs: 900,
			before: review.after,
			after: { ...review.after, state: 3 }
		};
		const rows = parseCsv(reviewsToCsv([later, review]));
		expect(rows[0]).toEqual(REVIEW_CSV_COLUMNS);
		expect(rows[1]).toEqual([
			'huang-2025:加速计算|en2zh',
			'huang-2025:加速计算',
			'en2zh',
			'3',
			'good',
			'2026-11-29T09:00:00.000Z',
			'4200',
			'new',
			'learning',
			'2026-11-29T09:10:00.000Z'
		]);
		expect(rows[2]?.slice(3, 9)).toEqual(['1', 'again', '2026-11-29T09:01:00.000Z', '900', 'learning', 'relearning']);
	});

	it('quotes commas, quotes and line breaks, keeps Chinese, and defuses formulas', () => {
		const awkward = ['用户,词', '说"你好"', '第一行\n第二行', '=HYPERLINK("x")', '-1+1', '@SUM(A1)', '普通'];
		const rows = parseCsv(
			reviewsToCsv(
				awkward.map((word, i) => ({
					...review,
					id: i + 1,
					reviewedAt: review.reviewedAt + i,
					cardId: `user:${word}|zh2en`
				}))
			)
		);
		expect(rows.slice(1).map((row) => row[1])).toEqual(awkward.map((word) => `user:${word}`));
		expect(rows.every((row) => row.length === REVIEW_CSV_COLUMNS.length)).toBe(true);
		expect(csvText('a,b')).toBe('"a,b"');
		expect(csvText('say "hi"')).toBe('"say ""hi"""');
		expect(csvText('两行\r\n文字')).toBe('"两行\r\n文字"');
		expect(csvText('=1+1')).toBe("'=1+1");
		expect(csvText('+86,"x"')).toBe(`"'+86,""x"""`);
		expect(csvText('中文')).toBe('中文');
	});

	it('writes only the header for an empty history', () => {
		expect(reviewsToCsv([])).toBe(REVIEW_CSV_COLUMNS.join(',') + '\r\n');
	});
});
