import { beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { DisplayState } from './display.svelte.ts';
import { DEFAULT_DISPLAY_SETTINGS, type DisplaySettings } from './settings.ts';

beforeEach(() => {
	freshDatabase();
});

describe('DisplayState', () => {
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
