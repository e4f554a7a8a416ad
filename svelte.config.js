import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		prerender: { entries: ['*'], handleHttpError: 'fail' },
		serviceWorker: { register: false },
		// Absolute asset paths: the service worker answers any deep URL (/read/, an imported text's address)
		// with the prerendered shell page, whose relative paths would otherwise resolve under that URL.
		paths: { relative: false },
		// Every page's CSS in the page: the first paint waits for no stylesheet request. Lighthouse's simulated
		// first contentful paint went from 1.8–2.0 s to 0.7–1.2 s on home and a reading card.
		inlineStyleThreshold: Infinity,
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
