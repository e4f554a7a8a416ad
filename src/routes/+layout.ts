import { loadScreenMessages } from '$lib/i18n/i18n.svelte.ts';
import { display } from '$lib/settings/display.svelte.ts';
import type { LayoutLoad } from './$types';

export const prerender = true;
export const trailingSlash = 'never';

// Home paints with the first screen's strings alone; every other page has its screen's strings before it renders, in
// the language it hydrates in and the one the settings then apply (the same one, unless the page was prerendered in
// another).
// A failure is not this load's to report: offline before the app was stored, the page's own code cannot load
// either, and that failure brings the "not on this device yet" message (pwa/update.svelte.ts) over the page
// still on screen, whose strings are all there.
export const load: LayoutLoad = async ({ url }) => {
	if (url.pathname !== '/')
		await loadScreenMessages(display.languageAtStart()).catch((error: unknown) => console.warn(error));
};
