/**
 * What to do when a piece of the app's code fails to load (`vite:preloadError`): a tab started before a new
 * version went live asks for files that are gone. Online, one full page load fetches the new version; a
 * second failure soon after would only start a reload loop, so it is reported instead. Offline, no reload can
 * bring the missing file: the user is told to connect.
 */
export type ChunkRecovery = 'reload' | 'offline' | 'failed';

/** A failure within this long of the last reload it caused is not reloaded again. */
export const RELOAD_GUARD_MS = 10_000;

const RELOADED_AT_KEY = 'duka:chunk-reload-at';

export function chunkRecovery(online: boolean, lastReloadAt: number | undefined, now: number): ChunkRecovery {
	if (!online) return 'offline';
	if (lastReloadAt !== undefined && now >= lastReloadAt && now - lastReloadAt < RELOAD_GUARD_MS) return 'failed';
	return 'reload';
}

/**
 * When this tab last reloaded for a failed chunk, kept in sessionStorage so it outlives the reload; storage
 * that cannot be read (blocked, or private mode) counts as never.
 */
export function lastChunkReload(storage: Pick<Storage, 'getItem'>): number | undefined {
	try {
		const value = Number(storage.getItem(RELOADED_AT_KEY));
		return Number.isFinite(value) && value > 0 ? value : undefined;
	} catch {
		return undefined;
	}
}

/** Notes the reload about to happen; false when it cannot be noted, so no loop guard would hold. */
export function noteChunkReload(storage: Pick<Storage, 'setItem'>, now: number): boolean {
	try {
		storage.setItem(RELOADED_AT_KEY, String(now));
		return true;
	} catch {
		return false;
	}
}
