// Lighthouse 12 (node API), mobile preset with its default simulated throttling, against the served build.
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { CHROMIUM, CHROMIUM_FLAGS, launchBrowser } from '../tests/browser.ts';
import { enableTimingMarks, paintTimings } from './interaction.ts';
import { FLOOR_PATH, median, type Row } from './lib.ts';

export const LIGHTHOUSE_PAGES = [
	{ name: 'home', path: '/' },
	{ name: 'reading card', path: '/read/huang-2025/p1-01' },
	{ name: 'review', path: '/review' }
];

const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;

interface Run {
	scores: Record<(typeof CATEGORIES)[number], number>;
	lcp: number;
	tbt: number;
	cls: number;
	fcp: number;
	/** Audits of accessibility and best practices that did not pass. */
	failed: string[];
}

async function runOnce(url: string, port: number): Promise<Run> {
	const result = await lighthouse(url, { port, logLevel: 'error', output: 'json', onlyCategories: [...CATEGORIES] });
	if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
	const { lhr } = result;
	if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
	const score = (id: (typeof CATEGORIES)[number]) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
	const failed: string[] = [];
	for (const id of ['accessibility', 'best-practices'] as const) {
		for (const ref of lhr.categories[id]?.auditRefs ?? []) {
			const audit = lhr.audits[ref.id];
			if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1)
				failed.push(`${id}: ${ref.id} (${audit.title})`);
		}
	}
	const numeric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
	return {
		scores: {
			performance: score('performance'),
			accessibility: score('accessibility'),
			'best-practices': score('best-practices')
		},
		lcp: numeric('largest-contentful-paint'),
		tbt: numeric('total-blocking-time'),
		cls: numeric('cumulative-layout-shift'),
		fcp: numeric('first-contentful-paint'),
		failed
	};
}

/** Median of `runs` Lighthouse runs per page, each in a fresh Chromium (fresh profile, nothing cached). */
export async function lighthouseRows(
	origin: string,
	runs: number
): Promise<{ rows: Row[]; failed: Map<string, Set<string>> }> {
	const rows: Row[] = [];
	const failed = new Map<string, Set<string>>();
	for (const page of LIGHTHOUSE_PAGES) {
		const results: Run[] = [];
		for (let i = 0; i < runs; i++) {
			const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: ['--headless', ...CHROMIUM_FLAGS] });
			try {
				results.push(await runOnce(origin + page.path, chrome.port));
			} finally {
				chrome.kill();
			}
		}
		const of = (pick: (run: Run) => number) => median(results.map(pick));
		const score = (label: string, category: (typeof CATEGORIES)[number], target: number): Row => ({
			name: `${page.name}: ${label}`,
			value: of((r) => r.scores[category]),
			unit: 'score',
			target,
			higherIsBetter: true,
			runs
		});
		rows.push(
			score('performance', 'performance', 95),
			score('accessibility', 'accessibility', 100),
			score('best practices', 'best-practices', 100),
			{ name: `${page.name}: FCP (simulated)`, value: of((r) => r.fcp), unit: 'ms', runs },
			{ name: `${page.name}: LCP (simulated)`, value: of((r) => r.lcp), unit: 'ms', target: 2500, runs },
			{ name: `${page.name}: TBT (simulated)`, value: of((r) => r.tbt), unit: 'ms', target: 200, runs },
			{ name: `${page.name}: CLS`, value: of((r) => r.cls), unit: '', target: 0.1, runs }
		);
		const audits = new Set(results.flatMap((run) => run.failed));
		if (audits.size > 0) failed.set(page.name, audits);
	}
	return { rows, failed };
}

/** A phone on a mobile network, applied to the page (DevTools throttling), as Lighthouse's mobile preset assumes. */
const PHONE = { cpuSlowdown: 4, latencyMs: 150, downloadBytesPerSecond: 1.6e6 / 8, uploadBytesPerSecond: 750e3 / 8 };

interface FirstVisit {
	fcp: number;
	lcp: number;
	/** Until the root layout mounted (the app answers taps). */
	interactive: number;
}

/**
 * Opens `url` `runs` times as a first visit (a fresh context, no service worker) with the phone's CPU and network
 * applied, and reads what the browser itself observed: first and largest paint, and (for the app) when it mounted.
 * Lighthouse simulates these from an unthrottled run; this is the same load, slowed down and watched.
 */
async function firstVisits(url: string, runs: number, app: boolean): Promise<FirstVisit[]> {
	const browser = await launchBrowser();
	const visits: FirstVisit[] = [];
	try {
		for (let i = 0; i < runs; i++) {
			const context = await browser.newContext({ viewport: { width: 390, height: 844 }, serviceWorkers: 'block' });
			// Notes when the layout mounts (and turns the app's timing marks on, which cost nothing measurable).
			await enableTimingMarks(context);
			const page = await context.newPage();
			const cdp = await context.newCDPSession(page);
			await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
			await cdp.send('Network.enable');
			await cdp.send('Network.emulateNetworkConditions', {
				offline: false,
				latency: PHONE.latencyMs,
				downloadThroughput: PHONE.downloadBytesPerSecond,
				uploadThroughput: PHONE.uploadBytesPerSecond
			});
			await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
			if (app) await page.waitForSelector('html[data-hydrated="true"]', { timeout: 60_000 });
			const interactive = await page.evaluate(
				() => (globalThis as { __dukaHydratedAt?: number }).__dukaHydratedAt ?? NaN
			);
			// The largest paint is final once the page has settled.
			await page.waitForTimeout(1500);
			visits.push({ ...(await paintTimings(page)), interactive });
			await context.close();
		}
	} finally {
		await browser.close();
	}
	return visits;
}

/** First visits with the phone applied, per Lighthouse page; home and the card beside their plain-HTML floor. */
export async function firstVisitRows(origin: string, runs: number): Promise<Row[]> {
	const floors: Record<string, string> = { home: 'home', 'reading card': 'card' };
	const rows: Row[] = [];
	for (const page of LIGHTHOUSE_PAGES) {
		const visits = await firstVisits(origin + page.path, runs, true);
		const floorName = floors[page.name];
		const floor = floorName ? await firstVisits(`${origin}${FLOOR_PATH}${floorName}.html`, runs, false) : undefined;
		const of = (list: FirstVisit[] | undefined, pick: (visit: FirstVisit) => number) =>
			list ? median(list.map(pick)) : undefined;
		rows.push(
			{
				name: `${page.name}: first paint`,
				value: of(visits, (v) => v.fcp)!,
				floor: of(floor, (v) => v.fcp),
				unit: 'ms',
				runs
			},
			{
				name: `${page.name}: largest paint`,
				value: of(visits, (v) => v.lcp)!,
				floor: of(floor, (v) => v.lcp),
				unit: 'ms',
				target: page.name === 'review' ? 1500 : 1200,
				runs
			},
			{ name: `${page.name}: interactive (app mounted)`, value: of(visits, (v) => v.interactive)!, unit: 'ms', runs }
		);
	}
	return rows;
}
