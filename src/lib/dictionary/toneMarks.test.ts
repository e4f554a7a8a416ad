import { describe, expect, it } from 'vitest';
import { tidyDefinition, toneMarkPinyin, toneMarkSyllable, toneOf } from './toneMarks.ts';

describe('toneMarkPinyin', () => {
	it('marks each syllable of a reading', () => {
		expect(toneMarkPinyin('shu4 ju4')).toBe('shù jù');
		expect(toneMarkPinyin('Ying1 wei3 da2')).toBe('Yīng wěi dá');
		expect(toneMarkPinyin('gong1 ying4 lian4')).toBe('gōng yìng liàn');
	});

	it('puts the mark on a or e, on o in ou, otherwise on the last vowel', () => {
		expect(toneMarkSyllable('hao3')).toBe('hǎo');
		expect(toneMarkSyllable('xue2')).toBe('xué');
		expect(toneMarkSyllable('dou1')).toBe('dōu');
		expect(toneMarkSyllable('liu2')).toBe('liú');
		expect(toneMarkSyllable('gui4')).toBe('guì');
		expect(toneMarkSyllable('shuo1')).toBe('shuō');
		expect(toneMarkSyllable('er2')).toBe('ér');
	});

	it('spells ü from u: and v, keeping capitals', () => {
		expect(toneMarkSyllable('nu:3')).toBe('nǚ');
		expect(toneMarkSyllable('lv4')).toBe('lǜ');
		expect(toneMarkSyllable('Lu:3')).toBe('Lǚ');
		expect(toneMarkSyllable('lu:e4')).toBe('lüè');
		expect(toneMarkSyllable('nu:5')).toBe('nü');
		expect(toneMarkPinyin('yi1 lu:4')).toBe('yī lǜ');
	});

	it('leaves the neutral tone unmarked', () => {
		expect(toneMarkPinyin('qian2 bian5 r5')).toBe('qián bian r');
		expect(toneMarkSyllable('de5')).toBe('de');
		expect(toneMarkSyllable('ma0')).toBe('ma');
	});

	it('marks syllabic m and n', () => {
		expect(toneMarkSyllable('m2')).toBe('ḿ');
		expect(toneMarkSyllable('ng3')).toBe('ňg');
		expect(toneMarkSyllable('hm5')).toBe('hm');
	});

	it('passes letters and punctuation through', () => {
		expect(toneMarkPinyin('D V D')).toBe('D V D');
		expect(toneMarkPinyin('san1 D da3 yin4')).toBe('sān D dǎ yìn');
		expect(toneMarkPinyin('bu4 guan3 , zhuo1')).toBe('bù guǎn , zhuō');
		expect(toneMarkPinyin('Ka3 er3 · Ma3 ke4 si1')).toBe('Kǎ ěr · Mǎ kè sī');
	});
});

describe('tidyDefinition', () => {
	it('keeps the simplified side of cross-references and marks their tones', () => {
		expect(tidyDefinition('variant of 為|为[wei2]')).toBe('variant of 为[wéi]');
		expect(tidyDefinition('(used with 得[de2] or 不[bu4] after a verb)')).toBe(
			'(used with 得[dé] or 不[bù] after a verb)'
		);
		expect(tidyDefinition('a move in chess (Taiwan pr. [zhuo2])')).toBe('a move in chess (Taiwan pr. [zhuó])');
	});

	it('leaves plain definitions alone', () => {
		expect(tidyDefinition('data')).toBe('data');
		expect(tidyDefinition('NVIDIA, computer graphics card company')).toBe('NVIDIA, computer graphics card company');
	});
});

describe('toneOf', () => {
	it('reads the tone mark on any vowel, precomposed or combining', () => {
		expect(['zhōng', 'guó', 'hǎo', 'shì'].map(toneOf)).toEqual([1, 2, 3, 4]);
		expect(['ā', 'é', 'ǐ', 'ò', 'ū', 'ǖ', 'ǘ', 'ǚ', 'ǜ'].map(toneOf)).toEqual([1, 2, 3, 4, 1, 1, 2, 3, 4]);
		expect(['lüè', 'Ōu', 'ḿ', 'ňg', 'ê\u0304', 'zho\u0304ng'].map(toneOf)).toEqual([4, 1, 2, 3, 1, 1]);
	});

	it('takes a tone number at the end of the syllable', () => {
		expect(['zhong1', 'guo2', 'hao3', 'shi4', 'de5'].map(toneOf)).toEqual([1, 2, 3, 4, 5]);
	});

	it('gives the neutral tone to a syllable with no mark', () => {
		expect(['de', 'le', 'ma', 'r', 'lü', ''].map(toneOf)).toEqual([5, 5, 5, 5, 5, 5]);
	});

	it('reads back the tone that toneMarkSyllable writes', () => {
		for (const numbered of ['shu4', 'nu:3', 'lv4', 'zi5', 'ying1', 'm2', 'Ou1', 'xue2'])
			expect(toneOf(toneMarkSyllable(numbered)), numbered).toBe(Number(numbered.at(-1)));
	});
});
