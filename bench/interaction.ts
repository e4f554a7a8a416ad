// Interaction timings read from the app's own performance marks (src/lib/ui/perf.ts), and the offline cold
// start read from the Paint Timing and LCP entries of a page served by the service worker.
import type { BrowserContext, Page } from 'playwright-core';
import { swipeLeft, swipeRight, waitForServiceWorker } from '../tests/browser.ts';

/**
 * Turns the app's timing marks on for every page of the context, before any app code runs, and notes
 * when the layout marks the page hydrated (`html[data-hydrated]`).
 */
export async function enableTimingMarks(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		const scope = globalThis as { __dukaPerf?: boolean; __dukaHydratedAt?: number; __dukaFirstCardAt?: number };
		scope.__dukaPerf = true;
		new MutationObserver((_changes, observer) => {
			if (document.documentElement?.dataset.hydrated !== 'true') return;
			scope.__dukaHydratedAt = performance.now();
			observer.disconnect();
		}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-hydrated'] });
		new MutationObserver((_changes, observer) => {
			if (!document.querySelector('[data-testid="flashcard"]')) return;
			scope.__dukaFirstCardAt = performance.now();
			observer.disconnect();
		}).observe(document, { subtree: true, childList: true });
	});
}

async function open(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.waitForSelector('html[data-hydrated="true"]');
}

const measures = (page: Page, name: string) =>
	page.evaluate((measure) => performance.getEntriesByName(measure, 'measure').map((entry) => entry.duration), name);

async function waitForMeasures(page: Page, name: string, count: number): Promise<void> {
	await page.waitForFunction(
		([measure, n]) => performance.getEntriesByName(measure as string, 'measure').length >= (n as number),
		[name, count] as const,
		{ timeout: 30_000 }
	);
}

export interface Durations {
	/** Grade (or move) started → next card painted. */
	painted: number[];
	/** Grade (or move) started → DOM updated, before the frame. */
	dom: number[];
	/** For /review: navigation start → the first flashcard in the DOM. */
	firstCard?: number;
}

/**
 * Reveals and grades up to `count` cards on /review by tapping the buttons, as on a phone. Mostly Good,
 * some Again and Hard, so learning steps and burying happen as in real use.
 */
export async function gradeCards(page: Page, origin: string, count: number): Promise<Durations> {
	await open(page, origin + '/review');
	await page.getByTestId('flashcard').waitFor({ timeout: 60_000 });
	const firstCard = await page.evaluate(() => (globalThis as { __dukaFirstCardAt?: number }).__dukaFirstCardAt ?? NaN);
	const grades = [3, 3, 1, 3, 2, 3, 3, 4, 3, 3];
	let graded = 0;
	for (; graded < count; graded++) {
		if ((await page.getByTestId('flashcard').count()) === 0) break;
		await page.getByTestId('show-answer').tap();
		await page.getByTestId('answer').waitFor();
		await page.getByTestId(`grade-${grades[graded % grades.length]}`).tap();
		await waitForMeasures(page, 'duka:grade', graded + 1);
	}
	return { painted: await measures(page, 'duka:grade'), dom: await measures(page, 'duka:grade:dom'), firstCard };
}

/**
 * Moves `count` times between reading cards with the arrow keys, then `count` times with swipes, from the
 * card at `path` (the built-in article's first) forward and, at the last card, back again (the article has only
 * so many cards).
 */
export async function turnReadingCards(
	page: Page,
	origin: string,
	count: number,
	path = '/read/huang-2025/p1-01'
): Promise<{ arrow: Durations; swipe: Durations }> {
	const start = origin + path;
	const run = async (move: (forward: boolean) => Promise<void>): Promise<Durations> => {
		await open(page, start);
		let forward = true;
		for (let done = 0; done < count;) {
			const before = page.url();
			await move(forward);
			try {
				await page.waitForURL((url) => url.href !== before, { timeout: 2_000 });
			} catch {
				// The last (or first) card: nowhere to go this way, so turn round.
				forward = !forward;
				continue;
			}
			done++;
			await waitForMeasures(page, 'duka:next-card', done);
		}
		return { painted: await measures(page, 'duka:next-card'), dom: await measures(page, 'duka:next-card:dom') };
	};
	const arrow = await run((forward) => page.keyboard.press(forward ? 'ArrowRight' : 'ArrowLeft'));
	const swipe = await run((forward) => (forward ? swipeLeft(page) : swipeRight(page)));
	return { arrow, swipe };
}

export interface ColdStart {
	fcp: number;
	lcp: number;
	/** Until the app is interactive (the layout's onMount ran). */
	hydrated: number;
}

/**
 * Installs the service worker, then opens `path` in a new page with the network off, `runs` times. Needs
 * enableTimingMarks.
 */
export async function coldStartsOffline(
	context: BrowserContext,
	origin: string,
	path: string,
	runs: number
): Promise<ColdStart[]> {
	const installer = await context.newPage();
	await open(installer, origin + '/');
	await waitForServiceWorker(installer);
	await installer.close();
	await context.setOffline(true);
	const results: ColdStart[] = [];
	try {
		for (let i = 0; i < runs; i++) {
			const page = await context.newPage();
			await page.goto(origin + path);
			await page.waitForSelector('html[data-hydrated="true"]');
			const hydrated = await page.evaluate(() => (globalThis as { __dukaHydratedAt?: number }).__dukaHydratedAt ?? NaN);
			// LCP is final once the page is settled; a second of quiet is plenty for these pages.
			await page.waitForTimeout(1000);
			const paint = await page.evaluate(
				() =>
					new Promise<{ fcp: number; lcp: number }>((resolve) => {
						const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN;
						new PerformanceObserver((list) => {
							const entries = list.getEntries();
							resolve({ fcp, lcp: entries[entries.length - 1]?.startTime ?? NaN });
						}).observe({ type: 'largest-contentful-paint', buffered: true });
						setTimeout(() => resolve({ fcp, lcp: NaN }), 2000);
					})
			);
			results.push({ ...paint, hydrated });
			await page.close();
		}
	} finally {
		await context.setOffline(false);
	}
	return results;
}

/**
 * Taps `count` words of the reading card at `path`, as a finger would (at a point over a Chinese word, found
 * from the text on screen), closing each sheet with Escape before the next tap: tap → word sheet painted. The
 * first tap loads the dictionary; later ones find it there.
 */
export async function tapWords(
	page: Page,
	origin: string,
	count: number,
	path = '/read/huang-2025/p1-01'
): Promise<Durations> {
	await open(page, origin + path);
	for (let tapped = 0; tapped < count; tapped++) {
		// Closing a sheet can still scroll the page a little: aim once it has come to rest.
		await page.waitForFunction(
			() => {
				const scope = globalThis as { __benchScrollY?: number };
				const still = scope.__benchScrollY === scrollY;
				scope.__benchScrollY = scrollY;
				return still;
			},
			undefined,
			{ polling: 'raf' }
		);
		const point = await page.evaluate((n) => {
			// Chinese characters drawn clear of the sticky header and the fixed footer.
			const points: { x: number; y: number }[] = [];
			for (const paragraph of document.querySelectorAll('[data-paragraph-id] > p')) {
				const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
					for (let i = 0; i < node.length; i++) {
						if (!/\p{Script=Han}/u.test(node.data[i]!)) continue;
						const range = document.createRange();
						range.setStart(node, i);
						range.setEnd(node, i + 1);
						const rect = range.getBoundingClientRect();
						if (rect.top > 90 && rect.bottom < innerHeight - 120)
							points.push({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 });
					}
				}
			}
			return points[(n * 37) % points.length]!;
		}, tapped);
		await page.touchscreen.tap(point.x, point.y);
		await waitForMeasures(page, 'duka:word', tapped + 1);
		await page.keyboard.press('Escape');
		await page.getByTestId('word-sheet').waitFor({ state: 'detached' });
	}
	return { painted: await measures(page, 'duka:word'), dom: await measures(page, 'duka:word:dom') };
}
