import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Sync servers the app may reach besides its own origin (which serves CouchDB under /couchdb/ by default): a
 * comma-separated list of origins at build time, DUKA_SYNC_ORIGINS="https://couch.example.org". Each must be https
 * (plain http only on this machine); anything else stops the build, so the policy never holds a wildcard.
 */
export function syncOrigins(list = process.env.DUKA_SYNC_ORIGINS ?? '') {
	return list
		.split(',')
		.map((item) => item.trim())
		.filter(Boolean)
		.map((item) => {
			let url;
			try {
				url = new URL(item);
			} catch {
				throw new Error(`DUKA_SYNC_ORIGINS: "${item}" is not an origin`);
			}
			const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
			if (
				url.origin !== item.replace(/\/$/, '') ||
				!(url.protocol === 'https:' || (url.protocol === 'http:' && loopback))
			)
				throw new Error(`DUKA_SYNC_ORIGINS: "${item}" must be an https:// origin (http only for this machine)`);
			return url.origin;
		});
}

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
				'connect-src': ['self', ...syncOrigins()],
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
