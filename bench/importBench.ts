// The "Add a text" screen's speed and memory (issue: your own texts), in a profile that has the whole dictionary:
// paste → preview → import → words, timed in the page; the import worker's own steps read from what it posts;
// the main thread's long tasks; the page's and the worker's heaps for a 2 MB text; and an imported card opened and
// turned beside the built-in article's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { installApp, open, readTables } from '../tests/browser.ts';
import { turnReadingCards } from './interaction.ts';
import { median, percentile, REPO, type Row } from './lib.ts';

const SOURCE = readFileSync(join(REPO, 'content/articles/huang-2025/source.txt'), 'utf8');
const BUILT_IN_CARD = '/read/huang-2025/p1-01';
const MB = 1024 * 1024;
const mb = (bytes: number) => bytes / MB;

/** The built-in source pasted `copies` times, as a user pasting it again and again would. */
const pasted = (copies: number) => Array.from({ length: copies }, () => SOURCE.trim()).join('\n\n');

/** As many copies of the source as stay within `bytes` of UTF-8. */
function pastedUpTo(bytes: number): string {
	const copies = Math.floor((bytes + 2) / (Buffer.byteLength(SOURCE.trim()) + 2));
	return pasted(copies);
}

/** One message the import worker posted, as the probe saw it leave: worker clock, epoch milliseconds. */
interface WorkerPost {
	at: number;
	type: string;
	stage?: string;
	fraction?: number;
}

/**
 * Put into the worker as it starts, mostly before its script runs (it races the start, so the preview's first
 * messages can be missed; the build's never are): notes when each message leaves, before it is copied, so the
 * worker's own steps are timed without marks in the app.
 */
const NOTE_WORKER_POSTS = `(() => {
	const posts = (self.__dukaBenchPosts = []);
	const post = self.postMessage.bind(self);
	self.postMessage = (message, ...rest) => {
		posts.push({ at: performance.timeOrigin + performance.now(), type: message?.type, stage: message?.progress?.stage, fraction: message?.progress?.fraction });
		return post(message, ...rest);
	};
})()`;

interface HeapUsage {
	usedSize: number;
}

/**
 * The page's dedicated workers through the page's DevTools session: Playwright gives no session for a worker, so
 * the session attaches to each one itself (paused at its start, to put the probe in first) and talks to it by
 * message.
 */
class WorkerProbe {
	#session: CDPSession;
	#worker: string | undefined;
	#nextId = 1;
	#pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

	private constructor(session: CDPSession) {
		this.#session = session;
		session.on('Target.attachedToTarget', ({ sessionId, targetInfo, waitingForDebugger }) => {
			if (targetInfo.type !== 'worker') {
				if (waitingForDebugger) void this.#sendTo(sessionId, 'Runtime.runIfWaitingForDebugger').catch(() => {});
				return;
			}
			this.#worker = sessionId;
			void this.#sendTo(sessionId, 'Runtime.evaluate', { expression: NOTE_WORKER_POSTS })
				.catch(() => {})
				.then(() => this.#sendTo(sessionId, 'Runtime.runIfWaitingForDebugger'))
				.catch(() => {});
		});
		session.on('Target.detachedFromTarget', ({ sessionId }) => {
			if (sessionId === this.#worker) this.#worker = undefined;
		});
		session.on('Target.receivedMessageFromTarget', ({ message }) => {
			const reply = JSON.parse(message) as { id?: number; result?: unknown; error?: { message: string } };
			const waiting = reply.id === undefined ? undefined : this.#pending.get(reply.id);
			if (!waiting) return;
			this.#pending.delete(reply.id!);
			if (reply.error) waiting.reject(new Error(reply.error.message));
			else waiting.resolve(reply.result);
		});
	}

	static async attach(page: Page): Promise<{ probe: WorkerProbe; session: CDPSession }> {
		const session = await page.context().newCDPSession(page);
		const probe = new WorkerProbe(session);
		// The older, non-flat protocol: Playwright's session cannot address a flat child session.
		await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });
		await session.send('Performance.enable');
		return { probe, session };
	}

	get attached(): boolean {
		return this.#worker !== undefined;
	}

	#sendTo<T>(sessionId: string, method: string, params: object = {}): Promise<T> {
		const id = this.#nextId++;
		return new Promise<T>((resolve, reject) => {
			this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.#session
				.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) })
				.catch((error: Error) => {
					this.#pending.delete(id);
					reject(error);
				});
		});
	}

	send<T>(method: string, params: object = {}): Promise<T> {
		if (!this.#worker) return Promise.reject(new Error('no import worker'));
		return this.#sendTo<T>(this.#worker, method, params);
	}

	heap = () => this.send<HeapUsage>('Runtime.getHeapUsage').then((usage) => usage.usedSize);

	/** The worker's heap after a full collection: what it keeps, not what it has yet to sweep. */
	async retainedHeap(): Promise<number> {
		await this.send('HeapProfiler.collectGarbage');
		return this.heap();
	}

	async lastPost(): Promise<WorkerPost | undefined> {
		const result = await this.send<{ result: { value?: WorkerPost } }>('Runtime.evaluate', {
			expression: 'self.__dukaBenchPosts?.at(-1)',
			returnByValue: true
		});
		return result.result.value;
	}

	async posts(): Promise<WorkerPost[]> {
		const result = await this.send<{ result: { value?: WorkerPost[] } }>('Runtime.evaluate', {
			expression: 'self.__dukaBenchPosts ?? []',
			returnByValue: true
		});
		return result.result.value ?? [];
	}
}

/**
 * Pastes through the clipboard as a user would. Not `fill`: it types the text in through the editor, which
 * takes seconds for 20,000 characters and minutes for 2 MB, while a paste of 2 MB takes about one.
 */
async function paste(page: Page, text: string, timeout: number): Promise<void> {
	await page.evaluate((value) => navigator.clipboard.writeText(value), text);
	const box = page.getByTestId('import-paste');
	await box.focus();
	await page.keyboard.press('ControlOrMeta+V');
	// A long paste is kept out of the box and shown as a count (ImportScreen.svelte).
	await page.waitForFunction(
		(length) =>
			document.querySelector('[data-testid="import-long-paste"]') !== null ||
			(document.querySelector('[data-testid="import-paste"]') as HTMLTextAreaElement).value.length >= length,
		text.length,
		{ timeout }
	);
}

/** What the page notes during one import: clicks, the panels painted (page clock) and long tasks. */
interface PageNotes {
	timeOrigin: number;
	marks: Record<string, number>;
	longTasks: { start: number; duration: number }[];
}

/** In the page, before the paste: long tasks, the two clicks, and when each panel is first painted. */
function notePage(): void {
	const notes: PageNotes = { timeOrigin: performance.timeOrigin, marks: {}, longTasks: [] };
	(globalThis as { __dukaImportNotes?: PageNotes }).__dukaImportNotes = notes;
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) notes.longTasks.push({ start: entry.startTime, duration: entry.duration });
	}).observe({ type: 'longtask' });
	document.addEventListener(
		'click',
		(event) => {
			const testId = (event.target as Element | null)?.closest('[data-testid]')?.getAttribute('data-testid');
			if (testId === 'import-preview' || testId === 'import-confirm') notes.marks[testId] ??= performance.now();
		},
		true
	);
	// Painted: a task queued from requestAnimationFrame runs after that frame (as src/lib/ui/perf.ts measures).
	// No named inner functions: the bundler would wrap them in a helper the page does not have.
	// The saving step's status line has no test id of its own; it only splits the store time, nothing waits on it.
	for (const [selector, name] of [
		['[data-testid="import-preview-panel"]', 'preview'],
		['main.import > p[role="status"]', 'saving'],
		['[data-testid="import-words"]', 'words']
	] as const)
		new MutationObserver((_changes, observer) => {
			if (!document.querySelector(selector)) return;
			observer.disconnect();
			notes.marks[`${name}:dom`] = performance.now();
			requestAnimationFrame(() => {
				const channel = new MessageChannel();
				channel.port1.onmessage = () => (notes.marks[name] = performance.now());
				channel.port2.postMessage(undefined);
			});
		}).observe(document.body, { subtree: true, childList: true });
}

interface ImportRun {
	/** Preview clicked → preview panel painted. */
	previewMs: number;
	/** Import clicked → words list painted. */
	importMs: number;
	/** In the worker: the draft and preview (reading → prepared). */
	workerPrepareMs: number;
	/** In the worker: the dictionary fetched from its cache and parsed. */
	dictionaryMs: number;
	/** In the worker: the article built, once the dictionary is there. */
	workerBuildMs: number;
	/** The article built → words list painted: the worker's transaction, the suggestions to the page, the list. */
	storeMs: number;
	/** Of storeMs: the worker's transaction (built → stored posted). */
	workerStoreMs: number;
	/** Long tasks from the paste on, by step. */
	longTasks: { paste: number[]; preview: number[]; import: number[] };
	/** The import's long tasks, each with the last step that had begun when it started. */
	importTasks: string[];
	peak?: {
		page: number;
		worker: number;
		sum: number;
		/** The step under way at the peak of the sum. */
		sumDuring: string;
		/** The page's heap before the paste, its peak until the article was built, and its peak after. */
		pageAtStart: number;
		pageUntilPosted: number;
		pageAfterPosted: number;
		/** The page's heap, collected, on the words step. */
		pageKept: number;
		samples: number;
		duringBuild: number;
	};
	/** The worker's collected heap after the preview and after the build (the dictionary stays in it). */
	retained?: { afterPreview: number; afterBuild: number };
}

const notes = (page: Page) =>
	page.evaluate(() => (globalThis as unknown as { __dukaImportNotes: PageNotes }).__dukaImportNotes);

/** Heap samples every 100 ms, page and worker taken together, until `stop` resolves. */
async function sampleHeaps(session: CDPSession, probe: WorkerProbe, stop: Promise<unknown>) {
	let stopped = false;
	void stop.finally(() => (stopped = true));
	const samples: { at: number; page: number; worker: number }[] = [];
	while (!stopped) {
		const [metrics, worker] = await Promise.all([
			session.send('Performance.getMetrics'),
			probe.attached ? probe.heap().catch(() => 0) : Promise.resolve(0)
		]);
		const page = metrics.metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
		samples.push({ at: Date.now(), page, worker });
		// A 2 MB import takes a while: say how it goes.
		if (samples.length % 100 === 0)
			console.log(
				`    ${((samples.at(-1)!.at - samples[0]!.at) / 1000).toFixed(0)} s: page ${mb(page).toFixed(0)} MB, worker ${mb(worker).toFixed(0)} MB` +
					(await probe
						.lastPost()
						.then((post) => (post ? `; the worker last said ${post.type} ${post.stage ?? ''}` : ''))
						.catch(() => ''))
			);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	return samples;
}

/**
 * One import of `text` on a fresh "Add a text" page, pasted through the clipboard; `heaps` samples both heaps
 * throughout, `retained` also weighs what the worker keeps (outside the timed steps).
 */
async function importOnce(
	page: Page,
	origin: string,
	text: string,
	{ heaps = false, retained = false, timeout = 60_000 } = {}
): Promise<ImportRun> {
	await open(page, origin + '/read/add');
	const { probe, session } = await WorkerProbe.attach(page);
	try {
		await page.evaluate(notePage);
		const pasteAt = await page.evaluate(() => performance.now());
		let finished: () => void = () => {};
		const sampling = heaps ? sampleHeaps(session, probe, new Promise<void>((done) => (finished = done))) : undefined;

		await paste(page, text, timeout);
		await page.getByTestId('import-preview').click();
		await page.waitForFunction(
			() => (globalThis as unknown as { __dukaImportNotes: PageNotes }).__dukaImportNotes.marks.preview,
			undefined,
			{ timeout }
		);
		const afterPreview = retained ? await probe.retainedHeap() : undefined;
		await page.getByTestId('import-confirm').click();
		await page.waitForFunction(
			() => (globalThis as unknown as { __dukaImportNotes: PageNotes }).__dukaImportNotes.marks.words,
			undefined,
			{ timeout }
		);
		finished();
		const samples = (await sampling) ?? [];
		const afterBuild = retained ? await probe.retainedHeap() : undefined;
		let pageKept = NaN;
		if (heaps) {
			await session.send('HeapProfiler.collectGarbage');
			const { metrics } = await session.send('Performance.getMetrics');
			pageKept = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? NaN;
		}

		const { marks, longTasks, timeOrigin } = await notes(page);
		const posts = await probe.posts();
		// The probe may come in after the worker's first messages (it races the worker's start): a step it missed is
		// NaN, and left out of the medians. The build's stages come long after.
		const first = (type: string, stage?: string, fraction?: number) =>
			posts.find(
				(post) =>
					post.type === type &&
					(stage === undefined || post.stage === stage) &&
					(fraction === undefined || post.fraction === fraction)
			)?.at ?? NaN;
		const prepareStart = first('progress', 'reading');
		const prepared = first('prepared');
		const buildStart = first('progress', 'dictionary');
		const dictionaryLoaded = first('progress', 'words');
		// The worker stores the article itself: its last progress message ends the build, 'stored' the transaction.
		const built = first('progress', 'suggestions', 1);
		const stored = first('stored');
		const wordsAt = timeOrigin + marks.words!;
		const steps: [string, number][] = [
			['Import clicked', marks['import-confirm']!],
			['the worker began the build', buildStart - timeOrigin],
			['article built', built - timeOrigin],
			['article stored', stored - timeOrigin],
			['words in the DOM', marks['words:dom']!]
		];
		const importTasks = longTasks
			.filter((task) => task.start >= marks['import-confirm']!)
			.map((task) => {
				const step = steps.filter(([, at]) => at <= task.start).at(-1)?.[0] ?? '?';
				const within = steps.filter(([, at]) => at > task.start && at <= task.start + task.duration);
				const until = within.length ? ` (through ${within.map(([name]) => name).join(', ')})` : '';
				return `${task.duration.toFixed(0)} ms after ${step}${until}`;
			});
		const between = (from: number, to: number) =>
			longTasks.filter((task) => task.start >= from && task.start < to).map((task) => task.duration);
		const maxOf = (values: number[]) => Math.max(0, ...values);
		const peak = samples.reduce(
			(best, sample) => (sample.page + sample.worker > best.page + best.worker ? sample : best),
			{ at: 0, page: 0, worker: 0 }
		);
		return {
			previewMs: marks.preview! - marks['import-preview']!,
			importMs: marks.words! - marks['import-confirm']!,
			workerPrepareMs: prepared - prepareStart,
			dictionaryMs: dictionaryLoaded - buildStart,
			workerBuildMs: built - dictionaryLoaded,
			storeMs: wordsAt - built,
			workerStoreMs: stored - built,
			importTasks,
			longTasks: {
				paste: between(pasteAt, marks['import-preview']!),
				preview: between(marks['import-preview']!, marks['import-confirm']!),
				import: between(marks['import-confirm']!, Infinity)
			},
			peak: heaps
				? {
						page: maxOf(samples.map((sample) => sample.page)),
						worker: maxOf(samples.map((sample) => sample.worker)),
						sum: peak.page + peak.worker,
						sumDuring: steps.filter(([, at]) => at + timeOrigin <= peak.at).at(-1)?.[0] ?? 'the preview',
						pageAtStart: samples[0]?.page ?? NaN,
						pageUntilPosted: maxOf(samples.filter((sample) => sample.at < built).map((sample) => sample.page)),
						pageAfterPosted: maxOf(samples.filter((sample) => sample.at >= built).map((sample) => sample.page)),
						pageKept,
						samples: samples.length,
						duringBuild: samples.filter((sample) => sample.at >= dictionaryLoaded && sample.at <= built).length
					}
				: undefined,
			retained: afterPreview !== undefined && afterBuild !== undefined ? { afterPreview, afterBuild } : undefined
		};
	} finally {
		await session.detach().catch(() => {});
	}
}

/** In every page of the context: when the first reading card is in the DOM and when it is painted. */
async function noteReadingCard(context: BrowserContext): Promise<void> {
	await context.addInitScript(() => {
		const scope = globalThis as { __dukaCardShownAt?: number; __dukaCardPaintedAt?: number };
		new MutationObserver((_changes, observer) => {
			if (!document.querySelector('article.card')) return;
			observer.disconnect();
			scope.__dukaCardShownAt = performance.now();
			requestAnimationFrame(() => {
				const channel = new MessageChannel();
				channel.port1.onmessage = () => (scope.__dukaCardPaintedAt = performance.now());
				channel.port2.postMessage(undefined);
			});
		}).observe(document, { subtree: true, childList: true });
	});
}

/** A reading card opened by address `runs` times: navigation start → card painted, and → hydrated. */
async function openCard(page: Page, url: string, runs: number): Promise<{ painted: number[]; hydrated: number[] }> {
	const painted: number[] = [];
	const hydrated: number[] = [];
	for (let i = 0; i < runs; i++) {
		await open(page, url);
		await page.waitForFunction(() => (globalThis as { __dukaCardPaintedAt?: number }).__dukaCardPaintedAt);
		const times = await page.evaluate(() => {
			const scope = globalThis as { __dukaCardPaintedAt?: number; __dukaHydratedAt?: number };
			return { painted: scope.__dukaCardPaintedAt ?? NaN, hydrated: scope.__dukaHydratedAt ?? NaN };
		});
		painted.push(times.painted);
		hydrated.push(times.hydrated);
	}
	return { painted, hydrated };
}

/**
 * A reading card opened from inside the app `runs` times, as a learner opens one (the library, Continue reading,
 * "See it in the article"): home open and hydrated, then a link to the card followed → card painted.
 */
async function openCardInApp(page: Page, origin: string, url: string, runs: number): Promise<number[]> {
	const painted: number[] = [];
	for (let i = 0; i < runs; i++) {
		await open(page, origin + '/');
		const clickedAt = await page.evaluate((href) => {
			const link = document.createElement('a');
			link.href = href;
			link.textContent = href;
			document.body.append(link);
			const at = performance.now();
			link.click();
			return at;
		}, url);
		await page.waitForFunction(() => (globalThis as { __dukaCardPaintedAt?: number }).__dukaCardPaintedAt);
		painted.push(
			(await page.evaluate(() => (globalThis as { __dukaCardPaintedAt?: number }).__dukaCardPaintedAt ?? NaN)) -
				clickedAt
		);
	}
	return painted;
}

/** One figure of each run, leaving out the steps the worker's probe missed. */
const pick = (runs: ImportRun[], value: (run: ImportRun) => number) => runs.map(value).filter(Number.isFinite);
const ms = (values: number[]) => `${values.map((value) => value.toFixed(0)).join(', ')} ms`;

function longTaskRow(name: string, runs: ImportRun[]): Row {
	// The paste counts: a long one is kept out of the text box, so the browser no longer lays it out (1.5 s for 2 MB).
	const perRun = runs.map((run) => [...run.longTasks.paste, ...run.longTasks.preview, ...run.longTasks.import]);
	const worst = Math.max(0, ...perRun.flat());
	const worstRun = runs[perRun.findIndex((tasks) => tasks.includes(worst))];
	const pasteWorst = Math.max(0, ...runs.flatMap((run) => run.longTasks.paste));
	return {
		name,
		value: worst,
		unit: 'ms',
		target: 50,
		runs: runs.length,
		note:
			`worst of all runs; > 50 ms per run: ${perRun.map((tasks) => tasks.length).join(', ')};` +
			` longest in the preview ${ms(runs.map((run) => Math.max(0, ...run.longTasks.preview)))}` +
			(worstRun?.importTasks.length ? `; the worst run's import: ${worstRun.importTasks.join(', ')}` : '') +
			`; longest in the paste ${pasteWorst.toFixed(0)} ms`
	};
}

/**
 * The import section: `runs` imports of the built-in source pasted three times (after one unmeasured warm-up),
 * one import of about 2 MB with both heaps sampled, then an imported card opened and turned beside a built-in one.
 * The context should have timing marks on (interaction.ts's enableTimingMarks).
 */
export async function importRows(context: BrowserContext, origin: string, runs: number): Promise<Row[]> {
	await noteReadingCard(context);
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
	const page = context.pages()[0] ?? (await context.newPage());
	console.log('\nImport: installing the app with its whole dictionary…');
	await installApp(page, origin);

	// The peak first, into a collection with no text of the user's yet: from the second import on, the automatic
	// backup taken before it copies the texts already imported on the page too (services.ts).
	const big = pastedUpTo(2_000_000);
	const bytes = Buffer.byteLength(big);
	console.log(`Import: ${(bytes / 1e6).toFixed(2)} MB (${big.length} characters), heaps sampled every 100 ms…`);
	const sampled = await importOnce(page, origin, big, { heaps: true, timeout: 600_000 });

	const text = pasted(3);
	console.log(`Import: ${text.length} characters, one warm-up then ${runs} runs…`);
	const warmUp = await importOnce(page, origin, text, { retained: true });
	const measured: ImportRun[] = [];
	for (let i = 0; i < runs; i++) {
		const run = await importOnce(page, origin, text);
		console.log(
			`  run ${i + 1}: preview ${run.previewMs.toFixed(0)} ms, build+store ${run.importMs.toFixed(0)} ms` +
				` (dictionary ${run.dictionaryMs.toFixed(0)}, build ${run.workerBuildMs.toFixed(0)}, store ${run.storeMs.toFixed(0)})`
		);
		measured.push(run);
	}
	const row = (name: string, values: number[], target?: number, note?: string): Row => {
		const value = median(values);
		return {
			name,
			value,
			unit: value >= 1000 ? 's' : 'ms',
			target,
			runs: values.length,
			note: note ?? `p90 ${percentile(values, 90).toFixed(0)} ms`
		};
	};
	const chars = `${(text.length / 1000).toFixed(1)}k chars`;
	const rows: Row[] = [
		row(
			`${chars}: Preview → preview painted`,
			pick(measured, (run) => run.previewMs),
			1000,
			`worker's draft ${median(pick(measured, (run) => run.workerPrepareMs)).toFixed(0)} ms; warm-up ${warmUp.previewMs.toFixed(0)} ms`
		),
		row(
			`${chars}: Import → words painted (build+store)`,
			pick(measured, (run) => run.importMs),
			1500,
			`warm-up ${warmUp.importMs.toFixed(0)} ms`
		),
		row(
			`  worker: dictionary from cache, parsed`,
			pick(measured, (run) => run.dictionaryMs)
		),
		row(
			`  worker: build (dictionary loaded)`,
			pick(measured, (run) => run.workerBuildMs)
		),
		row(
			`  article built → words painted (store)`,
			pick(measured, (run) => run.storeMs),
			500,
			`of which the worker's transaction ${median(pick(measured, (run) => run.workerStoreMs)).toFixed(0)} ms; then the suggestions to the page and the list`
		),
		longTaskRow(`${chars}: main thread, longest task (paste to words)`, measured)
	];
	if (warmUp.retained) {
		const { afterPreview, afterBuild } = warmUp.retained;
		rows.push({
			name: `  worker heap kept after a build (the dictionary)`,
			value: mb(afterBuild - afterPreview),
			unit: 'MB',
			runs: 1,
			note: `collected: ${mb(afterPreview).toFixed(1)} MB after the preview, ${mb(afterBuild).toFixed(1)} MB after the build`
		});
	}

	const peak = sampled.peak!;
	// Asking for the heaps over the DevTools protocol costs the page long tasks of its own (up to 100 ms each, seen
	// in a trace): the times and the main thread come from a second import that is not sampled.
	console.log('Import: the same 2 MB again, not sampled, for its times and the main thread…');
	const large = await importOnce(page, origin, big, { timeout: 600_000 });
	const size = `${(bytes / 1e6).toFixed(2)} MB`;
	rows.push(
		{
			name: `${size}: peak heap, page + worker (first import)`,
			value: mb(peak.sum),
			unit: 'MB',
			target: 150,
			runs: 1,
			note:
				`at its peak: after ${peak.sumDuring}; apart: worker ${mb(peak.worker).toFixed(1)} MB,` +
				` page ${mb(peak.page).toFixed(1)} MB (${mb(peak.pageAtStart).toFixed(1)} before the paste,` +
				` ${mb(peak.pageUntilPosted).toFixed(1)} until the article was built, ${mb(peak.pageAfterPosted).toFixed(1)} after;` +
				` ${mb(peak.pageKept).toFixed(1)} kept on the words step); ${peak.samples} samples, ${peak.duringBuild} during the build`
		},
		{
			...row(`${size}: Preview → preview painted`, [large.previewMs]),
			note: `worker's draft ${large.workerPrepareMs.toFixed(0)} ms`
		},
		{
			...row(`${size}: Import → words painted (build+store)`, [large.importMs]),
			note: `dictionary ${large.dictionaryMs.toFixed(0)} ms, build ${large.workerBuildMs.toFixed(0)} ms, store ${large.storeMs.toFixed(0)} ms (the worker's transaction ${large.workerStoreMs.toFixed(0)} ms)`
		},
		{ ...longTaskRow(`${size}: main thread, longest task (not sampled)`, [large]), runs: 1 }
	);

	const { articles } = await readTables<{ id: string; importedAt: number; summary: { cards: { id: string }[] } }>(
		page,
		['articles']
	);
	// The last 20,000-character import (the 2 MB one came after it).
	const imported = [...articles!].sort((a, b) => a.importedAt - b.importedAt).at(-2)!;
	const importedCard = `/read/text?id=${encodeURIComponent(imported.id)}&card=${encodeURIComponent(imported.summary.cards[0]!.id)}`;
	console.log(`Import: opening and turning ${importedCard} beside ${BUILT_IN_CARD}…`);
	const openBuiltIn = await openCard(page, origin + BUILT_IN_CARD, runs);
	const openImported = await openCard(page, origin + importedCard, runs);
	const inAppBuiltIn = await openCardInApp(page, origin, BUILT_IN_CARD, runs);
	const inAppImported = await openCardInApp(page, origin, importedCard, runs);
	const turnsBuiltIn = await turnReadingCards(page, origin, 20, BUILT_IN_CARD);
	const turnsImported = await turnReadingCards(page, origin, 20, importedCard);
	const beside = (name: string, importedValues: number[], builtInValues: number[], target?: number): Row => ({
		name,
		value: median(importedValues),
		floor: median(builtInValues),
		unit: 'ms',
		target,
		runs: importedValues.length,
		note: `p90 ${percentile(importedValues, 90).toFixed(1)} ms (built-in ${percentile(builtInValues, 90).toFixed(1)} ms)`
	});
	rows.push(
		beside('imported card: link in the app → card painted', inAppImported, inAppBuiltIn),
		// By address the built-in card is prerendered HTML, painted before any script runs; an imported text is on
		// the device only, so its card waits for the app's scripts and IndexedDB.
		beside('imported card: opened by address → card painted', openImported.painted, openBuiltIn.painted),
		beside('imported card: open → hydrated', openImported.hydrated, openBuiltIn.hydrated),
		beside('imported card: arrow key → next painted', turnsImported.arrow.painted, turnsBuiltIn.arrow.painted, 16),
		beside('imported card: swipe → next painted', turnsImported.swipe.painted, turnsBuiltIn.swipe.painted, 16)
	);
	return rows;
}
