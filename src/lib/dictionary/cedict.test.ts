import { beforeAll, describe, expect, it } from 'vitest';
import { CEDICT_CREDIT, loadCedict, type CedictLookup } from './cedict.ts';

let cedict: CedictLookup;

beforeAll(async () => {
	cedict = await loadCedict();
});

describe('loadCedict', () => {
	it('loads the whole simplified dictionary', () => {
		expect(cedict.wordCount).toBeGreaterThan(100_000);
		expect(cedict.maxWordLength).toBeGreaterThanOrEqual(10);
	});

	it('returns tone-marked readings with their definitions', () => {
		expect(cedict.get('数据')).toEqual([{ pinyin: 'shù jù', definitions: ['data'] }]);
		expect(cedict.get('英伟达')?.[0]?.pinyin).toBe('Yīng wěi dá');
		expect(cedict.get('女')?.map((sense) => sense.pinyin)).toEqual(['nǚ', 'rǔ']);
	});

	it('merges entries that share a reading and keeps readings apart', () => {
		const wei = cedict.get('为');
		expect(wei?.map((sense) => sense.pinyin)).toEqual(['wéi', 'wèi']);
		expect(wei?.[0]?.definitions).toContain('to serve as');
		expect(wei?.[0]?.definitions).toContain('variant of 为[wéi]');
		expect(cedict.get('了')?.map((sense) => sense.pinyin)).toEqual(['le', 'liǎo', 'liào']);
	});

	it('writes cross-references in simplified with tone marks', () => {
		const liao = cedict.get('了')?.find((sense) => sense.pinyin === 'liǎo');
		expect(liao?.definitions.some((definition) => definition.includes('忘不了[wàng bu liǎo]'))).toBe(true);
		expect(liao?.definitions.join('/')).not.toMatch(/[a-z]\d/);
	});

	it('knows words and answers nothing for the rest', () => {
		expect(cedict.has('供应链')).toBe(true);
		expect(cedict.has('数据中心')).toBe(false);
		expect(cedict.get('数据中心')).toBeUndefined();
		expect(cedict.has('constructor')).toBe(false);
	});

	it('loads only once per process', async () => {
		expect(await loadCedict()).toBe(cedict);
	});
});

describe('CEDICT_CREDIT', () => {
	it('names the source, the rights holder and the licence', () => {
		expect(CEDICT_CREDIT).toContain('CC-CEDICT');
		expect(CEDICT_CREDIT).toContain('MDBG');
		expect(CEDICT_CREDIT).toContain('CC BY-SA 4.0');
	});
});
