// The static server for the built app (build/), on sirv: `vite preview` serves .svelte-kit/output instead,
// where the service worker cannot install. Used by `npm start`, the end-to-end tests and the benchmarks.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile, readdir, rename, writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv, { type RequestHandler } from 'sirv';

// Text is sent gzipped, as any real host would: uncompressed, the phone-network figures of the benchmarks
// (Lighthouse) would count every byte of the JSON content and the database library several times over.
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.webmanifest', '.svg', '.txt']);

// sirv's types (mrmime) give text without a charset and know no .ico: these are sent as they always were.
const TYPES: Record<string, string> = {
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.txt': 'text/plain; charset=utf-8',
	'.ico': 'image/x-icon'
};

// A meta CSP cannot say who may frame the app: these headers refuse every frame (clickjacking).
const SECURITY_HEADERS = {
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'content-security-policy': "frame-ancestors 'none'",
	'x-frame-options': 'DENY'
};

const gzipAsync = promisify(gzip);
let partials = 0;

async function filesUnder(folder: string): Promise<string[]> {
	const entries = await readdir(folder, { recursive: true, withFileTypes: true });
	return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Writes file.gz beside each text file for sirv's `gzip` option, as adapter-static's `precompress` would.
 * Always afresh (the whole build takes well under a second): a .gz left from before could be older than
 * its source, as in a copy of the build that a test then edits.
 */
export async function precompress(root: string): Promise<void> {
	const sources = (await filesUnder(root)).filter((file) => COMPRESSIBLE.has(extname(file)));
	await Promise.all(
		sources.map(async (file) => {
			// Renamed into place, so a server already reading the folder never sends half a file.
			const partial = `${file}.gz.${process.pid}-${partials++}.partial`;
			await writeFile(partial, await gzipAsync(await readFile(file), { level: 9 }));
			await rename(partial, `${file}.gz`);
		})
	);
}

function notFound(_request: IncomingMessage, response: ServerResponse): void {
	response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
	response.end('Not found');
}

/**
 * sirv over a folder laid out as adapter-static writes it: /read/a is read/a.html, /deck is deck.html or
 * deck/index.html. Every page is prerendered, so there is no SPA fallback: anything else is a 404.
 */
function handlerFor(root: string): RequestHandler {
	return sirv(root, {
		// Looks each request up on disk instead of listing the folder once, as the server always has: a
		// rebuild is served at once, and a missing file is a 404 rather than a failed read.
		dev: true,
		gzip: true,
		extensions: ['html'],
		onNoMatch: notFound,
		setHeaders: (response, pathname) => {
			const type = TYPES[extname(pathname)];
			if (type) response.setHeader('content-type', type);
			const immutable = pathname.startsWith('/_app/immutable/');
			response.setHeader('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
		}
	});
}

export interface ServeOptions {
	/** A folder, or a function naming one per request, so a test can swap in a new version of the app. */
	root?: string | (() => string);
	port?: number;
	host?: string;
	/**
	 * Requests under `prefix` go to `handle` with the prefix taken off, as a reverse proxy in front of CouchDB would
	 * (the default deployment serves it at /couchdb/ on the app's own origin). The end-to-end tests put their
	 * CouchDB-compatible server there.
	 */
	proxy?: { prefix: string; handle(request: IncomingMessage, response: ServerResponse): void };
}

export async function startServer({
	root = 'build',
	port = 4173,
	host = '127.0.0.1',
	proxy
}: ServeOptions = {}): Promise<Server> {
	const rootOf = typeof root === 'function' ? root : () => root;
	// One handler per folder served, made once its text is compressed.
	const handlers = new Map<string, Promise<RequestHandler>>();
	const handlerOf = (folder: string) => {
		let handler = handlers.get(folder);
		if (!handler) {
			handler = precompress(folder).then(() => handlerFor(folder));
			// A folder that could not be read is tried again on the next request.
			handler.catch(() => handlers.delete(folder));
			handlers.set(folder, handler);
		}
		return handler;
	};
	await handlerOf(resolve(rootOf()));
	const server = createServer((request, response) => {
		if (proxy && request.url?.startsWith(proxy.prefix)) {
			request.url = `/${request.url.slice(proxy.prefix.length)}`;
			return proxy.handle(request, response);
		}
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
		handlerOf(resolve(rootOf())).then(
			(handle) => handle(request, response),
			(error: unknown) => {
				response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
				response.end(String(error));
			}
		);
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
