import { describe, expect, it } from 'vitest';
import { completeModulePreloads, staticImportsOf, type ClientManifest } from './modulePreloads.ts';

const manifest: ClientManifest = {
	'entry/start': { file: '_app/immutable/entry/start.js', imports: ['_runtime.js'] },
	'_runtime.js': { file: '_app/immutable/chunks/runtime.js' },
	'nodes/0': { file: '_app/immutable/nodes/0.js', imports: ['_runtime.js', '_settings.js'] },
	'_settings.js': { file: '_app/immutable/chunks/settings.js', imports: ['_queue.js', '_runtime.js'] },
	'_queue.js': { file: '_app/immutable/chunks/queue.js', imports: ['_settings.js'] }
};

const page = (links: string[]) =>
	`<head>\n\t\t${links.map((href) => `<link href="${href}" rel="modulepreload">`).join('\n\t\t')}\n\t\t<style>p{}</style>\n</head>`;

const preloads = (html: string) => [...html.matchAll(/<link href="([^"]+)" rel="modulepreload">/g)].map((m) => m[1]);

describe('staticImportsOf', () => {
	it('lists what the files import, however deep, once each, without the files themselves or unknown ones', () => {
		expect(staticImportsOf(['_app/immutable/nodes/0.js', '_app/immutable/chunks/other.js'], manifest)).toEqual([
			'_app/immutable/chunks/runtime.js',
			'_app/immutable/chunks/settings.js',
			'_app/immutable/chunks/queue.js'
		]);
		expect(staticImportsOf(['_app/immutable/chunks/settings.js'], manifest)).toEqual([
			'_app/immutable/chunks/queue.js',
			'_app/immutable/chunks/runtime.js'
		]);
	});
});

describe('completeModulePreloads', () => {
	it('links what the linked modules import, however deep, once each, after the last link', () => {
		const html = page(['/_app/immutable/entry/start.js', '/_app/immutable/nodes/0.js']);
		const completed = completeModulePreloads(html, manifest);
		expect(preloads(completed)).toEqual([
			'/_app/immutable/entry/start.js',
			'/_app/immutable/nodes/0.js',
			'/_app/immutable/chunks/runtime.js',
			'/_app/immutable/chunks/settings.js',
			'/_app/immutable/chunks/queue.js'
		]);
		expect(completed.indexOf('queue.js')).toBeLessThan(completed.indexOf('<style>'));
	});

	it('keeps the links in the form the page wrote them', () => {
		const html = page(['./_app/immutable/nodes/0.js']);
		expect(preloads(completeModulePreloads(html, manifest))).toContain('./_app/immutable/chunks/queue.js');
	});

	it('changes nothing when every import is linked, nothing is linked, or the manifest does not know a file', () => {
		const whole = page(['/_app/immutable/entry/start.js', '/_app/immutable/chunks/runtime.js']);
		expect(completeModulePreloads(whole, manifest)).toBe(whole);
		expect(completeModulePreloads('<head></head>', manifest)).toBe('<head></head>');
		const unknown = page(['/_app/immutable/chunks/other.js']);
		expect(completeModulePreloads(unknown, manifest)).toBe(unknown);
	});
});
