/**
 * What the root layout imports where sync is on: nothing but a further import, so the first screen's chunk names one
 * file to preload instead of every chunk the sync code needs.
 */
export async function startSync(): Promise<void> {
	const { syncService } = await import('./sync.svelte.ts');
	syncService().start();
}
