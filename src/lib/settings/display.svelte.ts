import { stores, type Stores } from '../db/lazy.ts';
import { quickDisplaySettings } from '../db/quickRead.ts';
import { i18n, languageOf, type Language } from '../i18n/i18n.svelte.ts';
import { DEFAULT_DISPLAY_SETTINGS, sanitiseDisplaySettings, type DisplaySettings } from './settings.ts';

/** A copy of the settings for the first paint; IndexedDB stays the source of truth. */
const PAINT_CACHE = 'duka:display';
/**
 * Set while a change is on its way to IndexedDB: a reload (or a closed tab) that overtakes the write finds the copy
 * newer than the database, and the copy wins and is saved, instead of the older stored settings undoing the change.
 */
const PAINT_CACHE_UNSAVED = 'duka:display:unsaved';

export type PaintStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * storage/pageStorage.ts's `pageStorage`, written out: this module is on the first screen, and importing that one
 * would make it a file of its own there.
 */
function browserStorage(): PaintStorage | undefined {
	try {
		return globalThis.localStorage ?? undefined;
	} catch {
		return undefined;
	}
}

/** Private mode or a full quota: the next start just paints with defaults first. */
function quietly<T>(work: () => T): T | undefined {
	try {
		return work();
	} catch {
		return undefined;
	}
}

/** The browser's preferred languages; none on the server, where the pages are prerendered. */
const browserLanguages = (): readonly string[] =>
	typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);

/** Puts the settings on the page: the language, the text size and the theme. */
function applyToPage(settings: DisplaySettings): void {
	i18n.apply(settings.language, browserLanguages());
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
	readonly #paintStorage: PaintStorage | undefined;
	/** Saves under way; the unsaved mark is taken off when the last one is done. */
	#saving = 0;

	/** `readQuickly` reads the stored settings without the database library where it can (db/quickRead.ts). */
	constructor(
		loadStores: () => Promise<Stores>,
		apply: (settings: DisplaySettings) => void = applyToPage,
		readQuickly: () => Promise<{ value: DisplaySettings } | undefined> = () => Promise.resolve(undefined),
		paintStorage: PaintStorage | undefined = browserStorage()
	) {
		this.#stores = loadStores;
		this.#apply = apply;
		this.#readQuickly = readQuickly;
		this.#paintStorage = paintStorage;
	}

	#cachedForPaint(): { settings: DisplaySettings; unsaved: boolean } | undefined {
		const storage = this.#paintStorage;
		const raw = storage && quietly(() => storage.getItem(PAINT_CACHE));
		const settings = raw ? quietly(() => sanitiseDisplaySettings(JSON.parse(raw))) : undefined;
		return settings && { settings, unsaved: quietly(() => storage?.getItem(PAINT_CACHE_UNSAVED)) === '1' };
	}

	#cacheForPaint(settings: DisplaySettings, unsaved = false): void {
		const storage = this.#paintStorage;
		if (!storage) return;
		quietly(() => storage.setItem(PAINT_CACHE, JSON.stringify(settings)));
		if (unsaved) quietly(() => storage.setItem(PAINT_CACHE_UNSAVED, '1'));
	}

	async #save(settings: DisplaySettings): Promise<void> {
		this.#saving++;
		try {
			const { settings: displaySettings } = await this.#stores();
			await displaySettings.saveDisplaySettings(settings);
		} finally {
			// A failed save keeps the mark, so the next start saves the copy again.
			if (--this.#saving === 0 && settings === this.#current)
				quietly(() => this.#paintStorage?.removeItem(PAINT_CACHE_UNSAVED));
		}
	}

	/** The language the settings will put on the page as it starts (from their copy for the first paint). */
	languageAtStart(): Language {
		const setting = this.#cachedForPaint()?.settings.language ?? DEFAULT_DISPLAY_SETTINGS.language;
		return languageOf(setting, browserLanguages());
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
		const cached = this.#cachedForPaint();
		if (cached) {
			this.#current = cached.settings;
			this.#apply(this.#current);
		}
		let unsaved = false;
		try {
			const stored =
				(await this.#readQuickly().catch(() => undefined))?.value ??
				(await (await this.#stores()).settings.loadDisplaySettings());
			// A change whose save the last page did not see finished is newer than what is stored.
			unsaved = cached?.unsaved === true;
			// A tap on the pinyin switch right after the page opened must not be undone by the read it overtook.
			this.#current = { ...(unsaved && cached ? cached.settings : stored), ...this.#changedWhileLoading };
		} finally {
			this.#apply(this.#current);
			this.#cacheForPaint(this.#current);
			this.#loaded = true;
		}
		// Not saved now (a full disk, say): the mark stays, and the next start tries again.
		if (unsaved) await this.#save(this.#current).catch(() => {});
	}

	async update(change: Partial<DisplaySettings>): Promise<void> {
		if (!this.#loaded) this.#changedWhileLoading = { ...this.#changedWhileLoading, ...change };
		this.#current = { ...this.#current, ...change };
		this.#apply(this.#current);
		this.#cacheForPaint(this.#current, true);
		// Saved once the stored settings are read: saving before would write the defaults over them.
		await this.#loading?.catch(() => {});
		await this.#save(this.#current);
	}
}

/** The app's one instance: the layout loads it, every screen reads it. */
export const display = new DisplayState(stores, applyToPage, quickDisplaySettings);
