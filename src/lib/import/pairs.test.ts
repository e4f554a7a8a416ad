import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadCedict, type CedictLookup } from '../dictionary/cedict.ts';
import { normaliseText } from '../content/normalise.ts';
import { prepareImport } from './build.ts';
import { findPairs, type BilingualPair } from './pairs.ts';

const ARTICLE_DIR = 'content/articles/huang-2025';

let cedict: CedictLookup;
beforeAll(async () => {
	cedict = await loadCedict();
});

const pairsIn = (...texts: string[]) =>
	findPairs(
		texts.map((text, index) => ({ id: `p${index + 1}`, text: normaliseText(text) })),
		cedict
	).map(({ zh, en }) => [zh, en]);

describe('findPairs', () => {
	it('finds the four shapes of the brief', () => {
		expect(pairsIn('阿笨: 干热dry heat,对吧?')).toEqual([['干热', 'dry heat']]);
		expect(pairsIn('而现在,我们即将离开 “IT预算 IT budget”。')).toEqual([['IT预算', 'IT budget']]);
		expect(pairsIn('我们即将离开IT预算 IT budget。')).toEqual([['IT预算', 'IT budget']]);
		expect(pairsIn('但未来,这些支出要转进制造预算或运营开支里(the manufacturing budget or the OpEx budget)。')).toEqual(
			[['制造预算或运营开支', 'the manufacturing budget or the OpEx budget']]
		);
		expect(pairsIn('我们讨论了为何“Nvidia全栈解决方案full-stack Nvidia solution”能最大化效用')).toEqual([
			['Nvidia全栈解决方案', 'full-stack Nvidia solution']
		]);
	});

	it('finds glued English with Chinese right after it only when the dictionary agrees', () => {
		expect(pairsIn('最后我们还谈到了边缘计算edge computing和量子纠错quantum error correction。')).toEqual([
			['边缘计算', 'edge computing'],
			['量子纠错', 'quantum error correction']
		]);
		// A name, or English the Chinese before it does not render, is no pair.
		expect(pairsIn('我们通过Zoom连线,再用token计费,最后用prompt引导模型。')).toEqual([]);
		// Nor English set off by a space that ends the clause, unless the dictionary agrees: the sentence uses it as
		// a loanword (a review of an import found 需要更多 ↔ token).
		expect(pairsIn('智能体(agent)会需要更多 token。')).toEqual([['智能体', 'agent']]);
		expect(pairsIn('我们即将离开IT预算 IT budget。')).toEqual([['IT预算', 'IT budget']]);
	});

	it('starts no Chinese side with a particle, and keeps a Latin word before it that the English has', () => {
		expect(pairsIn('我们用的是开源的大语言模型(LLM)。')).toEqual([['大语言模型', 'LLM']]);
		expect(pairsIn('这就是 AI 工厂(AI factory)。')).toEqual([['AI 工厂', 'AI factory']]);
		expect(pairsIn('我们在建AI工厂(AI factory)。')).toEqual([['AI工厂', 'AI factory']]);
	});

	it('finds English with its Chinese in brackets, and Chinese with quoted English when the dictionary agrees', () => {
		expect(pairsIn('1、Arab AI and the Chip Diffusion Rule(阿拉伯AI产业与芯片扩散规则)')).toEqual([
			['阿拉伯AI产业与芯片扩散规则', 'Arab AI and the Chip Diffusion Rule']
		]);
		expect(pairsIn('美国的芯片禁运“chip embargo”越来越严')).toEqual([['芯片禁运', 'chip embargo']]);
		expect(pairsIn('他们不是“Chinese AI researchers”,是“world-class AI researchers”。')).toEqual([]);
	});

	it('finds where the Chinese side starts from the dictionary senses', () => {
		expect(pairsIn('也把公司转型为数据中心级的企业data center scale company,提供平台')).toEqual([
			['数据中心级的企业', 'data center scale company']
		]);
		expect(pairsIn('提供首个“完全集成、又可拆分协作work together, but disintegrated”的技术栈')).toEqual([
			['可拆分协作', 'work together, but disintegrated']
		]);
		expect(pairsIn('AI 是全栈的full stack thing,这也是原因')).toEqual([['全栈', 'full stack thing']]);
	});

	it('leaves names where English alone stands', () => {
		expect(
			pairsIn(
				'之前我们都是通过Zoom连线。',
				'老黄,欢迎再次做客 Stratechery。',
				'而且还不包括 OpenAI。',
				'阿布扎比的 Sheik Tahnoun 同样前瞻。'
			)
		).toEqual([]);
	});

	it('lists each Chinese side once, where it first appears', () => {
		const pairs = findPairs(
			[
				{ id: 'p1', text: '干热dry heat，对吧？' },
				{ id: 'p2', text: '对，是干热dry heat。' }
			],
			cedict
		);
		expect(pairs).toEqual<BilingualPair[]>([{ zh: '干热', en: 'dry heat', paragraphId: 'p1', index: 0 }]);
	});
});

/**
 * The built-in article's pairs, read off its source by hand: entries of its hand-made vocabulary whose
 * Chinese stands right next to an English rendering in the text (with brackets, quotes, 的 or 里 between).
 */
const ARTICLE_PAIRS = [
	'阿拉伯AI产业与芯片扩散规则',
	'Nvidia 与中国',
	'AI 驱动 GDP 增长',
	'Dynamo 与 Nvidia 全栈方案',
	'企业级AI 与务实主义',
	'游戏业务何去何从',
	'Nvidia全栈解决方案',
	'数据中心级的企业',
	'可拆分协作',
	'token处理量',
	'干热',
	'AI 扩散规则',
	'全栈',
	'做得很棒',
	'采用',
	'IT预算',
	'制造预算',
	'token制造系统'
];

/** Pairs of the text that are no longer deck entries (part titles not in this edition, a merged entry). */
const PAIRS_OUTSIDE_THE_DECK: Record<string, string[]> = {
	'Dynamo 与 Nvidia 全栈方案': ['Dynamo and Full-Stack Nvidia'],
	'企业级AI 与务实主义': ['Enterprise AI and Pragmatism'],
	游戏业务何去何从: ['Whither Gaming'],
	Nvidia全栈解决方案: ['full-stack Nvidia solution']
};

/** Deck entries whose English is a better gloss than the rendering the text gives beside them. */
const RENDERED_OTHERWISE_IN_THE_TEXT: Record<string, string[]> = {
	可拆分协作: ['work together, but disintegrated']
};

const comparable = (en: string) => en.toLowerCase().replace(/^the /, '').replace(/s$/, '');

describe('pairs of the built-in article', () => {
	const vocab = parseYaml(readFileSync(`${ARTICLE_DIR}/vocab.yaml`, 'utf8')) as {
		zh: string;
		en: string;
		match?: string[];
	}[];
	const gold = ARTICLE_PAIRS.map((zh) => {
		const entry = vocab.find((candidate) => candidate.zh === zh);
		const forms = entry ? [entry.en, ...(entry.match ?? [])].map(String) : (PAIRS_OUTSIDE_THE_DECK[zh] ?? []);
		return { zh, forms: [...forms, ...(RENDERED_OTHERWISE_IN_THE_TEXT[zh] ?? [])] };
	});

	it('takes its gold pairs from the vocabulary', () => {
		for (const entry of gold) expect(entry.forms, entry.zh).not.toEqual([]);
	});

	it('finds them with high precision and recall', () => {
		const prepared = prepareImport({ kind: 'text', text: readFileSync(`${ARTICLE_DIR}/source.txt`, 'utf8') });
		if ('code' in prepared) throw new Error(prepared.code);
		const paragraphs = prepared.draft.cards.flatMap((card) => card.paragraphs.map(({ id, text }) => ({ id, text })));
		const found = findPairs(paragraphs, cedict);
		const sameZh = found.filter((pair) => gold.some((entry) => entry.zh === pair.zh));
		const bothSides = sameZh.filter((pair) =>
			gold.some((entry) => entry.zh === pair.zh && entry.forms.some((form) => comparable(form) === comparable(pair.en)))
		);
		// Measured: 17 of 18 found share the vocabulary's Chinese side (制造预算或运营开支 is the text's whole
		// phrase where the vocabulary took 制造预算), and 16 of 18 both sides (采用 keeps the text's longer English).
		expect(sameZh.length / found.length).toBeGreaterThanOrEqual(0.9);
		expect(sameZh.length / gold.length).toBeGreaterThanOrEqual(0.9);
		expect(bothSides.length / gold.length).toBeGreaterThanOrEqual(0.85);
	});
});
