// Interaction timings read from the app's own performance marks (src/lib/ui/perf.ts), and the offline cold
// start read from the Paint Timing and LCP entries of a page served by the service worker.
import { writeFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { swipeLeft, swipeRight, waitForServiceWorker } from '../tests/browser.ts';

/**
 * Turns the app's timing marks on for every page of the context, before any app code runs, and notes
 * when the layout marks the page hydrated (`html[data-hydrated]`).
 */
export async function enableTimingMarks(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		const scope = globalThis as {
			__dukaPerf?: boolean;
			__dukaHydratedAt?: number;
			__dukaFirstCardAt?: number;
			__dukaGradeClicks?: { time: number; grade: boolean }[];
			__dukaGradeEvents?: { startTime: number; duration: number }[];
		};
		scope.__dukaPerf = true;
		// The Event Timing API's view of each grade click (what Chrome reports as INP): the click's timeStamp
		// is noted as it happens, since the button it hit may be gone from the page by the time the entry comes.
		// The Show answer clicks are noted too: a plain state change, as a floor for the grade clicks.
		const clicks: { time: number; grade: boolean }[] = (scope.__dukaGradeClicks = []);
		const events: { startTime: number; duration: number }[] = (scope.__dukaGradeEvents = []);
		addEventListener(
			'click',
			(event) => {
				const target = (event.target as Element | null)?.closest?.(
					'[data-testid^="grade-"], [data-testid="show-answer"]'
				);
				if (target) clicks.push({ time: event.timeStamp, grade: target.getAttribute('data-testid') !== 'show-answer' });
			},
			{ capture: true }
		);
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				if (entry.name === 'click') events.push({ startTime: entry.startTime, duration: entry.duration });
		}).observe({ type: 'event', durationThreshold: 16, buffered: true } as PerformanceObserverInit);
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
	/**
	 * For grades: the Event Timing duration of each grade click. Chrome reports no entry under 16 ms; such a
	 * click counts as 16 ms here, so the figures are upper bounds.
	 */
	eventDurations?: number[];
	/** The same for the Show answer clicks before them: what a click that only flips a state costs here. */
	revealDurations?: number[];
	/** For grades: the Show answer taps before them, tap → answer painted, timed the same way (the floor). */
	revealPainted?: number[];
}

/** Event Timing's durations of the grade clicks so far, and of the Show answer clicks (see enableTimingMarks). */
async function gradeClickDurations(page: Page): Promise<{ grade: number[]; reveal: number[] }> {
	// Entries arrive after the frame that followed the click: wait for two more frames.
	await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
	return page.evaluate(() => {
		const scope = globalThis as {
			__dukaGradeClicks?: { time: number; grade: boolean }[];
			__dukaGradeEvents?: { startTime: number; duration: number }[];
		};
		const events = scope.__dukaGradeEvents ?? [];
		// No named helper in here: the bench's transpiler would wrap it in a function the page does not have.
		const result = { grade: [] as number[], reveal: [] as number[] };
		for (const click of scope.__dukaGradeClicks ?? []) {
			const entry = events.find((event) => Math.abs(event.startTime - click.time) < 0.5);
			(click.grade ? result.grade : result.reveal).push(entry ? entry.duration : 16);
		}
		return result;
	});
}

/**
 * Samples the page's main thread with the DevTools protocol while `run` runs; writes the `.cpuprofile` (Chrome's
 * performance panel opens it) and prints the functions with the most self time.
 */
export async function withCpuProfile<T>(page: Page, file: string, run: () => Promise<T>): Promise<T> {
	const session = await page.context().newCDPSession(page);
	await session.send('Profiler.enable');
	await session.send('Profiler.setSamplingInterval', { interval: 100 });
	await session.send('Profiler.start');
	const result = await run();
	const { profile } = await session.send('Profiler.stop');
	await session.detach();
	writeFileSync(file, JSON.stringify(profile));
	const total = profile.samples?.length ?? 0;
	const self = new Map<string, number>();
	for (const node of profile.nodes) {
		const frame = node.callFrame;
		const where = frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber + 1}` : '';
		const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
		self.set(key, (self.get(key) ?? 0) + (node.hitCount ?? 0));
	}
	console.log(`  CPU profile written to ${file}; self time, share of ${total} samples:`);
	for (const [key, hits] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 20))
		console.log(`    ${((100 * hits) / Math.max(1, total)).toFixed(1).padStart(5)} %  ${key}`);
	return result;
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
	return {
		painted: await measures(page, 'duka:grade'),
		dom: await measures(page, 'duka:grade:dom'),
		revealPainted: await measures(page, 'duka:reveal'),
		firstCard,
		...(await gradeClickDurations(page).then(({ grade, reveal }) => ({
			eventDurations: grade,
			revealDurations: reveal
		})))
	};
}

/**
 * Moves `count` times between reading cards with the arrow keys, then `count` times with swipes, from the
 * card at `path` (the built-in article's first) forward and, at the last card, back again (the article has only
 * so many cards), letting the page be idle between turns as it is while a card is read.
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
			// A reader reads a card before turning it: the page has its idle moments, in which it builds the
			// neighbouring cards (one each).
			await page.evaluate(async () => {
				for (let moment = 0; moment < 3; moment++)
					await new Promise((resolve) => requestIdleCallback(resolve, { timeout: 1000 }));
			});
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

/** The page's first contentful paint and its last largest-contentful-paint entry so far (NaN where none came). */
export function paintTimings(page: Page): Promise<{ fcp: number; lcp: number }> {
	return page.evaluate(
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
			results.push({ ...(await paintTimings(page)), hydrated });
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
			// One range for every character: each live range costs the page's every DOM change until it is collected,
			// and a range per character made the taps measured here slower tap by tap.
			const range = document.createRange();
			for (const paragraph of document.querySelectorAll('[data-paragraph-id] > p')) {
				const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
					for (let i = 0; i < node.length; i++) {
						if (!/\p{Script=Han}/u.test(node.data[i]!)) continue;
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
