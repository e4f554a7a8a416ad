import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { loadCedict, type RawData, type RawEntry } from './cedict.ts';
import { buildFullDictionaryText, fullDictionaryEntries, parseJiebaCounts, zipf } from './fullBuild.ts';
import { parseFullDictionary, serialiseFullDictionary, type FullDictionary } from './fullFormat.ts';
import { compactReadings } from './subset.ts';

const entry = (traditional: string, simplified: string, pinyin: string, ...definitions: string[]): RawEntry => [
	traditional,
	simplified,
	pinyin,
	definitions,
	[],
	[]
];

const raw: RawData = {
	all: [
		entry('乾', '干', 'gan1', 'dry'),
		entry('幹', '干', 'gan4', 'to do'),
		entry('乾', '乾', 'qian2', 'heaven'),
		entry('數據', '数据', 'shu4 ju4', 'data'),
		entry('臺灣', '台湾', 'Tai2 wan1', 'Taiwan'),
		entry('台灣', '台湾', 'Tai2 wan1', 'variant of 臺灣|台湾[Tai2 wan1]'),
		entry('華', '华', 'Hua4', 'surname Hua'),
		entry('華', '华', 'hua2', 'magnificent')
	],
	variantLookup: []
};

const counts = new Map([
	['干', 900],
	['乾', 100],
	['数据', 1000],
	['台湾', 500],
	['华', 10]
]);

const readingsOf = (word: string) => fullDictionaryEntries(raw, counts).find((e) => e.word === word)?.readings;

describe('fullDictionaryEntries', () => {
	it('gives a traditional headword the entries it heads, not all of its simplified form’s', () => {
		expect(readingsOf('乾')).toEqual([
			['gān', 'dry'],
			['qián', 'heaven']
		]);
		expect(readingsOf('干')).toEqual([
			['gān', 'dry'],
			['gàn', 'to do']
		]);
		// 幹 reads exactly like none of the simplified headwords, so it has a line of its own.
		expect(readingsOf('幹')).toEqual([['gàn', 'to do']]);
	});

	it('writes a traditional form that reads exactly like its simplified form as an alias of it', () => {
		const entries = fullDictionaryEntries(raw, counts);
		expect(entries.find((e) => e.word === '数据')?.aliases).toEqual(['數據']);
		expect(entries.some((e) => e.word === '數據')).toBe(false);
	});

	it('lets a traditional spelling that CEDICT only points from mean what its simplified form means', () => {
		const dictionary = parseFullDictionary(serialiseFullDictionary(fullDictionaryEntries(raw, counts)));
		expect(dictionary.get('台灣')).toEqual([{ pinyin: 'Tái wān', definitions: ['Taiwan'] }]);
		expect(dictionary.get('臺灣')).toEqual(dictionary.get('台湾'));
	});

	it('trims readings as the shipped subset does: a surname-only reading goes when another has content', () => {
		expect(readingsOf('华')).toEqual([['huá', 'magnificent']]);
	});

	it('gives a Zipf-like commonness, a traditional form its simplified form’s when that is larger', () => {
		const total = 900 + 100 + 1000 + 500 + 10;
		const dictionary = parseFullDictionary(serialiseFullDictionary(fullDictionaryEntries(raw, counts)));
		expect(dictionary.commonness('数据')).toBe(zipf(1000, total));
		expect(dictionary.commonness('數據')).toBe(zipf(1000, total));
		// 乾 heads an entry of 干, which jieba counts 900 times.
		expect(dictionary.commonness('乾')).toBe(zipf(900, total));
		expect(dictionary.commonness('华')! < dictionary.commonness('数据')!).toBe(true);
	});
});

describe('parseJiebaCounts and zipf', () => {
	it('reads jieba’s `word count tag` lines, skipping what is not one', () => {
		const parsed = parseJiebaCounts('数据 5232 n\n\n坏行\n的 318825 uj\n数据 10 n\r\n');
		expect([...parsed]).toEqual([
			['数据', 5232],
			['的', 318825]
		]);
	});

	it('puts a word once in a million words at 3', () => {
		expect(zipf(60, 60_000_000)).toBe(3);
		expect(zipf(318_825, 60_101_964)).toBe(6.7);
	});
});

describe('the real full dictionary', () => {
	let text: string;
	let dictionary: FullDictionary;
	beforeAll(async () => {
		text = await buildFullDictionaryText();
		dictionary = parseFullDictionary(text);
	}, 60_000);

	it('has every simplified and traditional headword of the package, trimmed as compactReadings trims', async () => {
		const cedict = await loadCedict();
		expect(dictionary.wordCount).toBeGreaterThan(cedict.wordCount + 50_000);
		for (const word of ['数据', '中心', '芯片', '台积电', '人工智能', '中', '行', '的', '了'])
			expect(dictionary.get(word), word).toEqual(
				compactReadings(cedict.get(word) ?? []).map(([pinyin, ...definitions]) => ({ pinyin, definitions }))
			);
	});

	it('reads traditional text', () => {
		for (const word of ['數據', '晶片', '台積電', '人工智慧', '這個', '們'])
			expect(dictionary.get(word)?.length ?? 0, word).toBeGreaterThan(0);
		expect(dictionary.get('數據')?.[0]?.pinyin).toBe('shù jù');
		expect(dictionary.get('這個')?.[0]?.pinyin).toBe('zhè ge');
	});

	it('ranks everyday words above specialist ones', () => {
		const order = ['的', '数据', '芯片', '光刻机'].map((word) => dictionary.commonness(word) ?? 0);
		expect(order).toEqual([...order].sort((a, b) => b - a));
		expect(dictionary.commonness('的')).toBeGreaterThan(6);
	});

	// A second whole build: about 3 s alone, more on a machine that is busy, so not held to the 5 s default.
	it('comes out byte for byte the same from the same packages, and gzips to under 4 MB', async () => {
		expect(await buildFullDictionaryText()).toBe(text);
		expect(gzipSync(text).length).toBeLessThan(4 * 1024 * 1024);
	}, 60_000);
});
