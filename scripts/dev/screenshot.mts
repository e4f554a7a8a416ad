// Screenshots of the built app at 390×844 for a look by eye:
// npx tsx scripts/dev/screenshot.mts <path> <out.png> [light|dark] [press keys…]
// e.g. npx tsx scripts/dev/screenshot.mts /review review.png dark Space
import { launchBrowser, open, phoneContext, serveApp } from '../../tests/browser.ts';

const [path = '/', out = 'screenshot.png', scheme = 'light', ...keys] = process.argv.slice(2);
const server = await serveApp();
const browser = await launchBrowser();
try {
	const context = await phoneContext(browser, { colorScheme: scheme === 'dark' ? 'dark' : 'light' });
	const page = await context.newPage();
	page.on('pageerror', (error) => console.log('pageerror', error.message));
	await open(page, server.origin + path);
	await page.waitForLoadState('networkidle');
	for (const key of keys) {
		await page.keyboard.press(key);
		await page.waitForTimeout(150);
	}
	await page.waitForTimeout(400);
	await page.screenshot({ path: out });
} finally {
	await browser.close();
	await server.close();
}
