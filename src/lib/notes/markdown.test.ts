import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	MAX_EMPHASIS_DEPTH,
	isAllowedLinkHref,
	markdownToPlainText,
	parseInline,
	parseMarkdown,
	type Block,
	type Inline
} from './markdown.ts';

const text = (v: string): Inline => ({ t: 'text', v });

function walk(inlines: readonly Inline[], visit: (inline: Inline) => void): void {
	for (const inline of inlines) {
		visit(inline);
		if ('c' in inline) walk(inline.c, visit);
	}
}

function inlinesOf(blocks: readonly Block[]): Inline[][] {
	return blocks.flatMap((block) => (block.t === 'p' ? [block.c] : block.items));
}

function allInlines(blocks: readonly Block[]): Inline[] {
	const found: Inline[] = [];
	for (const inlines of inlinesOf(blocks)) walk(inlines, (inline) => found.push(inline));
	return found;
}

/** Every string in the tree in document order; a link's href comes after its content, as in the source. */
function allStrings(blocks: readonly Block[]): string {
	let out = '';
	const visit = (inlines: readonly Inline[]) => {
		for (const inline of inlines) {
			if (inline.t === 'text' || inline.t === 'code') out += inline.v;
			else if (inline.t === 'link') {
				visit(inline.c);
				out += inline.href;
			} else if (inline.t !== 'br') visit(inline.c);
		}
	};
	for (const inlines of inlinesOf(blocks)) visit(inlines);
	return out;
}

function maxDepth(inlines: readonly Inline[]): number {
	let deepest = 0;
	for (const inline of inlines) if ('c' in inline) deepest = Math.max(deepest, 1 + maxDepth(inline.c));
	return deepest;
}

describe('parseMarkdown: blocks', () => {
	it('splits paragraphs on blank lines and keeps single line breaks', () => {
		expect(parseMarkdown('第一段\n还是第一段\n\n  \n第二段')).toEqual([
			{ t: 'p', c: [text('第一段'), { t: 'br' }, text('还是第一段')] },
			{ t: 'p', c: [text('第二段')] }
		]);
		expect(parseMarkdown('a\r\nb')).toEqual([{ t: 'p', c: [text('a'), { t: 'br' }, text('b')] }]);
		expect(parseMarkdown('')).toEqual([]);
		expect(parseMarkdown('\n \n\t\n')).toEqual([]);
	});

	it('reads bullet and numbered lists, with continuation lines and a start number', () => {
		expect(parseMarkdown('要点:\n- 算力\n* 生态\n  和软件\n\n3. 第三\n4. 第四')).toEqual([
			{ t: 'p', c: [text('要点:')] },
			{ t: 'ul', items: [[text('算力')], [text('生态'), { t: 'br' }, text('和软件')]] },
			{ t: 'ol', start: 3, items: [[text('第三')], [text('第四')]] }
		]);
	});

	it('keeps a list together across blank lines and ends it at an unindented line', () => {
		expect(parseMarkdown('1. a\n\n2. b\nafter')).toEqual([
			{ t: 'ol', start: 1, items: [[text('a')], [text('b')]] },
			{ t: 'p', c: [text('after')] }
		]);
	});

	it('does not mistake emphasis or a bare dash for a list', () => {
		expect(parseMarkdown('**粗体**开头')[0]?.t).toBe('p');
		expect(parseMarkdown('*斜体*开头')[0]?.t).toBe('p');
		expect(parseMarkdown('-不是列表')).toEqual([{ t: 'p', c: [text('-不是列表')] }]);
		expect(parseMarkdown('2024.年')).toEqual([{ t: 'p', c: [text('2024.年')] }]);
	});
});

describe('parseInline', () => {
	it('reads bold, italic with * and _, and code', () => {
		expect(parseInline('**粗** *斜* _也斜_ `x < y`')).toEqual([
			{ t: 'strong', c: [text('粗')] },
			text(' '),
			{ t: 'em', c: [text('斜')] },
			text(' '),
			{ t: 'em', c: [text('也斜')] },
			text(' '),
			{ t: 'code', v: 'x < y' }
		]);
	});

	it('works between Chinese characters with no spaces', () => {
		expect(parseInline('这是**重点**内容,以及*强调。*后文')).toEqual([
			text('这是'),
			{ t: 'strong', c: [text('重点')] },
			text('内容,以及'),
			{ t: 'em', c: [text('强调。')] },
			text('后文')
		]);
	});

	it('nests bold and italic', () => {
		expect(parseInline('**bold *both* bold**')).toEqual([
			{ t: 'strong', c: [text('bold '), { t: 'em', c: [text('both')] }, text(' bold')] }
		]);
		expect(parseInline('*em **strong** em*')).toEqual([
			{ t: 'em', c: [text('em '), { t: 'strong', c: [text('strong')] }, text(' em')] }
		]);
		expect(parseInline('***都有***')).toEqual([{ t: 'em', c: [{ t: 'strong', c: [text('都有')] }] }]);
	});

	it('leaves unmatched markers as literal text', () => {
		expect(parseInline('**没有闭合')).toEqual([text('**没有闭合')]);
		expect(parseInline('a ** b')).toEqual([text('a ** b')]);
		expect(parseInline('**a*')).toEqual([text('*'), { t: 'em', c: [text('a')] }]);
		expect(parseInline('`open code')).toEqual([text('`open code')]);
		expect(parseInline('2 * 3 * 4')).toEqual([text('2 * 3 * 4')]);
	});

	it('keeps underscores inside words', () => {
		expect(parseInline('snake_case_name and __init__')).toEqual([
			text('snake_case_name and '),
			{ t: 'strong', c: [text('init')] }
		]);
	});

	it('honours backslash escapes and leaves code spans raw', () => {
		expect(parseInline('\\*不斜\\* \\[不是链接\\]')).toEqual([text('*不斜* [不是链接]')]);
		expect(parseInline('`**not bold** \\*`')).toEqual([{ t: 'code', v: '**not bold** \\*' }]);
		expect(parseInline('`` a ` b ``')).toEqual([{ t: 'code', v: 'a ` b' }]);
	});

	it('makes links for http, https and mailto only', () => {
		expect(parseInline('[Stratechery](https://stratechery.com/2025/x_(y))')).toEqual([
			{ t: 'link', href: 'https://stratechery.com/2025/x_(y)', c: [text('Stratechery')] }
		]);
		expect(parseInline('[**粗体链接**](http://a.example)')).toEqual([
			{ t: 'link', href: 'http://a.example', c: [{ t: 'strong', c: [text('粗体链接')] }] }
		]);
		expect(parseInline('[写信](mailto:ben@example.com)')).toEqual([
			{ t: 'link', href: 'mailto:ben@example.com', c: [text('写信')] }
		]);
	});

	it('refuses javascript:, data:, relative and malformed links, leaving the source as text', () => {
		for (const source of [
			'[click](javascript:alert(1))',
			'[click](JavaScript:alert(1))',
			'[click](data:text/html;base64,PHNjcmlwdD4=)',
			'[click](vbscript:msgbox)',
			'[click](//evil.example)',
			'[click](/read/x)',
			'[click](https://)',
			'[click](mailto:)'
		]) {
			const inlines = parseInline(source);
			expect(allInlines([{ t: 'p', c: inlines }]).some((inline) => inline.t === 'link')).toBe(false);
			expect(markdownToPlainText(source)).toBe(source);
		}
	});

	it('does not let a link destination contain spaces', () => {
		expect(parseInline('[x](https://exa mple.com)')).toEqual([
			text('[x]('),
			{ t: 'link', href: 'https://exa', c: [text('https://exa')] },
			text(' mple.com)')
		]);
	});

	it('links bare http(s) URLs, leaving sentence punctuation and Chinese text outside', () => {
		expect(parseInline('见 https://nvidia.com/gtc。然后')).toEqual([
			text('见 '),
			{ t: 'link', href: 'https://nvidia.com/gtc', c: [text('https://nvidia.com/gtc')] },
			text('。然后')
		]);
		expect(parseInline('(see http://a.example/b).')).toEqual([
			text('(see '),
			{ t: 'link', href: 'http://a.example/b', c: [text('http://a.example/b')] },
			text(').')
		]);
		expect(parseInline('**https://a.example**')).toEqual([
			{ t: 'strong', c: [{ t: 'link', href: 'https://a.example', c: [text('https://a.example')] }] }
		]);
		expect(parseInline('javascript:alert(1) ftp://x.example xhttp://a.example')).toEqual([
			text('javascript:alert(1) ftp://x.example xhttp://a.example')
		]);
	});

	it('turns HTML into plain text tokens', () => {
		expect(parseMarkdown('<script>alert(1)</script>')).toEqual([{ t: 'p', c: [text('<script>alert(1)</script>')] }]);
		expect(parseMarkdown('<img src=x onerror=alert(1)>')).toEqual([
			{ t: 'p', c: [text('<img src=x onerror=alert(1)>')] }
		]);
		expect(parseMarkdown('**<b>hi</b>** &lt;')).toEqual([
			{ t: 'p', c: [{ t: 'strong', c: [text('<b>hi</b>')] }, text(' &lt;')] }
		]);
	});

	it('caps emphasis nesting, writing deeper markers out as text', () => {
		const deep = '*a '.repeat(100) + 'x' + ' a*'.repeat(100);
		const blocks = parseMarkdown(deep);
		const first = blocks[0];
		expect(first?.t).toBe('p');
		if (first?.t !== 'p') return;
		expect(maxDepth(first.c)).toBe(MAX_EMPHASIS_DEPTH);
		expect(markdownToPlainText(deep).replace(/\*/g, '')).toBe(deep.replace(/\*/g, ''));
	});
});

describe('isAllowedLinkHref', () => {
	it('accepts only http(s) URLs with a host and mailto:', () => {
		expect(isAllowedLinkHref('https://example.com')).toBe(true);
		expect(isAllowedLinkHref('HTTP://EXAMPLE.COM/a?b#c')).toBe(true);
		expect(isAllowedLinkHref('mailto:a@b.example')).toBe(true);
		expect(isAllowedLinkHref('javascript:alert(1)')).toBe(false);
		expect(isAllowedLinkHref(' https://example.com')).toBe(false);
		expect(isAllowedLinkHref('https://exa\nmple.com')).toBe(false);
		expect(isAllowedLinkHref('mailto:')).toBe(false);
		expect(isAllowedLinkHref('http:example.com')).toBe(false);
	});
});

describe('markdownToPlainText', () => {
	it('drops markup and keeps text, breaks and list structure', () => {
		expect(
			markdownToPlainText('**英伟达**的*护城河*是 `CUDA`\n见[官网](https://nvidia.com)\n\n- 一\n- 二\n\n5. 五')
		).toBe('英伟达的护城河是 CUDA\n见官网\n\n• 一\n• 二\n\n5. 五');
	});
});

// Characters the parser may consume as markup: emphasis and code markers, escapes, list markers, whitespace.
const MARKUP = new Set(['*', '_', '`', '\\', '-', '.', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
const ordinaryCharacters = (source: string) =>
	[...source].filter((char) => !MARKUP.has(char) && !/\s/.test(char)).join('');

function isSubsequence(needle: string, haystack: string): boolean {
	const wanted = [...needle];
	let position = 0;
	for (const char of haystack) if (position < wanted.length && wanted[position] === char) position++;
	return position === wanted.length;
}

describe('parseMarkdown: properties', () => {
	const markupHeavy = fc
		.array(
			fc.constantFrom(
				'*',
				'**',
				'_',
				'`',
				'``',
				'\\',
				'[',
				']',
				'(',
				')',
				'-',
				'1.',
				' ',
				'\n',
				'\n\n',
				'  ',
				'<',
				'>',
				'&',
				'中',
				'文',
				'a',
				'Z',
				'😀',
				'👩‍💻',
				'x_y'
			),
			{ maxLength: 80 }
		)
		.map((parts) => parts.join(''));
	const withoutColons = fc
		.oneof(markupHeavy, fc.string({ unit: 'binary', maxLength: 80 }))
		.map((source) => source.replace(/:/g, ''));

	it('drops only markup: every other character survives, in order, as text (no ":" means no links)', () => {
		fc.assert(
			fc.property(withoutColons, (source) => {
				const blocks = parseMarkdown(source);
				expect(ordinaryCharacters(allStrings(blocks))).toBe(ordinaryCharacters(source));
			}),
			{ numRuns: 1000 }
		);
	});

	const linkHeavy = fc
		.array(
			fc.constantFrom(
				'[',
				']',
				'(',
				')',
				'http',
				's',
				'://',
				'mailto:',
				'javascript:',
				'data:',
				'a.example',
				'/',
				'*',
				'_',
				' ',
				'\n',
				'中',
				'.',
				',',
				'x'
			),
			{ maxLength: 60 }
		)
		.map((parts) => parts.join(''));

	it('never throws, only links to allowed URLs, and loses no ordinary character', () => {
		fc.assert(
			fc.property(fc.oneof(linkHeavy, fc.string({ unit: 'grapheme', maxLength: 60 })), (source) => {
				const blocks = parseMarkdown(source);
				for (const inline of allInlines(blocks)) {
					if (inline.t === 'link') expect(isAllowedLinkHref(inline.href)).toBe(true);
					if (inline.t === 'text') expect(inline.v.length).toBeGreaterThan(0);
				}
				// A bare URL appears twice (text and href), so this is containment rather than equality.
				expect(isSubsequence(ordinaryCharacters(source), ordinaryCharacters(allStrings(blocks)))).toBe(true);
				expect(typeof markdownToPlainText(source)).toBe('string');
			}),
			{ numRuns: 1000 }
		);
	});
});

describe('parseMarkdown: performance', () => {
	const adversarial: Record<string, string> = {
		'open emphasis': '*a '.repeat(33_334),
		'alternating markers': '*_'.repeat(50_000),
		'unclosed links': '[a]('.repeat(25_000),
		'nested brackets': '['.repeat(50_000) + ']'.repeat(50_000),
		'backtick runs of growing length': Array.from({ length: 440 }, (_, index) => '`'.repeat(index + 1) + 'x').join(''),
		'invalid bare URLs': 'http://:'.repeat(12_500),
		'valid bare URLs': 'https://a.example/ '.repeat(5_263),
		escapes: '\\*'.repeat(50_000),
		'one long line of Chinese with markup': '这是**重点**和*强调*以及`代码`。'.repeat(5_000),
		'many list items': '- item **b**\n'.repeat(7_692)
	};

	for (const [name, source] of Object.entries(adversarial)) {
		// A quadratic or backtracking path would not finish within the test's timeout at this size.
		it(`parses 100,000 characters of ${name} without stalling`, () => {
			expect(source.length).toBeGreaterThan(95_000);
			expect(parseMarkdown(source).length).toBeGreaterThan(0);
		});
	}
});
