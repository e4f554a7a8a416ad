import { loadDisplaySettings, saveDisplaySettings } from '../db/settings';
import { i18n } from '../i18n/i18n.svelte';
import { DEFAULT_DISPLAY_SETTINGS, type DisplaySettings } from './settings';

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
		try {
			current = await loadDisplaySettings();
		} finally {
			apply(current);
			loaded = true;
		}
	},
	async update(change: Partial<DisplaySettings>): Promise<void> {
		current = { ...current, ...change };
		apply(current);
		await saveDisplaySettings(current);
	}
};
