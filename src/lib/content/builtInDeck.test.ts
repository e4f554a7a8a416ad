import { beforeAll, describe, expect, it } from 'vitest';
import { loadContent, type ContentBundle } from './plugin.ts';
import { contentTools } from './tools.ts';
import type { VocabEntry } from '../model/words.ts';

/**
 * The built-in deck as the build makes it, through the real segmenter and pinyin: loading it is the
 * build-time check (every entry a word of the text as written), and the fixes an editor asked for stay fixed.
 */
let bundle: ContentBundle;
const entry = (zh: string): VocabEntry => {
	const found = bundle.vocab.find((candidate) => candidate.zh === zh);
	if (!found) throw new Error(`no entry ${zh}`);
	return found;
};
const paragraphsOf = (zh: string) => entry(zh).occurrences.map((occurrence) => occurrence.paragraphId);

beforeAll(async () => {
	bundle = loadContent('content', await contentTools());
}, 60_000);

describe('the built-in deck', () => {
	it('links entries to paragraphs by word, never by substring or by their English', () => {
		expect(paragraphsOf('国会')).not.toContain('p0062');
		expect(paragraphsOf('国会')).not.toContain('p0115');
		expect(paragraphsOf('制造业')).toEqual(['p0143']);
		expect(paragraphsOf('H20 芯片')).toEqual(expect.arrayContaining(['p0099', 'p0106', 'p0108', 'p0116']));
		expect(paragraphsOf('AI 扩散规则')).toEqual(expect.arrayContaining(['p0053', 'p0065', 'p0066']));
	});

	it('has no headword the text does not write', () => {
		const zh = new Set(bundle.vocab.map((candidate) => candidate.zh));
		for (const absent of ['微软', '人工智能', '国内生产总值', '统一计算设备架构', 'Dynamo 推理框架', '图形处理器'])
			expect(zh.has(absent)).toBe(false);
	});

	it('has no card whose two sides are the same', () => {
		expect(bundle.vocab.filter((candidate) => candidate.zh.toLowerCase() === candidate.en.toLowerCase())).toEqual([]);
	});

	it('keeps the corrected readings and glosses', () => {
		expect(entry('华为').pinyin).toBe('huá wéi');
		expect(entry('大单子').en).toBe('big order / major contract');
		expect(entry('可拆分协作').en).toBe('modular / disaggregated');
		expect(entry('台北').defEn).toMatch(/capital/);
		expect(entry('OEM').defZh).toMatch(/代工/);
		expect(entry('GPU').defZh).not.toMatch(/^图形处理器[，,]/);
	});

	it('sets pinyin with no space before punctuation', () => {
		for (const candidate of bundle.vocab) expect(candidate.pinyin).not.toMatch(/\s[,.;:!?、，。·]|·\s/);
		expect(entry('你中有我、我中有你').pinyin).toBe('nǐ zhōng yǒu wǒ, wǒ zhōng yǒu nǐ');
	});

	it('has the words a reader of this article needs', () => {
		const needed =
			'卓越 领先 追踪 削弱 挤压 总统 销售机会 客户 推理性能 存在感 说服 官僚 批评者 立场 掌控 整合 协同 底层 创立 估算 扩张 定位 复刻 上一届政府 无异于 迥然不同 顺理成章 显而易见 拒之门外 理所当然 恰恰相反 眼前一亮 吃亏 渴望 取胜 自建 入驻';
		for (const zh of needed.split(' ')) expect(paragraphsOf(zh).length).toBeGreaterThan(0);
	});
});
