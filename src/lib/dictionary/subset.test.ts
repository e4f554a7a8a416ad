import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCedict, type CedictLookup } from './cedict.ts';
import type { SubsetDictionary } from './lookup.ts';
import { segment } from './segment.ts';
import {
	DECK_TERM_ZIPF,
	MAX_DEFINITIONS_PER_READING,
	buildSubset,
	compactReadings,
	createWordMatcher,
	segmentWith,
	type DeckTerm
} from './subset.ts';
import { seedParagraphs } from './testFixtures.ts';

const DECK: DeckTerm[] = [
	{ zh: '数据中心' },
	{ zh: '老黄' },
	{ zh: '阿笨' },
	{ zh: '务实主义' },
	{ zh: '云服务商' },
	{ zh: '英伟达' },
	{ zh: '供应链' }
];
const GZIP_BUDGET_BYTES = 150 * 1024;

let cedict: CedictLookup;
let paragraphs: string[];
let subset: SubsetDictionary;

beforeAll(async () => {
	cedict = await loadCedict();
	paragraphs = seedParagraphs();
	subset = buildSubset(paragraphs, DECK, cedict);
});

function wordTokens(texts: readonly string[]): string[] {
	const { isWord, maxLength } = createWordMatcher(cedict, DECK);
	return texts.flatMap((text) =>
		segment(text, isWord, maxLength)
			.filter((token) => token.k === 'zh')
			.map((token) => token.s)
	);
}

function hanCharacters(texts: readonly string[]): string[] {
	return texts.flatMap((text) => Array.from(text.matchAll(/\p{Script=Han}/gu), ([character]) => character));
}

describe('buildSubset on the seed article', () => {
	it('has an entry for every word token, and each has a reading', () => {
		const missing = wordTokens(paragraphs).filter((word) => !Object.hasOwn(subset, word));
		expect(missing).toEqual([]);
		for (const word of wordTokens(paragraphs)) expect(subset[word]?.length).toBeGreaterThan(0);
	});

	it('ships exactly the word tokens, the Han characters and the deck terms', () => {
		const expected = new Set([...wordTokens(paragraphs), ...hanCharacters(paragraphs), ...DECK.map((term) => term.zh)]);
		expect(new Set(Object.keys(subset))).toEqual(expected);
		expect(Object.keys(subset)).toEqual([...expected].sort());
	});

	it('fits the gzip budget', () => {
		const json = JSON.stringify(subset);
		const gzipBytes = gzipSync(json).length;
		const keys = Object.keys(subset);
		const singleCharacters = keys.filter((key) => Array.from(key).length === 1).length;
		console.info(
			`subset: ${keys.length} keys (${keys.length - singleCharacters} words, ${singleCharacters} characters), ` +
				`${(json.length / 1024).toFixed(1)} KB raw (${(Buffer.byteLength(json) / 1024).toFixed(1)} KB UTF-8), ` +
				`${(gzipBytes / 1024).toFixed(1)} KB gzip`
		);
		expect(gzipBytes).toBeLessThan(GZIP_BUDGET_BYTES);
	});

	it('survives a JSON round trip unchanged', () => {
		expect(JSON.parse(JSON.stringify(subset))).toEqual(subset);
	});

	it('gives CEDICT words tone-marked pinyin and definitions', () => {
		expect(subset['芯片']?.[0]?.[0]).toBe('xīn piàn');
		expect(subset['芯片']?.[0]?.length).toBeGreaterThan(1);
		expect(subset['贸易逆差']).toEqual([['mào yì nì chā', 'trade deficit', 'adverse trade balance']]);
		expect(subset['英伟达']?.[0]?.[0]).toBe('Yīng wěi dá');
	});

	it('gives deck terms CEDICT lacks pinyin-pro pinyin and no definitions', () => {
		expect(subset['老黄']).toEqual([['lǎo huáng']]);
		expect(subset['数据中心']).toEqual([['shù jù zhōng xīn']]);
	});

	it('trims readings and definitions', () => {
		for (const readings of Object.values(subset)) {
			for (const [, ...definitions] of readings)
				expect(definitions.length).toBeLessThanOrEqual(MAX_DEFINITIONS_PER_READING);
		}
		const wei = subset['为'];
		expect(wei?.map(([pinyin]) => pinyin)).toEqual(['wéi', 'wèi']);
		expect(wei?.flat().some((text) => text.includes('variant of'))).toBe(false);
		expect(subset['中']?.map(([pinyin]) => pinyin)).toEqual(['zhōng', 'zhòng', 'Zhōng']);
		expect(subset['和']?.some(([pinyin]) => pinyin === 'Hé')).toBe(false);
	});

	it('with nestedWords also ships the words hidden inside longer tokens', () => {
		const withNested = buildSubset(paragraphs, DECK, cedict, { nestedWords: true });
		expect(Object.keys(withNested)).toEqual(expect.arrayContaining(Object.keys(subset)));
		expect(Object.hasOwn(subset, '贸易')).toBe(false);
		expect(withNested['贸易']?.[0]?.[0]).toBe('mào yì');
		const gzipKilobytes = gzipSync(JSON.stringify(withNested)).length / 1024;
		console.info(
			`subset with nested words: ${Object.keys(withNested).length} keys, ${gzipKilobytes.toFixed(1)} KB gzip`
		);
	});
});

describe('buildSubset on small input', () => {
	it('keys only what the text and deck hold, and reads unknown characters as nothing', () => {
		const small = buildSubset(['我们,AI 𠀀'], [{ zh: 'AI芯片' }], cedict);
		expect(Object.keys(small).sort()).toEqual(['AI芯片', '们', '我', '我们', '𠀀'].sort());
		expect(small['𠀀']).toEqual([]);
		expect(small['AI芯片']).toEqual([['AI xīn piàn']]);
	});
});

describe('compactReadings', () => {
	it('keeps pointer-only or surname-only readings when nothing else is there', () => {
		expect(compactReadings([{ pinyin: 'Zhāng', definitions: ['surname Zhang'] }])).toEqual([
			['Zhāng', 'surname Zhang']
		]);
		expect(compactReadings([{ pinyin: 'yà', definitions: ['Japanese variant of 亚'] }])).toEqual([
			['yà', 'Japanese variant of 亚']
		]);
	});

	it('drops them next to a reading with content, and keeps senses that only mention a variant', () => {
		expect(
			compactReadings([
				{ pinyin: 'Lǐ', definitions: ['Li (surname)'] },
				{
					pinyin: 'liǎo',
					definitions: ['to finish', 'to understand clearly (variant of 了[liǎo])', 'old variant of 了[liǎo]']
				}
			])
		).toEqual([['liǎo', 'to finish', 'to understand clearly (variant of 了[liǎo])']]);
	});
});

describe('createWordMatcher with word frequencies', () => {
	const figures: Record<string, number> = { 中国: 5.9, 会: 5.9, 中: 5.5, 国: 5.0, 老: 5.3, 黄: 4.4, 国会: 3.5 };
	const counted = () => ({
		has: (word: string) => cedict.has(word),
		get: (word: string) => cedict.get(word),
		maxWordLength: cedict.maxWordLength,
		wordCount: cedict.wordCount,
		commonness: (word: string) => figures[word]
	});
	const cut = (text: string, deck: DeckTerm[]) =>
		segmentWith(text, createWordMatcher(counted(), deck))
			.filter((token) => token.k === 'zh')
			.map((token) => token.s);

	it('counts a deck term as common, so the text’s own vocabulary comes out whole', () => {
		const matcher = createWordMatcher(counted(), [{ zh: '老黄' }, { zh: '国会' }]);
		expect(matcher.commonness?.('老黄')).toBe(DECK_TERM_ZIPF);
		expect(matcher.commonness?.('国会')).toBe(DECK_TERM_ZIPF);
		expect(matcher.commonness?.('中国')).toBe(5.9);
		expect(cut('老黄说', [{ zh: '老黄' }])).toEqual(['老黄', '说']);
	});

	it('never lets a deck term pull a character out of a commoner word beside it', () => {
		expect(cut('中国会', [{ zh: '国会' }])).toEqual(['中国', '会']);
	});

	it('has no frequencies when the dictionary has none', () => {
		expect(createWordMatcher(cedict, DECK).commonness).toBeUndefined();
	});
});
