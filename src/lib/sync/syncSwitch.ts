/**
 * Whether sync is on, in localStorage, so the root layout can tell without loading the sync code (or the database)
 * and load it only then. The database's own flag (syncState) decides what is recorded; this only says "load".
 */
export const SYNC_SWITCH = 'duka:sync';

type SwitchStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `storage` is a getter: merely reading window.localStorage throws where storage is blocked. */
export function syncSwitchedOn(storage: () => SwitchStorage | undefined): boolean {
	try {
		return storage()?.getItem(SYNC_SWITCH) === 'on';
	} catch {
		return false;
	}
}

export function switchSync(storage: SwitchStorage | undefined, on: boolean): void {
	try {
		if (on) storage?.setItem(SYNC_SWITCH, 'on');
		else storage?.removeItem(SYNC_SWITCH);
	} catch {
		// Storage refused (private mode, full): sync then starts when Settings opens.
	}
}
