// Lighthouse 12 (node API), mobile preset with its default simulated throttling, against the served build.
import lighthouse from 'lighthouse';
import { launch } from 'chrome-launcher';
import { CHROMIUM, CHROMIUM_FLAGS } from '../tests/browser.ts';
import { median, type Row } from './lib.ts';

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
