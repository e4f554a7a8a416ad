// "Optimise from my reviews" at scale (issue: your own scheduler): a year of simulated reviews in IndexedDB, then
// tap → figures on the Settings screen, timed from Node: reading the log, the worker's start, the WebAssembly
// engine's training and the evaluation of the default and optimised parameters. The engine is fetched once
// before the runs (as the offer does while online), so no run pays for the download.
import { loadavg } from 'node:os';
import type { BrowserContext, Page } from 'playwright-core';
import { simulatedReviewLog } from '../src/lib/test/reviewHistories.ts';
import { installApp, open, writeRows, waitInPage } from '../tests/browser.ts';
import { median, type Row } from './lib.ts';

const TARGET_MS = 10_000;
const BATCH = 5_000;

async function openOptimiser(page: Page, origin: string): Promise<void> {
	await open(page, origin + '/settings');
	await page.locator('[data-testid="optimiser"][data-status="idle"]').waitFor({ timeout: 60_000 });
}

export async function optimiserRows(
	context: BrowserContext,
	origin: string,
	runs: number,
	reviews: number
): Promise<Row[]> {
	const page = await context.newPage();
	await installApp(page, origin, { dictionary: false });
	await openOptimiser(page, origin);
	console.log(`\nOptimiser: seeding ${reviews} simulated reviews…`);
	const log = simulatedReviewLog(reviews, Date.now() - 86_400_000);
	for (let start = 0; start < log.length; start += BATCH)
		await writeRows(page, { reviews: log.slice(start, start + BATCH) });
	await openOptimiser(page, origin);
	await waitInPage(page, async () => (await (await caches.open('duka-optimiser')).keys()).length >= 2, {
		timeout: 60_000,
		what: "the optimiser's cache"
	});
	const total: number[] = [];
	const training: number[] = [];
	for (let run = 0; run < runs; run++) {
		await openOptimiser(page, origin);
		const started = performance.now();
		await page.getByRole('button', { name: 'Optimise from my reviews' }).click();
		const figures = page.getByTestId('optimiser-figures');
		await figures.waitFor({ timeout: 120_000 });
		total.push(performance.now() - started);
		const timings = JSON.parse((await figures.getAttribute('data-timings')) ?? '{}') as Record<string, number>;
		training.push(timings.trainingMs ?? Number.NaN);
		const cells = await figures.locator('tbody td').allTextContents();
		const steps = Object.entries(timings)
			.map(([step, ms]) => `${step.replace(/Ms$/, '')} ${Math.round(ms)}`)
			.join(', ');
		console.log(
			`  run ${run + 1}: ${(total.at(-1)! / 1000).toFixed(2)} s (worker, ms: ${steps});` +
				` load average ${loadavg()[0]!.toFixed(1)};` +
				` log loss ${cells[0]} → ${cells[1]}, RMSE ${cells[2]} → ${cells[3]}`
		);
		await page.getByRole('button', { name: /Discard|OK/ }).click();
	}
	await page.close();
	const thousands = `${(reviews / 1000).toFixed(0)}k reviews`;
	return [
		{
			name: `optimise ${thousands}: tap → figures`,
			value: median(total),
			unit: 's',
			target: TARGET_MS,
			runs,
			note: 'reading the log, worker, training, evaluation'
		},
		{ name: `optimise ${thousands}: training (in the worker)`, value: median(training), unit: 's', runs }
	];
}
