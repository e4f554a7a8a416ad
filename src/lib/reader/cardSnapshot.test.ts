import { describe, expect, it } from 'vitest';
import { parseSnapshots, SNAPSHOT_KEY, type CardSnapshot } from '../boot/earlyPaint.ts';
import { asDocument, fakeDocument, FakeElement } from '../test/fakeDom.ts';
import { memoryStorage } from '../test/memoryStorage.ts';
import {
	forgetSnapshots,
	keepSnapshot,
	SNAPSHOT_MAX_CHARS,
	SNAPSHOTS_MAX_CHARS,
	snapshotCard,
	snapshotCss,
	snapshotHtml
} from './cardSnapshot.ts';

const IMPORTED = 'text-1';

const snapshot = (card: string, change: Partial<CardSnapshot> = {}): CardSnapshot => ({
	id: IMPORTED,
	card,
	html: `<h1>${card}</h1>`,
	css: '',
	version: 'v1',
	savedAt: 1,
	...change
});

const stored = (storage: ReturnType<typeof memoryStorage>) =>
	parseSnapshots(storage.getItem(SNAPSHOT_KEY)).map((entry) => `${entry.id}/${entry.card}`);

/** The app's container as a reading card leaves it: a header, the card, a word sheet open. */
const container = () =>
	new FakeElement('div', { style: 'display: contents' }, [
		new FakeElement('header', { id: 'reader-title', 'data-testid': 'reader-header' }, ['文章']),
		new FakeElement('main', { class: 'reader' }, [
			new FakeElement('article', { class: 'card', 'data-testid': 'reading-card' }, [
				new FakeElement('p', { id: 'p1', 'data-paragraph-id': 'p1' }, ['第一段']),
				new FakeElement('button', { popover: 'auto' }, ['menu'])
			]),
			// The next card, built ahead and hidden.
			new FakeElement('div', { class: 'slot', hidden: '' }, [
				new FakeElement('article', { class: 'card' }, [new FakeElement('p', { 'data-paragraph-id': 'p2' }, ['第二段'])])
			])
		]),
		new FakeElement('dialog', { class: 'sheet', 'data-testid': 'word-sheet', open: '' }, ['芯片']),
		new FakeElement('div', { role: 'alertdialog' }, ['?'])
	]);

describe('snapshotHtml', () => {
	it('copies the container without ids, test ids, dialogs, popovers or what is hidden, and leaves the page alone', () => {
		const shown = container();
		const before = shown.outerHTML;
		expect(snapshotHtml(shown as unknown as Element)).toBe(
			'<header>文章</header><main class="reader"><article class="card"><p data-paragraph-id="p1">第一段</p></article></main>'
		);
		expect(shown.outerHTML).toBe(before);
	});
});

describe('snapshotCss', () => {
	it("joins the enabled sheets' rules, without the disabled ones or those it may not read", () => {
		const doc = fakeDocument(new FakeElement('body'), {
			sheets: [
				{ rules: [':root { --bg: #fff; }', '.card { margin: 0; }'] },
				{ disabled: true, rules: ['.old { color: red; }'] },
				{ rules: 'forbidden' },
				{ rules: ['@media (min-width: 600px) { .card { margin: 1rem; } }'] }
			]
		});
		expect(snapshotCss(asDocument(doc).styleSheets)).toBe(
			':root { --bg: #fff; }\n.card { margin: 0; }\n@media (min-width: 600px) { .card { margin: 1rem; } }'
		);
	});
});

describe('keepSnapshot', () => {
	it('keeps the three newest cards, newest first, one entry a card', () => {
		const storage = memoryStorage();
		for (const card of ['a', 'b', 'c', 'b', 'd']) expect(keepSnapshot(storage, snapshot(card))).toBe(true);
		expect(stored(storage)).toEqual([`${IMPORTED}/d`, `${IMPORTED}/b`, `${IMPORTED}/c`]);
	});

	it('keeps no copy larger than the cap, and drops the stale one of that card', () => {
		const storage = memoryStorage();
		keepSnapshot(storage, snapshot('a'));
		keepSnapshot(storage, snapshot('b'));
		const big = snapshot('a', { html: 'x'.repeat(SNAPSHOT_MAX_CHARS - 9), css: '.a{color:red}' });
		expect(keepSnapshot(storage, big)).toBe(false);
		expect(stored(storage)).toEqual([`${IMPORTED}/b`]);
		expect(keepSnapshot(storage, snapshot('a', { html: 'x'.repeat(SNAPSHOT_MAX_CHARS) }))).toBe(true);
	});

	it('drops the oldest snapshots to keep all of them within their room', () => {
		const storage = memoryStorage();
		const half = 'x'.repeat(SNAPSHOTS_MAX_CHARS / 2 - 100);
		keepSnapshot(storage, snapshot('a', { html: half }));
		keepSnapshot(storage, snapshot('b', { html: half }));
		expect(stored(storage)).toEqual([`${IMPORTED}/b`, `${IMPORTED}/a`]);
		keepSnapshot(storage, snapshot('c', { html: half }));
		expect(stored(storage)).toEqual([`${IMPORTED}/c`, `${IMPORTED}/b`]);
	});

	it('keeps what it had when the storage is full, and starts afresh over malformed storage', () => {
		const storage = memoryStorage(400);
		keepSnapshot(storage, snapshot('a'));
		expect(keepSnapshot(storage, snapshot('b', { html: 'x'.repeat(300) }))).toBe(false);
		expect(stored(storage)).toEqual([`${IMPORTED}/a`]);
		storage.setItem(SNAPSHOT_KEY, '{broken');
		expect(keepSnapshot(storage, snapshot('c'))).toBe(true);
		expect(stored(storage)).toEqual([`${IMPORTED}/c`]);
		expect(keepSnapshot(undefined, snapshot('c'))).toBe(false);
	});
});

describe('forgetSnapshots', () => {
	it("forgets one article's cards, or every card", () => {
		const storage = memoryStorage();
		keepSnapshot(storage, snapshot('a'));
		keepSnapshot(storage, snapshot('b', { id: 'text-2' }));
		keepSnapshot(storage, snapshot('c'));
		forgetSnapshots(IMPORTED, storage);
		expect(stored(storage)).toEqual(['text-2/b']);
		forgetSnapshots('text-2', storage);
		expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
		keepSnapshot(storage, snapshot('d'));
		forgetSnapshots(undefined, storage);
		expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
		storage.setItem(SNAPSHOT_KEY, 'garbage');
		expect(() => forgetSnapshots(IMPORTED, storage)).not.toThrow();
	});
});

describe('snapshotCard', () => {
	const page = () => {
		const head = new FakeElement('head', {}, [
			new FakeElement('link', { href: '/_app/immutable/entry/start.abc.js', rel: 'modulepreload' })
		]);
		return fakeDocument(new FakeElement('body', {}, [container()]), { head, sheets: [{ rules: ['.card{}'] }] });
	};

	it("keeps an imported card's copy with the page's CSS and build", () => {
		const storage = memoryStorage();
		expect(snapshotCard(IMPORTED, 'p1-01', asDocument(page()), storage, 42)).toBe(true);
		const [entry] = parseSnapshots(storage.getItem(SNAPSHOT_KEY));
		expect(entry).toMatchObject({
			id: IMPORTED,
			card: 'p1-01',
			css: '.card{}',
			version: '/_app/immutable/entry/start.abc.js',
			savedAt: 42
		});
		expect(entry?.html).toContain('第一段');
		expect(entry?.html).not.toMatch(/ id=|data-testid/);
	});

	it('keeps nothing of a built-in card, which has prerendered HTML of its own', () => {
		const storage = memoryStorage();
		expect(snapshotCard('huang-2025', 'p1-01', asDocument(page()), storage)).toBe(false);
		expect(storage.items.size).toBe(0);
	});
});
