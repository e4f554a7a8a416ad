// `npm run bench`: performance of the BUILT app, served by scripts/serve.ts on 127.0.0.1, in Chromium.
// Not part of `npm test`: timings on a shared machine are for reading, not for failing a build.
//
//   npm run bench                          everything (about 15 minutes on 2 cores)
//   npm run bench -- --only=scale          sections: lighthouse, scale, interaction, reader, import, backup, optimiser,
//                                          sync
//   npm run bench -- --only=reader         reading cards only (card turns, word taps), on a fresh profile
//   npm run bench -- --runs=7              runs per scale measure (median), default 7
//   npm run bench -- --entries=2500 --reviews=50000   a smaller collection, for a quick look
//   npm run bench -- --profile=../bench-profile       keep the seeded Chromium profile and reuse it next time
//   npm run bench -- --only=import --import-runs=3    imports per measure of the import section (median), default 5
//   npm run bench -- --only=interaction --cpu-profile=grades.cpuprofile   profile the grades at scale (DevTools)
//   npm run bench -- --only=reader --reader-cpu-profile=turns.cpuprofile  profile the card turns (DevTools)
//   npm run bench -- --only=backup --backup-cpu-profile=backup   profiles of the first export, restore and merge
//   npm run bench -- --only=backup --backup-file=FILE  keeps the first export's file (to look into its parts)
//   npm run bench -- --only=backup --backup-on-page    the backup written on the page, as where no worker starts
//   npm run bench -- --only=backup --backup-tasks=export  some of export, restore, merge (the two restore its file)
//   npm run bench -- --only=optimiser                 optimising 25,000 reviews (--optimiser-reviews), 3 runs
//   npm run bench -- --only=sync                      sync up and down at scale (--sync-runs=3), grades while it runs
//   npm run bench -- --only=sync --sync-cpu-profile=sync   profiles of the first run's sync up and down (DevTools)
//
// Every figure is the median of several runs; "raw floor" is the same records read (or written) with the
// bare IndexedDB API, and "ratio" is the app's median over the floor's.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS, PHONE } from '../tests/browser.ts';
import {
	BENCH_PATH,
	REPO,
	bench,
	ensureBuild,
	peakHeapOf,
	type BenchPage,
	median,
	parseArgs,
	percentile,
	printTable,
	serveSnapshot,
	verdict,
	type Row
} from './lib.ts';
import { importRows } from './importBench.ts';
import { optimiserRows } from './optimiserBench.ts';
import { syncRows } from './syncBench.ts';
import { startTestCouch } from '../src/lib/sync/testServer.ts';
import { firstVisitRows, lighthouseRows } from './lighthouse.ts';
import {
	coldStartsOffline,
	enableTimingMarks,
	gradeCards,
	tapWords,
	turnReadingCards,
	withCpuProfile,
	type ColdStart,
	type Durations
} from './interaction.ts';
import type { SeedResult, Timing } from './scale.ts';

const args = parseArgs(process.argv.slice(2));
const sections = new Set((args.get('only') ?? 'lighthouse,scale,interaction,reader,import,optimiser').split(','));
const runs = Number(args.get('runs') ?? 7);
const lighthouseRuns = Number(args.get('lighthouse-runs') ?? 3);
const entries = Number(args.get('entries') ?? 25_000);
const reviews = Number(args.get('reviews') ?? 500_000);
const reviewedCards = Math.min(entries * 2, Number(args.get('reviewed-cards') ?? Math.round(entries * 1.6)));
const gradeCount = Number(args.get('grades') ?? 200);
const backupRuns = Number(args.get('backup-runs') ?? 3);
const importRuns = Number(args.get('import-runs') ?? 5);
const syncRuns = Number(args.get('sync-runs') ?? 3);
const syncGrades = Number(args.get('sync-grades') ?? 60);
const keptProfile = args.get('profile');
const cpuProfile = args.get('cpu-profile');

/**
 * A Chromium profile on disk: IndexedDB in an incognito-style context would live in memory. `keep` names
 * a folder to reuse and keep (`--profile=DIR`), to skip seeding on the next run while working on a fix.
 */
async function diskContext(keep?: string): Promise<{ context: BrowserContext; dispose(): Promise<void> }> {
	const profile = keep ?? mkdtempSync(join(tmpdir(), 'duka-bench-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_FLAGS,
		viewport: PHONE,
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		locale: 'en-US'
	});
	return {
		context,
		dispose: async () => {
			await context.close();
			if (!keep) rmSync(profile, { recursive: true, force: true });
		}
	};
}

/**
 * One warm-up (unless `warmUp` is false, for tasks of many seconds), then `count` runs; medians of the app's
 * time and of the floor.
 */
async function measure(
	name: string,
	count: number,
	once: () => Promise<Timing | undefined>,
	target?: number,
	warmUp = true
): Promise<Row | undefined> {
	const results: Timing[] = [];
	if (warmUp && !(await once())) return undefined;
	for (let i = 0; i < count; i++) {
		const result = await once();
		if (!result) return undefined;
		results.push(result);
	}
	const floors = results.flatMap((result) => (result.floorMs === undefined ? [] : [result.floorMs]));
	const value = median(results.map((result) => result.ms));
	const row: Row = {
		name,
		value,
		unit: value >= 1000 ? 's' : 'ms',
		floor: floors.length ? median(floors) : undefined,
		target,
		runs: count,
		note: results.at(-1)?.detail
	};
	console.log(`  ${name}: ${value.toFixed(1)} ms (floor ${row.floor?.toFixed(1) ?? '—'} ms) ${verdict(row)}`);
	return row;
}

function durationRows(name: string, durations: Durations, target: number): Row[] {
	const events = durations.eventDurations;
	const eventRow: Row[] = events
		? [
				{
					name: `${name}: Event Timing duration of the click, p98`,
					value: percentile(events, 98),
					unit: 'ms',
					// The floor: the Show answer clicks of the same cards, which only reveal the answer.
					floor: durations.revealDurations?.length ? percentile(durations.revealDurations, 98) : undefined,
					target: 50,
					runs: events.length,
					note: `median ${median(events).toFixed(0)} ms (Show answer ${median(durations.revealDurations ?? []).toFixed(0)} ms); under 16 ms counts as 16`
				}
			]
		: [];
	return [
		{
			name: `${name} → next painted`,
			value: median(durations.painted),
			unit: 'ms',
			// The floor of a tap: the Show answer taps of the same cards, which only reveal the answer.
			floor: durations.revealPainted?.length ? median(durations.revealPainted) : undefined,
			target,
			runs: durations.painted.length,
			note: `p90 ${percentile(durations.painted, 90).toFixed(1)} ms`
		},
		{
			name: `${name} → DOM updated`,
			value: median(durations.dom),
			unit: 'ms',
			runs: durations.dom.length,
			note: `p90 ${percentile(durations.dom, 90).toFixed(1)} ms`
		},
		...eventRow
	];
}

/** The review screen opened (a navigation, not offline) until its first flashcard is in the DOM. */
const firstCardRow = (name: string, durations: Durations): Row => ({
	name: `${name}: open → first card`,
	value: durations.firstCard ?? NaN,
	unit: 'ms',
	runs: 1
});

function coldStartRows(name: string, starts: ColdStart[]): Row[] {
	return [
		{ name: `${name}: FCP`, value: median(starts.map((s) => s.fcp)), unit: 'ms', runs: starts.length },
		{ name: `${name}: LCP`, value: median(starts.map((s) => s.lcp)), unit: 'ms', runs: starts.length },
		{ name: `${name}: hydrated`, value: median(starts.map((s) => s.hydrated)), unit: 'ms', runs: starts.length }
	];
}

/**
 * The backup's figures: export, restore (replace) and merge (of the same file, so every row is looked up and none
 * added) with their floors, the file's size and each task's peak JS heap. A floor runs apart from the app's run, after
 * a garbage collection, so the rows it holds do not count in the app's heap.
 */
async function backupRows(api: BenchPage, now: number, cdp: CDPSession, page: Page): Promise<Row[]> {
	const profilePrefix = args.get('backup-cpu-profile');
	const collect = () => cdp.send('HeapProfiler.collectGarbage');
	const peakHeap = <T>(work: () => Promise<T>) => peakHeapOf(cdp, work);
	const rows: Row[] = [];
	const tasks: {
		name: string;
		target: number;
		heapTarget: number;
		app: () => Promise<Timing>;
		floor?: () => Promise<Timing>;
	}[] = [
		{
			name: 'backup export',
			target: 5000,
			heapTarget: 200,
			app: () => api.call('backupExport', now, backupWorkerPath()),
			floor: () => api.call('backupExportFloor')
		},
		{
			name: 'backup restore (replace)',
			target: 20_000,
			heapTarget: 200,
			app: () => api.call('backupRestore', 'replace'),
			floor: () => api.call('backupRestoreFloor')
		},
		{ name: 'backup merge (same file)', target: 30_000, heapTarget: 200, app: () => api.call('backupRestore', 'merge') }
	];
	const only = args.get('backup-tasks')?.split(',');
	for (const task of tasks) {
		if (only && !only.includes(task.name.split(' ')[1]!)) continue;
		const results: Timing[] = [];
		const floors: number[] = [];
		for (let run = 0; run < backupRuns; run++) {
			await collect();
			// One profile per task, named by its verb: PREFIX-export, PREFIX-restore, PREFIX-merge.
			const profileFile = `${profilePrefix}-${task.name.split(' ')[1]}.cpuprofile`;
			const app = profilePrefix && run === 0 ? () => withCpuProfile(page, profileFile, task.app) : task.app;
			const { value, peakMB } = await peakHeap(app);
			if (task.name === 'backup export' && run === 0 && args.has('backup-file'))
				await keepBackupFile(api, args.get('backup-file')!);
			results.push({ ...value, extra: { ...value.extra, 'peak JS heap': peakMB } });
			if (task.floor && run === 0) {
				await collect();
				const floor = await task.floor();
				floors.push(floor.ms);
				console.log(
					`  ${task.name}, floor: ${(floors[0]! / 1000).toFixed(2)} s${floor.detail ? `; ${floor.detail}` : ''}`
				);
			}
			console.log(
				`  ${task.name}, run ${run + 1}: ${(value.ms / 1000).toFixed(2)} s, peak heap ${peakMB.toFixed(0)} MB; ${value.detail ?? ''}`
			);
		}
		const value = median(results.map((result) => result.ms));
		rows.push({
			name: task.name,
			value,
			unit: 's',
			floor: floors.length ? median(floors) : undefined,
			target: task.target,
			runs: results.length,
			note: `p90 ${(
				percentile(
					results.map((result) => result.ms),
					90
				) / 1000
			).toFixed(2)} s`
		});
		for (const extra of Object.keys(results[0]?.extra ?? {})) {
			const isSize = extra === 'file size';
			rows.push({
				name: `${task.name}: ${extra}`,
				value: median(results.map((result) => result.extra?.[extra] ?? NaN)),
				unit: 'MB',
				target: isSize ? 30 : task.heapTarget,
				runs: results.length
			});
		}
	}
	return rows;
}

/** The built app's backup worker, as the page's origin serves it; empty with `--backup-on-page` (or none built). */
function backupWorkerPath(): string {
	if (args.has('backup-on-page')) return '';
	const folder = join(REPO, 'build/_app/immutable/workers');
	const file = existsSync(folder) ? readdirSync(folder).find((name) => /^backupWorker-.*\.js$/.test(name)) : undefined;
	return file ? `/_app/immutable/workers/${file}` : '';
}

/** Writes the last backup the page made to `path`, a few megabytes at a time. */
async function keepBackupFile(api: BenchPage, path: string): Promise<void> {
	const parts: Buffer[] = [];
	const step = 8 * 1024 * 1024;
	for (let start = 0, size = Infinity; start < size; start += step) {
		const part = await api.call('lastBackupPart', start, start + step);
		size = part.size;
		parts.push(Buffer.from(part.base64, 'base64'));
	}
	writeFileSync(path, Buffer.concat(parts));
	console.log(`  backup file kept at ${path}`);
}

ensureBuild();
// A kept profile's database belongs to an origin, port included: reuse needs the same port each time.
// Sync's section needs a CouchDB-compatible server, under /couchdb/ as in the default deployment.
const couch = sections.has('sync') ? await startTestCouch() : undefined;
const server = await serveSnapshot(
	Number(args.get('port') ?? (keptProfile ? 4318 : 0)),
	couch && { prefix: '/couchdb/', handle: couch.handle }
);
console.log(`Serving a snapshot of build/ at ${server.origin} (benchmark page at ${BENCH_PATH})`);
const tables: [string, Row[]][] = [];
try {
	if (sections.has('lighthouse')) {
		console.log(`\nLighthouse, mobile preset, ${lighthouseRuns} runs per page…`);
		const { rows, failed } = await lighthouseRows(server.origin, lighthouseRuns);
		tables.push(['Lighthouse 12.2.3, mobile preset (simulated throttling), median per page', rows]);
		for (const [page, audits] of failed) console.log(`  ${page}: failing audits: ${[...audits].join('; ')}`);
		console.log(`\nFirst visits with a phone's CPU and network applied, ${lighthouseRuns + 2} per page…`);
		tables.push([
			"First visit, a phone applied (4× CPU, 150 ms round trips, 1.6 Mbit/s; no service worker): what the browser observed; floor: the page's own HTML without its scripts",
			await firstVisitRows(server.origin, lighthouseRuns + 2)
		]);
	}

	if (sections.has('scale') || sections.has('interaction') || sections.has('backup') || sections.has('sync')) {
		const { context, dispose } = await diskContext(keptProfile);
		try {
			await enableTimingMarks(context);
			const page = context.pages()[0] ?? (await context.newPage());
			await page.goto(server.origin + BENCH_PATH);
			await page.waitForFunction(() => document.title.endsWith('ready'));
			const api = bench(page);
			let now = Date.now();
			let upgradeRow: Row | undefined;
			const wanted = JSON.stringify({ entries, reviewedCards, reviews });
			const previous = keptProfile ? await page.evaluate(() => localStorage.getItem('duka-bench-seed')) : null;
			if (previous && JSON.parse(previous).options === wanted) {
				now = JSON.parse(previous).now;
				console.log(`\nReusing the collection seeded in ${keptProfile} at ${new Date(now).toISOString()}`);
			} else {
				console.log(
					`\nSeeding ${entries * 2} cards (${reviewedCards} with history) and ${reviews} review rows in IndexedDB…`
				);
				const seeded = (await api.call('seed', { entries, reviewedCards, reviews, now })) as SeedResult;
				console.log(
					`  seeded in ${(seeded.ms / 1000).toFixed(1)} s, ${seeded.reviewsToday} reviews today; schema upgrade from version 1 took ${(seeded.upgradeMs / 1000).toFixed(1)} s`
				);
				upgradeRow = {
					name: 'schema upgrade from version 1 (once)',
					value: seeded.upgradeMs,
					unit: 's',
					runs: 1,
					note: 'opening a version-1 database with today’s schema'
				};
				await page.evaluate(
					(value) => localStorage.setItem('duka-bench-seed', value),
					JSON.stringify({ options: wanted, now })
				);
			}
			const info = await api.call('info');
			const scale = `${info.cards} cards, ${info.reviews} reviews`;

			if (sections.has('scale')) {
				const rows: Row[] = [];
				const add = (row: Row | undefined) => row && rows.push(row);
				console.log(`\nScale (${scale}), ${runs} runs each after a warm-up:`);
				add(await measure('cards.loadQueue (today’s queue)', runs, () => api.call('loadQueue', now), 20));
				add(await measure('cards.loadCounts (home counts)', runs, () => api.call('loadCounts', now), 20));
				add(await measure('home screen data (counts + streak)', runs, () => api.call('home', now), 20));
				add(await measure('home mount (every entry has its cards)', runs, () => api.call('homeMount', now)));
				add(await measure('stats screen data', runs, () => api.call('stats', now), 300));
				add(await measure('deck browser load', Math.min(runs, 3), () => api.call('deckLoad')));
				add(await measure('deckBrowser.search per keystroke', runs, () => api.call('deckSearch'), 30));
				if (upgradeRow) rows.push(upgradeRow);
				tables.push([`Scale: ${scale}, Chromium, IndexedDB on disk`, rows]);
			}

			if (sections.has('scale') || sections.has('backup')) {
				console.log(`\nBackup (${scale}), ${backupRuns} runs each, garbage collected before each run:`);
				const cdp = await context.newCDPSession(page);
				tables.push([
					`Backup: ${scale}, format 3 (gzip of JSON lines), Chromium, IndexedDB on disk`,
					await backupRows(api, now, cdp, page)
				]);
			}

			if (couch) {
				console.log(`\nSync (${scale}), ${syncRuns} runs, then ${syncGrades} grades without and with a sync running:`);
				const fresh = await diskContext();
				try {
					tables.push([
						`Sync: ${scale}, Chromium, IndexedDB on disk; server: express-pouchdb (memory) on loopback, same process`,
						await syncRows({
							seeded: { page, context },
							fresh,
							couch,
							origin: server.origin,
							runs: syncRuns,
							grades: syncGrades,
							now,
							cpuProfile: args.get('sync-cpu-profile')
						})
					]);
				} finally {
					await fresh.dispose();
				}
			}

			if (sections.has('interaction')) {
				const rows: Row[] = [];
				console.log(`\nInteraction: ${gradeCount} grades at scale…`);
				const app = await context.newPage();
				const grade = () => gradeCards(app, server.origin, gradeCount);
				const atScale = cpuProfile ? await withCpuProfile(app, cpuProfile, grade) : await grade();
				rows.push(
					firstCardRow(`review screen (${scale})`, atScale),
					...durationRows(`grade tap (${scale})`, atScale, 16)
				);
				await app.close();

				const fresh = await diskContext();
				try {
					await enableTimingMarks(fresh.context);
					const freshPage = fresh.context.pages()[0] ?? (await fresh.context.newPage());
					console.log('Interaction: grades on a fresh deck, reading cards, offline cold start…');
					const freshDeck = await gradeCards(freshPage, server.origin, 20);
					rows.push(
						firstCardRow('review screen (fresh deck)', freshDeck),
						...durationRows('grade tap (fresh deck)', freshDeck, 16)
					);
					const reading = await turnReadingCards(freshPage, server.origin, 20);
					rows.push(...durationRows('arrow key', reading.arrow, 16), ...durationRows('swipe', reading.swipe, 16));
					await freshPage.close();
					rows.push(
						...coldStartRows(
							'offline cold start, home (fresh)',
							await coldStartsOffline(fresh.context, server.origin, '/', runs)
						)
					);
					rows.push(
						...coldStartRows(
							'offline cold start, reading card (fresh)',
							await coldStartsOffline(fresh.context, server.origin, '/read/huang-2025/p1-01', runs)
						)
					);
				} finally {
					await fresh.dispose();
				}
				rows.push(
					...coldStartRows(
						`offline cold start, home (${scale})`,
						await coldStartsOffline(context, server.origin, '/', runs)
					)
				);
				tables.push(['Interaction (app marks: start → DOM updated → next frame painted) and offline cold start', rows]);
			}
		} finally {
			await dispose();
		}
	}

	if (sections.has('reader')) {
		const { context, dispose } = await diskContext();
		try {
			await enableTimingMarks(context);
			const page = context.pages()[0] ?? (await context.newPage());
			const turnCount = Number(args.get('turns') ?? 40);
			console.log(`\nReader: ${turnCount} card turns each way, ${turnCount} word taps…`);
			const readerProfile = args.get('reader-cpu-profile');
			const turn = () => turnReadingCards(page, server.origin, turnCount);
			const reading = readerProfile ? await withCpuProfile(page, readerProfile, turn) : await turn();
			const taps = await tapWords(page, server.origin, turnCount);
			tables.push([
				'Reader (app marks: key, swipe or tap → DOM updated → next frame painted), fresh profile',
				[
					...durationRows('arrow key', reading.arrow, 16),
					...durationRows('swipe', reading.swipe, 16),
					...durationRows('tap word → sheet', taps, 50)
				]
			]);
		} finally {
			await dispose();
		}
	}

	if (sections.has('import')) {
		// A profile of its own: the section stores an article per run, and needs the whole dictionary.
		const { context, dispose } = await diskContext();
		try {
			await enableTimingMarks(context);
			tables.push([
				'Import (Add a text → preview → import → words, in the page; "worker" rows from its messages); for the ' +
					'imported card rows, "raw floor" is the built-in article’s median',
				await importRows(context, server.origin, importRuns)
			]);
		} finally {
			await dispose();
		}
	}

	if (sections.has('optimiser')) {
		const { context, dispose } = await diskContext();
		try {
			const count = Number(args.get('optimiser-reviews') ?? 25_000);
			tables.push([
				'Optimiser (Settings → Optimise from my reviews, a year of simulated reviews, engine already cached)',
				await optimiserRows(context, server.origin, Number(args.get('optimiser-runs') ?? 3), count)
			]);
		} finally {
			await dispose();
		}
	}
} finally {
	await server.close();
	await couch?.stop();
}

console.log(`\nDuka benchmarks, ${new Date().toISOString().slice(0, 10)}, Chromium at ${CHROMIUM}`);
for (const [title, rows] of tables) printTable(title, rows);
