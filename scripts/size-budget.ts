// Size budget, enforced by `npm test`: what a phone downloads for the first screen, and for the whole
// offline copy. Prints the figures and fails when a budget is exceeded. Run after `npm run build`.
import { readFileSync, existsSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { staticImportsOf, type ClientManifest } from '../src/lib/boot/modulePreloads.ts';
import { launchBrowser, serveApp, waitForDatabase } from '../tests/browser.ts';

// 65 KB since the count takes in what the linked modules import (2026-12-02: 64.3 KB, once ts-fsrs left the first
// screen). Until then it counted only SvelteKit's links and read 59.2 KB, while the browser fetched 71.8 KB.
export const FIRST_SCREEN_BUDGET_KB = 65;
// 400 KB until imported texts: the library, the Add a text screen, the gloss picker and the HSK levels came in
// (the import worker itself joins the offline set with the dictionary, outside the precache). 420 KB until every
// prerendered page carried its CSS inline (svelte.config.js), about 100 KB more across the 26 pages: the price
// of a first paint that waits for no stylesheet. 540 KB until 2026-12-04, when it was full: the review's start after
// its first card, and the time left and the automatic backup's own progress on long backups and restores took the
// last 0.5 KB; 545 leaves room for the next small change, and a bigger one still has to make its case here.
export const PRECACHE_BUDGET_KB = 545;
export const DICTIONARY_BUDGET_KB = 150;
/** Everything home loads until the network is idle: its numbers come without the database library (quickRead.ts). */
export const HOME_UNTIL_IDLE_BUDGET_KB = 80;

const BUILD = 'build';
const MANIFEST = '.svelte-kit/output/client/.vite/manifest.json';

const gzipKb = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** Precache URLs as workbox lists them in sw.js, mapped back to files in build/. */
function precachedFiles(): string[] {
	const sw = readFileSync(join(BUILD, 'sw.js'), 'utf8');
	return [...sw.matchAll(/url:"([^"]+)"/g)].map(([, url = '']) => {
		const path = url === '/' ? 'index.html' : url.replace(/^\//, '');
		for (const candidate of [`${path}.html`, path])
			if (existsSync(join(BUILD, candidate)) && statSync(join(BUILD, candidate)).isFile())
				return join(BUILD, candidate);
		throw new Error(`precached ${url} has no file in ${BUILD}/`);
	});
}

function dictionaryFiles(): Set<string> {
	if (!existsSync(MANIFEST)) return new Set();
	const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, { file: string }>;
	return new Set(
		Object.entries(manifest)
			.filter(([key]) => key.startsWith('virtual:duka/dictionary'))
			.map(([, chunk]) => join(BUILD, chunk.file))
	);
}

/**
 * What the first screen needs before it is painted and interactive: the JS and CSS that the prerendered
 * home page links, and every module those import statically (SvelteKit's links can leave some out, which the
 * browser then fetches all the same, one level later). Dynamic imports made after hydration are measured apart.
 */
function criticalFiles(page = 'index.html'): string[] {
	const html = readFileSync(join(BUILD, page), 'utf8');
	const links = [...html.matchAll(/<link href="(?:\.)?\/([^"]+)" rel="(?:modulepreload|stylesheet)"/g)].map(
		([, href = '']) => href
	);
	const manifest = JSON.parse(readFileSync(MANIFEST, 'utf8')) as ClientManifest;
	const files = [...new Set(links), ...staticImportsOf(links, manifest)];
	return files.map((file) => join(BUILD, file));
}

/**
 * Loads "/" in Chromium without a service worker and lists the JS and CSS it fetched before going idle: on a first
 * visit, and on a later one, once the first made the database and its cards.
 */
async function filesUntilIdle(): Promise<{ first: string[]; later: string[] }> {
	const server = await serveApp(BUILD);
	const browser = await launchBrowser();
	try {
		const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
		const page = await context.newPage();
		let files = new Set<string>();
		page.on('response', (response) => {
			const url = new URL(response.url());
			if (/\.(js|css)$/.test(url.pathname) && url.origin === server.origin) files.add(join(BUILD, url.pathname));
		});
		const load = async () => {
			files = new Set();
			await page.goto(server.origin + '/', { waitUntil: 'networkidle' });
			await page.waitForSelector('html[data-hydrated="true"]');
			await page.waitForLoadState('networkidle');
			return [...files];
		};
		const first = await load();
		// The automatic backup, a few seconds in, loads the database library, which makes the built-in cards.
		await waitForDatabase(page);
		const later = await load();
		return { first, later };
	} finally {
		await browser.close();
		await server.close();
	}
}

const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gzipKb(file), 0);

const critical = criticalFiles();
const untilIdle = await filesUntilIdle();
const dictionary = dictionaryFiles();
const precache = precachedFiles();
const rows = [
	{
		name: 'First screen JS + CSS',
		kb: sum(critical),
		budget: FIRST_SCREEN_BUDGET_KB,
		detail: `${critical.length} files linked by the home page`
	},
	{
		name: 'Home until idle, first visit',
		kb: sum(untilIdle.first),
		budget: HOME_UNTIL_IDLE_BUDGET_KB,
		detail: `${untilIdle.first.length} files`
	},
	{
		name: 'Home until idle, later visit',
		kb: sum(untilIdle.later),
		budget: HOME_UNTIL_IDLE_BUDGET_KB,
		detail: `${untilIdle.later.length} files`
	},
	{
		name: 'Precache without dictionary',
		kb: sum(precache.filter((file) => !dictionary.has(file))),
		budget: PRECACHE_BUDGET_KB,
		detail: `${precache.length} entries`
	},
	{ name: 'Dictionary subset', kb: sum(dictionary), budget: DICTIONARY_BUDGET_KB, detail: `${dictionary.size} file(s)` }
];

console.log('\nSize budget (gzip -9)');
for (const row of rows) {
	const verdict = row.budget === Infinity ? 'info' : row.kb <= row.budget ? 'ok' : 'OVER';
	const budget = row.budget === Infinity ? '    —   ' : `${String(row.budget).padStart(4)} KB`;
	console.log(
		`  ${row.name.padEnd(30)} ${row.kb.toFixed(1).padStart(7)} KB  budget ${budget}  ${verdict}  (${row.detail})`
	);
}
const over = rows.filter((row) => row.kb > row.budget);
if (over.length > 0) {
	console.error(`\nSize budget exceeded: ${over.map((row) => row.name).join(', ')}`);
	process.exit(1);
}
