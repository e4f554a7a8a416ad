import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import {
	describeFullDictionary,
	dukaFullDictionary,
	FULL_DICTIONARY_MODULE,
	FULL_DICTIONARY_PATH
} from './fullPlugin.ts';

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const hook = (plugin: object, name: string) => (plugin as Record<string, Hook>)[name] as Hook;

function pluginFor(text: string, command: 'build' | 'serve', options: { emit?: boolean; ssr?: boolean } = {}) {
	// A build function of its own per plugin, so each test has its own dictionary.
	const plugin = dukaFullDictionary({ build: async () => text, emit: options.emit });
	hook(plugin, 'configResolved').call(undefined, { command, build: { ssr: options.ssr ?? false } });
	return plugin;
}

async function moduleOf(plugin: object): Promise<{ url: string; bytes: number }> {
	const id = hook(plugin, 'resolveId').call(undefined, FULL_DICTIONARY_MODULE) as string;
	const code = (await hook(plugin, 'load').call(undefined, id)) as string;
	return JSON.parse(code.replace(/^export default /, '').replace(/;$/, '')) as { url: string; bytes: number };
}

async function emitted(plugin: object, environment?: string): Promise<unknown[]> {
	const emitFile = vi.fn();
	await hook(plugin, 'generateBundle').call({ emitFile, environment: environment && { name: environment } });
	return emitFile.mock.calls.map(([file]) => file);
}

describe('the full dictionary plugin', () => {
	it('names the file by a hash of its bytes, so a new dictionary gets a new address', () => {
		const one = describeFullDictionary('duka-cedict\t1\na\n');
		expect(one.url).toMatch(FULL_DICTIONARY_PATH);
		expect(one.url).toBe(`/${one.fileName}`);
		expect(describeFullDictionary('duka-cedict\t1\na\n').url).toBe(one.url);
		expect(describeFullDictionary('duka-cedict\t1\nb\n').url).not.toBe(one.url);
	});

	it('gives the app the file’s address and size in bytes', async () => {
		const text = 'duka-cedict\t1\n0数\t\t\tshù\n';
		expect(await moduleOf(pluginFor(text, 'build'))).toEqual({
			url: describeFullDictionary(text).url,
			bytes: new TextEncoder().encode(text).length
		});
		expect(hook(pluginFor(text, 'build'), 'resolveId').call(undefined, 'virtual:duka/other')).toBeUndefined();
	});

	it('writes the file into the client build only', async () => {
		const text = 'duka-cedict\t1\n0据\t\t\tjù\n';
		const { fileName } = describeFullDictionary(text);
		expect(await emitted(pluginFor(text, 'build'), 'client')).toEqual([
			{ type: 'asset', fileName, source: new TextEncoder().encode(text) }
		]);
		expect(await emitted(pluginFor(text, 'build'))).toHaveLength(1);
		expect(await emitted(pluginFor(text, 'build'), 'ssr')).toEqual([]);
		expect(await emitted(pluginFor(text, 'build', { ssr: true }))).toEqual([]);
		expect(await emitted(pluginFor(text, 'build', { emit: false }), 'client')).toEqual([]);
		expect(await emitted(pluginFor(text, 'serve'))).toEqual([]);
	});

	it('serves the file at the same address in vite dev, and nothing at another build’s', async () => {
		const text = 'duka-cedict\t1\n0库\t\t\tkù\n';
		let middleware: (request: IncomingMessage, response: ServerResponse, next: () => void) => void = () => {};
		hook(pluginFor(text, 'serve'), 'configureServer').call(undefined, {
			middlewares: { use: (handler: typeof middleware) => (middleware = handler) }
		});
		const request = (url: string) =>
			new Promise<{ status: number; body?: Uint8Array; type?: string } | 'next'>((resolve) => {
				const headers: Record<string, string> = {};
				const response = {
					statusCode: 200,
					setHeader: (name: string, value: string) => (headers[name] = value),
					end(body?: Uint8Array) {
						resolve({ status: this.statusCode, body, type: headers['content-type'] });
					}
				};
				middleware({ url } as IncomingMessage, response as unknown as ServerResponse, () => resolve('next'));
			});
		const { url, source } = describeFullDictionary(text);
		expect(await request(`${url}?download`)).toEqual({ status: 200, body: source, type: 'text/plain; charset=utf-8' });
		expect(await request('/_app/immutable/assets/cedict.0000000000.txt')).toMatchObject({ status: 404 });
		expect(await request('/settings')).toBe('next');
	});
});
