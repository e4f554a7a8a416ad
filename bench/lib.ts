// Helpers shared by the benchmark sections: medians, the printed table, and the served copy of the app.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import type { CDPSession, Page } from 'playwright-core';
import { build } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { startServer, type ServeOptions } from '../scripts/serve.ts';
import { dukaContent } from '../src/lib/content/plugin.ts';
import { contentTools } from '../src/lib/content/tools.ts';
import type { BenchApi } from './scale.ts';

export function median(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** One line of a result table. `value` and `floor` are medians; `target` is the budget for `value`. */
export interface Row {
	name: string;
	value: number;
	unit: 'ms' | 's' | 'MB' | 'score' | '';
	floor?: number;
	/** Lower is better unless `higherIsBetter`. */
	target?: number;
	higherIsBetter?: boolean;
	runs: number;
	note?: string;
}

const format = (value: number | undefined, unit: Row['unit']) => {
	if (value === undefined || Number.isNaN(value)) return '—';
	if (unit === 'score') return value.toFixed(0);
	if (unit === 's') return `${(value / 1000).toFixed(2)} s`;
	if (unit === 'MB') return `${value.toFixed(1)} MB`;
	if (unit === '') return value.toFixed(3);
	return value >= 100 ? `${value.toFixed(0)} ms` : `${value.toFixed(1)} ms`;
};

export function verdict(row: Row): string {
	if (row.target === undefined || Number.isNaN(row.value)) return '';
	return (row.higherIsBetter ? row.value >= row.target : row.value <= row.target) ? 'ok' : 'OVER';
}

export function printTable(title: string, rows: readonly Row[]): void {
	const lines = rows.map((row) => [
		row.name,
		format(row.value, row.unit),
		format(row.floor, row.unit),
		row.floor ? `${(row.value / row.floor).toFixed(1)}×` : '',
		row.target === undefined ? '' : `${row.higherIsBetter ? '≥' : '≤'} ${format(row.target, row.unit)}`,
		verdict(row),
		String(row.runs),
		row.note ?? ''
	]);
	const header = ['', 'median', 'raw floor', 'ratio', 'target', '', 'runs', ''];
	const widths = header.map((cell, column) => Math.max(cell.length, ...lines.map((line) => line[column]!.length)));
	const render = (cells: string[]) =>
		cells
			.map((cell, column) =>
				column === 0 || column === cells.length - 1 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)
			)
			.join('  ')
			.trimEnd();
	console.log(`\n${title}`);
	console.log(render(header));
	for (const line of lines) console.log(render(line));
}

/** `--name=value` and `--flag` arguments. */
export function parseArgs(argv: readonly string[]): Map<string, string> {
	const args = new Map<string, string>();
	for (const arg of argv) {
		const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
		if (match) args.set(match[1]!, match[2] ?? 'true');
	}
	return args;
}

export const REPO = resolve(import.meta.dirname, '..');
export const BENCH_PATH = '/__bench/';

/** Builds the app when build/ is missing; the benchmarks measure what ships. */
export function ensureBuild(): void {
	if (existsSync(join(REPO, 'build', 'index.html'))) return;
	console.log('No build/: running npm run build');
	const result = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('npm run build failed');
}

/**
 * Bundles bench/scale.ts (which imports the app's own store modules) with Vite into `outDir`, beside a
 * copy of the built app, so the benchmark page is served from the app's origin without shipping in it.
 */
async function bundleScalePage(outDir: string): Promise<void> {
	await build({
		configFile: false,
		root: REPO,
		logLevel: 'warn',
		plugins: [dukaContent({ contentDir: join(REPO, 'content'), tools: contentTools }), svelte({ configFile: false })],
		build: {
			outDir,
			emptyOutDir: true,
			minify: true,
			target: 'es2022',
			lib: { entry: join(REPO, 'bench/scale.ts'), formats: ['es'], fileName: () => 'scale.js' }
		}
	});
	writeFileSync(
		join(outDir, 'index.html'),
		'<!doctype html>\n<meta charset="utf-8">\n<title>Duka benchmarks</title>\n<script type="module" src="./scale.js"></script>\n'
	);
}

/** Where the served snapshot keeps the plain-HTML floors of the prerendered pages (plainHtmlFloors). */
export const FLOOR_PATH = '/__floor/';

/**
 * The floor of a first paint: each prerendered page (its HTML as built, with its CSS inline) without its scripts
 * and module preloads, as `/__floor/<name>.html`. The same text and styles the app paints, as plain HTML.
 */
function writePlainHtmlFloors(root: string, pages: Record<string, string>): void {
	mkdirSync(join(root, FLOOR_PATH), { recursive: true });
	for (const [name, file] of Object.entries(pages)) {
		const html = readFileSync(join(root, file), 'utf8')
			.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
			.replace(/<link\b[^>]*rel="modulepreload"[^>]*>/g, '');
		writeFileSync(join(root, FLOOR_PATH, `${name}.html`), html);
	}
}

export interface BenchServer {
	origin: string;
	close(): Promise<void>;
}

/**
 * Serves a snapshot of build/ (so a rebuild by someone else mid-run changes nothing) plus the benchmark
 * page at /__bench/ and the plain-HTML floors at /__floor/, with scripts/serve.ts on 127.0.0.1 (`port` 0: any free
 * port); `proxy` serves a CouchDB-compatible server under its prefix, as the default deployment does.
 */
export async function serveSnapshot(port = 0, proxy?: ServeOptions['proxy']): Promise<BenchServer> {
	const root = mkdtempSync(join(tmpdir(), 'duka-bench-'));
	cpSync(join(REPO, 'build'), root, { recursive: true });
	await bundleScalePage(join(root, BENCH_PATH));
	writePlainHtmlFloors(root, { home: 'index.html', card: 'read/huang-2025/p1-01.html' });
	const server = await startServer({ root, port, proxy });
	const { port: bound } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${bound}`,
		close: () =>
			new Promise((done) => {
				server.closeAllConnections();
				server.close(() => {
					rmSync(root, { recursive: true, force: true });
					done();
				});
			})
	};
}

/** Calls the benchmark page's `window.dukaBench` (bench/scale.ts) from Node. */
export const bench = (page: Page) => ({
	call: <K extends keyof BenchApi>(name: K, ...params: Parameters<BenchApi[K]>) =>
		page.evaluate(
			([method, list]) =>
				(window as unknown as { dukaBench: Record<string, (...a: unknown[]) => unknown> }).dukaBench[method]!(
					...(list as unknown[])
				),
			[name, params] as const
		) as ReturnType<BenchApi[K]>
});

export type BenchPage = ReturnType<typeof bench>;

/** The page's JS heap, asked of the browser every 100 ms while `work` runs: its peak, in MB. */
export async function peakHeapOf<T>(cdp: CDPSession, work: () => Promise<T>): Promise<{ value: T; peakMB: number }> {
	let peak = 0;
	let running = true;
	const sample = (async () => {
		while (running) {
			const { usedSize } = await cdp.send('Runtime.getHeapUsage');
			peak = Math.max(peak, usedSize);
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
	})();
	try {
		return { value: await work(), peakMB: peak / 1024 / 1024 };
	} finally {
		running = false;
		await sample;
	}
}
