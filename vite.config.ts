import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { dukaEarlyPaint } from './src/lib/boot/plugin.ts';
import { dukaContent } from './src/lib/content/plugin.ts';
import { contentTools } from './src/lib/content/tools.ts';
import { dukaFullDictionary, FULL_DICTIONARY_PATH } from './src/lib/dictionary/fullPlugin.ts';
import { dukaHsk } from './src/lib/dictionary/hskPlugin.ts';
import { FULL_DICTIONARY_CACHE, IMPORT_ENGINE_CACHE } from './src/lib/storage/dictionaryDownload.ts';

// DUKA_CONTENT_DIR lets tests build the app from fixture content.
const contentDir = process.env.DUKA_CONTENT_DIR ?? fileURLToPath(new URL('./content', import.meta.url));

const packageJson = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

export default defineConfig({
	define: { __APP_VERSION__: JSON.stringify(packageJson.version) },
	plugins: [
		// Before dukaContent, which takes every other virtual:duka/ module for its own.
		dukaFullDictionary(),
		dukaHsk({ contentDir }),
		dukaContent({ contentDir, tools: contentTools }),
		dukaEarlyPaint(),
		sveltekit(),
		SvelteKitPWA({
			strategies: 'generateSW',
			// 'prompt', never 'autoUpdate': a reload under the user would drop a review or a note mid-edit.
			registerType: 'prompt',
			// Registered from a module (src/lib/pwa), because an inline script would break the CSP.
			injectRegister: false,
			manifest: {
				name: 'Duka 读卡',
				short_name: 'Duka',
				description: 'Read Chinese tech articles card by card and learn their vocabulary, offline.',
				lang: 'zh-Hans',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				orientation: 'portrait',
				// Share a page or a text from another app straight into "Add a text" (where the browser offers it).
				share_target: {
					action: '/read/add',
					method: 'GET',
					params: { title: 'title', text: 'text', url: 'url' }
				},
				theme_color: '#0f766e',
				background_color: '#f7f5ef',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{ src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
				]
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,txt}', 'prerendered/**/*.{html,json}'],
				// The full dictionary (3.5 MB gzipped) joins the offline set later, in its own cache, never on a
				// first visit's way to working offline.
				// The large install icons are the browser's to fetch when it installs the app, which it does online;
				// no page shows them, so the offline copy goes without their 27 KB (the 192 px one stays: the
				// apple-touch-icon link of every page names it).
				// The workers wait too, but for the backup's writer (a few KB), which a backup made offline needs.
				globIgnores: [
					'client/**/cedict.*.txt',
					'client/_app/immutable/workers/!(backupWorker-*)',
					'client/_app/immutable/workers/*/**/*',
					'client/icons/icon-512.png',
					'client/icons/icon-maskable-512.png'
				],
				runtimeCaching: [
					{
						// The optimiser's worker and its WebAssembly engine (430 KB gzipped): kept from their first
						// download, apart from the import worker's cache, which keeps only that worker.
						urlPattern: /\/_app\/immutable\/workers\/(optimiserWorker-|assets\/fsrs_browser_bg-)/,
						handler: 'CacheFirst',
						options: {
							cacheName: 'duka-optimiser',
							cacheableResponse: { statuses: [200] },
							expiration: { maxEntries: 4 }
						}
					},
					{
						urlPattern: FULL_DICTIONARY_PATH,
						handler: 'CacheFirst',
						options: { cacheName: FULL_DICTIONARY_CACHE, cacheableResponse: { statuses: [200] } }
					},
					{
						// The import worker joins the offline set with the dictionary (import/importWorkerUrl.ts).
						urlPattern: /\/_app\/immutable\/workers\//,
						handler: 'CacheFirst',
						options: { cacheName: IMPORT_ENGINE_CACHE, cacheableResponse: { statuses: [200] } }
					}
				],
				// A page with no prerendered HTML of its own (/read/ with its slash, a mistyped address) gets the
				// shell (routes/shell), which renders whatever the address names in the browser, offline too.
				navigateFallback: '/shell',
				// Every page is static and reads its query in the browser (/deck/card?id=…, ?from=review): the
				// precached page must answer whatever the query, or a reload offline falls back to the home page.
				ignoreURLParametersMatching: [/./],
				clientsClaim: true,
				skipWaiting: false,
				cleanupOutdatedCaches: true,
				maximumFileSizeToCacheInBytes: 3 * 1024 * 1024
			},
			kit: { includeVersionFile: true }
		})
	],
	worker: {
		// Module workers (the import worker) load their chunks as ES modules, and resolve the dictionary's address.
		format: 'es',
		plugins: () => [dukaFullDictionary({ emit: false })]
	},
	test: {
		// IndexedDB for store tests; Dexie looks it up when it is first imported.
		setupFiles: ['fake-indexeddb/auto'],
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['src/**/*.svelte.test.ts'],
					environment: 'node'
				}
			},
			{
				// State modules whose behaviour lives in effects run through Svelte's client build, still in Node.
				extends: true,
				resolve: { conditions: ['browser'] },
				test: {
					name: 'state',
					include: ['src/**/*.svelte.test.ts'],
					environment: './src/lib/test/svelteClientEnvironment.ts',
					server: { deps: { inline: [/svelte/] } }
				}
			}
		]
	}
});
