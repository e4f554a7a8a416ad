import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { normaliseText } from '../content/normalise.ts';
import type { Article } from '../model/articles.ts';
import { buildImport, NARRATOR, prepareImport, roughTokens, utf8Length } from './build.ts';
import { MAX_CARD_CHARS } from './cards.ts';
import { headingLine, headingNumber } from './headings.ts';
import { codePointLength, sentences } from './sentences.ts';
import { testDictionary } from './testDictionary.ts';
import { encodeLegacy } from './testEncodings.ts';
import {
	MAX_TEXT_BYTES,
	type ImportChoices,
	type ImportDictionary,
	type ImportProgress,
	type PreparedImport
} from './types.ts';

const SOURCE = readFileSync('content/articles/huang-2025/source.txt', 'utf8');
const utf8 = (text: string) => new TextEncoder().encode(text);

let dictionary: ImportDictionary;
beforeAll(async () => {
	dictionary = await testDictionary({ 我们: 6.2, 中国: 6.3, 芯片: 4.2, 干热: 1.7, 显卡: 2.5 });
});

function prepared(input: Parameters<typeof prepareImport>[0]): PreparedImport {
	const result = prepareImport(input);
	if ('code' in result) throw new Error(`unexpected problem ${result.code}`);
	return result;
}

function choicesFor(preparation: PreparedImport, overrides: Partial<ImportChoices> = {}): ImportChoices {
	return {
		articleId: 'text-test',
		title: preparation.preview.title,
		speakers: preparation.preview.speakers.map((speaker) => ({
			label: speaker.label,
			zh: speaker.label,
			en: speaker.label
		})),
		importedAt: new Date(2026, 11, 1, 9, 30).getTime(),
		...overrides
	};
}

const paragraphsOf = (article: Article) => article.cards.flatMap((card) => card.paragraphs);

describe('prepareImport problems', () => {
	it('refuses empty and whitespace-only input', () => {
		expect(prepareImport({ kind: 'text', text: '  \n\t \u3000\n' })).toEqual({ code: 'empty' });
		expect(prepareImport({ kind: 'html', html: '<p> </p><script>alert("中文")</script>' })).toEqual({ code: 'empty' });
		expect(prepareImport({ kind: 'file', name: 'a.txt', bytes: new Uint8Array() })).toEqual({ code: 'empty' });
	});

	it('refuses text with no Chinese, or hardly any, and Japanese', () => {
		expect(prepareImport({ kind: 'text', text: 'Hello world, this is English only.' })).toEqual({ code: 'noChinese' });
		expect(prepareImport({ kind: 'text', text: `${'An English article about chips. '.repeat(20)}芯片` })).toEqual({
			code: 'noChinese'
		});
		expect(prepareImport({ kind: 'text', text: 'これは日本語の文章です。漢字もひらがなもあります。' })).toEqual({
			code: 'noChinese'
		});
	});

	it('refuses more than 2 MB of text and says the limit', () => {
		const text = '中'.repeat(MAX_TEXT_BYTES / 3 + 1);
		expect(prepareImport({ kind: 'text', text })).toEqual({
			code: 'tooLarge',
			limitBytes: MAX_TEXT_BYTES,
			bytes: utf8Length(text),
			of: 'text'
		});
		expect(prepareImport({ kind: 'file', name: 'big.txt', bytes: utf8(text) })).toMatchObject({
			code: 'tooLarge',
			limitBytes: MAX_TEXT_BYTES
		});
	});

	it('refuses an image renamed .txt, a PDF, broken encoding, an unsupported type and a broken EPUB', () => {
		const png = new Uint8Array(readFileSync('src/lib/import/fixtures/png-renamed.txt'));
		expect(prepareImport({ kind: 'file', name: 'png-renamed.txt', bytes: png })).toEqual({ code: 'image' });
		expect(prepareImport({ kind: 'file', name: 'a.txt', bytes: utf8('%PDF-1.4 ...') })).toEqual({ code: 'pdf' });
		expect(
			prepareImport({ kind: 'file', name: 'a.txt', bytes: new Uint8Array([0xe4, 0xb8, 0x80, 0x80, 0xff, 0xfe, 0x81]) })
		).toEqual({ code: 'encoding' });
		expect(prepareImport({ kind: 'file', name: 'a.docx', bytes: utf8('中文') })).toEqual({
			code: 'unsupportedType',
			extension: 'docx'
		});
		expect(prepareImport({ kind: 'file', name: 'book.epub', bytes: utf8('不是压缩包') })).toMatchObject({
			code: 'epubBroken'
		});
	});
});

describe('prepareImport structure', () => {
	it('drafts the built-in source: title, parts from its headings, speakers and cards', () => {
		const { preview, draft } = prepared({ kind: 'text', text: SOURCE });
		expect(preview.title).toBe('中国的AI水平是世界级的，芯片禁运反而加速了中国AI的进步');
		expect(preview.parts.map(({ id, n, titleZh }) => ({ id, n, titleZh }))).toEqual([
			{ id: 'part1', n: undefined, titleZh: preview.title },
			{ id: 'part2', n: 1, titleZh: 'Arab AI and the Chip Diffusion Rule' },
			{ id: 'part3', n: 2, titleZh: 'Nvidia 与中国' }
		]);
		expect(preview.speakers.map(({ id, label, colour }) => ({ id, label, colour }))).toEqual([
			{ id: 's1', label: '阿笨', colour: 1 },
			{ id: 's2', label: '老黄', colour: 2 }
		]);
		expect(preview.speakers.every((speaker) => speaker.count >= 20)).toBe(true);
		expect(preview.cardCount).toBe(draft.cards.length);
		expect(preview.parts.reduce((sum, part) => sum + part.cards, 0)).toBe(draft.cards.length);
		expect(preview.characters).toBe(preview.parts.reduce((sum, part) => sum + part.characters, 0));
		const ids = draft.cards.flatMap((card) => card.paragraphs.map((paragraph) => paragraph.id));
		expect(ids[0]).toBe('p0001');
		expect(new Set(ids).size).toBe(ids.length);
		expect(draft.cards.map((card) => card.id).slice(0, 3)).toEqual(['part1-01', 'part1-02', 'part2-01']);
		for (const card of draft.cards) {
			const length = card.paragraphs.reduce((sum, paragraph) => sum + codePointLength(paragraph.text), 0);
			expect(length).toBeLessThanOrEqual(MAX_CARD_CHARS);
			expect(codePointLength(card.titleZh)).toBeLessThanOrEqual(25);
		}
	});

	it('shows the first card with the found speakers and Chinese/English runs only', () => {
		const { preview } = prepared({
			kind: 'text',
			text: '标题\n阿笨：你好，Ben。\n老黄：你好。\n阿笨：再见。\n老黄：好的。'
		});
		expect(preview.firstCard.paragraphs.map(({ speaker, text }) => [speaker, text])).toEqual([
			['s1', '你好，Ben。'],
			['s2', '你好。'],
			['s1', '再见。'],
			['s2', '好的。']
		]);
		expect(preview.firstCard.paragraphs[0]?.tokens).toEqual(roughTokens('你好，Ben。'));
		expect(preview.firstCardSpeakers.map((speaker) => speaker.id)).toEqual(['s1', 's2']);
	});

	it('makes one part of a text without headings, titled by its first line', () => {
		const { preview } = prepared({ kind: 'text', text: '今天的新闻\n第一段。\n第二段。' });
		expect(preview.title).toBe('今天的新闻');
		expect(preview.parts).toHaveLength(1);
		expect(preview.firstCard.paragraphs.map((paragraph) => paragraph.text)).toEqual(['第一段。', '第二段。']);
	});

	it('titles a text whose first line is a sentence from its start, keeping the line', () => {
		const { preview } = prepared({
			kind: 'text',
			text: '这是一段很长的文字，它没有标题，所以标题要从第一句话里取出来。第二句。'
		});
		expect(preview.title).toBe('这是一段很长的文字');
		expect(preview.firstCard.paragraphs).toHaveLength(1);
	});

	it('reads Markdown headings: the first is the title, the next level starts parts, deeper ones start cards', () => {
		const { draft } = prepared({
			kind: 'file',
			name: 'notes.md',
			bytes: utf8('# 文章标题\n\n导语。\n\n## 第一节\n\n正文一。\n\n### 小节\n\n正文二。\n\n## 第二节\n\n正文三。')
		});
		expect(draft.title).toBe('文章标题');
		expect(draft.parts.map((part) => part.titleZh)).toEqual(['文章标题', '第一节', '第二节']);
		const firstSection = draft.cards.filter((card) => card.partId === 'part2');
		expect(firstSection.map((card) => card.titleZh)).toEqual(['第一节', '小节']);
		expect(firstSection[1]?.paragraphs[0]).toMatchObject({ text: '小节', heading: true });
	});

	it('reads a GBK file and an HTML file with its page title as the source title', () => {
		const gbk = prepared({
			kind: 'file',
			name: 'gbk-sample.txt',
			bytes: new Uint8Array(readFileSync('src/lib/import/fixtures/gbk-sample.txt'))
		});
		expect(gbk.preview.source).toEqual({ format: 'text', fileName: 'gbk-sample.txt', encoding: 'gb18030' });
		expect(gbk.preview.parts[0]?.titleZh).toBe('芯片与中国');
		const html = prepared({
			kind: 'file',
			name: 'hostile.html',
			bytes: new Uint8Array(readFileSync('src/lib/import/fixtures/hostile.html'))
		});
		expect(html.preview.title).toBe('芯片与中国');
		expect(html.preview.source.documentTitle).toBe('恶意网页');
		expect(JSON.stringify(html.draft)).not.toMatch(/alert|javascript|script|onclick/);
	});

	it('reports progress from 0 to 1', () => {
		const seen: ImportProgress[] = [];
		prepareImport({ kind: 'text', text: SOURCE }, (progress) => seen.push(progress));
		expect(seen[0]).toEqual({ stage: 'reading', fraction: 0 });
		expect(seen.at(-1)).toEqual({ stage: 'structure', fraction: 1 });
	});
});

describe('buildImport', () => {
	it('builds an article like the built-in one: tokens join to the text, every word can be looked up', async () => {
		const preparation = prepared({ kind: 'text', text: SOURCE });
		const {
			article,
			ruby,
			dictionary: subset,
			suggestions
		} = await buildImport(preparation, choicesFor(preparation), dictionary);
		expect(article.meta).toMatchObject({
			id: 'text-test',
			titleZh: preparation.preview.title,
			titleEn: '',
			published: '2026-12-01',
			speakers: [
				{ id: 's1', zh: '阿笨', en: '阿笨', colour: 1, label: true },
				{ id: 's2', zh: '老黄', en: '老黄', colour: 2, label: true },
				NARRATOR
			]
		});
		expect(article.parts.every((part) => part.included && part.cardIds.length > 0)).toBe(true);
		for (const paragraph of paragraphsOf(article)) {
			expect(paragraph.tokens.map((token) => token.s).join('')).toBe(paragraph.text);
			const syllables = ruby[paragraph.id] ?? [];
			expect(syllables).toHaveLength(paragraph.tokens.length);
			paragraph.tokens.forEach((token, index) => {
				if (token.k !== 'zh') return expect(syllables[index]).toBeNull();
				expect(syllables[index]).toHaveLength(Array.from(token.s).length);
				expect(Object.hasOwn(subset, token.s), token.s).toBe(true);
			});
		}
		// Speaker labels come off the text; the speakers' names and the pairs come out as whole words.
		expect(paragraphsOf(article).find((paragraph) => paragraph.text.startsWith('老黄，欢迎'))?.speaker).toBe('s1');
		expect(paragraphsOf(article).some((paragraph) => /^(阿笨|老黄)：/.test(paragraph.text))).toBe(false);
		expect(
			paragraphsOf(article).some((paragraph) => paragraph.tokens.some((token) => token.s === '数据中心级的企业'))
		).toBe(true);
		expect(suggestions[0]).toMatchObject({
			source: 'pair',
			zh: '阿拉伯AI产业与芯片扩散规则',
			gloss: 'Arab AI and the Chip Diffusion Rule'
		});
		expect(suggestions.find((suggestion) => suggestion.zh === '干热')).toMatchObject({
			pinyin: 'gān rè',
			gloss: 'dry heat',
			sentence: '干热dry heat，对吧？',
			count: 2,
			source: 'pair'
		});
	});

	it('keeps labels in the text and makes everything narration with "no speakers"', async () => {
		const preparation = prepared({ kind: 'text', text: SOURCE });
		const { article } = await buildImport(preparation, choicesFor(preparation, { speakers: 'none' }), dictionary);
		expect(article.meta.speakers).toEqual([NARRATOR]);
		expect(paragraphsOf(article).some((paragraph) => paragraph.text.startsWith('老黄：'))).toBe(true);
		const withSpeakers = (await buildImport(preparation, choicesFor(preparation), dictionary)).article;
		expect(article.cards.map((card) => card.id)).toEqual(withSpeakers.cards.map((card) => card.id));
	});

	it('takes the names the user gives, drops a speaker they leave out and follows a new title', async () => {
		const preparation = prepared({ kind: 'text', text: SOURCE });
		const { article } = await buildImport(
			preparation,
			choicesFor(preparation, {
				title: 'Jensen on China',
				speakers: [{ label: '老黄', zh: '黄仁勋', en: 'Jensen Huang' }]
			}),
			dictionary
		);
		expect(article.meta).toMatchObject({ titleZh: 'Jensen on China', titleEn: 'Jensen on China' });
		expect(article.parts[0]?.titleZh).toBe('Jensen on China');
		expect(article.meta.speakers).toEqual([
			{ id: 's2', zh: '黄仁勋', en: 'Jensen Huang', colour: 2, label: true },
			NARRATOR
		]);
		expect(paragraphsOf(article).some((paragraph) => paragraph.text.startsWith('阿笨：'))).toBe(true);
	});

	it('reads and looks up traditional characters', async () => {
		const preparation = prepared({ kind: 'text', text: '臺灣\n輝達的顯示卡與資料中心在臺灣。' });
		const { article, ruby, dictionary: subset } = await buildImport(preparation, choicesFor(preparation), dictionary);
		const paragraph = paragraphsOf(article)[0];
		expect(paragraph?.tokens.filter((token) => token.k === 'zh').map((token) => token.s)).toContain('資料');
		expect(subset['資料']?.[0]?.length).toBeGreaterThan(1);
		for (const syllables of ruby[paragraph?.id ?? ''] ?? []) if (syllables) expect(syllables.every(Boolean)).toBe(true);
	});

	it('leaves out the words of the deck and reports progress', async () => {
		const preparation = prepared({ kind: 'text', text: SOURCE });
		const seen: ImportProgress[] = [];
		const { suggestions } = await buildImport(
			preparation,
			choicesFor(preparation, { deckWords: ['干热', '芯片'] }),
			dictionary,
			(progress) => seen.push(progress)
		);
		expect(suggestions.some((suggestion) => suggestion.zh === '干热' || suggestion.zh === '芯片')).toBe(false);
		expect(seen.at(-1)).toEqual({ stage: 'suggestions', fraction: 1 });
		expect(seen.map((progress) => progress.fraction)).toEqual(
			[...seen.map((progress) => progress.fraction)].sort((a, b) => a - b)
		);
	});
});

/** Everything a reader sees in order: the title, each part's own title, its paragraphs. */
function readingText(preparation: PreparedImport): string[] {
	const { draft } = preparation;
	return [
		draft.title,
		...draft.parts.flatMap((part) => [
			...(part.isIntro ? [] : [part.titleZh]),
			...draft.cards
				.filter((card) => card.partId === part.id)
				.flatMap((card) => card.paragraphs.map((paragraph) => paragraph.text))
		])
	];
}

/** Each sentence of the input, normalised, that is not found in order in what the reader sees. */
function missingSentences(input: string, preparation: PreparedImport): string[] {
	const haystack = readingText(preparation).join('\n');
	let cursor = 0;
	const missing: string[] = [];
	for (const raw of input.split(/\r\n?|\n/)) {
		const line = normaliseText(raw);
		if (!line) continue;
		const heading = headingLine(line);
		// A heading that starts a part loses its list number (一、) to the part's number.
		const pieces = heading ? [headingNumber(heading.text).title] : sentences(line).map((sentence) => sentence.trim());
		for (const piece of pieces.filter(Boolean)) {
			const at = haystack.indexOf(piece, cursor);
			if (at < 0) missing.push(piece);
			else cursor = at + piece.length;
		}
	}
	return missing;
}

describe('every sentence of the input is in the article, in order', () => {
	it('for the built-in source, through the whole pipeline', async () => {
		const preparation = prepared({ kind: 'text', text: SOURCE });
		const { article } = await buildImport(preparation, choicesFor(preparation), dictionary);
		const built = [
			article.meta.titleZh,
			...article.parts.map((part) => part.titleZh),
			...paragraphsOf(article).map((p) => p.text)
		].join('\n');
		const labels = /^(阿笨|老黄)：/;
		let cursor = 0;
		const missing: string[] = [];
		for (const raw of SOURCE.split('\n')) {
			const line = normaliseText(raw).replace(labels, '');
			if (!line) continue;
			const heading = headingLine(line);
			for (const sentence of heading ? [headingNumber(heading.text).title] : sentences(line).map((s) => s.trim())) {
				if (!sentence) continue;
				const at = built.indexOf(sentence, heading ? 0 : cursor);
				if (at < 0) missing.push(sentence);
				else if (!heading) cursor = at + sentence.length;
			}
		}
		expect(missing).toEqual([]);
		expect(cursor).toBeGreaterThan(built.length * 0.95);
		const sourceText = SOURCE.split('\n')
			.map((line) => normaliseText(line).replace(labels, ''))
			.join('\n');
		for (const paragraph of paragraphsOf(article)) expect(sourceText).toContain(paragraph.text);
	});

	it('for random mixed Chinese and English input', () => {
		const fragment = fc.constantFrom(
			'中国',
			'芯片',
			'台 湾',
			'数据中心',
			'的',
			'AI',
			'GPU',
			'full-stack',
			'3.5',
			'1,000',
			' ',
			'  ',
			',',
			'，',
			'。',
			'!',
			'？',
			'(',
			')',
			'“',
			'”',
			':',
			'：',
			'…'
		);
		const start = fc.constantFrom('', '', '', '阿笨:', 'Ben Thompson：', '一、', '1、', '# ', '第二部分 ');
		// Now and then a paragraph longer than a card, to be cut at its sentence ends. (A single sentence longer
		// than a card must be cut inside; cards.test.ts checks that those pieces join back.)
		const line = fc
			.tuple(start, fc.array(fragment, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 60 }))
			.map(
				([prefix, fragments, repeat]) =>
					prefix + (repeat > 55 ? `${fragments.join('')}。`.repeat(60) : fragments.join(''))
			);
		const text = fc.array(line, { minLength: 1, maxLength: 25 }).map((lines) => lines.join('\n'));
		fc.assert(
			fc.property(text, (input) => {
				const result = prepareImport({ kind: 'text', text: input });
				if ('code' in result) {
					expect(['empty', 'noChinese']).toContain(result.code);
					return;
				}
				expect(missingSentences(input, result)).toEqual([]);
				const squeezedInput = input.split('\n').map(normaliseText).join('').replace(/\s/g, '');
				for (const card of result.draft.cards) {
					for (const paragraph of card.paragraphs) expect(squeezedInput).toContain(paragraph.text.replace(/\s/g, ''));
					expect(
						card.paragraphs.reduce((sum, p) => sum + codePointLength(p.text), 0) <= MAX_CARD_CHARS ||
							card.paragraphs.length === 1
					).toBe(true);
				}
			}),
			{ numRuns: 150 }
		);
	});
});

describe('encodings end to end', () => {
	it('imports the same text whether it comes as UTF-8 or as GBK', () => {
		const text = '芯片与中国\n老黄：中国的AI水平是世界级的。\n阿笨：对。\n老黄：是的。\n阿笨：好。';
		const fromUtf8 = prepared({ kind: 'file', name: 'a.txt', bytes: utf8(text) });
		const fromGbk = prepared({ kind: 'file', name: 'a.txt', bytes: encodeLegacy(text, 'gb18030') });
		expect(fromGbk.draft.cards).toEqual(fromUtf8.draft.cards);
	});
});
