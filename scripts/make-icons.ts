// Renders static/favicon.svg into the PNG icons the web manifest needs. Run by hand when the logo changes:
// npx tsx scripts/make-icons.ts (needs Chromium; the PNGs are committed).
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const svg = readFileSync(new URL('../static/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch({
	executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
const page = await browser.newPage();
const targets = [
	{ file: 'icon-192.png', size: 192, padding: 0 },
	{ file: 'icon-512.png', size: 512, padding: 0 },
	// Maskable icons keep their content inside the central 80% safe zone.
	{ file: 'icon-maskable-512.png', size: 512, padding: 0.12 }
];
for (const { file, size, padding } of targets) {
	await page.setViewportSize({ width: size, height: size });
	const inner = Math.round(size * (1 - 2 * padding));
	await page.setContent(
		`<body style="margin:0;background:#0f766e;display:grid;place-items:center;width:${size}px;height:${size}px">` +
			`<div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body>`
	);
	await page.screenshot({ path: new URL(`../static/icons/${file}`, import.meta.url).pathname, omitBackground: false });
}
await browser.close();
