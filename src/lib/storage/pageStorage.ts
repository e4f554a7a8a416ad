/**
 * The page's localStorage, or undefined where there is none: a browser that disables it (a private mode, a blocked
 * site) throws on reading the property itself, and Node (unit tests) has none.
 */
export function pageStorage(): Storage | undefined {
	try {
		return globalThis.localStorage ?? undefined;
	} catch {
		return undefined;
	}
}
