import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { asDocument, fakeDocument, FakeElement } from '../test/fakeDom.ts';
import { memoryStorage } from '../test/memoryStorage.ts';
import {
	applyDisplayCopy,
	buildVersion,
	DISPLAY_KEY,
	OVERLAY_ID,
	OVERLAY_LIFETIME_MS,
	parseSnapshots,
	runEarlyPaint,
	SNAPSHOT_KEY,
	snapshotFor,
	type CardSnapshot
} from './earlyPaint.ts';

const ENTRY = '/_app/immutable/entry/start.abc123.js';

const snapshot = (change: Partial<CardSnapshot> = {}): CardSnapshot => ({
	id: 'text-1',
	card: 'p1-02',
	html: '<main><h1>第二张卡</h1></main>',
	css: '.card { color: red; }',
	version: ENTRY,
	savedAt: 1,
	...change
});

const address = (search: string, pathname = '/read/text') => ({ pathname, search });

/** A prerendered /read/text page of the build `ENTRY` names, before the app has mounted. */
function page(stored: Record<string, string>, search = '?id=text-1&card=p1-02') {
	const head = new FakeElement('head', {}, [new FakeElement('link', { href: ENTRY, rel: 'modulepreload' })]);
	const doc = fakeDocument(new FakeElement('body', {}, [new FakeElement('div', { style: 'display: contents' })]), {
		head
	});
	const storage = memoryStorage();
	for (const [key, value] of Object.entries(stored)) storage.setItem(key, value);
	return {
		doc,
		storage,
		run: () =>
			runEarlyPaint({
				document: asDocument(doc),
				location: address(search),
				storage,
				setTimeout: (task, ms) => setTimeout(task, ms)
			}),
		overlay: () => doc.getElementById(OVERLAY_ID)
	};
}

describe('parseSnapshots', () => {
	it('keeps well-formed entries, three at most, and reads anything malformed as none', () => {
		const list = [snapshot({ card: 'a' }), snapshot({ card: 'b' }), snapshot({ card: 'c' }), snapshot({ card: 'd' })];
		expect(parseSnapshots(JSON.stringify(list)).map((entry) => entry.card)).toEqual(['a', 'b', 'c']);
		expect(parseSnapshots(JSON.stringify([{ id: 'x' }, snapshot()]))).toEqual([snapshot()]);
		for (const raw of [null, '', '{', 'null', '42', '{"id":"x"}', '[null, 3, "x"]'])
			expect(parseSnapshots(raw)).toEqual([]);
	});
});

describe('snapshotFor', () => {
	const list = [snapshot({ card: 'p1-01' }), snapshot()];

	it("finds the addressed card's snapshot of this build", () => {
		expect(snapshotFor(list, address('?id=text-1&card=p1-02&from=review'), ENTRY)).toEqual(snapshot());
	});

	it('finds none for another card, another build, another page, or an address without a card', () => {
		expect(snapshotFor(list, address('?id=text-1&card=p9-09'), ENTRY)).toBeUndefined();
		expect(snapshotFor(list, address('?id=text-2&card=p1-02'), ENTRY)).toBeUndefined();
		expect(snapshotFor(list, address('?id=text-1&card=p1-02'), '/_app/immutable/entry/start.new.js')).toBeUndefined();
		expect(snapshotFor(list, address('?id=text-1&card=p1-02', '/read'), ENTRY)).toBeUndefined();
		expect(snapshotFor(list, address('?id=text-1'), ENTRY)).toBeUndefined();
	});
});

describe('buildVersion', () => {
	it("is the entry files' addresses, and empty without them", () => {
		const head = new FakeElement('head', {}, [
			new FakeElement('link', { href: '/_app/immutable/chunks/x.js', rel: 'modulepreload' }),
			new FakeElement('link', { href: ENTRY, rel: 'modulepreload' }),
			new FakeElement('link', { href: '/_app/immutable/entry/app.def.js', rel: 'modulepreload' })
		]);
		expect(buildVersion(asDocument(fakeDocument(new FakeElement('body'), { head })))).toBe(
			`${ENTRY} /_app/immutable/entry/app.def.js`
		);
		expect(buildVersion(asDocument(fakeDocument(new FakeElement('body'))))).toBe('');
	});
});

describe('applyDisplayCopy', () => {
	it('puts the theme and the text size on the page, and ignores what it does not know', () => {
		const root = new FakeElement('html');
		applyDisplayCopy(JSON.stringify({ theme: 'dark', textScale: 130 }), root as unknown as HTMLElement);
		expect(root.dataset.theme).toBe('dark');
		expect(root.style.properties.get('--text-scale')).toBe('1.3');
		const untouched = new FakeElement('html');
		for (const raw of ['{', 'null', '"dark"', JSON.stringify({ theme: 'pink', textScale: 'big' })])
			applyDisplayCopy(raw, untouched as unknown as HTMLElement);
		expect(untouched.dataset.theme).toBeUndefined();
		expect(untouched.style.properties.size).toBe(0);
	});
});

describe('runEarlyPaint', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('paints the snapshot over the page, inert and hidden, in the stored theme, and removes it after 10 s', () => {
		const { doc, run, overlay } = page({
			[SNAPSHOT_KEY]: JSON.stringify([snapshot()]),
			[DISPLAY_KEY]: JSON.stringify({ theme: 'dark', textScale: 100 })
		});
		run();
		const shown = overlay();
		expect(shown?.parent).toBe(doc.body);
		expect(shown?.getAttribute('aria-hidden')).toBe('true');
		expect(shown?.getAttribute('inert')).toBe('');
		expect(shown?.style.cssText).toContain('position:fixed');
		expect(shown?.innerHTML).toBe('<style>.card { color: red; }</style><main><h1>第二张卡</h1></main>');
		expect(doc.documentElement.dataset.theme).toBe('dark');
		vi.advanceTimersByTime(OVERLAY_LIFETIME_MS - 1);
		expect(overlay()).not.toBeNull();
		vi.advanceTimersByTime(1);
		expect(overlay()).toBeNull();
	});

	it('paints nothing once the app has mounted', () => {
		const { doc, run, overlay } = page({ [SNAPSHOT_KEY]: JSON.stringify([snapshot()]) });
		doc.documentElement.dataset.hydrated = 'true';
		run();
		expect(overlay()).toBeNull();
	});

	it('paints nothing, and touches no setting, without a snapshot of the card or with malformed storage', () => {
		for (const stored of [
			{} as Record<string, string>,
			{ [SNAPSHOT_KEY]: '[{"id": "text-1", "card": "p1-02"}]' },
			{ [SNAPSHOT_KEY]: '{not json' },
			{ [SNAPSHOT_KEY]: JSON.stringify([snapshot({ card: 'p1-01' })]) }
		]) {
			const { doc, run, overlay } = page({ ...stored, [DISPLAY_KEY]: JSON.stringify({ theme: 'dark' }) });
			expect(run).not.toThrow();
			expect(overlay()).toBeNull();
			expect(doc.documentElement.dataset.theme).toBeUndefined();
		}
	});

	it('reads nothing from storage on any page but an imported card', () => {
		const { doc, overlay } = page({});
		const read: string[] = [];
		runEarlyPaint({
			document: asDocument(doc),
			location: address('', '/'),
			storage: { getItem: (key) => (read.push(key), null) },
			setTimeout: () => 0
		});
		expect(read).toEqual([]);
		expect(overlay()).toBeNull();
	});

	it('never throws, even when storage does', () => {
		const { doc, overlay } = page({});
		const storage = {
			getItem: () => {
				throw new DOMException('denied', 'SecurityError');
			}
		};
		const paint = () =>
			runEarlyPaint({
				document: asDocument(doc),
				location: address('?id=a&card=b'),
				storage,
				setTimeout: () => 0
			});
		expect(paint).not.toThrow();
		expect(overlay()).toBeNull();
	});
});
