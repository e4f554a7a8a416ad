import { buildVersion, MAX_SNAPSHOTS, parseSnapshots, SNAPSHOT_KEY, type CardSnapshot } from '../boot/earlyPaint.ts';
import { isImportedArticleId } from '../model/ids.ts';
import { pageStorage } from '../storage/pageStorage.ts';

/**
 * The largest snapshot kept, in characters of HTML and CSS: localStorage (5 to 10 MB an origin) also holds the
 * newest automatic backup, the notes journal and the review journal, which matter more than a faster first paint.
 */
export const SNAPSHOT_MAX_CHARS = 300_000;
/** All the snapshots together, in characters: older ones go first to keep within it. */
export const SNAPSHOTS_MAX_CHARS = 400_000;

export type SnapshotStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * What the copy must not carry: open dialogs, sheets and popovers, which the app does not reopen on a reload, and what
 * is hidden (the neighbouring cards the reader builds ahead).
 */
const TRANSIENT = 'dialog, [popover], [role="dialog"], [role="alertdialog"], script, noscript, [hidden]';

/**
 * The markup of the app's container as shown, for the eyes only: no ids (the page has its own), no test ids (tests
 * never find the copy), nothing transient.
 */
export function snapshotHtml(container: Element): string {
	const copy = container.cloneNode(true) as Element;
	for (const element of copy.querySelectorAll(TRANSIENT)) element.remove();
	for (const element of [copy, ...copy.querySelectorAll('[id], [data-testid]')]) {
		element.removeAttribute('id');
		element.removeAttribute('data-testid');
	}
	return copy.innerHTML;
}

/** The text of the page's enabled style sheets; one the page may not read (another origin's) is left out. */
export function snapshotCss(sheets: Iterable<CSSStyleSheet>): string {
	const parts: string[] = [];
	for (const sheet of sheets) {
		if (sheet.disabled) continue;
		try {
			for (const rule of sheet.cssRules) parts.push(rule.cssText);
		} catch {
			// A cross-origin sheet: its rules are not the page's to read.
		}
	}
	return parts.join('\n');
}

/**
 * Keeps `snapshot` as the newest, the older ones of other cards after it, `MAX_SNAPSHOTS` at most. One too big is
 * not kept (and an older one of that card goes, being stale); a full storage keeps what it had. Never throws.
 */
export function keepSnapshot(storage: SnapshotStorage | undefined, snapshot: CardSnapshot): boolean {
	if (!storage) return false;
	try {
		const others = parseSnapshots(storage.getItem(SNAPSHOT_KEY)).filter(
			(entry) => entry.id !== snapshot.id || entry.card !== snapshot.card
		);
		const fits = snapshot.html.length + snapshot.css.length <= SNAPSHOT_MAX_CHARS;
		const list = fits ? [snapshot, ...others].slice(0, MAX_SNAPSHOTS) : others;
		const size = (entry: CardSnapshot) => entry.html.length + entry.css.length;
		while (list.length > 1 && list.reduce((total, entry) => total + size(entry), 0) > SNAPSHOTS_MAX_CHARS) list.pop();
		if (list.length === 0) storage.removeItem(SNAPSHOT_KEY);
		else storage.setItem(SNAPSHOT_KEY, JSON.stringify(list));
		return fits;
	} catch {
		return false;
	}
}

/** Forgets the snapshots of one article (deleted), or all of them. Never throws. */
export function forgetSnapshots(articleId?: string, storage: SnapshotStorage | undefined = pageStorage()): void {
	if (!storage) return;
	try {
		const kept =
			articleId === undefined ? [] : parseSnapshots(storage.getItem(SNAPSHOT_KEY)).filter((e) => e.id !== articleId);
		if (kept.length === 0) storage.removeItem(SNAPSHOT_KEY);
		else storage.setItem(SNAPSHOT_KEY, JSON.stringify(kept));
	} catch {
		// Storage disabled: there is nothing kept to forget.
	}
}

/**
 * Takes a snapshot of the card the page shows, for the early paint of its next opening by address: imported
 * articles only (a built-in card has prerendered HTML of its own).
 */
export function snapshotCard(
	articleId: string,
	cardId: string,
	doc: Document = document,
	storage: SnapshotStorage | undefined = pageStorage(),
	now = Date.now()
): boolean {
	if (!isImportedArticleId(articleId)) return false;
	const container = doc.body.firstElementChild;
	if (!container) return false;
	return keepSnapshot(storage, {
		id: articleId,
		card: cardId,
		html: snapshotHtml(container),
		css: snapshotCss(doc.styleSheets),
		version: buildVersion(doc),
		savedAt: now
	});
}
