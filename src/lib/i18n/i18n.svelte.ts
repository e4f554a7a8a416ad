import { en, type Messages } from './en.ts';
import { zh } from './zh.ts';

export type Language = 'en' | 'zh';
export type LanguageSetting = Language | 'auto';

const catalogues: Record<Language, Messages> = { en, zh };

/** The first of the browser's preferred languages that Duka speaks decides; English otherwise. */
export function languageFromBrowser(languages: readonly string[]): Language {
	const first = languages.map((tag) => tag.toLowerCase().slice(0, 2)).find((code) => code === 'zh' || code === 'en');
	return first === 'zh' ? 'zh' : 'en';
}

let current = $state<Language>('en');

export const i18n = {
	get lang(): Language {
		return current;
	},
	/** The message catalogue of the current interface language. */
	get tr(): Messages {
		return catalogues[current];
	},
	apply(setting: LanguageSetting, browserLanguages: readonly string[]): void {
		current = setting === 'auto' ? languageFromBrowser(browserLanguages) : setting;
	}
};
