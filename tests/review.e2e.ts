import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, open, openOfflineApp, readTables, type AppServer } from './browser.ts';

let browser: Browser;
let server: AppServer;
let page: Page;
let errors: string[];

beforeAll(async () => {
	browser = await launchBrowser();
	({ server, page, errors } = await openOfflineApp(browser));
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

const counts = async () =>
	(await page.getByTestId('review-counts').textContent())?.replace(/\s+/g, ' ').trim().split(' ')[0] ?? '';

interface CardRow {
	id: string;
	due: number;
	reps: number;
	state: number;
}

/** Cards and review log straight from IndexedDB, to check what the screen says against what was stored. */
async function storedState(): Promise<{ reviews: number; cards: CardRow[] }> {
	const tables = await readTables<CardRow>(page, ['cards', 'reviews']);
	return {
		reviews: tables.reviews?.length ?? 0,
		cards: (tables.cards ?? [])
			.filter((card) => card.reps > 0)
			.map(({ id, due, reps, state }) => ({ id, due, reps, state }))
			.sort((a, b) => a.id.localeCompare(b.id))
	};
}

describe('reviewing offline', () => {
	it('reviews a dozen cards with mixed grades and keeps them across a reload', async () => {
		await open(page, server.origin + '/review');
		await page.getByTestId('flashcard').waitFor();
		await expect.poll(counts).toBe('20');

		const grades = [3, 1, 3, 4, 2, 3, 1, 3, 3, 4, 2, 3];
		for (const [i, grade] of grades.entries()) {
			const before = await page.getByTestId('flashcard').getAttribute('data-card-id');
			if (i % 2 === 0) await page.keyboard.press('Space');
			else await page.getByTestId('show-answer').click();
			await page.getByTestId('answer').waitFor();
			await expect(page.getByTestId('pinyin').textContent()).resolves.toMatch(/\S/);
			if (i % 3 === 0) await page.keyboard.press(String(grade));
			else await page.getByTestId(`grade-${grade}`).click();
			await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).not.toBe(before);
		}

		const stored = await storedState();
		expect(stored.reviews).toBe(grades.length);
		const screenCounts = await page.getByTestId('review-counts').textContent();

		await page.reload();
		await page.waitForSelector('html[data-hydrated="true"]');
		await page.getByTestId('flashcard').waitFor();
		await expect.poll(() => page.getByTestId('review-counts').textContent()).toBe(screenCounts);
		expect(await storedState()).toEqual(stored);
	});

	it('undoes the last review, restoring the card exactly', async () => {
		const before = await storedState();
		const cardId = await page.getByTestId('flashcard').getAttribute('data-card-id');
		await page.keyboard.press('Space');
		await page.getByTestId('grade-3').click();
		await expect.poll(async () => (await storedState()).reviews).toBe(before.reviews + 1);

		await page.getByTestId('undo').click();
		await expect.poll(async () => (await storedState()).reviews).toBe(before.reviews);
		expect(await storedState()).toEqual(before);
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).toBe(cardId);
	});

	it('jumps to the passage in context and comes back', async () => {
		await page.keyboard.press('Space');
		const example = await page.getByTestId('example').textContent();
		const link = page.getByTestId('in-context');
		const href = (await link.getAttribute('href')) ?? '';
		const paragraphId = href.split('#')[1] ?? '';
		expect(paragraphId).toMatch(/^p\d{4}$/);
		await link.click();
		await page.waitForURL((url) => url.hash === `#${paragraphId}`);
		const paragraph = page.locator(`[data-paragraph-id="${paragraphId}"]`);
		await paragraph.waitFor();
		const text = (await paragraph.textContent()) ?? '';
		expect(text).toContain((example ?? '').slice(0, 8));
		await expect
			.poll(() =>
				paragraph.evaluate((element) => {
					const box = element.getBoundingClientRect();
					return box.top >= 0 && box.top < window.innerHeight;
				})
			)
			.toBe(true);

		await page.getByTestId('back-to-review').click();
		await page.waitForURL((url) => url.pathname === '/review');
		await page.getByTestId('flashcard').waitFor();
		expect(errors).toEqual([]);
	});
});
