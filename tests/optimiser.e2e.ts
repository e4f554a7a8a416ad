import type { Page } from 'playwright-core';
import type { ReviewLogRow } from '../src/lib/model/reviews.ts';
import { simulatedReviewLog } from '../src/lib/test/reviewHistories.ts';
import { installApp, open, readTables, writeRows } from './browser.ts';
import { expect, test } from './fixtures.ts';

async function schedulerSettings(page: Page): Promise<{ weights: number[] | null; optimisation: unknown }> {
	const { kv = [] } = await readTables<{ key: string; value: { weights: number[] | null; optimisation: unknown } }>(
		page,
		['kv']
	);
	return kv.find((row) => row.key === 'settings:scheduler')?.value ?? { weights: null, optimisation: null };
}

const cachedEngineFiles = (page: Page) =>
	page.evaluate(async () => (await (await caches.open('duka-optimiser')).keys()).map((request) => request.url));

/**
 * The simulated history ends at yesterday's noon (UTC), never at "now": its reviews then fall at the same times of
 * day whenever the test runs, so it is the same history with the same fit, not one that a run at another hour
 * makes fit worse.
 */
const DAY = 86_400_000;
const historyEnd = () => (Math.floor(Date.now() / DAY) - 1) * DAY + DAY / 2;

async function openOptimiser(page: Page, origin: string): Promise<void> {
	await open(page, origin + '/settings');
	await page.locator('[data-testid="optimiser"][data-status="idle"]').waitFor();
}

test('optimises the FSRS parameters from 1,200 reviews offline, keeps them, schedules with them, and goes back to defaults', async ({
	server,
	context,
	page,
	errors,
	foreign
}) => {
	await installApp(page, server.origin, { dictionary: false });
	await openOptimiser(page, server.origin);
	await expect.poll(() => page.getByTestId('optimiser-need-more').textContent()).toContain('1,000 more');
	expect(await cachedEngineFiles(page)).toEqual([]);

	await writeRows(page, { reviews: simulatedReviewLog(1200, historyEnd()) });
	// The offer appears, and with it the engine is fetched while online: the first run can be offline.
	await openOptimiser(page, server.origin);
	await expect.poll(async () => (await cachedEngineFiles(page)).length, { timeout: 30_000 }).toBe(2);
	expect((await cachedEngineFiles(page)).some((url) => url.endsWith('.wasm'))).toBe(true);

	await server.close();
	await context.setOffline(true);
	await openOptimiser(page, server.origin);
	await page.getByRole('button', { name: 'Optimise from my reviews' }).click();
	await page.getByRole('progressbar', { name: 'Optimisation progress' }).waitFor();
	await page.getByTestId('optimiser-figures').waitFor({ timeout: 60_000 });

	const figures = page.getByTestId('optimiser-figures');
	const headers = await figures.locator('thead th').allTextContents();
	expect(headers).toEqual(['Measure', 'Default', 'Optimised']);
	const cells = await figures.locator('tbody td').allTextContents();
	expect(cells).toHaveLength(4);
	for (const cell of cells) expect(cell).toMatch(/^0\.\d{4}$/);
	const [defaultLogLoss = 0, optimisedLogLoss = 0] = cells.slice(0, 2).map(Number);
	expect(optimisedLogLoss).toBeLessThan(defaultLogLoss);
	expect(await page.getByTestId('optimiser-verdict').textContent()).toContain('fit your history better');
	// Nothing is in use before Keep.
	expect((await schedulerSettings(page)).weights).toBeNull();

	await page.getByRole('button', { name: 'Use them' }).click();
	await expect.poll(() => page.getByTestId('optimiser-in-use').textContent()).toContain('optimised from your reviews');
	const kept = await schedulerSettings(page);
	expect(kept.weights).toHaveLength(21);
	expect(kept.optimisation).toMatchObject({ reviews: 1200, kept: true });

	// The next grade is scheduled with them, and its log keeps them for replay.
	await open(page, server.origin + '/review');
	await page.getByTestId('flashcard').waitFor();
	await page.keyboard.press('Space');
	await page.getByTestId('answer').waitFor();
	await page.keyboard.press('3');
	await expect
		.poll(async () => {
			const { reviews = [] } = await readTables<ReviewLogRow>(page, ['reviews']);
			return reviews.at(-1)?.parameters?.weights;
		})
		.toEqual(kept.weights);

	await openOptimiser(page, server.origin);
	await page.getByRole('button', { name: 'Back to defaults' }).click();
	await expect.poll(() => page.getByTestId('optimiser-in-use').textContent()).toContain('the default parameters');
	expect((await schedulerSettings(page)).weights).toBeNull();
	await expect
		.poll(() => page.getByTestId('optimiser-notice').textContent())
		.toContain('default parameters are in use');

	expect(errors).toEqual([]);
	expect(foreign).toEqual([]);
});

test('cancels a run and changes nothing', async ({ server, page, errors }) => {
	await installApp(page, server.origin, { dictionary: false });
	await openOptimiser(page, server.origin);
	await writeRows(page, { reviews: simulatedReviewLog(1200, historyEnd(), { seed: 3 }) });
	await openOptimiser(page, server.origin);
	await page.getByRole('button', { name: 'Optimise from my reviews' }).click();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect.poll(() => page.getByTestId('optimiser-notice').textContent()).toContain('cancelled');
	expect(await schedulerSettings(page)).toMatchObject({ weights: null });
	expect(errors).toEqual([]);
});
