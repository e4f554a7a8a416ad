import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { memoryStorage } from '../test/memoryStorage.ts';
import { DisplayState } from './display.svelte.ts';
import { DEFAULT_DISPLAY_SETTINGS, type DisplaySettings } from './settings.ts';

beforeEach(() => {
	freshDatabase();
});

describe('DisplayState', () => {
	it('paints with the copy kept in the page, and the stored settings win once read', async () => {
		const { settings } = await stores();
		await settings.saveDisplaySettings({ ...DEFAULT_DISPLAY_SETTINGS, textScale: 130 });
		const storage = memoryStorage();
		storage.setItem('duka:display', JSON.stringify({ ...DEFAULT_DISPLAY_SETTINGS, theme: 'dark' }));
		const applied: DisplaySettings[] = [];
		const display = new DisplayState(stores, (shown) => applied.push({ ...shown }), undefined, storage);
		await display.load();
		expect(applied[0]?.theme).toBe('dark');
		expect(display.value).toMatchObject({ theme: 'system', textScale: 130 });
		expect(JSON.parse(storage.getItem('duka:display') ?? '')).toMatchObject({ theme: 'system', textScale: 130 });
	});

	it('names the language the page will start in before anything is read: the copy for the first paint, else the default', () => {
		const storage = memoryStorage();
		// On the server, where nothing is known of the browser: English, as the pages are prerendered.
		vi.stubGlobal('navigator', undefined);
		expect(new DisplayState(stores, () => {}, undefined, storage).languageAtStart()).toBe('en');
		vi.stubGlobal('navigator', { languages: ['zh-TW', 'en'], language: 'zh-TW' });
		expect(new DisplayState(stores, () => {}, undefined, storage).languageAtStart()).toBe('zh');
		storage.setItem('duka:display', JSON.stringify({ ...DEFAULT_DISPLAY_SETTINGS, language: 'zh' }));
		expect(new DisplayState(stores, () => {}, undefined, storage).languageAtStart()).toBe('zh');
		storage.setItem('duka:display', JSON.stringify({ ...DEFAULT_DISPLAY_SETTINGS, language: 'en' }));
		expect(new DisplayState(stores, () => {}, undefined, storage).languageAtStart()).toBe('en');
		vi.unstubAllGlobals();
	});

	it('keeps a change whose save a reload overtook, and saves it then', async () => {
		const storage = memoryStorage();
		let saveStarted = () => {};
		const started = new Promise<void>((resolve) => (saveStarted = resolve));
		// The page is gone before its save reaches the database.
		const closing = new DisplayState(
			async () => {
				const real = await stores();
				return {
					...real,
					settings: {
						...real.settings,
						saveDisplaySettings: () => {
							saveStarted();
							return new Promise<void>(() => {});
						}
					}
				};
			},
			() => {},
			undefined,
			storage
		);
		await closing.load();
		void closing.update({ showPinyin: true });
		await started;
		expect(storage.getItem('duka:display:unsaved')).toBe('1');

		const reloaded = new DisplayState(stores, () => {}, undefined, storage);
		await reloaded.load();
		expect(reloaded.value.showPinyin).toBe(true);
		expect(storage.getItem('duka:display:unsaved')).toBeNull();
		const { settings } = await stores();
		expect((await settings.loadDisplaySettings()).showPinyin).toBe(true);
	});

	it('takes the unsaved mark off once the last change is saved', async () => {
		const storage = memoryStorage();
		const display = new DisplayState(stores, () => {}, undefined, storage);
		await display.load();
		await Promise.all([display.update({ textScale: 115 }), display.update({ textScale: 130 })]);
		expect(storage.items.has('duka:display:unsaved')).toBe(false);
		const restarted = new DisplayState(stores, () => {}, undefined, memoryStorage());
		await restarted.load();
		expect(restarted.value.textScale).toBe(130);
	});

	it('applies the stored settings on load and saves a change at once', async () => {
		const applied: DisplaySettings[] = [];
		const display = new DisplayState(stores, (settings) => applied.push({ ...settings }));
		expect(display.loaded).toBe(false);
		await display.load();
		expect(display.loaded).toBe(true);
		expect(display.value).toEqual(DEFAULT_DISPLAY_SETTINGS);
		expect(applied.at(-1)).toEqual(DEFAULT_DISPLAY_SETTINGS);

		await display.update({ textScale: 130, theme: 'dark' });
		expect(applied.at(-1)).toMatchObject({ textScale: 130, theme: 'dark' });
		const { settings } = await stores();
		expect(await settings.loadDisplaySettings()).toMatchObject({ textScale: 130, theme: 'dark' });

		const restarted = new DisplayState(stores, () => {});
		await restarted.load();
		expect(restarted.value.textScale).toBe(130);
	});

	it('keeps a change made while the stored settings were still being read', async () => {
		const { settings } = await stores();
		await settings.saveDisplaySettings({ ...DEFAULT_DISPLAY_SETTINGS, textScale: 130 });
		const display = new DisplayState(stores, () => {});
		const loading = display.load();
		const switched = display.update({ showPinyin: true });
		await Promise.all([loading, switched]);
		expect(display.value).toMatchObject({ showPinyin: true, textScale: 130 });
		const restarted = new DisplayState(stores, () => {});
		await restarted.load();
		expect(restarted.value.showPinyin).toBe(true);
	});

	it('keeps tone colours off until they are switched on, and remembers the switch', async () => {
		const display = new DisplayState(stores, () => {});
		await display.load();
		expect(display.value.toneColours).toBe(false);
		await display.update({ toneColours: true });
		const restarted = new DisplayState(stores, () => {});
		await restarted.load();
		expect(restarted.value).toMatchObject({ toneColours: true, showPinyin: false });
	});

	it('is loaded, with the defaults applied, even when the database cannot be opened', async () => {
		const applied: DisplaySettings[] = [];
		const display = new DisplayState(
			() => Promise.reject(new Error('blocked')),
			(settings) => applied.push({ ...settings })
		);
		await expect(display.load()).rejects.toThrow('blocked');
		expect(display.loaded).toBe(true);
		expect(applied).toEqual([DEFAULT_DISPLAY_SETTINGS]);
	});
});
