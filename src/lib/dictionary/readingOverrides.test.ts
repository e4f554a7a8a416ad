import { describe, expect, it } from 'vitest';
import { characterRule, type CharacterContext } from './readingOverrides.ts';

/** The rule's answer for the character marked 【】 in a text cut into tokens by '|'. */
function ruleFor(marked: string, reading = ''): string | undefined {
	const tokens = marked.split('|');
	const tokenIndex = tokens.findIndex((token) => token.includes('【'));
	const token = tokens[tokenIndex] ?? '';
	const [before = '', after = ''] = marked.replace(/\|/g, '').split(/【.】/u);
	const character = /【(.)】/u.exec(marked)?.[1] ?? '';
	const context: CharacterContext = {
		token: token.replace(/[【】]/g, ''),
		index: Array.from(token).indexOf('【'),
		before,
		after,
		previousToken: tokens[tokenIndex - 1] ?? '',
		reading
	};
	return characterRule(character)?.(context);
}

describe('characterRule', () => {
	it('has no rule for characters pinyin-pro reads well alone', () => {
		for (const character of '的了着还没都') expect(characterRule(character)).toBeUndefined();
	});

	it('leaves 得 at the start of a word and before 到 to pinyin-pro', () => {
		expect(ruleFor('【得】以|实现')).toBeUndefined();
		expect(ruleFor('我|【得】|到|了')).toBeUndefined();
		expect(ruleFor('大家|都|【得】|去')).toBe('děi');
		expect(ruleFor('说|【得】|对')).toBe('de');
	});

	it('keeps 只 the measure word only before a noun', () => {
		expect(ruleFor('两|【只】|手')).toBe('zhī');
		expect(ruleFor('这|【只】|是')).toBe('zhǐ');
	});

	it('reads 量 as a verb before what is measured', () => {
		expect(ruleFor('出货|【量】|很|大')).toBe('liàng');
		expect(ruleFor('先|【量】|一|下')).toBeUndefined();
	});

	it('reads 儿 as er-hua after 这, 那, 哪 and inside a phrase, and leaves a word-initial 儿 alone', () => {
		expect(ruleFor('在|这|【儿】')).toBe('r');
		expect(ruleFor('门【儿】清', 'ér')).toBe('r');
		expect(ruleFor('【儿】童', 'ér')).toBeUndefined();
	});

	it('reads 为 as wéi in 以 X 为 Y but not after 可以, and as wèi alone elsewhere', () => {
		expect(ruleFor('以|客户|【为】|中心')).toBe('wéi');
		expect(ruleFor('可以|【为】|你|做')).toBe('wèi');
		expect(ruleFor('转型|【为】|数据中心')).toBe('wéi');
	});
});
