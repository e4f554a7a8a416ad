import { describe, expect, it } from 'vitest';
import {
	FULL_DICTIONARY_HEADER,
	FullDictionaryFormatError,
	parseFullDictionary,
	serialiseFullDictionary,
	type FullDictionaryEntry
} from './fullFormat.ts';

const entries: FullDictionaryEntry[] = [
	{
		word: '数',
		aliases: ['數'],
		commonness: 5.1,
		readings: [
			['shù', 'number'],
			['shǔ', 'to count']
		]
	},
	{ word: '据', aliases: ['據'], commonness: 4.8, readings: [['jù', 'according to']] },
	{ word: '数据', aliases: ['數據'], commonness: 4.9, readings: [['shù jù', 'data', 'numbers']] },
	{ word: '库', aliases: ['庫'], commonness: 4.0, readings: [['kù', 'warehouse']] },
	{ word: '数据库', aliases: ['數據庫'], commonness: 4.2, readings: [['shù jù kù', 'database']] },
	{ word: '数据中心', aliases: ['數據中心'], commonness: 3.1, readings: [['shù jù zhōng xīn', 'data center']] },
	// A reading the characters alone would not give: written out.
	{ word: '数落', aliases: ['數落'], commonness: undefined, readings: [['shǔ luo', 'to scold']] },
	// A traditional form with readings of its own (乾 is not 干's gàn), on its own line.
	{
		word: '干',
		aliases: [],
		commonness: 5.5,
		readings: [
			['gān', 'dry'],
			['gàn', 'to do']
		]
	},
	{
		word: '乾',
		aliases: [],
		commonness: 5.5,
		readings: [
			['qián', 'heaven'],
			['gān', 'dry']
		]
	},
	// A reading without definitions, and characters outside the BMP (two UTF-16 units each) in front-coded
	// headwords: 𠮶 and 𠮷 share their first unit, which must not be split off on its own.
	{ word: '\u{20BB6}', aliases: [], commonness: undefined, readings: [['xí']] },
	{ word: '𠮷', aliases: [], commonness: 1.2, readings: [['jí']] },
	{ word: '𠮷野家', aliases: [], commonness: 2.5, readings: [['Jí yě jiā', 'Yoshinoya']] },
	{ word: '𠮷野', aliases: [], commonness: undefined, readings: [['Jí yě', 'Yoshino']] }
];

/** Through UTF-8 bytes, as the file travels. */
const roundTrip = (list: readonly FullDictionaryEntry[]) =>
	parseFullDictionary(new TextDecoder().decode(new TextEncoder().encode(serialiseFullDictionary(list))));

describe('the full dictionary format', () => {
	it('gives back every headword, simplified and traditional, with its readings and commonness', () => {
		const dictionary = roundTrip(entries);
		for (const entry of entries) {
			const expected = entry.readings.map(([pinyin, ...definitions]) => ({ pinyin, definitions }));
			for (const word of [entry.word, ...entry.aliases]) {
				expect(dictionary.has(word), word).toBe(true);
				expect(dictionary.get(word), word).toEqual(expected);
				expect(dictionary.commonness(word), word).toBe(entry.commonness);
			}
		}
		expect(dictionary.wordCount).toBe(20);
		expect(dictionary.maxWordLength).toBe(4);
	});

	it('keeps a multi-reading word’s readings in order, and a traditional form’s own readings apart', () => {
		const dictionary = roundTrip(entries);
		expect(dictionary.get('數')?.map((sense) => sense.pinyin)).toEqual(['shù', 'shǔ']);
		expect(dictionary.get('乾')?.map((sense) => sense.pinyin)).toEqual(['qián', 'gān']);
		expect(dictionary.get('干')?.map((sense) => sense.pinyin)).toEqual(['gān', 'gàn']);
	});

	it('answers nothing for words it does not have, own properties included', () => {
		const dictionary = roundTrip(entries);
		for (const word of ['数字', 'constructor', '__proto__', ''])
			expect([dictionary.has(word), dictionary.get(word), dictionary.commonness(word)]).toEqual([
				false,
				undefined,
				undefined
			]);
	});

	it('writes the same bytes whatever the order it is given', () => {
		expect(serialiseFullDictionary([...entries].reverse())).toBe(serialiseFullDictionary(entries));
	});

	it('leaves out what can be worked out: shared prefixes, unchanged characters, pinyin the characters give', () => {
		const lines = serialiseFullDictionary(entries).split('\n');
		expect(lines[0]).toBe(FULL_DICTIONARY_HEADER);
		expect(lines).toContain('1据\t數據\t4.9\t/data/numbers');
		expect(lines).toContain('2中心\t數據..\t3.1\tshù jù zhōng xīn/data center');
		expect(lines).toContain('2库\t數據庫\t4.2\t/database');
		expect(lines).toContain('1落\t數.\t\tshǔ luo/to scold');
		expect(lines.at(-1)).toBe('');
	});

	it('refuses to write a value that would break the format', () => {
		const broken = (change: Partial<FullDictionaryEntry>) => () =>
			serialiseFullDictionary([{ ...entries[0], ...change } as FullDictionaryEntry]);
		expect(broken({ readings: [['shù', 'one/two']] })).toThrow(/cannot be written/);
		expect(broken({ word: '数\t' })).toThrow(/cannot be written/);
		expect(broken({ aliases: ['数 据'] })).toThrow(/cannot be written/);
		expect(broken({ readings: [] })).toThrow(/no reading/);
		expect(broken({ aliases: ['数'] })).toThrow(/its own alias/);
	});
});

describe('parsing a file that is not a good full dictionary', () => {
	const good = serialiseFullDictionary(entries);
	const damage = (change: (lines: string[]) => void) => {
		const lines = good.split('\n');
		change(lines);
		return () => parseFullDictionary(lines.join('\n'));
	};

	it('names a file of another kind', () => {
		expect(() => parseFullDictionary('<!doctype html><html></html>')).toThrow(FullDictionaryFormatError);
		expect(() => parseFullDictionary('<!doctype html><html></html>')).toThrow(/not a Duka dictionary file/);
		expect(() => parseFullDictionary('')).toThrow(/not a Duka dictionary file/);
	});

	it('names a file cut off mid-way', () => {
		expect(() => parseFullDictionary(good.slice(0, good.length - 20))).toThrow(/incomplete/);
	});

	it('names the damaged line', () => {
		expect(
			damage((lines) => {
				lines[5] = 'no tabs here';
			})
		).toThrow(/line 6 lacks a headword/);
		expect(
			damage((lines) => {
				const at = lines.findIndex((line) => line.includes('\t4.8\t'));
				lines[at] = `${lines[at]?.replace('\t4.8\t', '\toften\t')}`;
			})
		).toThrow(/line \d+ has a commonness "often"/);
		expect(
			damage((lines) => {
				lines[1] = `z${lines[1]?.slice(1)}`;
			})
		).toThrow(/line 2 has a headword that is not front-coded/);
		expect(
			damage((lines) => {
				lines.splice(2, 0, lines[1] ?? '');
			})
		).toThrow(/line 3 repeats/);
	});
});
