import { describe, expect, it } from 'vitest';
import { automaticStart, DictionaryUnavailable, isSameFile, percentDone } from './dictionaryDownload.ts';

describe('automaticStart', () => {
	it('downloads by itself only online, on a connection that neither saves data nor crawls', () => {
		expect(automaticStart(true, undefined)).toBe('download');
		expect(automaticStart(true, { effectiveType: '4g', saveData: false })).toBe('download');
		expect(automaticStart(true, { effectiveType: '3g' })).toBe('download');
		expect(automaticStart(false, { effectiveType: '4g' })).toBe('offline');
		expect(automaticStart(true, { effectiveType: 'slow-2g' })).toBe('slow');
		expect(automaticStart(true, { effectiveType: '2g' })).toBe('slow');
	});

	it('puts a wish to save data first, even offline: only a tap downloads then', () => {
		expect(automaticStart(true, { saveData: true, effectiveType: '4g' })).toBe('savingData');
		expect(automaticStart(false, { saveData: true })).toBe('savingData');
	});
});

describe('percentDone', () => {
	it('counts whole percents and says 100 only at the last byte', () => {
		expect([percentDone(0, 200), percentDone(1, 200), percentDone(100, 200), percentDone(199, 200)]).toEqual([
			0, 0, 50, 99
		]);
		expect(percentDone(200, 200)).toBe(100);
		expect(percentDone(5, 0)).toBe(0);
	});
});

describe('DictionaryUnavailable', () => {
	it('carries the problem for the import screen to explain', () => {
		const error = new DictionaryUnavailable({ kind: 'noRoom', needed: 20, free: 3 });
		expect(error).toBeInstanceOf(Error);
		expect(error.problem).toEqual({ kind: 'noRoom', needed: 20, free: 3 });
		expect(error.message).toMatch(/noRoom/);
	});
});

describe('isSameFile', () => {
	it('matches this build’s file by its path, whatever the query, and no other build’s', () => {
		const now = '/_app/immutable/assets/cedict.0123456789.txt';
		expect(isSameFile(`https://duka.test${now}`, now)).toBe(true);
		expect(isSameFile(`https://duka.test${now}?download`, now)).toBe(true);
		expect(isSameFile('https://duka.test/_app/immutable/assets/cedict.aaaaaaaaaa.txt', now)).toBe(false);
	});
});
