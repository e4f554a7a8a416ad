import { describe, expect, it } from 'vitest';
import { rubyFor } from './ruby.ts';
import type { Token } from './segment.ts';
import { seedParagraphs } from './testFixtures.ts';

const zh = (s: string): Token => ({ s, k: 'zh' });
const en = (s: string): Token => ({ s, k: 'en' });
const p = (s: string): Token => ({ s, k: 'p' });

describe('rubyFor', () => {
	it('gives one syllable per character of each Chinese token and null for the rest', () => {
		expect(rubyFor([zh('中国'), zh('的'), en('AI'), p(','), zh('芯片')])).toEqual([
			['zhōng', 'guó'],
			['de'],
			null,
			null,
			['xīn', 'piàn']
		]);
	});

	it('chooses polyphone readings from the context', () => {
		expect(rubyFor([zh('银行'), zh('行动')])).toEqual([
			['yín', 'háng'],
			['xíng', 'dòng']
		]);
		expect(rubyFor([zh('了解'), zh('了')])).toEqual([['liǎo', 'jiě'], ['le']]);
		expect(rubyFor([zh('增长'), zh('很'), zh('长')])[0]).toEqual(['zēng', 'zhǎng']);
	});

	it('keeps citation tones unless asked for 一 and 不 sandhi', () => {
		expect(rubyFor([zh('一律'), zh('不'), zh('对')])).toEqual([['yī', 'lǜ'], ['bù'], ['duì']]);
		expect(rubyFor([zh('一律'), zh('不'), zh('对')], { toneSandhi: true })).toEqual([['yí', 'lǜ'], ['bú'], ['duì']]);
	});

	it('stays aligned after English, spaces and characters it cannot read', () => {
		expect(rubyFor([zh('𠀀好'), p(' '), en('H20'), p(' '), zh('芯片')])).toEqual([
			['', 'hǎo'],
			null,
			null,
			null,
			['xīn', 'piàn']
		]);
	});

	it('returns nothing for no tokens', () => {
		expect(rubyFor([])).toEqual([]);
	});
});

describe('rubyFor with dictionary readings', () => {
	const readings: Record<string, string[]> = {
		作为: ['zuò wéi'],
		美国人: ['Měi guó rén'],
		一律: ['yī lǜ'],
		清楚: ['qīng chu'],
		活儿: ['huó r'],
		还是: ['hái shi', 'huán shì']
	};
	const dictionaryReadings = (word: string) => readings[word];

	it('takes an unambiguous dictionary reading over a contextual misreading', () => {
		// The rest of the seed paragraph is what leads pinyin-pro astray; as one token it still gives context.
		const paragraph = seedParagraphs().find((text) => text.startsWith('作为美国人,')) ?? '';
		const tokens = [zh('作为'), zh('美国人'), p(paragraph.slice('作为美国人'.length))];
		expect(rubyFor(tokens)[0]).toEqual(['zuò', 'wèi']);
		expect(rubyFor(tokens, { dictionaryReadings }).slice(0, 2)).toEqual([
			['zuò', 'wéi'],
			['měi', 'guó', 'rén']
		]);
		expect(rubyFor([zh('活儿')], { dictionaryReadings })).toEqual([['huó', 'r']]);
	});

	it('keeps the contextual reading when the dictionary is ambiguous or silent', () => {
		expect(rubyFor([zh('还是'), zh('了')], { dictionaryReadings })).toEqual([['hái', 'shì'], ['le']]);
		expect(rubyFor([zh('芯片')], { dictionaryReadings })).toEqual([['xīn', 'piàn']]);
	});

	it('lets sandhi win for words with 一 or 不 when asked for', () => {
		expect(rubyFor([zh('一律')], { dictionaryReadings, toneSandhi: true })).toEqual([['yí', 'lǜ']]);
		expect(rubyFor([zh('一律')], { dictionaryReadings })).toEqual([['yī', 'lǜ']]);
	});
});
