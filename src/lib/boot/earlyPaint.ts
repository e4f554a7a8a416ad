/**
 * An imported text's card, opened by its address, has nothing to paint until the app's scripts have loaded and read
 * it from IndexedDB. So the app keeps a copy of the card as it last showed it on this device (reader/cardSnapshot.ts),
 * and this script, loaded by app.html before the app (boot/plugin.ts builds it), paints that copy over the empty page
 * until the app mounts and removes it. The copy is for the eyes only: inert, hidden from assistive technology, and
 * never read back as data.
 *
 * Built on its own, so it imports nothing: the app imports the keys and the pure functions from here.
 */

/** The snapshots in localStorage: a JSON list, newest first. */
export const SNAPSHOT_KEY = 'duka:card-snapshot';
/** The display settings' copy for the first paint (settings/display.svelte.ts). */
export const DISPLAY_KEY = 'duka:display';
export const OVERLAY_ID = 'duka-snapshot';
export const MAX_SNAPSHOTS = 3;
/** An app that never boots must not leave the page covered by an inert copy. */
export const OVERLAY_LIFETIME_MS = 10_000;
/** The page of every imported text's cards (library/readerPath.ts). */
export const IMPORTED_CARD_PATH = '/read/text';

export interface CardSnapshot {
	/** The article's id and the card's. */
	id: string;
	card: string;
	/** The app's container as shown, without ids, test ids or open dialogs. */
	html: string;
	/** The text of the page's style rules when it was taken. */
	css: string;
	/** The build it was taken by (`buildVersion`): another build's markup may not fit today's page. */
	version: string;
	savedAt: number;
}

type Query = Pick<Document, 'querySelectorAll'>;

/**
 * The build a page belongs to: the addresses of SvelteKit's entry files, whose names carry a hash of the build's
 * code. Every page of one build links the same ones; there are none in development, where any copy goes.
 */
export function buildVersion(doc: Query): string {
	const links = doc.querySelectorAll('link[href*="/_app/immutable/entry/"]');
	return Array.from(links, (link) => link.getAttribute('href') ?? '').join(' ');
}

const isSnapshot = (value: unknown): value is CardSnapshot => {
	const entry = value as Partial<Record<keyof CardSnapshot, unknown>> | null;
	return (
		typeof entry === 'object' &&
		entry !== null &&
		typeof entry.id === 'string' &&
		typeof entry.card === 'string' &&
		typeof entry.html === 'string' &&
		typeof entry.css === 'string' &&
		typeof entry.version === 'string' &&
		typeof entry.savedAt === 'number'
	);
};

/** The snapshots stored, newest first; anything malformed counts as none. */
export function parseSnapshots(raw: string | null | undefined): CardSnapshot[] {
	if (!raw) return [];
	try {
		const list: unknown = JSON.parse(raw);
		return Array.isArray(list) ? list.filter(isSnapshot).slice(0, MAX_SNAPSHOTS) : [];
	} catch {
		return [];
	}
}

/** The snapshot of the card an address names, taken by this build; undefined for any other address. */
export function snapshotFor(
	list: readonly CardSnapshot[],
	address: Pick<Location, 'pathname' | 'search'>,
	version: string
): CardSnapshot | undefined {
	if (address.pathname !== IMPORTED_CARD_PATH) return undefined;
	const query = new URLSearchParams(address.search);
	const id = query.get('id');
	const card = query.get('card');
	if (!id || !card) return undefined;
	return list.find((entry) => entry.id === id && entry.card === card && entry.version === version);
}

/** The theme and text size of the display settings' copy, as the app puts them on the page. */
export function applyDisplayCopy(raw: string | null | undefined, root: HTMLElement): void {
	if (!raw) return;
	let settings: { theme?: unknown; textScale?: unknown };
	try {
		settings = JSON.parse(raw) as typeof settings;
	} catch {
		return;
	}
	if (typeof settings !== 'object' || settings === null) return;
	if (settings.theme === 'light' || settings.theme === 'dark') root.dataset.theme = settings.theme;
	const scale = settings.textScale;
	if (typeof scale === 'number' && scale >= 50 && scale <= 200)
		root.style.setProperty('--text-scale', String(scale / 100));
}

export interface EarlyPaintPage {
	document: Document;
	location: Pick<Location, 'pathname' | 'search'>;
	storage: Pick<Storage, 'getItem'> | undefined;
	setTimeout: (task: () => void, ms: number) => unknown;
}

function browserPage(): EarlyPaintPage {
	let storage: Storage | undefined;
	try {
		storage = localStorage;
	} catch {
		storage = undefined;
	}
	return { document, location, storage, setTimeout: (task, ms) => setTimeout(task, ms) };
}

/** Paints the snapshot of the card the address names over the page, if there is one and the app has not mounted. */
export function runEarlyPaint(page?: EarlyPaintPage): void {
	try {
		const { document: doc, location: address, storage, setTimeout: later } = page ?? browserPage();
		const root = doc.documentElement;
		// Every page runs this: any other than an imported card's leaves at once, reading nothing from storage.
		if (!storage || address.pathname !== IMPORTED_CARD_PATH || root.dataset.hydrated === 'true') return;
		const snapshot = snapshotFor(parseSnapshots(storage.getItem(SNAPSHOT_KEY)), address, buildVersion(doc));
		if (!snapshot) return;
		applyDisplayCopy(storage.getItem(DISPLAY_KEY), root);
		const overlay = doc.createElement('div');
		overlay.id = OVERLAY_ID;
		overlay.setAttribute('aria-hidden', 'true');
		overlay.setAttribute('inert', '');
		overlay.style.cssText =
			'position:fixed;inset:0;z-index:2147483647;overflow:hidden;background:var(--bg,Canvas);color:var(--text,CanvasText)';
		const style = doc.createElement('style');
		style.textContent = snapshot.css;
		overlay.append(style);
		overlay.insertAdjacentHTML('beforeend', snapshot.html);
		doc.body.append(overlay);
		later(() => overlay.remove(), OVERLAY_LIFETIME_MS);
	} catch {
		// A copy for the eyes only: whatever goes wrong, the app paints the card itself.
	}
}
