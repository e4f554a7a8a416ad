import { en, type CoreMessages, type Messages, type ScreenMessages } from './en.ts';
import { zh } from './zh.ts';

export type Language = 'en' | 'zh';
export type LanguageSetting = Language | 'auto';

const core: Record<Language, CoreMessages> = { en, zh };

/** The first of the browser's preferred languages that Duka speaks decides; English otherwise. */
export function languageFromBrowser(languages: readonly string[]): Language {
	const first = languages.map((tag) => tag.toLowerCase().slice(0, 2)).find((code) => code === 'zh' || code === 'en');
	return first === 'zh' ? 'zh' : 'en';
}

let current = $state<Language>('en');
/** Every screen's strings but home's, in both languages, once loaded (loadScreenMessages). */
let full = $state.raw<Record<Language, Messages> | undefined>();
let screensLoading: Promise<void> | undefined;

/**
 * Loads the strings of every screen but the first. The root layout awaits it for any page but home, and home's
 * own late parts (the rescue prompt) before they show; the first screen never pays for them.
 */
export function loadScreenMessages(): Promise<void> {
	screensLoading ??= Promise.all([import('./enScreens.ts'), import('./zhScreens.ts')]).then(
		([english, chinese]) => {
			full = { en: complete(en, english.enScreens), zh: complete(zh, chinese.zhScreens) };
		},
		(error: unknown) => {
			// Offline before the chunk was cached: the next navigation tries again.
			screensLoading = undefined;
			throw error;
		}
	);
	return screensLoading;
}

const complete = (first: CoreMessages, rest: ScreenMessages): Messages => ({ ...first, ...rest });

export const i18n = {
	get lang(): Language {
		return current;
	},
	/** The message catalogue of the current interface language. */
	get tr(): Messages {
		// Before loadScreenMessages the screens' parts are absent: only home and the layout read that early.
		return full ? full[current] : (core[current] as Messages);
	},
	apply(setting: LanguageSetting, browserLanguages: readonly string[]): void {
		current = setting === 'auto' ? languageFromBrowser(browserLanguages) : setting;
	}
};
