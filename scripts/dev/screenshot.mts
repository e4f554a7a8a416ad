// Screenshots of the built app at 390×844 for a look by eye:
// npx tsx scripts/dev/screenshot.mts <path> <out.png> [light|dark] [steps…]
// A step is a key to press, or click:<selector> (Playwright selector) to tap something first.
// e.g. npx tsx scripts/dev/screenshot.mts /review review.png dark Space   (DUKA_LOCALE=zh-CN for Chinese)
//      npx tsx scripts/dev/screenshot.mts /read/huang-2025/p1-10 word.png light 'click:text=供应链'
import { launchBrowser, open, phoneContext, serveApp } from '../../tests/browser.ts';

const [path = '/', out = 'screenshot.png', scheme = 'light', ...keys] = process.argv.slice(2);
const server = await serveApp();
const browser = await launchBrowser();
try {
	// DUKA_LOCALE=zh-CN shows the Chinese interface (Duka follows the browser's language).
	const context = await phoneContext(browser, {
		colorScheme: scheme === 'dark' ? 'dark' : 'light',
		locale: process.env.DUKA_LOCALE
	});
	const page = await context.newPage();
	page.on('pageerror', (error) => console.log('pageerror', error.message));
	await open(page, server.origin + path);
	await page.waitForLoadState('networkidle');
	for (const step of keys) {
		if (step.startsWith('click:')) await page.locator(step.slice('click:'.length)).first().click();
		else await page.keyboard.press(step);
		await page.waitForTimeout(150);
	}
	await page.waitForTimeout(400);
	await page.screenshot({ path: out });
} finally {
	await browser.close();
	await server.close();
}
