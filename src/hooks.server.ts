import { readFileSync } from 'node:fs';
import type { Handle } from '@sveltejs/kit';
import { building } from '$app/environment';
import { completeModulePreloads, type ClientManifest } from '$lib/boot/modulePreloads.ts';

// The client build's manifest, written before the pages are prerendered; outside a build (development) there is
// none and the pages stay as SvelteKit writes them.
const CLIENT_MANIFEST = '.svelte-kit/output/client/.vite/manifest.json';

let manifest: ClientManifest | null | undefined;

function clientManifest(): ClientManifest | null {
	if (manifest === undefined) {
		try {
			manifest = building ? (JSON.parse(readFileSync(CLIENT_MANIFEST, 'utf8')) as ClientManifest) : null;
		} catch {
			manifest = null;
		}
	}
	return manifest;
}

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, {
		transformPageChunk: ({ html }) => {
			const client = clientManifest();
			return client ? completeModulePreloads(html, client) : html;
		}
	});
