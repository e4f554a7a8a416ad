import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createHash } from 'node:crypto';
import { startServer, type ServeOptions } from '../scripts/serve.ts';

export const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

export const PHONE = { width: 390, height: 844 };

/** The reading card on screen: the reader keeps its neighbours built, hidden (reader/builtAhead.svelte.ts). */
export const SHOWN_CARD = '[data-slot="shown"]';

export async function launchBrowser(executablePath = CHROMIUM): Promise<Browser> {
	if (!existsSync(executablePath))
		throw new Error(
			`Chromium not found at ${executablePath}: install it (apt-get install chromium) or set CHROME_PATH`
		);
	return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
}

/**
 * Processes of a process group that still run. Zombies are left out: they hold no files, and the container's
 * init can take seconds to reap them.
 */
function liveProcessesIn(group: number): number {
	let live = 0;
	for (const pid of readdirSync('/proc')) {
		if (!/^\d+$/.test(pid)) continue;
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			// After the command name in parentheses: state, parent pid, process group.
			const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			if (Number(pgrp) === group && state !== 'Z') live++;
		} catch {
			// The process ended while the folder was read.
		}
	}
	return live;
}

/** A Chromium of the test's own on a profile folder that outlives it, as a phone's browser keeps its data. */
export interface ProfileBrowser {
	browser: Browser;
	/** The profile's own context: what it stores is on disk, in the profile folder. */
	context: BrowserContext;
	/** A new tab with a phone's viewport (the window cannot be made that narrow). */
	newPage(): Promise<Page>;
	/** Ends the browser process with SIGKILL, as a phone killing the app or a crash would: no shutdown at all. */
	kill(): Promise<void>;
	/** Quits the browser as a user closing it would, letting it write what it holds. */
	close(): Promise<void>;
}

/**
 * Launches Chromium on `userDataDir` (made if missing) and connects to it. Playwright's persistent contexts
 * hide the browser process, so it is spawned here, in a process group of its own, for `kill` to reach it and
 * its helpers.
 */
export async function launchOnProfile(
	userDataDir: string,
	{
		executablePath = CHROMIUM,
		args = [],
		onLog
	}: { executablePath?: string; args?: string[]; onLog?: (text: string) => void } = {}
): Promise<ProfileBrowser> {
	if (!existsSync(executablePath))
		throw new Error(
			`Chromium not found at ${executablePath}: install it (apt-get install chromium) or set CHROME_PATH`
		);
	const child = spawn(
		executablePath,
		[
			...CHROMIUM_FLAGS,
			'--headless',
			`--user-data-dir=${userDataDir}`,
			'--remote-debugging-port=0',
			`--window-size=${PHONE.width},${PHONE.height}`,
			...args,
			'about:blank'
		],
		{ detached: true, stdio: ['ignore', 'ignore', 'pipe'] }
	);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	const group = child.pid;
	/** Ends every process of the group (helpers can outlive the browser) and waits till none runs. */
	const killGroup = async () => {
		for (let tries = 0; group !== undefined && liveProcessesIn(group) > 0 && tries < 100; tries++) {
			try {
				process.kill(-group, 'SIGKILL');
			} catch {
				// Gone meanwhile.
			}
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
	};
	// Chromium says where its DevTools listen on stderr; the log is read on after that so the pipe never fills.
	let log = '';
	let started: ((endpoint: string) => void) | undefined;
	child.stderr.on('data', (chunk: Buffer) => {
		const text = chunk.toString();
		onLog?.(text);
		if (!started) return;
		log += text;
		const found = /DevTools listening on (ws:\/\/\S+)/.exec(log);
		if (found?.[1]) started(found[1]);
	});
	let browser: Browser;
	try {
		const endpoint = await new Promise<string>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${log}`)), 30_000);
			started = (found) => {
				clearTimeout(timer);
				started = undefined;
				resolve(found);
			};
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`Chromium exited (${code}) before it started:\n${log}`));
			});
		});
		browser = await chromium.connectOverCDP(endpoint);
	} catch (error) {
		await killGroup();
		throw error;
	}
	const [context] = browser.contexts();
	if (!context) throw new Error('Chromium started without its default context');
	return {
		browser,
		context,
		newPage: async () => {
			const page = await context.newPage();
			await page.setViewportSize(PHONE);
			return page;
		},
		kill: async () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
			await exited;
			await killGroup();
		},
		close: async () => {
			if (child.exitCode === null && child.signalCode === null) {
				// Browser.close over CDP quits the whole browser, as closing its last window would.
				const session = await browser.newBrowserCDPSession();
				await session.send('Browser.close').catch(() => {});
				const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
				await exited;
				clearTimeout(timer);
			}
			await killGroup();
		}
	};
}

export interface AppServer {
	origin: string;
	/** Serves another build from now on, on the same origin (a new version of the app). */
	swapRoot(root: string): void;
	close(): Promise<void>;
}

/**
 * Serves a built app on a free port: each test gets its own origin, so service workers and data never leak
 * between tests.
 */
export async function serveApp(root = 'build', { proxy }: Pick<ServeOptions, 'proxy'> = {}): Promise<AppServer> {
	if (!existsSync(`${root}/index.html`)) throw new Error(`No built app in ${root}/: run "npm run build" first`);
	let current = root;
	const server: Server = await startServer({ root: () => current, port: 0, proxy });
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		swapRoot: (next) => {
			current = next;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

export async function phoneContext(
	browser: Browser,
	options: { colorScheme?: 'light' | 'dark'; locale?: string; serviceWorkers?: 'allow' | 'block' } = {}
): Promise<BrowserContext> {
	return browser.newContext({
		viewport: PHONE,
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		locale: options.locale ?? 'en-US',
		colorScheme: options.colorScheme ?? 'light',
		serviceWorkers: options.serviceWorkers ?? 'allow'
	});
}

/**
 * Waits until an async check in the page holds, polling from here: Playwright's waitForFunction takes the promise
 * an async function returns for a truthy answer and does not wait for it.
 */
export async function waitInPage(
	page: Page,
	check: () => Promise<boolean>,
	{ timeout = 30_000, what = 'a check in the page' } = {}
): Promise<void> {
	for (const started = Date.now(); !(await page.evaluate(check));) {
		if (Date.now() - started > timeout) throw new Error(`${what} did not hold within ${timeout} ms`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

/** Waits until the service worker controls the page, so everything it precached can be served offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await waitInPage(
		page,
		async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return Boolean(registration?.active && navigator.serviceWorker.controller);
		},
		{ what: 'the service worker' }
	);
	// The install step precaches every page and asset; wait for it to finish before going offline.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
}

/**
 * Opens the app and waits for its service worker to install it, so it can run offline from then on; with
 * `dictionary`, also for the whole dictionary and the import worker, which join the offline set afterwards,
 * so that no download is cut off halfway when a test takes the network away.
 */
export async function installApp(page: Page, origin: string, { dictionary = true } = {}): Promise<void> {
	await open(page, origin + '/');
	await waitForServiceWorker(page);
	await waitForDatabase(page);
	if (!dictionary) return;
	const entries = (name: string) =>
		page.evaluate(async (cacheName) => (await (await caches.open(cacheName)).keys()).length, name);
	for (
		let waited = 0;
		(await entries('duka-dictionary')) === 0 || (await entries('duka-import')) === 0;
		waited += 250
	) {
		if (waited > 60_000) throw new Error('the dictionary did not join the offline set within a minute');
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/**
 * Waits until the app has made its database and the built-in deck's cards. Home shows its numbers without them
 * (quickRead.ts) and makes them a few seconds in, when the database library loads; a test that writes rows itself
 * must not open the database first, which would make an empty one.
 */
export async function waitForDatabase(page: Page): Promise<void> {
	await waitInPage(page, databaseMade, { what: 'the database' });
}

/** In the page: whether the app's database holds the built-in deck's cards (opened only once it is listed). */
export async function databaseMade(): Promise<boolean> {
	if (!(await indexedDB.databases()).some((info) => info.name === 'duka')) return false;
	return new Promise<boolean>((resolve) => {
		const opening = indexedDB.open('duka');
		opening.onerror = () => resolve(false);
		opening.onsuccess = () => {
			const database = opening.result;
			if (!database.objectStoreNames.contains('kv')) return (database.close(), resolve(false));
			const read = database.transaction('kv').objectStore('kv').get('deck:checkedBuiltIn');
			read.onsuccess = () => (database.close(), resolve(read.result !== undefined));
			read.onerror = () => (database.close(), resolve(false));
		};
	});
}

/** Collects the requests a context makes to any origin but the app's own, so a test can assert there were none. */
export function watchForeignRequests(context: BrowserContext, origin: string): string[] {
	const foreign: string[] = [];
	context.on('request', (request) => {
		const url = request.url();
		if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
	});
	return foreign;
}

/** Collects uncaught page errors and console errors so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
	page.on('console', (message) => {
		if (message.type() !== 'error') return;
		// Where it was logged from: a minified error object alone reads as one letter.
		const { url, lineNumber, columnNumber } = message.location();
		errors.push(`console: ${message.text()}${url ? ` (${url}:${lineNumber}:${columnNumber})` : ''}`);
	});
	return errors;
}

/** A horizontal touch swipe across the middle of the screen. */
export async function swipeLeft(page: Page, distance = 200): Promise<void> {
	await touchDrag(page, -distance, 0);
}

export async function swipeRight(page: Page, distance = 200): Promise<void> {
	await touchDrag(page, distance, 0);
}

/** A real touch drag through the browser's input pipeline, so touch-action and scrolling apply as on a phone. */
export async function touchDrag(page: Page, dx: number, dy: number): Promise<void> {
	const session = await page.context().newCDPSession(page);
	const startY = PHONE.height / 2 - dy / 2;
	const startX = dx < 0 ? PHONE.width - 60 : dx > 0 ? 60 : PHONE.width / 2;
	const steps = 6;
	await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: startX, y: startY }] });
	for (let i = 1; i <= steps; i++) {
		await session.send('Input.dispatchTouchEvent', {
			type: 'touchMove',
			touchPoints: [{ x: startX + (dx * i) / steps, y: startY + (dy * i) / steps }]
		});
	}
	await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
	await session.detach();
}

/** Lets pending input handlers, navigations and two frames run, to assert that something did NOT happen. */
export async function settle(page: Page): Promise<void> {
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))))
	);
	await page.waitForLoadState('domcontentloaded');
}

/** Navigates and waits for hydration: keys pressed on prerendered HTML before the app starts would be lost. */
export async function open(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.waitForSelector('html[data-hydrated="true"]');
}

/**
 * Imports `text` as a Markdown file through "Add a text", as a user would, up to its Words in this text step;
 * returns that step's list.
 */
export async function importMarkdown(page: Page, origin: string, text: string, name = 'notes.md'): Promise<Locator> {
	await open(page, `${origin}/read`);
	await page.getByTestId('add-text').click();
	await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) });
	await page.getByTestId('import-preview-panel').waitFor();
	await page.getByTestId('import-confirm').click();
	const words = page.getByTestId('import-words');
	await words.waitFor({ timeout: 30_000 });
	return words;
}

/** Deletes the app's database, as a browser that cleared the site would; the app's open connection lets go. */
export function wipeDatabase(page: Page): Promise<void> {
	return page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.deleteDatabase('duka');
				request.onsuccess = () => resolve();
				request.onerror = () => reject(request.error);
			})
	);
}

/** Rows in one table of the app's database, or -1 while the app has not created the database yet. */
export async function rowCount(page: Page, table: string): Promise<number> {
	try {
		return (await readTables(page, [table]))[table]?.length ?? 0;
	} catch {
		return -1;
	}
}

/** Every row of the named tables of the app's database, read with the raw IndexedDB API in the page. */
export function readTables<T = Record<string, unknown>>(page: Page, tables: string[]): Promise<Record<string, T[]>> {
	return page.evaluate(
		(names) =>
			new Promise<Record<string, T[]>>((resolve, reject) => {
				const none = () => resolve(Object.fromEntries(names.map((name) => [name, []])));
				const request = indexedDB.open('duka');
				// Not made yet by the app: opening it here would make an empty one, and the connection left open would
				// hold up the app's own open for ever. Nothing is read; a poll asks again.
				let absent = false;
				request.onupgradeneeded = () => {
					absent = true;
					request.transaction?.abort();
				};
				request.onerror = () => (absent ? none() : reject(request.error));
				request.onsuccess = () => {
					const transaction = request.result.transaction(names);
					const result: Record<string, T[]> = {};
					for (const name of names) {
						const all = transaction.objectStore(name).getAll();
						all.onsuccess = () => (result[name] = all.result as T[]);
					}
					transaction.oncomplete = () => {
						request.result.close();
						resolve(result);
					};
				};
			}),
		tables
	);
}

/**
 * Puts rows into the named tables of the app's database with the raw IndexedDB API in the page, in one
 * transaction, behind the app's back (as another tab, a restore or a long history would have left them).
 */
export function writeRows(page: Page, rows: Record<string, object[]>): Promise<void> {
	return page.evaluate(
		(rows) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('duka');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const transaction = request.result.transaction(Object.keys(rows), 'readwrite');
					for (const [table, values] of Object.entries(rows))
						for (const value of values) transaction.objectStore(table).put(value);
					transaction.onerror = () => reject(transaction.error);
					transaction.oncomplete = () => {
						request.result.close();
						resolve();
					};
				};
			}),
		rows
	);
}

/**
 * Copies a built app as the next deploy of it: every file of its code (_app/immutable) gets a new name and
 * every reference to it follows, as a rebuild with changed code would, so a tab of the old version asks for
 * files that are gone. `_app/version.json` is kept, so SvelteKit's own check cannot tell the versions apart
 * and only the app's own recovery can help such a tab.
 */
export function writeNextDeploy(root: string, target: string): void {
	cpSync(root, target, { recursive: true });
	const files = readdirSync(target, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
	// The server compresses afresh; a .gz left under an old name would still answer for it.
	for (const file of files.filter((name) => name.endsWith('.gz'))) rmSync(file);
	const immutable = join(target, '_app', 'immutable');
	const renamed = new Map<string, string>();
	for (const file of files.filter((name) => name.startsWith(immutable) && !name.endsWith('.gz'))) {
		const next = file.replace(/(\.[a-z0-9]+)$/, '-next$1');
		renameSync(file, next);
		renamed.set(basename(file), basename(next));
	}
	// Longest first, so no name matches as the start of a longer one.
	const names = [...renamed.keys()]
		.sort((a, b) => b.length - a.length)
		.map((name) => name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'));
	const reference = new RegExp(`/(${names.join('|')})`, 'g');
	const texts = readdirSync(target, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.(html|js|css|json|webmanifest)$/.test(entry.name))
		.map((entry) => join(entry.parentPath, entry.name));
	for (const file of texts) {
		const before = readFileSync(file, 'utf8');
		let text = before.replace(reference, (_match, name: string) => `/${renamed.get(name)}`);
		// Every page now names other files: the new service worker must fetch each one again.
		if (basename(file) === 'sw.js') text = text.replace(/revision:"([^"]+)"/g, 'revision:"next-$1"');
		// A page's inline start script names them too: its hash in the page's CSP follows.
		if (file.endsWith('.html')) {
			const newScripts = inlineScripts(text);
			inlineScripts(before).forEach((script, i) => {
				text = text.replaceAll(`'sha256-${sha256(script)}'`, `'sha256-${sha256(newScripts[i] ?? '')}'`);
			});
		}
		writeFileSync(file, text);
	}
}

function inlineScripts(html: string): string[] {
	return [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((found) => found[1] ?? '');
}

function sha256(text: string): string {
	return createHash('sha256').update(text).digest('base64');
}

/**
 * Where `text` is drawn in a reading card's paragraph (its first occurrence in the text as read, pinyin left out),
 * scrolled into view: the reader draws paragraphs as text, so a word has no element of its own to find.
 */
export async function textBox(
	page: Page,
	paragraphId: string,
	text: string
): Promise<{ x: number; y: number; width: number; height: number }> {
	return page.evaluate(
		({ paragraphId, text }) => {
			const root = document.querySelector(`[data-paragraph-id="${paragraphId}"] > p`);
			if (!root) throw new Error(`no paragraph ${paragraphId}`);
			const nodes: Text[] = [];
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode())
				if (!node.parentElement?.closest('rt')) nodes.push(node as Text);
			const whole = nodes.map((node) => node.data).join('');
			const start = whole.indexOf(text);
			if (start < 0) throw new Error(`no ${text} in ${paragraphId}`);
			const range = document.createRange();
			let offset = 0;
			for (const node of nodes) {
				if (start >= offset && start < offset + node.length) range.setStart(node, start - offset);
				if (start + text.length > offset && start + text.length <= offset + node.length) {
					range.setEnd(node, start + text.length - offset);
					break;
				}
				offset += node.length;
			}
			const before = range.getBoundingClientRect();
			if (before.top < 100 || before.bottom > innerHeight - 200) scrollBy(0, before.top - innerHeight / 3);
			const box = range.getBoundingClientRect();
			return { x: box.left, y: box.top, width: box.width, height: box.height };
		},
		{ paragraphId, text }
	);
}

/** Taps the middle of the first character of `text` in a reading card's paragraph, as a finger would. */
export async function tapText(page: Page, paragraphId: string, text: string): Promise<void> {
	const box = await textBox(page, paragraphId, text);
	const first = box.width / Math.max(1, Array.from(text).length);
	await page.touchscreen.tap(box.x + first / 2, box.y + box.height / 2);
}

/** The built-in article's reading card that holds a paragraph, read from its source. */
export function cardOfParagraph(paragraphId: string, article = 'content/articles/huang-2025/article.md'): string {
	let card = '';
	for (const line of readFileSync(article, 'utf8').split('\n')) {
		card = /^## card (\S+)/.exec(line)?.[1] ?? card;
		if (line.startsWith(`${paragraphId} `)) return card;
	}
	throw new Error(`no paragraph ${paragraphId}`);
}
