import type { Page } from 'playwright-core';
import { open, readTables } from './browser.ts';
import { expect, test as appTest } from './fixtures.ts';

const test = appTest.extend('reviewing', async ({ app }) => {
	// The review screen, offline, showing its first card.
	await open(app.page, app.origin + '/review');
	await app.page.getByTestId('flashcard').waitFor();
	return app;
});

test.afterEach(({ app }) => {
	expect(app.errors).toEqual([]);
});

const counts = async (page: Page) =>
	(await page.getByTestId('review-counts').textContent())?.replace(/\s+/g, ' ').trim().split(' ')[0] ?? '';

interface CardRow {
	id: string;
	due: number;
	reps: number;
	state: number;
}

/** Cards and review log straight from IndexedDB, to check what the screen says against what was stored. */
async function storedState(page: Page): Promise<{ reviews: number; cards: CardRow[] }> {
	const tables = await readTables<CardRow>(page, ['cards', 'reviews']);
	return {
		reviews: tables.reviews?.length ?? 0,
		cards: (tables.cards ?? [])
			.filter((card) => card.reps > 0)
			.map(({ id, due, reps, state }) => ({ id, due, reps, state }))
			.sort((a, b) => a.id.localeCompare(b.id))
	};
}

test.describe('reviewing offline', () => {
	test('reviews a dozen cards with mixed grades and keeps them across a reload', async ({ reviewing: { page } }) => {
		await expect.poll(() => counts(page)).toBe('20');

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

		// The last grade may still be being written (the next card shows first).
		await expect.poll(async () => (await storedState(page)).reviews).toBe(grades.length);
		const stored = await storedState(page);
		const screenCounts = await page.getByTestId('review-counts').textContent();

		await page.reload();
		await page.waitForSelector('html[data-hydrated="true"]');
		await page.getByTestId('flashcard').waitFor();
		await expect.poll(() => page.getByTestId('review-counts').textContent()).toBe(screenCounts);
		expect(await storedState(page)).toEqual(stored);
	});

	test('undoes the last review, restoring the card exactly', async ({ reviewing: { page } }) => {
		const before = await storedState(page);
		const cardId = await page.getByTestId('flashcard').getAttribute('data-card-id');
		await page.keyboard.press('Space');
		await page.getByTestId('grade-3').click();
		await expect.poll(async () => (await storedState(page)).reviews).toBe(before.reviews + 1);

		await page.getByTestId('undo').click();
		await expect.poll(async () => (await storedState(page)).reviews).toBe(before.reviews);
		expect(await storedState(page)).toEqual(before);
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).toBe(cardId);
	});

	test('jumps to the passage in context and comes back', async ({ reviewing: { page } }) => {
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
	});
});
