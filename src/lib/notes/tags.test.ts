import { describe, expect, it } from 'vitest';
import { allTags, hasTag, MAX_TAG_LENGTH, MAX_TAGS, parseTags } from './tags.ts';

describe('highlight tags', () => {
	it('split on commas, semicolons and spaces of either width, drop a leading # and repeats', () => {
		expect(parseTags(' #芯片, policy；待查 、AI ai  ＃政策 ,, ')).toEqual({
			ok: true,
			tags: ['芯片', 'policy', '待查', 'AI', '政策']
		});
		expect(parseTags('  ')).toEqual({ ok: true, tags: [] });
	});

	it('refuse a tag too long or too many tags, never cutting them', () => {
		const long = '长'.repeat(MAX_TAG_LENGTH + 1);
		expect(parseTags(`ok ${long}`)).toEqual({ ok: false, problem: 'too-long', tag: long });
		expect(parseTags('长'.repeat(MAX_TAG_LENGTH))).toMatchObject({ ok: true });
		const many = Array.from({ length: MAX_TAGS + 1 }, (_, i) => `t${i}`).join(' ');
		expect(parseTags(many)).toEqual({ ok: false, problem: 'too-many' });
	});

	it('list every tag in use once, and match them without case', () => {
		expect(allTags([['policy', 'AI'], undefined, ['ai', 'chips']], 'en')).toEqual(['AI', 'chips', 'policy']);
		expect(hasTag(['Policy'], 'policy')).toBe(true);
		expect(hasTag(undefined, 'policy')).toBe(false);
	});
});
