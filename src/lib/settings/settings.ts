import type { LanguageSetting } from '../i18n/i18n.svelte.ts';

export type ThemeSetting = 'system' | 'light' | 'dark';

export interface DisplaySettings {
	/** Percent of the base reading size. */
	textScale: number;
	theme: ThemeSetting;
	language: LanguageSetting;
	/** Show pinyin above the Chinese text of reading cards. */
	showPinyin: boolean;
	/** Colour the pinyin by tone, as Pleco does (1–4 and neutral). */
	toneColours: boolean;
	/** Underline the deck's words in the text by how well the user knows them now (reader/memory.ts). */
	showMemory: boolean;
	/** With pinyin shown, only over the deck's words not known yet: new, or recalled below the desired retention. */
	pinyinOnlyUnknown: boolean;
}

export const TEXT_SCALES = [85, 100, 115, 130, 150, 175] as const;

export const DEFAULT_DISPLAY_SETTINGS: DisplaySettings = {
	textScale: 100,
	theme: 'system',
	language: 'auto',
	showPinyin: false,
	toneColours: false,
	showMemory: true,
	pinyinOnlyUnknown: false
};

/** Accepts whatever is stored (perhaps by an older or newer version) and keeps only valid values. */
export function sanitiseDisplaySettings(raw: unknown): DisplaySettings {
	const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof DisplaySettings, unknown>>;
	const result = { ...DEFAULT_DISPLAY_SETTINGS };
	if (typeof value.textScale === 'number' && (TEXT_SCALES as readonly number[]).includes(value.textScale))
		result.textScale = value.textScale;
	if (value.theme === 'light' || value.theme === 'dark' || value.theme === 'system') result.theme = value.theme;
	if (value.language === 'en' || value.language === 'zh' || value.language === 'auto') result.language = value.language;
	if (typeof value.showPinyin === 'boolean') result.showPinyin = value.showPinyin;
	if (typeof value.toneColours === 'boolean') result.toneColours = value.toneColours;
	if (typeof value.showMemory === 'boolean') result.showMemory = value.showMemory;
	if (typeof value.pinyinOnlyUnknown === 'boolean') result.pinyinOnlyUnknown = value.pinyinOnlyUnknown;
	return result;
}

export function stepTextScale(current: number, direction: 1 | -1): number {
	const index = TEXT_SCALES.indexOf(current as (typeof TEXT_SCALES)[number]);
	const next = Math.min(TEXT_SCALES.length - 1, Math.max(0, (index < 0 ? 1 : index) + direction));
	return TEXT_SCALES[next] ?? 100;
}
