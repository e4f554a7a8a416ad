// Sync at scale (issue #12): the seeded collection (50,000 cards, 500,000 reviews) pushed by its device to an empty
// server, pulled by a fresh device, then 20 reviews each way, and the review screen's grades with and without a sync
// running. The server is the tests' CouchDB-compatible one (express-pouchdb on PouchDB's memory adapter) in this
// process, served under /couchdb/ on the app's origin as in the default deployment; each run gets a database of its
// own, deleted after it.
import { loadavg } from 'node:os';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { TestCouch } from '../src/lib/sync/testServer.ts';
import { gradeCards, withCpuProfile, type Durations } from './interaction.ts';
import { bench, BENCH_PATH, median, peakHeapOf, percentile, type BenchPage, type Row } from './lib.ts';
import type { Timing } from './scale.ts';

const FULL_TARGET_MS = 60_000;
const INCREMENTAL_TARGET_MS = 1_000;
const HEAP_TARGET_MB = 200;
const INCREMENTAL_REVIEWS = 20;

export interface SyncBenchOptions {
	/** The seeded device's page (the benchmark page) and its context. */
	seeded: { page: Page; context: BrowserContext };
	/** A second device: an empty profile of its own. */
	fresh: { context: BrowserContext };
	couch: TestCouch;
	origin: string;
	runs: number;
	grades: number;
	now: number;
	/** Writes Chrome CPU profiles of the first run's sync up and down to `<cpuProfile>-up/-down.cpuprofile`. */
	cpuProfile?: string;
}

interface Device {
	api: BenchPage;
	cdp: CDPSession;
	page: Page;
}

async function device(page: Page): Promise<Device> {
	return { api: bench(page), cdp: await page.context().newCDPSession(page), page };
}

async function openBenchPage(context: BrowserContext, origin: string): Promise<Page> {
	const page = await context.newPage();
	await page.goto(origin + BENCH_PATH);
	await page.waitForFunction(() => document.title.endsWith('ready'));
	return page;
}

/** A sync, its time and the page's peak heap meanwhile (garbage collected first). */
async function timedSync({ api, cdp, page }: Device, profile?: string): Promise<Timing & { peakMB: number }> {
	await cdp.send('HeapProfiler.collectGarbage');
	const sync = () => api.call('syncNow');
	const { value, peakMB } = await peakHeapOf(cdp, () => (profile ? withCpuProfile(page, profile, sync) : sync()));
	return { ...value, peakMB };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

function timeRow(name: string, values: number[], target: number, note: string): Row {
	return {
		name,
		value: median(values),
		unit: values.some((v) => v >= 1000) ? 's' : 'ms',
		target,
		runs: values.length,
		note
	};
}

const heapRow = (name: string, values: number[]): Row => ({
	name,
	value: median(values),
	unit: 'MB',
	target: HEAP_TARGET_MB,
	runs: values.length
});

function gradeRow(name: string, durations: Durations): Row {
	return {
		name,
		value: median(durations.painted),
		unit: 'ms',
		target: 16,
		runs: durations.painted.length,
		note: `p90 ${percentile(durations.painted, 90).toFixed(1)} ms; DOM updated ${median(durations.dom).toFixed(1)} ms`
	};
}

export async function syncRows(options: SyncBenchOptions): Promise<Row[]> {
	const { couch, origin, runs } = options;
	const seeded = await device(options.seeded.page);
	const fresh = await device(await openBenchPage(options.fresh.context, origin));
	const up: number[] = [];
	const down: number[] = [];
	const upHeap: number[] = [];
	const downHeap: number[] = [];
	const incrementalUp: number[] = [];
	const incrementalDown: number[] = [];
	const incrementalNote: string[] = [];
	const replayed: number[] = [];
	for (let run = 1; run <= runs; run++) {
		const name = `duka-bench-${run}`;
		await couch.createDatabase(name);
		try {
			const url = `/couchdb/${name}`;
			await seeded.api.call('syncTurnOn', url, couch.user, couch.password);
			const profile = (side: string) =>
				options.cpuProfile && run === 1 ? `${options.cpuProfile}-${side}.cpuprofile` : undefined;
			const first = await timedSync(seeded, profile('up'));
			up.push(first.ms);
			upHeap.push(first.peakMB);
			console.log(
				`  run ${run}: first sync up ${seconds(first.ms)}, peak heap ${first.peakMB.toFixed(0)} MB (${first.detail});` +
					` load average ${loadavg()[0]!.toFixed(1)}`
			);
			await fresh.api.call('freshDevice');
			await fresh.api.call('syncTurnOn', url, couch.user, couch.password);
			const pulled = await timedSync(fresh, profile('down'));
			down.push(pulled.ms);
			downHeap.push(pulled.peakMB);
			const info = await fresh.api.call('info');
			console.log(
				`  run ${run}: down to a fresh device ${seconds(pulled.ms)}, peak heap ${pulled.peakMB.toFixed(0)} MB` +
					` (${pulled.detail}; it now holds ${info.cards} cards, ${info.reviews} reviews)`
			);
			const replay = await fresh.api.call('syncReplayAll');
			replayed.push(replay.ms);
			console.log(
				`  run ${run}: of which the replay at the end, again on its own: ${seconds(replay.ms)} (${replay.detail})`
			);
			await seeded.api.call('gradeSome', INCREMENTAL_REVIEWS, options.now + run * 60_000);
			const pushed = await timedSync(seeded);
			const received = await timedSync(fresh);
			incrementalUp.push(pushed.ms);
			incrementalDown.push(received.ms);
			incrementalNote.push(`${pushed.detail} / ${received.detail}`);
			console.log(
				`  run ${run}: ${INCREMENTAL_REVIEWS} reviews up ${pushed.ms.toFixed(0)} ms (${pushed.detail}),` +
					` down ${received.ms.toFixed(0)} ms (${received.detail})`
			);
		} finally {
			await couch.deleteDatabase(name);
		}
	}

	// The review screen of the seeded device, graded with no sync, then while the bench page runs a first sync up.
	console.log(`  grading ${options.grades} cards without sync, then ${options.grades} while a first sync up runs…`);
	const quiet = await options.seeded.context.newPage();
	const without = await gradeCards(quiet, origin, options.grades);
	await quiet.close();
	const name = 'duka-bench-grades';
	await couch.createDatabase(name);
	let syncing = true;
	let during: Durations;
	let syncMs = 0;
	try {
		await seeded.api.call('syncTurnOn', `/couchdb/${name}`, couch.user, couch.password);
		const sync = seeded.api.call('syncNow').then((timing) => {
			syncing = false;
			syncMs = timing.ms;
		});
		const busy = await options.seeded.context.newPage();
		during = await gradeCards(busy, origin, options.grades);
		const coveredAll = syncing;
		await busy.close();
		await sync;
		console.log(
			`  the sync took ${seconds(syncMs)}; it ${coveredAll ? 'ran through every grade' : 'ended before the last grade'}`
		);
	} finally {
		await couch.deleteDatabase(name);
	}
	return [
		timeRow('first sync up (every row and review)', up, FULL_TARGET_MS, `p90 ${seconds(percentile(up, 90))}`),
		heapRow('first sync up: peak JS heap', upHeap),
		timeRow('down to a fresh device', down, FULL_TARGET_MS, `p90 ${seconds(percentile(down, 90))}`),
		heapRow('down to a fresh device: peak JS heap', downHeap),
		timeRow('of which: replaying every card at the end (measured again on its own)', replayed, FULL_TARGET_MS, ''),
		timeRow(
			`${INCREMENTAL_REVIEWS} reviews: sync up`,
			incrementalUp,
			INCREMENTAL_TARGET_MS,
			incrementalNote.at(-1) ?? ''
		),
		timeRow(`${INCREMENTAL_REVIEWS} reviews: sync down`, incrementalDown, INCREMENTAL_TARGET_MS, ''),
		gradeRow('grade tap → next card painted, no sync', without),
		gradeRow('grade tap → next card painted, during a first sync up', during)
	];
}
