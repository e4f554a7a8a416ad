// A small static server for the built app (build/): `vite preview` serves .svelte-kit/output instead,
// where the service worker cannot install. Used by `npm start`, the end-to-end tests and the benchmarks.
import { createServer, type Server } from 'node:http';
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2'
};

/** Finds the file for a URL path the way adapter-static lays pages out: /read/a → read/a.html. */
export function resolveFile(root: string, pathname: string): string | undefined {
	const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	const candidates = [join(root, clean), join(root, `${clean}.html`), join(root, clean, 'index.html')];
	return candidates.find((file) => file.startsWith(root) && existsSync(file) && statSync(file).isFile());
}

// Text is sent gzipped, as any real host would: uncompressed, the phone-network figures of the benchmarks
// (Lighthouse) would count every byte of the JSON content and the database library several times over.
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg', '.txt']);
const gzipped = new Map<string, { stamp: string; body: Buffer }>();

function gzipOf(file: string): Buffer {
	const { mtimeMs, size } = statSync(file);
	const stamp = `${mtimeMs}:${size}`;
	const cached = gzipped.get(file);
	if (cached?.stamp === stamp) return cached.body;
	const body = gzipSync(readFileSync(file), { level: 9 });
	gzipped.set(file, { stamp, body });
	return body;
}

export interface ServeOptions {
	/** A folder, or a function naming one per request, so a test can swap in a new version of the app. */
	root?: string | (() => string);
	port?: number;
	host?: string;
}

export function startServer({ root = 'build', port = 4173, host = '127.0.0.1' }: ServeOptions = {}): Promise<Server> {
	const rootOf = typeof root === 'function' ? root : () => root;
	const server = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		const file = resolveFile(resolve(rootOf()), url.pathname);
		if (!file) {
			response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
			response.end('Not found');
			return;
		}
		const immutable = url.pathname.startsWith('/_app/immutable/');
		const headers = {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
			'x-content-type-options': 'nosniff',
			'referrer-policy': 'no-referrer'
		};
		if (COMPRESSIBLE.has(extname(file)) && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
			const body = gzipOf(file);
			response.writeHead(200, {
				...headers,
				'content-encoding': 'gzip',
				'content-length': body.length,
				vary: 'accept-encoding'
			});
			response.end(request.method === 'HEAD' ? undefined : body);
			return;
		}
		response.writeHead(200, headers);
		if (request.method === 'HEAD') response.end();
		else createReadStream(file).pipe(response);
	});
	return new Promise((resolveStart) => {
		server.listen(port, host, () => resolveStart(server));
	});
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
	const port = Number(process.env.PORT ?? 4173);
	const root = process.env.DUKA_ROOT ?? 'build';
	if (!existsSync(join(root, 'index.html'))) {
		console.error(`No built app in ${root}/: run "npm run build" first.`);
		process.exit(1);
	}
	await startServer({ root, port });
	console.log(`Duka is served at http://127.0.0.1:${port}/`);
}
