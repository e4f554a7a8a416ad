import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY_SETTINGS, sanitiseDisplaySettings, stepTextScale } from './settings.ts';

describe('display settings', () => {
	it('keeps valid values and drops the rest', () => {
		expect(
			sanitiseDisplaySettings({
				textScale: 130,
				theme: 'dark',
				language: 'zh',
				showPinyin: true,
				toneColours: true,
				showMemory: false,
				pinyinOnlyUnknown: true,
				extra: 1
			})
		).toEqual({
			textScale: 130,
			theme: 'dark',
			language: 'zh',
			showPinyin: true,
			toneColours: true,
			showMemory: false,
			pinyinOnlyUnknown: true
		});
		expect(sanitiseDisplaySettings({ textScale: 999, theme: 'neon', language: 'fr', toneColours: 'yes' })).toEqual(
			DEFAULT_DISPLAY_SETTINGS
		);
		expect(sanitiseDisplaySettings(null)).toEqual(DEFAULT_DISPLAY_SETTINGS);
	});

	it('shows pinyin in one colour until tone colours are chosen', () => {
		expect(DEFAULT_DISPLAY_SETTINGS.toneColours).toBe(false);
		expect(sanitiseDisplaySettings({ showPinyin: true }).toneColours).toBe(false);
	});

	it('shows how well each word is known, and pinyin over every word, until chosen otherwise', () => {
		expect(DEFAULT_DISPLAY_SETTINGS.showMemory).toBe(true);
		expect(DEFAULT_DISPLAY_SETTINGS.pinyinOnlyUnknown).toBe(false);
		expect(sanitiseDisplaySettings({ showMemory: 'no', pinyinOnlyUnknown: 1 })).toEqual(DEFAULT_DISPLAY_SETTINGS);
	});

	it('steps text size within bounds', () => {
		expect(stepTextScale(100, 1)).toBe(115);
		expect(stepTextScale(85, -1)).toBe(85);
		expect(stepTextScale(175, 1)).toBe(175);
	});
});
