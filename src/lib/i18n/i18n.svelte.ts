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
/** Every screen's strings but home's, per language, once loaded (loadScreenMessages). */
let full = $state.raw<Partial<Record<Language, Messages>>>({});
const screensLoading: Partial<Record<Language, Promise<void>>> = {};
/** The language asked for last, while its screens' strings are still on their way. */
let wanted: Language | undefined;

function loadScreensOf(language: Language): Promise<void> {
	screensLoading[language] ??= (
		language === 'zh'
			? import('./zhScreens.ts').then((module) => module.zhScreens)
			: import('./enScreens.ts').then((module) => module.enScreens)
	).then(
		(screens) => {
			full = { ...full, [language]: complete(core[language], screens) };
		},
		(error: unknown) => {
			// Offline before the chunk was cached: the next navigation tries again.
			delete screensLoading[language];
			throw error;
		}
	);
	return screensLoading[language];
}

/**
 * Loads the strings of every screen but the first, in the language shown now and in `next` (the one the settings
 * will put on the page), never in a language nobody reads. The root layout awaits it for any page but home, and home's
 * own late parts (the rescue prompt) before they show; the first screen never pays for them.
 */
export async function loadScreenMessages(next: Language = current): Promise<void> {
	await Promise.all((next === current ? [current] : [current, next]).map(loadScreensOf));
}

const complete = (first: CoreMessages, rest: ScreenMessages): Messages => ({ ...first, ...rest });

export const i18n = {
	get lang(): Language {
		return current;
	},
	/** The message catalogue of the current interface language. */
	get tr(): Messages {
		// Before loadScreenMessages the screens' parts are absent: only home and the layout read that early.
		return full[current] ?? (core[current] as Messages);
	},
	/**
	 * Switches the interface language. Once a screen past home shows, a language whose screens' strings are not loaded
	 * yet comes when they have arrived (from the service worker's cache, at once): until then the screen keeps its
	 * language rather than show some strings missing.
	 */
	apply(setting: LanguageSetting, browserLanguages: readonly string[]): void {
		const language = languageOf(setting, browserLanguages);
		wanted = language;
		if (full[language] || !full[current]) {
			current = language;
			return;
		}
		loadScreensOf(language).then(
			() => {
				if (wanted === language) current = language;
			},
			(error: unknown) => console.warn(error)
		);
	}
};

/** The language `setting` puts on the page, for loading its strings before the settings are applied. */
export function languageOf(setting: LanguageSetting, browserLanguages: readonly string[]): Language {
	return setting === 'auto' ? languageFromBrowser(browserLanguages) : setting;
}
