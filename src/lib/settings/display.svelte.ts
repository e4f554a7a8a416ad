import { stores, type Stores } from '../db/lazy.ts';
import { quickDisplaySettings } from '../db/quickRead.ts';
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

/** Puts the settings on the page: the language, the text size and the theme. */
function applyToPage(settings: DisplaySettings): void {
	i18n.apply(settings.language, navigator.languages ?? [navigator.language]);
	const root = document.documentElement;
	root.style.setProperty('--text-scale', String(settings.textScale / 100));
	if (settings.theme === 'system') delete root.dataset.theme;
	else root.dataset.theme = settings.theme;
	root.lang = i18n.lang === 'zh' ? 'zh-Hans' : 'en';
}

/** The display settings everyone reads; changes are applied at once and saved to IndexedDB. */
export class DisplayState {
	#current = $state<DisplaySettings>({ ...DEFAULT_DISPLAY_SETTINGS });
	#loaded = $state(false);
	/** Changes made while the stored settings were still being read: they win over what the read finds. */
	#changedWhileLoading: Partial<DisplaySettings> = {};
	#loading: Promise<void> | undefined;
	readonly #stores: () => Promise<Stores>;
	readonly #apply: (settings: DisplaySettings) => void;
	readonly #readQuickly: () => Promise<{ value: DisplaySettings } | undefined>;

	/** `readQuickly` reads the stored settings without the database library where it can (db/quickRead.ts). */
	constructor(
		loadStores: () => Promise<Stores>,
		apply: (settings: DisplaySettings) => void = applyToPage,
		readQuickly: () => Promise<{ value: DisplaySettings } | undefined> = () => Promise.resolve(undefined)
	) {
		this.#stores = loadStores;
		this.#apply = apply;
		this.#readQuickly = readQuickly;
	}

	get value(): DisplaySettings {
		return this.#current;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	load(): Promise<void> {
		this.#loading = this.#read();
		return this.#loading;
	}

	async #read(): Promise<void> {
		const cached = cachedForPaint();
		if (cached) {
			this.#current = cached;
			this.#apply(this.#current);
		}
		try {
			const stored =
				(await this.#readQuickly().catch(() => undefined))?.value ??
				(await (await this.#stores()).settings.loadDisplaySettings());
			// A tap on the pinyin switch right after the page opened must not be undone by the read it overtook.
			this.#current = { ...stored, ...this.#changedWhileLoading };
		} finally {
			this.#apply(this.#current);
			cacheForPaint(this.#current);
			this.#loaded = true;
		}
	}

	async update(change: Partial<DisplaySettings>): Promise<void> {
		if (!this.#loaded) this.#changedWhileLoading = { ...this.#changedWhileLoading, ...change };
		this.#current = { ...this.#current, ...change };
		this.#apply(this.#current);
		cacheForPaint(this.#current);
		// Saved once the stored settings are read: saving before would write the defaults over them.
		await this.#loading?.catch(() => {});
		const { settings: displaySettings } = await this.#stores();
		await displaySettings.saveDisplaySettings(this.#current);
	}
}

/** The app's one instance: the layout loads it, every screen reads it. */
export const display = new DisplayState(stores, applyToPage, quickDisplaySettings);
