import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { minify as minifyCode, transformWithOxc, type Plugin } from 'vite';

/** Where app.html loads the early paint from, at the site's root. */
export const EARLY_PAINT_FILE = 'early-paint.js';

const SOURCE = fileURLToPath(new URL('./earlyPaint.ts', import.meta.url));

/** earlyPaint.ts as a script of its own: transpiled alone (it imports nothing), then run. */
export async function buildEarlyPaint(minify = true): Promise<string> {
	const source = await readFile(SOURCE, 'utf8');
	const { code } = await transformWithOxc(source, SOURCE, { lang: 'ts', sourcemap: false, tsconfig: false });
	const script = `${code}\nrunEarlyPaint();\n`;
	if (!minify) return script;
	// Exports would make nothing here; dropping them lets the minifier drop what the script itself does not use.
	return (await minifyCode(EARLY_PAINT_FILE, script.replace(/^export /gm, ''), { module: true })).code;
}

/**
 * Emits the early paint (boot/earlyPaint.ts) as `early-paint.js` at the root of the client build, where the
 * service worker's precache glob finds it, and serves it in development.
 */
export function dukaEarlyPaint(): Plugin {
	let isClientBuild = false;
	return {
		name: 'duka-early-paint',
		configResolved(config) {
			isClientBuild = config.command === 'build' && !config.build.ssr;
		},
		async generateBundle() {
			const environment = (this as { environment?: { name?: string } }).environment?.name;
			if (!isClientBuild || (environment !== undefined && environment !== 'client')) return;
			this.emitFile({ type: 'asset', fileName: EARLY_PAINT_FILE, source: await buildEarlyPaint() });
		},
		configureServer(server) {
			server.middlewares.use((request, response, next) => {
				if ((request.url ?? '').split('?')[0] !== `/${EARLY_PAINT_FILE}`) {
					next();
					return;
				}
				buildEarlyPaint(false).then(
					(script) => {
						response.setHeader('content-type', 'text/javascript; charset=utf-8');
						response.setHeader('cache-control', 'no-cache');
						response.end(script);
					},
					(error: unknown) => next(error)
				);
			});
		}
	};
}
