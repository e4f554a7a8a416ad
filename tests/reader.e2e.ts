import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
	installApp,
	open,
	phoneContext,
	readTables,
	settle,
	SHOWN_CARD,
	swipeLeft,
	swipeRight,
	touchDrag
} from './browser.ts';
import { expect, test } from './fixtures.ts';

const EXPECTED_CARDS = (readFileSync('content/articles/huang-2025/article.md', 'utf8').match(/^## card /gm) ?? [])
	.length;

async function contentsLinks(page: Page): Promise<{ href: string; titleZh: string }[]> {
	await open(page, new URL('/read', page.url()).href);
	const links = page.getByTestId('contents-card');
	await links.first().waitFor();
	return links.evaluateAll((anchors) =>
		anchors.map((a) => ({
			href: (a as HTMLAnchorElement).getAttribute('href') ?? '',
			titleZh: a.querySelector('[lang="zh-Hans"]')?.textContent ?? ''
		}))
	);
}

const position = (page: Page) => page.getByTestId('card-position').textContent();

test.describe('offline reader', () => {
	test('starts and shows every card of all three parts with the network off', async ({
		server,
		context,
		page,
		errors
	}) => {
		await installApp(page, server.origin);
		// Stop the server as well as cutting the network: nothing but the service worker can answer now.
		await server.close();
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 }).first().textContent()).resolves.toContain('Duka');

		const links = await contentsLinks(page);
		expect(links.length).toBe(EXPECTED_CARDS);
		for (const heading of ['Arab AI and the Chip Diffusion Rule', 'Nvidia and China', 'AI GDP Growth']) {
			await expect(page.getByRole('heading', { level: 2, name: new RegExp(heading) }).count()).resolves.toBe(1);
		}

		for (const [index, link] of links.entries()) {
			await open(page, new URL(link.href, page.url()).href);
			const title = page.locator(`${SHOWN_CARD} > article.card h1 [lang="zh-Hans"]`);
			await expect(title.textContent()).resolves.toBe(link.titleZh);
			await expect(page.getByTestId('card-position').textContent()).resolves.toBe(
				`Card ${index + 1} of ${links.length}`
			);
			await expect(page.locator(`${SHOWN_CARD} > article.card p`).count()).resolves.toBeGreaterThan(0);
		}
		expect(errors).toEqual([]);
	});

	test('opens every address offline after one visit, with or without a trailing slash', async ({
		app: { origin, page, errors }
	}) => {
		// Each address with something only its own page shows.
		const addresses: [path: string, testId: string][] = [
			['/read/', 'contents-card'],
			['/read/huang-2025/', 'contents-card'],
			['/read/huang-2025/p1-01/', 'card-position'],
			['/deck/', 'deck-count'],
			['/settings/', 'text-size']
		];
		for (const [path, testId] of addresses) {
			await open(page, origin + path);
			await page.getByTestId(testId).first().waitFor();
		}
		// An address no page answers gets the app's own "not found", with its scripts loaded, not a dead page.
		await open(page, origin + '/read/no-such-article/no-such-card');
		await expect.poll(() => page.locator('h1').first().textContent()).toBe('This page does not exist.');
		// A 404 the browser may log for the missing address is not the app's; anything else is. Matched whole: an
		// error's text ends with where it was logged, whose port or file name may hold "404" too.
		expect(
			errors.filter(
				(error) => !/^console: Failed to load resource: the server responded with a status of 404/.test(error)
			)
		).toEqual([]);
	});

	test('marks inline English terms and Chinese runs with their languages', async ({ app: { page } }) => {
		const links = await contentsLinks(page);
		const termCounts: number[] = [];
		for (const link of links.slice(0, 6)) {
			await open(page, new URL(link.href, page.url()).href);
			termCounts.push(
				await page.locator(`${SHOWN_CARD} > article.card p[lang="zh-Hans"] span.term[lang="en"]`).count()
			);
		}
		expect(termCounts.some((count) => count > 0)).toBe(true);
	});
});

test.describe('moving between cards', () => {
	test('moves with the arrow keys, swipes and buttons', async ({ server: { origin }, page }) => {
		const links = await (async () => {
			await open(page, origin + '/read');
			return contentsLinks(page);
		})();
		const total = links.length;
		await open(page, new URL(links[0]!.href, origin).href);
		await expect(position(page)).resolves.toBe(`Card 1 of ${total}`);

		await page.keyboard.press('ArrowRight');
		await page.waitForURL((url) => url.pathname === links[1]!.href);
		await expect(position(page)).resolves.toBe(`Card 2 of ${total}`);

		await page.keyboard.press('ArrowLeft');
		await page.waitForURL((url) => url.pathname === links[0]!.href);

		await swipeLeft(page);
		await page.waitForURL((url) => url.pathname === links[1]!.href);
		await swipeLeft(page);
		await page.waitForURL((url) => url.pathname === links[2]!.href);
		await swipeRight(page);
		await page.waitForURL((url) => url.pathname === links[1]!.href);

		await page.getByTestId('next-card').click();
		await page.waitForURL((url) => url.pathname === links[2]!.href);
		await page.getByTestId('previous-card').click();
		await page.waitForURL((url) => url.pathname === links[1]!.href);
		await expect(position(page)).resolves.toBe(`Card 2 of ${total}`);
	});

	test('a vertical drag scrolls and does not change card', async ({ server: { origin }, page }) => {
		await open(page, origin + '/read');
		const links = await contentsLinks(page);
		await open(page, new URL(links[1]!.href, origin).href);
		const before = page.url();
		const positionBefore = await position(page);
		await touchDrag(page, 30, -300);
		await settle(page);
		expect(page.url()).toBe(before);
		await expect(position(page)).resolves.toBe(positionBefore);
	});
});

test.describe('position and settings survive an offline reload', () => {
	test('keeps the reading position, read cards, text size and theme', async ({ server, context, page }) => {
		await installApp(page, server.origin);
		const links = await contentsLinks(page);
		await open(page, new URL(links[0]!.href, server.origin).href);
		await page.keyboard.press('ArrowRight');
		await page.waitForURL((url) => url.pathname === links[1]!.href);
		await page.keyboard.press('ArrowRight');
		await page.waitForURL((url) => url.pathname === links[2]!.href);

		// Leave through the app's own links, as a reader would.
		await page.getByRole('link', { name: /^Contents/ }).click();
		await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
		await page.getByRole('button', { name: 'Larger text' }).click();
		await page.getByRole('radio', { name: 'Dark' }).check();
		await expect(page.getByTestId('text-size').textContent()).resolves.toBe('115%');

		await server.close();
		await context.setOffline(true);
		await open(page, server.origin + '/');
		await page.reload();

		const continueLink = page.getByTestId('continue-reading');
		await expect.poll(() => continueLink.getAttribute('href')).toBe(links[2]!.href);
		await expect.poll(() => continueLink.textContent()).toContain(`Card 3 of ${links.length}`);
		await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
		await expect(
			page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--text-scale').trim())
		).resolves.toBe('1.15');

		await open(page, server.origin + '/read');
		await expect.poll(() => page.getByTestId('overall-progress').textContent()).toBe(`2 of ${links.length} cards read`);

		await open(page, server.origin + '/settings');
		await expect.poll(() => page.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
		await expect.poll(() => page.getByTestId('text-size').textContent()).toBe('115%');
	});
});

/** Opens the first card and turns to the second on a page that is never idle (where the position is saved). */
async function turnOnceNeverIdle(page: Page, origin: string): Promise<{ href: string }[]> {
	await page.addInitScript(() => {
		window.requestIdleCallback = () => 0;
	});
	await open(page, origin + '/read');
	const links = await contentsLinks(page);
	await open(page, new URL(links[0]!.href, origin).href);
	await page.keyboard.press('ArrowRight');
	await page.waitForURL((url) => url.pathname === links[1]!.href);
	return links;
}

test('keeps the position of a card left before the page was ever idle', async ({ server, page }) => {
	// The position is saved when the page is idle after a card is painted; here it never is.
	const links = await turnOnceNeverIdle(page, server.origin);
	// Through the app's own links, as a reader leaves: a reload here could cut the position's write short.
	await page.getByRole('link', { name: /^Contents/ }).click();
	await page.getByRole('navigation').getByRole('link', { name: 'Home' }).click();
	await expect.poll(() => page.getByTestId('continue-reading').getAttribute('href')).toBe(links[1]!.href);
});

test('keeps the position of a card whose page is hidden before it was ever idle', async ({ server, page }) => {
	// A phone sends a page to the background (and may close it there) with no idle moment and no pagehide first.
	const links = await turnOnceNeverIdle(page, server.origin);
	await page.evaluate(() => {
		Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
		document.dispatchEvent(new Event('visibilitychange'));
	});
	const lastCard = async () =>
		(await readTables<{ key: string; value: { cardId: string } }>(page, ['kv'])).kv!.find(
			(row) => row.key === 'reading:last'
		)?.value.cardId;
	await expect.poll(lastCard).toBe(links[1]!.href.split('/').pop());
	await page.reload();
	await open(page, server.origin + '/');
	await expect.poll(() => page.getByTestId('continue-reading').getAttribute('href')).toBe(links[1]!.href);
});

test.describe('language and layout', () => {
	test('follows a Chinese browser and can be switched to English', async ({ browser, server }) => {
		const context = await phoneContext(browser, { locale: 'zh-CN' });
		const page = await context.newPage();
		await open(page, server.origin + '/settings');
		await expect.poll(() => page.getByRole('navigation').getByRole('link').first().textContent()).toContain('首页');
		await page.getByRole('radio', { name: 'English' }).check();
		await expect.poll(() => page.getByRole('navigation').getByRole('link').first().textContent()).toContain('Home');
		await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('en');
		await context.close();
	});

	test('an English browser loads only English strings, and switching to Chinese fetches them then', async ({
		browser,
		server
	}) => {
		const context = await phoneContext(browser, { locale: 'en-US' });
		const page = await context.newPage();
		await open(page, server.origin + '/settings');
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Settings');
		await page.waitForLoadState('networkidle');
		const fetched: string[] = [];
		page.on('request', (request) => {
			if (request.url().includes('/_app/immutable/')) fetched.push(request.url());
		});
		await page.getByRole('radio', { name: '中文' }).check();
		// Past home, the whole screen changes at once, when its Chinese strings have come: the heading with the tab bar.
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('设置');
		await expect.poll(() => page.getByRole('navigation').getByRole('link').first().textContent()).toContain('首页');
		expect(fetched.length, 'the Chinese strings are fetched only now').toBeGreaterThan(0);
		await page.reload();
		await page.waitForSelector('html[data-hydrated="true"]');
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('设置');
		await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('zh-Hans');
		await context.close();
	});

	test('never scrolls sideways on a 360 px phone', async ({ browser, server }) => {
		const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
		const page = await context.newPage();
		for (const path of [
			'/',
			'/read',
			'/read/huang-2025/p1-01',
			'/review',
			'/deck',
			'/stats',
			'/notes',
			'/settings',
			'/about'
		]) {
			await open(page, server.origin + path);
			await page.waitForLoadState('networkidle');
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow, path).toBeLessThanOrEqual(0);
		}
		await context.close();
	});
});

test.describe('where the reader is', () => {
	test('the header bar shows the position in the article, full on the last card', async ({
		server: { origin },
		page
	}) => {
		const links = await (async () => {
			await open(page, origin + '/read');
			return contentsLinks(page);
		})();
		const bar = page.getByTestId('article-position');
		const width = () =>
			bar.evaluate((element) => {
				const fill = element.querySelector('span')?.getBoundingClientRect().width ?? 0;
				return Math.round((100 * fill) / element.getBoundingClientRect().width);
			});
		await open(page, new URL(links[0]!.href, origin).href);
		await expect(bar.getAttribute('aria-valuenow')).resolves.toBe('1');
		await expect.poll(width).toBe(Math.round(100 / links.length));
		await open(page, new URL(links.at(-1)!.href, origin).href);
		await expect(bar.getAttribute('aria-valuenow')).resolves.toBe(String(links.length));
		await expect.poll(width).toBe(100);
		await expect(bar.getAttribute('aria-valuetext')).resolves.toBe(`Card ${links.length} of ${links.length}`);
		// Back one card by the keyboard: the bar follows the card turned to.
		await page.keyboard.press('ArrowLeft');
		await page.waitForURL((url) => url.pathname === links.at(-2)!.href);
		await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe(String(links.length - 1));
		// And the browser's back button returns to the last card.
		await page.goBack();
		await expect.poll(() => bar.getAttribute('aria-valuenow')).toBe(String(links.length));
		await expect(position(page)).resolves.toBe(`Card ${links.length} of ${links.length}`);
	});

	test('the contents show which cards were read', async ({ server: { origin }, page }) => {
		await open(page, origin + '/read/huang-2025/intro-1');
		await page.keyboard.press('ArrowRight');
		await page.waitForURL((url) => url.pathname === '/read/huang-2025/intro-2');
		// Turning on marks the card read in the database; leaving the page before that write ends would abort it.
		await expect
			.poll(async () => (await readTables<{ cardId: string; readAt?: number }>(page, ['reading'])).reading)
			.toContainEqual(expect.objectContaining({ cardId: 'intro-1', readAt: expect.any(Number) }));
		await open(page, origin + '/read/huang-2025');
		const states = page.getByTestId('card-state');
		await expect.poll(() => states.first().textContent()).toBe('Read');
		await expect(states.nth(1).textContent()).resolves.toBe('Unread');
		await expect(page.getByTestId('contents-card').first().getAttribute('class')).resolves.toContain('read');
	});

	test('the footer is opaque, so no text shows through it', async ({ server: { origin }, page }) => {
		await open(page, origin + '/read/huang-2025/p1-01');
		const background = await page
			.locator('footer')
			.last()
			.evaluate((element) => getComputedStyle(element).backgroundColor);
		expect(background).toMatch(/^rgb\(/);
	});

	test('names in English get no pinyin: the pinyin line over Stratechery and Zoom is empty', async ({
		server: { origin },
		page
	}) => {
		await open(page, origin + '/read/huang-2025/p1-01');
		await page.getByTestId('pinyin-toggle').click();
		await expect.poll(() => page.locator(`${SHOWN_CARD} > article.card rt`).count()).toBeGreaterThan(20);
		const pinyin = await page.locator(`${SHOWN_CARD} > article.card rt`).allTextContents();
		expect(pinyin.some((syllable) => /[A-Z]|Zoom|Stratechery/.test(syllable))).toBe(false);
		await expect(page.locator(`${SHOWN_CARD} > article.card .term rt`).count()).resolves.toBe(0);
		await page.getByTestId('pinyin-toggle').click();
	});
});
