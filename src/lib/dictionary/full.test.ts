import { describe, expect, it } from 'vitest';
import { fullDictionaryAsset, loadFullDictionary, FullDictionaryFormatError } from './full.ts';
import { serialiseFullDictionary } from './fullFormat.ts';
import { FULL_DICTIONARY_PATH } from './fullPlugin.ts';

const text = serialiseFullDictionary([
	{ word: '数据', aliases: ['數據'], commonness: 4.9, readings: [['shù jù', 'data']] }
]);
const asset = { url: '/_app/immutable/assets/cedict.0123456789.txt', bytes: new TextEncoder().encode(text).length };

describe('loadFullDictionary', () => {
	it('fetches this build’s file and parses it', async () => {
		const asked: string[] = [];
		const dictionary = await loadFullDictionary(async (url) => {
			asked.push(url);
			return new Response(text);
		}, asset);
		expect(asked).toEqual([asset.url]);
		expect(dictionary.get('數據')).toEqual([{ pinyin: 'shù jù', definitions: ['data'] }]);
		expect(dictionary.commonness('数据')).toBe(4.9);
	});

	it('says why when the file cannot be had or is not a dictionary', async () => {
		await expect(loadFullDictionary(async () => new Response('', { status: 404 }), asset)).rejects.toThrow(/HTTP 404/);
		// An offline fetch the service worker cannot answer, or a host that sends its HTML page instead.
		await expect(loadFullDictionary(async () => new Response('<!doctype html>'), asset)).rejects.toThrow(
			FullDictionaryFormatError
		);
	});

	it('knows where this build serves the real file, and its size', () => {
		expect(fullDictionaryAsset.url).toMatch(FULL_DICTIONARY_PATH);
		expect(fullDictionaryAsset.bytes).toBeGreaterThan(5_000_000);
	});
});
