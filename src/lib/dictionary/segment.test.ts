import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCedict, type CedictLookup } from './cedict.ts';
import { readJiebaCounts, zipf } from './fullBuild.ts';
import { cutRun, isHan, segment, type Commonness, type Token } from './segment.ts';
import { SEED_FILE, normaliseSeed } from './testFixtures.ts';
/** Terms a deck of this article adds on top of CEDICT. */
const DECK_TERMS = ['数据中心', '老黄', '阿笨', '务实主义', '云服务商'];

let cedict: CedictLookup;
let isWord: (word: string) => boolean;
let commonness: Commonness;

beforeAll(async () => {
	cedict = await loadCedict();
	const deck = new Set(DECK_TERMS);
	isWord = (word) => cedict.has(word) || deck.has(word);
	// As the build gives them: jieba's frequencies for CEDICT's words.
	const counts = readJiebaCounts();
	const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
	commonness = (word) => {
		const count = cedict.has(word) ? counts.get(word) : undefined;
		return count ? zipf(count, total) : undefined;
	};
});

function seg(text: string): Token[] {
	return segment(text, isWord, cedict.maxWordLength, commonness);
}

function zhWords(text: string): string[] {
	return seg(text)
		.filter((token) => token.k === 'zh')
		.map((token) => token.s);
}

describe('segment with a toy dictionary', () => {
	const toyWords = new Set(['中国', '中国人', '人民', '数据', '数据中心', '中心']);
	const toy = (text: string) => segment(text, (word) => toyWords.has(word), 4);

	it('takes the longest word and leaves unknown characters alone', () => {
		expect(toy('中国人民')).toEqual([
			{ s: '中国', k: 'zh' },
			{ s: '人民', k: 'zh' }
		]);
		expect(toy('建数据中心')).toEqual([
			{ s: '建', k: 'zh' },
			{ s: '数据中心', k: 'zh' }
		]);
	});

	it('never splits a character outside the BMP', () => {
		expect(toy('𠀀中国')).toEqual([
			{ s: '𠀀', k: 'zh' },
			{ s: '中国', k: 'zh' }
		]);
	});

	it('returns nothing for empty text', () => {
		expect(toy('')).toEqual([]);
	});
});

describe('cutRun', () => {
	const words = new Set(['为数', '数据', '数据中心', '层面', '面的']);
	const cut = (text: string) => cutRun(Array.from(text), (word) => words.has(word), 4);

	it('without frequencies prefers fewer words over what forward matching grabs first', () => {
		expect(cut('为数据中心')).toEqual([1, 4]);
	});

	it('on equal word counts strands a particle rather than a bound character', () => {
		expect(cut('层面的')).toEqual([2, 1]);
	});

	it('takes the most probable path when words have frequencies', () => {
		const toy = new Set(['有', '机', '会', '有机', '机会']);
		const figures: Record<string, number> = { 有: 6.2, 机: 4.5, 会: 5.9, 有机: 4.6, 机会: 5.2 };
		const byFrequency = (text: string) =>
			cutRun(
				Array.from(text),
				(word) => toy.has(word),
				2,
				(word) => figures[word]
			);
		expect(byFrequency('有机会')).toEqual([1, 2]);
		// Without the figures the fewest words tie, and the longest first word is kept.
		expect(cutRun(Array.from('有机会'), (word) => toy.has(word), 2)).toEqual([2, 1]);
	});

	it('tries at most maxLength words at each position, so a long run takes linear time', () => {
		const run = Array.from('在台北市新建海外总部'.repeat(2000));
		let lookups = 0;
		const lengths = cutRun(
			run,
			(word) => {
				lookups++;
				return cedict.has(word);
			},
			cedict.maxWordLength,
			commonness
		);
		expect(lengths.reduce((sum, length) => sum + length, 0)).toBe(run.length);
		expect(lookups).toBeLessThanOrEqual(run.length * cedict.maxWordLength);
	});
});

describe('non-Han runs', () => {
	const none = (text: string) => segment(text, () => false, 4);

	it('keeps an English phrase whole with its hyphens and inner spaces', () => {
		expect(none('方案full-stack Nvidia solution”')).toEqual([
			{ s: '方', k: 'zh' },
			{ s: '案', k: 'zh' },
			{ s: 'full-stack Nvidia solution', k: 'en' },
			{ s: '”', k: 'p' }
		]);
	});

	it('moves spaces around an English word into punctuation tokens', () => {
		expect(none('上月 GTC 的')).toEqual([
			{ s: '上', k: 'zh' },
			{ s: '月', k: 'zh' },
			{ s: ' ', k: 'p' },
			{ s: 'GTC', k: 'en' },
			{ s: ' ', k: 'p' },
			{ s: '的', k: 'zh' }
		]);
	});

	it('reads letters with digits, plus and ampersand as English', () => {
		expect(none('H20').map((token) => token.k)).toEqual(['en']);
		expect(none('5G').map((token) => token.k)).toEqual(['en']);
		expect(none('C++ and R&D')).toEqual([{ s: 'C++ and R&D', k: 'en' }]);
		expect(none('AI+绿')[0]).toEqual({ s: 'AI+', k: 'en' });
		expect(none("Nvidia's Node.js")).toEqual([{ s: "Nvidia's Node.js", k: 'en' }]);
	});

	it('treats digits, dates and punctuation without letters as punctuation', () => {
		expect(none(':2025-05-20 19:58  ')).toEqual([{ s: ':2025-05-20 19:58  ', k: 'p' }]);
		expect(none('有50%是')[1]).toEqual({ s: '50%', k: 'p' });
	});

	it('ends an English run at a sentence full stop', () => {
		expect(none('AI. Then')).toEqual([
			{ s: 'AI', k: 'en' },
			{ s: '. ', k: 'p' },
			{ s: 'Then', k: 'en' }
		]);
	});

	it('splits English at commas and brackets', () => {
		expect(none('work together, but disintegrated').map((token) => token.s)).toEqual([
			'work together',
			', ',
			'but disintegrated'
		]);
	});
});

describe('segment on the seed article', () => {
	it('keeps compound terms whole', () => {
		expect(zhWords('未来会在中东建设规模庞大的数据中心')).toContain('数据中心');
		expect(zhWords('也把公司转型为数据中心级的企业')).toEqual([
			'也',
			'把',
			'公司',
			'转型',
			'为',
			'数据中心',
			'级',
			'的',
			'企业'
		]);
		expect(zhWords('构建供应链、扩展生态')).toContain('供应链');
		expect(zhWords('甚至可能缩小贸易逆差的理由')).toContain('贸易逆差');
		expect(zhWords('更重要的是:减少了英伟达的利润')).toContain('英伟达');
		expect(zhWords('以及打压包括华为在内的中国企业在中东地区的影响力')).toContain('华为');
		expect(zhWords('还说要在台北市新建Nvidia海外总部')).toContain('新建');
	});

	it('cuts whole sentences sensibly', () => {
		expect(zhWords('我们力图走在行业趋势前方')).toEqual(['我们', '力图', '走', '在', '行业', '趋势', '前方']);
		expect(zhWords('首先聚焦于政治层面的新难题')).toEqual(['首先', '聚焦', '于', '政治', '层面', '的', '新', '难题']);
		expect(zhWords('今天在台湾的听众')).toEqual(['今天', '在', '台湾', '的', '听众']);
		expect(zhWords('而是美国的超大型云服务商')).toEqual(['而是', '美国', '的', '超', '大型', '云服务商']);
	});

	it('weighs the whole sentence where longest matching cuts wrongly (issue: word boundaries)', () => {
		expect(zhWords('还说要在台北市新建')).toEqual(['还', '说', '要', '在', '台北市', '新建']);
		expect(zhWords('让美国公司有机会在中国竞争')).toEqual(['让', '美国', '公司', '有', '机会', '在', '中国', '竞争']);
		expect(zhWords('而今天则面向企业')).toEqual(['而', '今天', '则', '面向', '企业']);
		expect(zhWords('这听上去太反美国精神了')).toEqual(['这', '听上去', '太', '反', '美国', '精神', '了']);
		// A compound whose sense is not the text's gives way to the two common words it spans.
		expect(zhWords('你每次演讲结尾都会大谈机器人')).toContain('会');
		expect(zhWords('我们早就预见到了这一点')).toEqual(['我们', '早就', '预见', '到', '了', '这', '一点']);
	});

	it('separates English terms from the Chinese around them', () => {
		const tokens = seg('为此,我们讨论了为何“Nvidia全栈解决方案full-stack Nvidia solution”能最大化效用');
		expect(tokens.filter((token) => token.k === 'en').map((token) => token.s)).toEqual([
			'Nvidia',
			'full-stack Nvidia solution'
		]);
		expect(seg('而现在,我们即将离开 “IT预算 IT budget”。')).toEqual([
			{ s: '而', k: 'zh' },
			{ s: '现在', k: 'zh' },
			{ s: ',', k: 'p' },
			{ s: '我们', k: 'zh' },
			{ s: '即将', k: 'zh' },
			{ s: '离开', k: 'zh' },
			{ s: ' “', k: 'p' },
			{ s: 'IT', k: 'en' },
			{ s: '预算', k: 'zh' },
			{ s: ' ', k: 'p' },
			{ s: 'IT budget', k: 'en' },
			{ s: '”。', k: 'p' }
		]);
		const englishInRule = seg('Nvidia上周与沙特阿拉伯、阿联酋达成的合作、对中国 H20 芯片禁售')
			.filter((token) => token.k === 'en')
			.map((token) => token.s);
		expect(englishInRule).toEqual(['Nvidia', 'H20']);
	});

	it('gives back every paragraph of the article exactly', () => {
		const paragraphs = normaliseSeed(readFileSync(SEED_FILE, 'utf8')).split('\n');
		for (const paragraph of paragraphs) {
			expect(
				seg(paragraph)
					.map((token) => token.s)
					.join('')
			).toBe(paragraph);
		}
	});
});

describe('segment properties', () => {
	const pieces = [
		'中',
		'国',
		'人',
		'数',
		'据',
		'心',
		'𠀀',
		'A',
		'I',
		'é',
		'3',
		' ',
		'-',
		"'",
		'.',
		'+',
		'&',
		',',
		'。',
		'“',
		'\n',
		'\t'
	];
	const words = new Set(['中国', '中国人', '数据', '据心']);
	const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((parts) => parts.join(''));

	it('joins back to the input, with each token of the kind its characters say', () => {
		fc.assert(
			fc.property(text, (input) => {
				const tokens = segment(input, (word) => words.has(word), 3);
				expect(tokens.map((token) => token.s).join('')).toBe(input);
				tokens.forEach((token, index) => {
					expect(token.s.length).toBeGreaterThan(0);
					const characters = Array.from(token.s);
					if (token.k === 'zh') {
						expect(characters.every(isHan)).toBe(true);
						if (characters.length > 1) expect(words.has(token.s)).toBe(true);
					} else {
						expect(characters.some(isHan)).toBe(false);
					}
					if (token.k === 'en') {
						expect(token.s).toMatch(/^[0-9]*\p{Script=Latin}/u);
						expect(token.s).toMatch(/[\p{Script=Latin}0-9+]$/u);
					}
					if (token.k === 'p') {
						expect(token.s).not.toMatch(/\p{Script=Latin}/u);
						expect(tokens[index + 1]?.k).not.toBe('p');
					}
				});
			}),
			{ numRuns: 500 }
		);
	});
});
