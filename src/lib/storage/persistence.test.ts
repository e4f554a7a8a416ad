import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DukaDatabase } from '../db/db.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { sampleTables } from '../backup/testFixtures.ts';
import { formatBytes, needsHomeScreenNote, shouldAskPersistence, type DeviceHints } from './persistence.ts';

const IPHONE_SAFARI =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const IPAD_AS_MAC =
	'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const ANDROID =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36';

const device = (over: Partial<DeviceHints>): DeviceHints => ({
	userAgent: IPHONE_SAFARI,
	platform: 'iPhone',
	maxTouchPoints: 5,
	displayModeStandalone: false,
	...over
});

describe('needsHomeScreenNote', () => {
	it('shows on an iPhone or iPad in a browser tab', () => {
		expect(needsHomeScreenNote(device({}))).toBe(true);
		expect(needsHomeScreenNote(device({ userAgent: IPAD_AS_MAC, platform: 'MacIntel' }))).toBe(true);
	});

	it('hides from the Home Screen, on a Mac and elsewhere', () => {
		expect(needsHomeScreenNote(device({ standalone: true }))).toBe(false);
		expect(needsHomeScreenNote(device({ displayModeStandalone: true }))).toBe(false);
		expect(needsHomeScreenNote(device({ userAgent: IPAD_AS_MAC, platform: 'MacIntel', maxTouchPoints: 0 }))).toBe(
			false
		);
		expect(needsHomeScreenNote(device({ userAgent: ANDROID, platform: 'Linux armv8l' }))).toBe(false);
	});
});

describe('shouldAskPersistence', () => {
	it('asks after 10 reviews or the first note, once, and only when not persisted yet', () => {
		const base = { asked: false, persisted: false, reviews: 0, notes: 0 };
		expect(shouldAskPersistence(base)).toBe(false);
		expect(shouldAskPersistence({ ...base, reviews: 9 })).toBe(false);
		expect(shouldAskPersistence({ ...base, reviews: 10 })).toBe(true);
		expect(shouldAskPersistence({ ...base, notes: 1 })).toBe(true);
		expect(shouldAskPersistence({ ...base, notes: 1, asked: true })).toBe(false);
		expect(shouldAskPersistence({ ...base, notes: 1, persisted: true })).toBe(false);
		expect(shouldAskPersistence({ ...base, notes: 1, persisted: undefined })).toBe(false);
	});
});

describe('maybeAskPersistence', () => {
	let database: DukaDatabase;
	const persist = vi.fn(async () => true);

	beforeEach(() => {
		vi.resetModules();
		persist.mockClear();
		vi.stubGlobal('navigator', {
			storage: { persist, persisted: async () => false, estimate: async () => ({ usage: 1, quota: 2 }) }
		});
		database = freshDatabase();
	});

	afterEach(() => {
		vi.unstubAllGlobals();
		database.close();
	});

	it('asks once the tenth review is stored, and never again', async () => {
		// A fresh module copy each test, as after a page load; it must reach this test's database.
		const { maybeAskPersistence } = await import('./persistence.ts');
		const { useDatabase } = await import('../db/db.ts');
		useDatabase(database);
		const review = sampleTables().reviews[0]!;
		await database.reviews.bulkAdd(Array.from({ length: 9 }, (_, i) => ({ ...review, id: i + 1 })));
		await maybeAskPersistence();
		expect(persist).not.toHaveBeenCalled();
		await database.reviews.add({ ...review, id: 10 });
		await maybeAskPersistence();
		await maybeAskPersistence();
		expect(persist).toHaveBeenCalledTimes(1);
		expect((await database.kv.get('storage:persist-asked'))?.value).toBe(true);

		vi.resetModules();
		const reloaded = await import('./persistence.ts');
		(await import('../db/db.ts')).useDatabase(database);
		await reloaded.maybeAskPersistence();
		expect(persist).toHaveBeenCalledTimes(1);
	});
});

describe('formatBytes', () => {
	it('uses decimal units and the language’s number format', () => {
		expect(formatBytes(0, 'en')).toBe('0 kB');
		expect(formatBytes(950, 'en')).toBe('1 kB');
		expect(formatBytes(1_234_567, 'en')).toBe('1.2 MB');
		expect(formatBytes(48_900_000, 'en')).toBe('49 MB');
		expect(formatBytes(2_147_483_648, 'zh')).toBe('2.1 GB');
	});
});
