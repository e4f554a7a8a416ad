/**
 * Vite plugin: the full dictionary (fullBuild.ts) as a hashed file of the client build, never precached
 * (the service worker stores it in its own cache, see storage/dictionaryDownload*), and its address and size
 * as `virtual:duka/full-dictionary` → `{ url, bytes }`. In `vite dev` a middleware serves the same address.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

export const FULL_DICTIONARY_MODULE = 'virtual:duka/full-dictionary';
const RESOLVED_ID = '\0' + FULL_DICTIONARY_MODULE;

/**
 * The file's address, at the end of a path or of a whole URL: where SvelteKit puts hashed assets (its default
 * appDir, `_app`), so that hosts cache it as immutable. The service worker's route (vite.config.ts) uses it
 * too; a URL with a query does not match, which lets the download itself through to the network.
 */
export const FULL_DICTIONARY_PATH = /\/_app\/immutable\/assets\/cedict\.[0-9a-f]{10}\.txt$/;

export interface BuiltFullDictionary {
	/** Path inside the build's client folder, e.g. `_app/immutable/assets/cedict.0123456789.txt`. */
	fileName: string;
	/** Absolute URL path on Duka's origin. */
	url: string;
	source: Uint8Array;
}

export function describeFullDictionary(text: string): BuiltFullDictionary {
	const source = new TextEncoder().encode(text);
	const hash = createHash('sha256').update(source).digest('hex').slice(0, 10);
	const fileName = `_app/immutable/assets/cedict.${hash}.txt`;
	return { fileName, url: `/${fileName}`, source };
}

export interface FullDictionaryPluginOptions {
	/** The file's text; the real dictionary by default. Tests hand in a small one. */
	build?: () => Promise<string>;
	/**
	 * Whether this instance writes the file into the bundle: yes for the app's build, no for the copy that
	 * resolves the module inside Web Workers (their bundles are merged into the app's, which has the file).
	 */
	emit?: boolean;
}

// The client, server and worker builds run in one process: the dictionary (about 3 s) is built once.
const built = new Map<() => Promise<string>, Promise<BuiltFullDictionary>>();

async function defaultBuild(): Promise<string> {
	const { buildFullDictionaryText } = await import('./fullBuild.ts');
	return buildFullDictionaryText();
}

export function dukaFullDictionary(options: FullDictionaryPluginOptions = {}): Plugin {
	const build = options.build ?? defaultBuild;
	const dictionary = () => {
		let pending = built.get(build);
		if (!pending) {
			pending = build().then(describeFullDictionary);
			// A failed build is tried again next time rather than remembered.
			pending.catch(() => built.delete(build));
			built.set(build, pending);
		}
		return pending;
	};
	let isClientBuild = false;

	return {
		name: 'duka-full-dictionary',
		configResolved(config) {
			isClientBuild = config.command === 'build' && !config.build.ssr;
		},
		resolveId(id) {
			return id === FULL_DICTIONARY_MODULE ? RESOLVED_ID : undefined;
		},
		async load(id) {
			if (id !== RESOLVED_ID) return undefined;
			const { url, source } = await dictionary();
			return `export default ${JSON.stringify({ url, bytes: source.byteLength })};`;
		},
		async generateBundle() {
			// SvelteKit's server build and the worker bundles only need the address.
			const environment = (this as { environment?: { name?: string } }).environment?.name;
			if (options.emit === false || !isClientBuild || (environment !== undefined && environment !== 'client')) return;
			const { fileName, source } = await dictionary();
			this.emitFile({ type: 'asset', fileName, source });
		},
		configureServer(server) {
			server.middlewares.use((request, response, next) => {
				const path = (request.url ?? '').split('?')[0] ?? '';
				if (!FULL_DICTIONARY_PATH.test(path)) {
					next();
					return;
				}
				dictionary().then(
					({ url, source }) => {
						if (path !== url) {
							response.statusCode = 404;
							response.end();
							return;
						}
						response.setHeader('content-type', 'text/plain; charset=utf-8');
						response.setHeader('cache-control', 'no-cache');
						response.end(source);
					},
					(error: unknown) => next(error)
				);
			});
		}
	};
}
