// Two phones syncing through a CouchDB-compatible server served, as in the default deployment, under /couchdb/ on
// the app's own origin (so the strict CSP's connect-src 'self' covers it).
import type { BrowserContext, Page } from 'playwright-core';
import {
	cardOfParagraph,
	installApp,
	open,
	phoneContext,
	readTables,
	serveApp,
	SHOWN_CARD,
	tapText,
	watchErrors,
	type AppServer
} from './browser.ts';
import { expect, test as base } from './fixtures.ts';
import { startTestCouch, type TestCouch } from '../src/lib/sync/testServer.ts';
import { toDoc } from '../src/lib/sync/documents.ts';
import { encodeHlc } from '../src/lib/sync/hlc.ts';

const CARD_URL = '/read/huang-2025/p1-01';
// 每天都如此,构建供应链、扩展生态…: 供应链 is a deck word with a CC-CEDICT entry; 供应 is in neither deck.
const SUPPLY_CHAIN = { paragraphId: 'p0052', word: '供应链' };

interface Phone {
	context: BrowserContext;
	page: Page;
	errors: string[];
}

const test = base
	// eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's dependencies from this pattern: none
	.extend('couch', async ({}, { onCleanup }): Promise<TestCouch> => {
		const couch = await startTestCouch();
		await couch.createDatabase('duka');
		onCleanup(() => couch.stop());
		return couch;
	})
	.extend('site', async ({ couch }, { onCleanup }): Promise<AppServer> => {
		const site = await serveApp('build', { proxy: { prefix: '/couchdb/', handle: couch.handle } });
		onCleanup(() => site.close());
		return site;
	})
	.extend('phones', async ({ browser, site }, { onCleanup }): Promise<[Phone, Phone]> => {
		const contexts: BrowserContext[] = [];
		onCleanup(async () => {
			for (const context of contexts) await context.close();
		});
		const make = async (): Promise<Phone> => {
			const context = await phoneContext(browser);
			contexts.push(context);
			const page = await context.newPage();
			const errors = watchErrors(page);
			await installApp(page, site.origin, { dictionary: false });
			return { context, page, errors };
		};
		return [await make(), await make()];
	});

const status = (page: Page) => ({
	textContent: async () => (await page.getByTestId('sync-status').textContent())?.replace(/\s+/g, ' ').trim() ?? ''
});

async function turnOnSync(phone: Phone, origin: string, couch: TestCouch, password = couch.password): Promise<void> {
	await open(phone.page, `${origin}/settings`);
	await phone.page.getByTestId('sync-url').fill('/couchdb/duka');
	await phone.page.getByTestId('sync-user').fill(couch.user);
	await phone.page.getByTestId('sync-password').fill(password);
	await phone.page.getByTestId('sync-turn-on').click();
}

const lastSynced = async (page: Page) => Number(await page.getByTestId('sync-status').getAttribute('data-last-synced'));

/** Sync now from Settings, until a sync that started after the tap says it is done with nothing waiting. */
async function syncNow(phone: Phone, origin: string): Promise<void> {
	await open(phone.page, `${origin}/settings`);
	await phone.page.getByTestId('sync-now').click();
	const tapped = Date.now();
	await expect.poll(() => lastSynced(phone.page), { timeout: 30_000 }).toBeGreaterThan(tapped);
	await expect
		.poll(() => status(phone.page).textContent(), { timeout: 30_000 })
		.toMatch(/Last synced .* Nothing waiting/);
}

async function review(page: Page, origin: string, count: number): Promise<void> {
	await open(page, `${origin}/review`);
	for (let i = 0; i < count; i++) {
		const card = await page.getByTestId('flashcard').getAttribute('data-card-id');
		await page.keyboard.press('Space');
		await page.getByTestId('answer').waitFor();
		await page.getByTestId('grade-3').click();
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).not.toBe(card);
		// The next card shows before the grade is committed: a grade counts as made once it is.
		await page.locator('main[data-committing="false"]').waitFor();
	}
}

/** Highlights a paragraph's first words and writes a note on them. */
async function writeNote(page: Page, origin: string, text: string): Promise<void> {
	await open(page, origin + CARD_URL);
	const paragraph = page.locator(`${SHOWN_CARD} [data-paragraph-id] > p`).first();
	await paragraph.waitFor();
	await page.evaluate((shown) => {
		const root = document.querySelector(`${shown} [data-paragraph-id] > p`)!;
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		const node = walker.nextNode() as Text;
		const range = document.createRange();
		range.setStart(node, 0);
		range.setEnd(node, Math.min(4, node.length));
		document.getSelection()?.removeAllRanges();
		document.getSelection()?.addRange(range);
	}, SHOWN_CARD);
	await page.getByTestId('selection-toolbar').waitFor();
	await page.getByTestId('highlight-blue').click();
	await editNote(page, origin, text);
}

async function editNote(page: Page, origin: string, text: string): Promise<void> {
	if (!page.url().endsWith(CARD_URL)) await open(page, origin + CARD_URL);
	await page.locator(`${SHOWN_CARD} [data-paragraph-id] mark`).first().click();
	await page.getByTestId('highlight-toolbar').waitFor();
	await page.getByTestId('highlight-note').click();
	await page.getByTestId('note-sheet').waitFor();
	await page.getByTestId('note-input').fill(text);
	await page.getByTestId('note-done').click();
	await page.getByTestId('note-sheet').waitFor({ state: 'detached' });
	await expect.poll(async () => (await notes(page)).includes(text)).toBe(true);
}

async function addSupplyChain(page: Page, origin: string): Promise<void> {
	await open(page, `${origin}/read/huang-2025/${cardOfParagraph(SUPPLY_CHAIN.paragraphId)}`);
	await tapText(page, SUPPLY_CHAIN.paragraphId, SUPPLY_CHAIN.word);
	await page.getByTestId('word-sheet').waitFor();
	await page.getByTestId('drop-last').click();
	await expect.poll(() => page.getByTestId('word-sheet-word').textContent()).toBe('供应');
	await page.getByTestId('add-to-deck').click();
	await page.getByTestId('word-draft-add').click();
	await expect.poll(() => page.getByTestId('word-add-status').textContent()).toBe('Added to your deck.');
}

interface Stored {
	cards: { id: string; due: number; stability: number; difficulty: number; reps: number; state: number }[];
	reviews: { cardId: string; reviewedAt: number }[];
	notes: { text: string }[];
	userEntries: { id: string }[];
}

const stored = async (page: Page) =>
	(await readTables(page, ['cards', 'reviews', 'notes', 'userEntries'])) as unknown as Stored;
const notes = async (page: Page) => (await stored(page)).notes.map((note) => note.text).sort();
const reviewIds = async (page: Page) =>
	(await stored(page)).reviews.map((review) => `${review.cardId}@${review.reviewedAt}`).sort();
const reviewedCards = async (page: Page) =>
	(await stored(page)).cards
		.filter((card) => card.reps > 0)
		.map(({ id, due, stability, difficulty, reps, state }) => ({ id, due, stability, difficulty, reps, state }))
		.sort((a, b) => a.id.localeCompare(b.id));

// A sync tried offline, or with the wrong password, makes the browser log the failed request; the rest is the app's.
const appErrors = (errors: string[]) =>
	errors.filter(
		(error) => !/Failed to load resource: (net::ERR_|the server responded with a status of 401)/.test(error)
	);

test('two phones that worked offline end with the same reviews, both notes and the word', async ({
	phones: [a, b],
	site,
	couch
}) => {
	const origin = site.origin;
	await turnOnSync(a, origin, couch);
	await expect.poll(() => status(a.page).textContent(), { timeout: 30_000 }).toMatch(/Last synced/);
	await writeNote(a.page, origin, 'A wrote this');
	await syncNow(a, origin);
	await turnOnSync(b, origin, couch);
	await expect.poll(() => notes(b.page), { timeout: 30_000 }).toEqual(['A wrote this']);

	// Both offline: A reviews 10 cards and edits the note; B adds a word, reviews 5 cards and edits the note too.
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await review(a.page, origin, 10);
	await editNote(a.page, origin, 'A edited it');
	await addSupplyChain(b.page, origin);
	await review(b.page, origin, 5);
	await editNote(b.page, origin, 'B edited it');
	// Offline, a sync says so in words and nothing is lost.
	await open(b.page, `${origin}/settings`);
	await b.page.getByTestId('sync-now').click();
	await expect
		.poll(() => status(b.page).textContent())
		.toBe(
			'The server cannot be reached: this device may be offline, or the address is wrong. Changes wait here and sync again later.'
		);

	await a.context.setOffline(false);
	await b.context.setOffline(false);
	await syncNow(a, origin);
	await syncNow(b, origin);
	await syncNow(a, origin);

	expect(await reviewIds(a.page)).toHaveLength(15);
	expect(await reviewIds(b.page)).toEqual(await reviewIds(a.page));
	expect(await reviewedCards(b.page)).toEqual(await reviewedCards(a.page));
	for (const phone of [a, b]) {
		expect(await notes(phone.page)).toEqual(['A edited it', 'B edited it']);
		expect((await stored(phone.page)).userEntries.map((entry) => entry.id)).toEqual(['user:供应']);
		// Card states are a replay of the merged reviews: Check database finds nothing to fix.
		await open(phone.page, `${origin}/settings`);
		await phone.page.getByTestId('check-database').click();
		await expect.poll(() => phone.page.getByTestId('check-result').textContent()).toMatch(/^All good/);
	}

	// The server cut off mid-push, then back: no duplicate, nothing lost.
	await review(a.page, origin, 2);
	couch.fault(/_bulk_docs/, { dropAnswer: true });
	await open(a.page, `${origin}/settings`);
	// The sync a few seconds after the reviews, or this one, meets the cut.
	await a.page.getByTestId('sync-now').click();
	await expect.poll(() => couch.pendingFaults(), { timeout: 30_000 }).toBe(0);
	await syncNow(a, origin);
	await syncNow(b, origin);
	expect(await reviewIds(b.page)).toHaveLength(17);
	expect(await reviewIds(b.page)).toEqual(await reviewIds(a.page));
	const docs = Object.keys(await couch.documents('duka')).filter((id) => id.startsWith('reviews:'));
	expect(docs).toHaveLength(17);

	// Turned off: the data stays; a wrong password is said in words and turns nothing on.
	await b.page.getByTestId('sync-turn-off').click();
	await b.page.getByTestId('sync-form').waitFor();
	expect(await reviewIds(b.page)).toHaveLength(17);
	await turnOnSync(b, origin, couch, 'not the password');
	await expect.poll(() => status(b.page).textContent()).toBe('Wrong user name or password.');
	await b.page.getByTestId('sync-form').waitFor();
	// Offline, the first check fails without a word of changes waiting: sync is not on.
	await b.context.setOffline(true);
	await turnOnSync(b, origin, couch);
	await expect
		.poll(() => status(b.page).textContent())
		.toBe('The server cannot be reached: this device may be offline, or the address is wrong.');
	await b.page.getByTestId('sync-form').waitFor();
	await b.context.setOffline(false);
	expect(await notes(b.page)).toEqual(['A edited it', 'B edited it']);

	expect(appErrors(a.errors)).toEqual([]);
	expect(appErrors(b.errors)).toEqual([]);
});

/** Edits the added word's English from the deck, as a user does. */
async function editWord(page: Page, origin: string, en: string): Promise<void> {
	await open(page, `${origin}/deck`);
	await page.getByTestId('deck-search').fill('供应');
	await page.getByTestId('deck-row').filter({ hasText: 'to supply' }).first().click();
	await page.getByTestId('edit-word').click();
	await page.getByTestId('word-field-en').fill(en);
	await page.getByTestId('save-word').click();
	await expect.poll(() => page.locator('h1 .en').textContent()).toBe(en);
}

test('a word edited on both phones keeps the losing edit in view as a note; a big first sync shows its progress', async ({
	phones: [a, b],
	site,
	couch
}) => {
	const origin = site.origin;
	await turnOnSync(a, origin, couch);
	await expect.poll(() => status(a.page).textContent(), { timeout: 30_000 }).toMatch(/Last synced/);
	await addSupplyChain(a.page, origin);
	await syncNow(a, origin);
	// Notes another device wrote: enough for B's first sync to be big (the bar shows from 50 documents on).
	const written = Date.now() - 60_000;
	await couch.write(
		'duka',
		Array.from({ length: 60 }, (_, i) => {
			const row = {
				id: `n-other-${i}`,
				articleId: 'huang-2025',
				paragraphId: 'p0001',
				highlightId: null,
				text: `Note ${i} from another phone`,
				createdAt: written + i,
				updatedAt: written + i
			};
			return toDoc(`notes:${row.id}`, 'notes', encodeHlc({ wall: written + i, counter: 0, device: 'other' }), row);
		})
	);
	// B's first read of the feed is held until its bar has been seen.
	let letGo = () => {};
	couch.fault(/_changes/, { hold: new Promise<void>((resolve) => (letGo = resolve)) });
	await turnOnSync(b, origin, couch);
	await b.page.getByTestId('sync-progress').waitFor({ timeout: 30_000 });
	letGo();
	await expect.poll(() => status(b.page).textContent(), { timeout: 30_000 }).toMatch(/Last synced .* Nothing waiting/);
	await expect.poll(() => b.page.getByTestId('sync-progress').count()).toBe(0);
	expect((await stored(b.page)).notes).toHaveLength(60);
	expect((await stored(b.page)).userEntries.map((entry) => entry.id)).toEqual(['user:供应']);

	// Offline, each phone edits the word; B's edit is the later one and wins on both.
	await a.context.setOffline(true);
	await b.context.setOffline(true);
	await editWord(a.page, origin, 'to supply (from A)');
	await editWord(b.page, origin, 'to supply (from B)');
	await a.context.setOffline(false);
	await b.context.setOffline(false);
	await syncNow(a, origin);
	await syncNow(b, origin);
	await syncNow(a, origin);
	for (const phone of [a, b]) {
		const entries = (await readTables(phone.page, ['userEntries'])).userEntries as { en: string }[];
		expect(entries.map((entry) => entry.en)).toEqual(['to supply (from B)']);
		// A's text is not lost: a note on the word's paragraph, shown in Notes.
		await open(phone.page, `${origin}/notes`);
		await expect
			.poll(() => phone.page.getByTestId('note-text').allTextContents(), { timeout: 10_000 })
			.toContainEqual(expect.stringContaining('to supply (from A)'));
	}
	expect(appErrors(a.errors)).toEqual([]);
	expect(appErrors(b.errors)).toEqual([]);
});
