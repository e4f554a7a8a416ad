import type { Page } from 'playwright-core';
import { importMarkdown, open, phoneContext, readTables, SHOWN_CARD } from './browser.ts';
import { expect, test } from './fixtures.ts';

/** A short text of two cards (one a heading), imported through "Add a text"; its id and its cards' ids. */
async function importText(page: Page, origin: string, title: string): Promise<{ id: string; cards: string[] }> {
	const text = [
		`# ${title}`,
		'阿笨：我们先谈谈云计算cloud computing的成本，这是今天访谈的第一个话题。',
		'## 第二部分',
		'老黄：成本每年都在下降，这是好事。'
	].join('\n\n');
	await importMarkdown(page, origin, text, `${title}.md`);
	const { articles } = await readTables<{
		id: string;
		summary: { meta: { titleZh: string }; cards: { id: string }[] };
	}>(page, ['articles']);
	const article = articles!.find((row) => row.summary.meta.titleZh === title);
	if (!article) throw new Error(`no imported article is called ${title}`);
	return { id: article.id, cards: article.summary.cards.map((card) => card.id) };
}

const cardAddress = (origin: string, id: string, card: string) =>
	`${origin}/read/text?id=${encodeURIComponent(id)}&card=${encodeURIComponent(card)}`;

/** Whether the card has a snapshot in localStorage yet (taken when the page is idle after painting it). */
const snapshotKept = (page: Page, card: string) =>
	page.waitForFunction((card) => {
		try {
			const list = JSON.parse(localStorage.getItem('duka:card-snapshot') ?? '[]') as { card: string }[];
			return list.some((entry) => entry.card === card);
		} catch {
			return false;
		}
	}, card);

/**
 * Opens `url` with the app's own scripts held back until `release` is called, as on a slow start: whatever shows
 * until then was painted without the app.
 */
async function openHeld(page: Page, url: string): Promise<() => void> {
	let release!: () => void;
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await held;
		await route.continue();
	});
	await page.goto(url, { waitUntil: 'commit' });
	// Module scripts (the early paint among them) have run by the time the document is parsed and loading ends.
	await page.waitForFunction(() => document.readyState !== 'loading');
	return release;
}

const hydrated = (page: Page) => page.locator('html[data-hydrated="true"]').count();

test('an imported card paints its snapshot before the app loads, and gives way to the app', async ({
	browser,
	server
}) => {
	// No service worker: it would answer the app's scripts itself, where the test cannot hold them back.
	const context = await phoneContext(browser, { serviceWorkers: 'block' });
	try {
		const page = await context.newPage();
		await open(page, server.origin + '/');
		const first = await importText(page, server.origin, '芯片小记');
		const other = await importText(page, server.origin, '云的成本');

		await open(page, cardAddress(server.origin, first.id, first.cards[0]!));
		const title = (await page.locator(`${SHOWN_CARD} > article.card h1`).innerText()).trim();
		expect(title.length).toBeGreaterThan(0);
		await snapshotKept(page, first.cards[0]!);

		const release = await openHeld(page, cardAddress(server.origin, first.id, first.cards[0]!));
		const overlay = page.locator('#duka-snapshot');
		await expect(hydrated(page)).resolves.toBe(0);
		await expect(overlay.locator(`${SHOWN_CARD} > article.card h1`).innerText()).resolves.toContain(title);
		expect(await overlay.isVisible()).toBe(true);
		expect(await overlay.getAttribute('aria-hidden')).toBe('true');
		expect(await overlay.locator('[id], [data-testid]').count()).toBe(0);
		// Only the copy is on the page: the app's own card is not there yet.
		expect(await page.locator(`${SHOWN_CARD} > article.card`).count()).toBe(1);

		release();
		await page.waitForSelector('html[data-hydrated="true"]');
		expect(await overlay.count()).toBe(0);
		await expect(page.getByTestId('card-position').innerText()).resolves.toContain('Card 1 of');
		// Its part has no English title: the Chinese one names it in the English interface too.
		await expect(page.locator('header .part').innerText()).resolves.toBe('芯片小记');
		await page.unrouteAll();

		// A text none of whose cards was read here has no snapshot: the page stays empty until the app paints it.
		const releaseOther = await openHeld(page, cardAddress(server.origin, other.id, other.cards[0]!));
		await expect(hydrated(page)).resolves.toBe(0);
		expect(await overlay.count()).toBe(0);
		expect(await page.locator(`${SHOWN_CARD} > article.card`).count()).toBe(0);
		releaseOther();
		await page.waitForSelector('html[data-hydrated="true"]');
		await page.locator(`${SHOWN_CARD} > article.card`).waitFor();
	} finally {
		await context.close();
	}
});

test("the snapshot paints in the user's dark theme", async ({ browser, server }) => {
	const context = await phoneContext(browser, { serviceWorkers: 'block' });
	try {
		const page = await context.newPage();
		await open(page, server.origin + '/');
		const text = await importText(page, server.origin, '芯片小记');
		await open(page, server.origin + '/settings');
		await page.getByRole('radio', { name: 'Dark' }).check();
		await page.waitForFunction(() => localStorage.getItem('duka:display')?.includes('"dark"'));

		await open(page, cardAddress(server.origin, text.id, text.cards[0]!));
		await snapshotKept(page, text.cards[0]!);
		const release = await openHeld(page, cardAddress(server.origin, text.id, text.cards[0]!));
		const overlay = page.locator('#duka-snapshot');
		await overlay.waitFor();
		await expect(hydrated(page)).resolves.toBe(0);
		expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
		// The dark theme's background (app.css: --bg), not the light one's.
		await expect(overlay.evaluate((element) => getComputedStyle(element).backgroundColor)).resolves.toBe(
			'rgb(17, 21, 20)'
		);
		release();
		await page.waitForSelector('html[data-hydrated="true"]');
		expect(await overlay.count()).toBe(0);
	} finally {
		await context.close();
	}
});
