import { launchBrowser, serveApp } from '../../tests/browser.ts';
const server = await serveApp('build');
const browser = await launchBrowser();
const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
const page = await context.newPage();
const t0 = Date.now();
page.on('request', (r) => console.log(Date.now() - t0, r.resourceType(), new URL(r.url()).pathname));
await page.goto(server.origin + (process.argv[2] ?? '/'), { waitUntil: 'networkidle' });
await browser.close(); await server.close();
