import { stores } from '../db/lazy.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import { DEFAULT_DISPLAY_SETTINGS, sanitiseDisplaySettings, type DisplaySettings } from './settings.ts';

/** A copy of the settings for the first paint; IndexedDB stays the source of truth. */
const PAINT_CACHE = 'duka:display';

function cachedForPaint(): DisplaySettings | undefined {
	try {
		const raw = localStorage.getItem(PAINT_CACHE);
		return raw ? sanitiseDisplaySettings(JSON.parse(raw)) : undefined;
	} catch {
		return undefined;
	}
}

function cacheForPaint(settings: DisplaySettings): void {
	try {
		localStorage.setItem(PAINT_CACHE, JSON.stringify(settings));
	} catch {
		// Private mode or a full quota: the next start just paints with defaults first.
	}
}

let current = $state<DisplaySettings>({ ...DEFAULT_DISPLAY_SETTINGS });
let loaded = $state(false);

function apply(settings: DisplaySettings): void {
	i18n.apply(settings.language, navigator.languages ?? [navigator.language]);
	const root = document.documentElement;
	root.style.setProperty('--text-scale', String(settings.textScale / 100));
	if (settings.theme === 'system') delete root.dataset.theme;
	else root.dataset.theme = settings.theme;
	root.lang = i18n.lang === 'zh' ? 'zh-Hans' : 'en';
}

/** The display settings everyone reads; changes are applied at once and saved to IndexedDB. */
export const display = {
	get value(): DisplaySettings {
		return current;
	},
	get loaded(): boolean {
		return loaded;
	},
	async load(): Promise<void> {
		const cached = cachedForPaint();
		if (cached) {
			current = cached;
			apply(current);
		}
		try {
			const { settings: displaySettings } = await stores();
			current = await displaySettings.loadDisplaySettings();
		} finally {
			apply(current);
			cacheForPaint(current);
			loaded = true;
		}
	},
	async update(change: Partial<DisplaySettings>): Promise<void> {
		current = { ...current, ...change };
		apply(current);
		cacheForPaint(current);
		const { settings: displaySettings } = await stores();
		await displaySettings.saveDisplaySettings(current);
	}
};
