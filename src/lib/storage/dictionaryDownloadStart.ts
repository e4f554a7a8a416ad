/**
 * The full dictionary's background download, started from the layout on every page load. This module is on
 * the first screen, so it only waits: once the service worker has stored the app (`ready`, never before a
 * first visit works offline), it loads the download's own code and lets that decide.
 */
export function downloadDictionaryInBackground(
	container: ServiceWorkerContainer | undefined = navigator.serviceWorker
): void {
	if (!container) return;
	void container.ready
		.then(() => import('./dictionaryDownload.svelte.ts'))
		.then(({ dictionaryDownload }) => dictionaryDownload.startWhenAppReady())
		.catch((error: unknown) => console.warn(error));
}
