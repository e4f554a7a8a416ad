// The end-to-end tests' fixtures: every test starts from a known state of its own, whatever ran before it,
// so any file or any single test (`-t "name"`) can be run alone. One browser per file, because launching
// Chromium is slow on two cores; a fresh server (its own origin), context and page for every test, so no
// service worker, database or setting is carried from one test to the next.
import { test as base } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
	CHROMIUM,
	installApp,
	launchBrowser,
	phoneContext,
	serveApp,
	watchErrors,
	watchForeignRequests,
	type AppServer
} from './browser.ts';

export interface OfflineApp {
	/** The app's origin; nothing answers there now but its service worker. */
	origin: string;
	context: BrowserContext;
	page: Page;
	/** Page errors and console errors, as `watchErrors` collects them. */
	errors: string[];
	/** Requests to any origin but the app's own. */
	foreign: string[];
}

export const test = base
	.extend('chromium', { scope: 'worker' }, CHROMIUM)
	.extend('browser', { scope: 'file' }, async ({ chromium }, { onCleanup }): Promise<Browser> => {
		const browser = await launchBrowser(chromium);
		onCleanup(() => browser.close());
		return browser;
	})
	/**
	 * The folder served: a test can serve another build with `test.override('root', …)`, and DUKA_E2E_BUILD
	 * runs the whole suite on another one (a copy of an older build, say).
	 */
	.extend('root', process.env.DUKA_E2E_BUILD ?? 'build')
	.extend('server', async ({ root }, { onCleanup }): Promise<AppServer> => {
		const server = await serveApp(root);
		onCleanup(() => server.close());
		return server;
	})
	/** A phone with a fresh profile: no service worker, no database, no settings. */
	.extend('context', async ({ browser }, { onCleanup }): Promise<BrowserContext> => {
		const context = await phoneContext(browser);
		onCleanup(() => context.close());
		return context;
	})
	.extend('foreign', ({ context, server }) => watchForeignRequests(context, server.origin))
	.extend('page', ({ context }) => context.newPage())
	.extend('errors', ({ page }) => watchErrors(page))
	/**
	 * The built app on a phone, installed by its service worker, then with its server stopped and the network
	 * cut: from here on nothing but the service worker can answer, as in airplane mode.
	 */
	.extend('app', async ({ server, context, page, errors, foreign }): Promise<OfflineApp> => {
		await installApp(page, server.origin);
		await server.close();
		await context.setOffline(true);
		return { origin: server.origin, context, page, errors, foreign };
	});

export { expect } from 'vitest';
