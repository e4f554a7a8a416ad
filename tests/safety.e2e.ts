import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { open, phoneContext, readTables, settle, waitForServiceWorker, watchErrors } from './browser.ts';
import { expect, test as appTest } from './fixtures.ts';

const test = appTest.extend('nextVersion', ({ root, onTestFinished }) => {
	// Version 2: the same app with a changed page, so its service worker differs byte for byte.
	const nextVersion = mkdtempSync(join(tmpdir(), 'duka-v2-'));
	onTestFinished(() => rmSync(nextVersion, { recursive: true, force: true }));
	cpSync(root, nextVersion, { recursive: true });
	const sw = readFileSync(join(nextVersion, 'sw.js'), 'utf8');
	writeFileSync(
		join(nextVersion, 'sw.js'),
		sw.replace(/url:"about",revision:"[^"]+"/, 'url:"about",revision:"version-2"')
	);
	writeFileSync(
		join(nextVersion, 'about.html'),
		readFileSync(join(nextVersion, 'about.html'), 'utf8').replace('</body>', '<!-- version 2 --></body>')
	);
	return nextVersion;
});

/** Review log size and the sum of card repetitions, straight from IndexedDB: each review adds one to each. */
async function ledger(page: Page): Promise<{ reviews: number; reps: number }> {
	const tables = await readTables<{ reps: number }>(page, ['cards', 'reviews']);
	return { reviews: tables.reviews?.length ?? 0, reps: (tables.cards ?? []).reduce((sum, card) => sum + card.reps, 0) };
}

async function gradeCards(page: Page, count: number): Promise<void> {
	for (let i = 0; i < count; i++) {
		const before = await page.getByTestId('flashcard').getAttribute('data-card-id');
		await page.keyboard.press('Space');
		await page.getByTestId('answer').waitFor();
		await page.keyboard.press(String(1 + (i % 4)));
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).not.toBe(before);
	}
}

test.describe('a full session stays on the device', () => {
	test('makes no request to another origin and breaks no CSP rule', async ({ server, context, foreign }) => {
		const violations: string[] = [];
		const page = await context.newPage();
		const errors = watchErrors(page);
		await page.addInitScript(() => {
			document.addEventListener('securitypolicyviolation', (event) => {
				(window as unknown as { __violations: string[] }).__violations ??= [];
				(window as unknown as { __violations: string[] }).__violations.push(
					`${event.violatedDirective} ${event.blockedURI}`
				);
			});
		});
		const collect = async () =>
			violations.push(
				...(await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []))
			);

		await open(page, server.origin + '/');
		await waitForServiceWorker(page);
		for (const path of ['/read', '/settings', '/deck', '/stats', '/notes', '/about']) {
			await open(page, server.origin + path);
			await settle(page);
			await collect();
		}
		await page.getByRole('navigation').getByRole('link', { name: 'Read' }).click();
		await page.getByTestId('contents-card').first().click();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await page.getByRole('link', { name: /^Contents/ }).click();
		await page.getByRole('navigation').getByRole('link', { name: 'Review' }).click();
		await page.getByTestId('flashcard').waitFor();
		await gradeCards(page, 3);
		await collect();

		expect(foreign).toEqual([]);
		expect(violations).toEqual([]);
		expect(errors).toEqual([]);
	});
});

test.describe('crashes and tabs', () => {
	test('loses no review and counts none twice when the page is closed mid-session', async ({ server, context }) => {
		const page = await context.newPage();
		await open(page, server.origin + '/review');
		await page.getByTestId('flashcard').waitFor();
		await gradeCards(page, 5);
		// Reveal the next card and close the tab at once, as a phone killing the app would.
		await page.keyboard.press('Space');
		await page.close({ runBeforeUnload: false });

		const reopened = await context.newPage();
		await open(reopened, server.origin + '/review');
		await reopened.getByTestId('flashcard').waitFor();
		expect(await ledger(reopened)).toEqual({ reviews: 5, reps: 5 });
		await gradeCards(reopened, 1);
		expect(await ledger(reopened)).toEqual({ reviews: 6, reps: 6 });
		await reopened.close();
	});

	test('shows a review made in one tab in the other', async ({ server, context }) => {
		const home = await context.newPage();
		await open(home, server.origin + '/');
		const newCount = () => home.getByTestId('home-counts').locator('.new').textContent();
		await expect.poll(newCount).toMatch(/^\d+$/);
		const before = Number(await newCount());

		const reviewTab = await context.newPage();
		await open(reviewTab, server.origin + '/review');
		await reviewTab.getByTestId('flashcard').waitFor();
		await gradeCards(reviewTab, 1);

		await expect.poll(async () => Number(await newCount())).toBe(before - 1);
		await home.close();
		await reviewTab.close();
	});

	test('an older tab steps aside when a newer one upgrades the database', async ({ browser, server }) => {
		const isolated = await phoneContext(browser);
		const older = await isolated.newPage();
		await open(older, server.origin + '/');
		await expect.poll(() => older.getByTestId('home-counts').isVisible()).toBe(true);

		const newer = await isolated.newPage();
		await open(newer, server.origin + '/about');
		const upgraded = await newer.evaluate(
			() =>
				new Promise<string>((resolve) => {
					const request = indexedDB.open('duka', 100_000);
					request.onblocked = () => resolve('blocked');
					request.onsuccess = () => {
						request.result.close();
						resolve('upgraded');
					};
					request.onerror = () => resolve(`error ${request.error?.name}`);
				})
		);
		expect(upgraded).toBe('upgraded');
		await older.getByTestId('upgraded-elsewhere').waitFor();
		await isolated.close();
	});
});

test.describe('service worker updates', () => {
	test('says once that the app works offline, and one tap puts the notice away', async ({ browser, server }) => {
		const fresh = await phoneContext(browser);
		const page = await fresh.newPage();
		await open(page, server.origin + '/');
		await page.getByTestId('offline-ready').getByRole('button').click();
		await page.getByTestId('offline-ready').waitFor({ state: 'detached' });
		await fresh.close();
	});

	test('prompts for version 2, never reloads by itself, and keeps the data of version 1', async ({
		server,
		context,
		nextVersion
	}) => {
		const page = await context.newPage();
		await open(page, server.origin + '/review');
		await waitForServiceWorker(page);
		await page.getByTestId('flashcard').waitFor();
		await gradeCards(page, 2);
		const before = await ledger(page);
		await page.keyboard.press('Space');
		await page.getByTestId('answer').waitFor();
		await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

		server.swapRoot(nextVersion);
		await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		await page.getByTestId('update-prompt').waitFor({ timeout: 30_000 });
		await settle(page);
		// Still the same document, with the answer the user was looking at.
		await expect(page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).resolves.toBe(
			true
		);
		await expect(page.getByTestId('answer').isVisible()).resolves.toBe(true);

		await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Reload' }).click()]);
		await page.waitForSelector('html[data-hydrated="true"]');
		await expect(
			page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)
		).resolves.toBeUndefined();
		expect(await ledger(page)).toEqual(before);
		const about = await page.evaluate(async () => (await fetch('/about')).text());
		expect(about).toContain('version 2');
	});
});
