/**
 * The dictionary subset and the pinyin ruby, fetched on first use: the first screen never pays for them,
 * and the service worker precaches them as ordinary chunks, so they load offline too.
 */
import rubyLoaders from 'virtual:duka/ruby-loaders';
import type { SubsetDictionary } from './lookup.ts';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Paragraph id → per token, its syllables (one per character) when it is Chinese, else null. */
export type ArticleRuby = Record<string, (string[] | null)[]>;

export interface LazyModule<T> {
	readonly status: LoadStatus;
	/** Set once loaded. */
	readonly value: T | undefined;
	/** Starts loading (once; again after a failure) and resolves with the module's default export. */
	load(): Promise<T>;
}

export function lazyModule<T>(importer: () => Promise<{ default: T }>): LazyModule<T> {
	let status = $state<LoadStatus>('idle');
	// Raw: the dictionary is thousands of keys, read-only, and must not be wrapped in proxies.
	let value = $state.raw<T | undefined>();
	let pending: Promise<T> | undefined;
	return {
		get status() {
			return status;
		},
		get value() {
			return value;
		},
		load() {
			if (!pending) {
				status = 'loading';
				pending = importer().then(
					(module) => {
						value = module.default;
						status = 'ready';
						return module.default;
					},
					(error: unknown) => {
						// A chunk that failed (offline before it was cached) may load on the next try.
						pending = undefined;
						status = 'error';
						throw error;
					}
				);
			}
			return pending;
		}
	};
}

export const dictionary: LazyModule<SubsetDictionary> = lazyModule(() => import('virtual:duka/dictionary'));

// A cache, not state: each entry's own status and value are what screens react to.
const rubies: Record<string, LazyModule<ArticleRuby>> = {};

/** The pinyin ruby of one article's paragraphs. */
export function articleRuby(articleId: string): LazyModule<ArticleRuby> {
	const loader = Object.hasOwn(rubyLoaders, articleId) ? rubyLoaders[articleId] : undefined;
	rubies[articleId] ??= lazyModule(loader ?? (() => Promise.reject(new Error(`No pinyin for article ${articleId}`))));
	return rubies[articleId];
}
