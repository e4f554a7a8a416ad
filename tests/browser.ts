import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { startServer } from '../scripts/serve.ts';

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

export async function launchBrowser(executablePath = CHROMIUM): Promise<Browser> {
	if (!existsSync(executablePath))
		throw new Error(
			`Chromium not found at ${executablePath}: install it (apt-get install chromium) or set CHROME_PATH`
		);
	return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS });
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
export async function serveApp(root = 'build'): Promise<AppServer> {
	if (!existsSync(`${root}/index.html`)) throw new Error(`No built app in ${root}/: run "npm run build" first`);
	let current = root;
	const server: Server = await startServer({ root: () => current, port: 0 });
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
	options: { colorScheme?: 'light' | 'dark'; locale?: string } = {}
): Promise<BrowserContext> {
	return browser.newContext({
		viewport: PHONE,
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		locale: options.locale ?? 'en-US',
		colorScheme: options.colorScheme ?? 'light'
	});
}

/** Waits until the service worker controls the page, so everything it precached can be served offline. */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.waitForFunction(
		async () => {
			const registration = await navigator.serviceWorker.getRegistration();
			return Boolean(registration?.active && navigator.serviceWorker.controller);
		},
		undefined,
		{ timeout: 30_000 }
	);
	// The install step precaches every page and asset; wait for it to finish before going offline.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
}

/** Opens the app and waits for its service worker to install it, so it can run offline from then on. */
export async function installApp(page: Page, origin: string): Promise<void> {
	await open(page, origin + '/');
	await waitForServiceWorker(page);
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
		if (message.type() === 'error') errors.push(`console: ${message.text()}`);
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

/** Every row of the named tables of the app's database, read with the raw IndexedDB API in the page. */
export function readTables<T = Record<string, unknown>>(page: Page, tables: string[]): Promise<Record<string, T[]>> {
	return page.evaluate(
		(names) =>
			new Promise<Record<string, T[]>>((resolve, reject) => {
				const request = indexedDB.open('duka');
				request.onerror = () => reject(request.error);
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
