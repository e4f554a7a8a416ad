import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** What a build is made from: the same sources give the same version, and so the same files. */
const BUILD_INPUTS = ['src', 'static', 'content', 'scripts', 'package-lock.json', 'svelte.config.js', 'vite.config.ts'];

/**
 * The build's version, a hash of what it is made from. SvelteKit's default is the time of the build, which is in
 * the app's code, so every chunk's name changed with every build of the same commit: no two builds compared,
 * and a user would download an unchanged app again. The update check compares this name, so any change to the
 * sources still reaches users.
 */
export function buildVersion(inputs = BUILD_INPUTS, extra = syncOrigins().join(',')) {
	const root = dirname(fileURLToPath(import.meta.url));
	const hash = createHash('sha256');
	const add = (path) => {
		if (!existsSync(path)) return;
		if (statSync(path).isDirectory()) {
			for (const name of readdirSync(path).sort()) add(join(path, name));
			return;
		}
		hash.update(`${relative(root, path)}\0`);
		hash.update(readFileSync(path));
	};
	for (const input of inputs) add(resolve(root, input));
	hash.update(extra);
	return hash.digest('hex').slice(0, 12);
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, strict: true }),
		prerender: { entries: ['*'], handleHttpError: 'fail' },
		serviceWorker: { register: false },
		version: { name: buildVersion() },
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
