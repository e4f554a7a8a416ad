import { describe, expect, it } from 'vitest';
import { readingsFromSubset, rubyFor } from './ruby.ts';
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

describe('rubyFor in context', () => {
	const readings: Record<string, string[]> = {
		都会: ['dū huì'],
		到了: ['dào liǎo'],
		在那儿: ['zài na r'],
		那儿: ['nà r'],
		得到: ['dé dào'],
		以下: ['yǐ xià'],
		使命: ['shǐ mìng'],
		处理: ['chǔ lǐ'],
		我们: ['wǒ men'],
		你们: ['nǐ men']
	};
	const dictionaryReadings = (word: string) => readings[word];
	/** Words split by '|'; returns the syllables of the character marked 【】 (marks are not part of the text). */
	function readingOf(marked: string): string | undefined {
		const words = marked.replace(/[【】]/g, '').split('|');
		const target = Array.from(marked.replace(/\|/g, '')).indexOf('【');
		return rubyFor(words.map(zh), { dictionaryReadings }).flatMap((reading) => reading ?? [])[target];
	}

	it('reads 得 as the complement particle after a verb or adjective and as "must" after a subject or 就', () => {
		expect(readingOf('大|【得】|多')).toBe('de');
		expect(readingOf('看|【得】|更|清楚')).toBe('de');
		expect(readingOf('跑|【得】|更|快')).toBe('de');
		expect(readingOf('做【得】很棒')).toBe('de');
		expect(readingOf('你们|【得】|飞快|补上')).toBe('děi');
		expect(readingOf('要|赢|就|【得】|把|对方')).toBe('děi');
		expect(readingOf('他|【得】|到|了')).toBe('dé');
		expect(readingOf('【得】到')).toBe('dé');
	});

	it('reads the adverbs 只 将 都 还 and the particle 地 by their neighbours', () => {
		expect(readingOf('我们|【只】|做|了')).toBe('zhǐ');
		expect(readingOf('一|【只】|猫')).toBe('zhī');
		expect(readingOf('这|一点|【将】|更加')).toBe('jiāng');
		expect(readingOf('每天|【都】|如此')).toBe('dōu');
		expect(readingOf('我|【还】|觉得')).toBe('hái');
		expect(readingOf('亲切|【地】|称呼')).toBe('de');
		expect(readingOf('这|块|【地】')).toBe('dì');
	});

	it('reads 为 as "to be, as" after 以…, 称呼他 and 以下, and as "for" elsewhere', () => {
		expect(readingOf('以下|【为】|本次')).toBe('wéi');
		expect(readingOf('称呼|他|【为】|阿笨')).toBe('wéi');
		expect(readingOf('以|限制|他国|【为】|使命')).toBe('wéi');
		expect(readingOf('能|【为】|美国|创造')).toBe('wèi');
	});

	it('reads 量 ending a noun as an amount and 供 alone as "provide"', () => {
		expect(readingOf('处理【量】')).toBe('liàng');
		expect(readingOf('处理|【量】')).toBe('liàng');
		expect(readingOf('【供】|人|使用')).toBe('gōng');
	});

	it('does not take the lexicalised readings of 都会, 到了 and 在那儿 for what are two words in the text', () => {
		expect(rubyFor([zh('我们'), zh('都会'), zh('来')], { dictionaryReadings })[1]).toEqual(['dōu', 'huì']);
		expect(rubyFor([zh('到了'), zh('明年')], { dictionaryReadings })[0]).toEqual(['dào', 'le']);
		expect(rubyFor([zh('在那儿'), zh('可能')], { dictionaryReadings })[0]).toEqual(['zài', 'nà', 'r']);
	});

	it('reads er-hua 儿 as the r of the syllable before it', () => {
		expect(rubyFor([zh('门儿清')])).toEqual([['mén', 'r', 'qīng']]);
		expect(rubyFor([zh('那儿')], { dictionaryReadings })).toEqual([['nà', 'r']]);
	});

	it('leaves the characters of a dictionary word to the dictionary', () => {
		expect(rubyFor([zh('得到')], { dictionaryReadings })).toEqual([['dé', 'dào']]);
		expect(rubyFor([zh('以下'), zh('为')], { dictionaryReadings })).toEqual([['yǐ', 'xià'], ['wéi']]);
	});

	it('does not read 可以为 or 所以为 as 以 X 为', () => {
		expect(readingOf('可以|【为】|大家|服务')).toBe('wèi');
		expect(readingOf('以|客户|【为】|中心')).toBe('wéi');
		expect(readingOf('这|【只】|是|开始')).toBe('zhǐ');
	});
});

describe('readingsFromSubset', () => {
	it('keeps CC-CEDICT readings and drops the stand-in reading of a word it lacks', () => {
		const readings = readingsFromSubset({
			还是: [
				['hái shi', 'still'],
				['huán shì', 'to return']
			],
			处理量: [['chǔ lǐ liáng']]
		});
		expect(readings('还是')).toEqual(['hái shi', 'huán shì']);
		expect(readings('处理量')).toEqual([]);
		expect(readings('芯片')).toBeUndefined();
	});
});
