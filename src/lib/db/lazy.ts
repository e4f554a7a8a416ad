export type Stores = typeof import('./stores.ts');

let pending: Promise<Stores> | undefined;

/** The database stores, loaded on first use. */
export function stores(): Promise<Stores> {
	pending ??= import('./stores.ts');
	return pending;
}
