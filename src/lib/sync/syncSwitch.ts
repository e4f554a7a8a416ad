/**
 * Whether sync is on, in localStorage, so the root layout can tell without loading the sync code (or the database)
 * and load it only then; the layout reads the key itself (a test holds the two together). The database's own flag
 * (syncState) decides what is recorded; this only says "load".
 */
export const SYNC_SWITCH = 'duka:sync';

type SwitchStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function switchSync(storage: SwitchStorage | undefined, on: boolean): void {
	try {
		if (on) storage?.setItem(SYNC_SWITCH, 'on');
		else storage?.removeItem(SYNC_SWITCH);
	} catch {
		// Storage refused (private mode, full): sync then starts when Settings opens.
	}
}
