import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from './serve.ts';

interface Reply {
	status: number;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

/** A raw request, so the test sees the bytes and headers on the wire, not what a client decoded. */
function get(server: Server, path: string, headers: Record<string, string> = {}): Promise<Reply> {
	const { port } = server.address() as AddressInfo;
	return new Promise((resolve, reject) => {
		request({ host: '127.0.0.1', port, path, headers }, (response) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () =>
				resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) })
			);
		})
			.on('error', reject)
			.end();
	});
}

function site(): string {
	const root = mkdtempSync(join(tmpdir(), 'duka-serve-'));
	mkdirSync(join(root, 'read'));
	mkdirSync(join(root, 'deck'));
	mkdirSync(join(root, '_app/immutable'), { recursive: true });
	writeFileSync(join(root, 'index.html'), '<!doctype html><title>home</title>');
	writeFileSync(join(root, 'read.html'), '<!doctype html><title>contents</title>');
	writeFileSync(join(root, 'read/a.html'), '<!doctype html><title>card a</title>');
	writeFileSync(join(root, 'deck/index.html'), '<!doctype html><title>deck</title>');
	writeFileSync(join(root, '_app/immutable/app.js'), `console.log(${JSON.stringify('读卡'.repeat(200))});`);
	writeFileSync(join(root, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
	return root;
}

const GZIP = { 'accept-encoding': 'gzip, deflate' };
let server: Server | undefined;
let root = '';

afterEach(async () => {
	server?.closeAllConnections();
	await new Promise((resolve) => server?.close(resolve));
	server = undefined;
	rmSync(root, { recursive: true, force: true });
});

describe('startServer', () => {
	it('serves pages at their clean addresses, as adapter-static lays them out', async () => {
		root = site();
		server = await startServer({ root, port: 0 });
		for (const [path, title] of [
			['/', 'home'],
			['/read', 'contents'],
			['/read/a', 'card a'],
			['/deck', 'deck']
		] as const) {
			const reply = await get(server, path);
			expect(reply.status, path).toBe(200);
			expect(reply.headers['content-type'], path).toMatch(/^text\/html; ?charset=utf-8$/);
			expect(reply.body.toString(), path).toContain(`<title>${title}</title>`);
		}
	});

	it('sends text gzipped to a client that takes it, and plain to one that does not', async () => {
		root = site();
		server = await startServer({ root, port: 0 });
		const plain = readFileSync(join(root, '_app/immutable/app.js'));
		const zipped = await get(server, '/_app/immutable/app.js', GZIP);
		expect(zipped.headers['content-encoding']).toBe('gzip');
		expect(zipped.headers['content-type']).toBe('text/javascript; charset=utf-8');
		expect(zipped.headers.vary).toMatch(/accept-encoding/i);
		expect(zipped.body.length).toBeLessThan(plain.length);
		expect(gunzipSync(zipped.body)).toEqual(plain);
		const page = await get(server, '/read/a', GZIP);
		expect(page.headers['content-encoding']).toBe('gzip');
		expect(gunzipSync(page.body).toString()).toContain('card a');

		const unzipped = await get(server, '/_app/immutable/app.js');
		expect(unzipped.headers['content-encoding']).toBeUndefined();
		expect(unzipped.body).toEqual(plain);
		const icon = await get(server, '/favicon.ico', GZIP);
		expect(icon.headers['content-encoding']).toBeUndefined();
		expect(icon.headers['content-type']).toBe('image/x-icon');
	});

	it('sends the security and cache headers: immutable for hashed assets, revalidated for the rest', async () => {
		root = site();
		server = await startServer({ root, port: 0 });
		for (const path of ['/', '/_app/immutable/app.js', '/missing']) {
			const { headers } = await get(server, path, GZIP);
			expect(headers['x-content-type-options'], path).toBe('nosniff');
			expect(headers['referrer-policy'], path).toBe('no-referrer');
			// A meta CSP cannot refuse framing: the server does (clickjacking).
			expect(headers['content-security-policy'], path).toBe("frame-ancestors 'none'");
			expect(headers['x-frame-options'], path).toBe('DENY');
		}
		expect((await get(server, '/_app/immutable/app.js')).headers['cache-control']).toBe(
			'public, max-age=31536000, immutable'
		);
		expect((await get(server, '/read/a')).headers['cache-control']).toBe('no-cache');
	});

	it('answers 404 for an unknown address: every page is prerendered, so there is no SPA fallback', async () => {
		root = site();
		server = await startServer({ root, port: 0 });
		for (const path of ['/nowhere', '/read/b', '/../package.json']) {
			const reply = await get(server, path, GZIP);
			expect(reply.status, path).toBe(404);
			expect(reply.body.toString(), path).toBe('Not found');
		}
	});

	it('serves an edited copy of a build with fresh compressed files, and swaps folders per request', async () => {
		root = site();
		const next = mkdtempSync(join(tmpdir(), 'duka-serve-next-'));
		try {
			let current = root;
			server = await startServer({ root: () => current, port: 0 });
			await get(server, '/read/a', GZIP);
			// A copy of the first folder, .gz files and all, with one page changed after the copy.
			for (const file of ['index.html', 'index.html.gz'])
				writeFileSync(join(next, file), readFileSync(join(root, file)));
			writeFileSync(join(next, 'index.html'), '<!doctype html><title>version 2</title>');
			current = next;
			const reply = await get(server, '/', GZIP);
			expect(gunzipSync(reply.body).toString()).toContain('version 2');
		} finally {
			rmSync(next, { recursive: true, force: true });
		}
	});
});
