/// <reference lib="webworker" />
/**
 * Optimises the FSRS parameters with fsrs-rs compiled to WebAssembly (fsrs-browser, 1.7 MB, 430 KB gzipped).
 * Created only when the user optimises, or is offered to (to fetch the engine while online); the engine is never
 * precached: the service worker keeps it from its first download (vite.config.ts).
 * Training is one synchronous call, so the page cancels by terminating the worker.
 */
import init, { Fsrs, getProgress, Progress } from 'fsrs-browser';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import {
	cardHistories,
	DEFAULT_WEIGHTS,
	evaluateFit,
	predictedReviewCount,
	trainingItems
} from '../scheduling/optimise.ts';
import type {
	OptimiseOutcome,
	OptimiseRequest,
	OptimiserFailure,
	OptimiserMessage,
	OptimiserRequest
} from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: OptimiserMessage) => scope.postMessage(message);
const fail = (failure: OptimiserFailure, error: unknown) =>
	post({ type: 'failed', failure, detail: error instanceof Error ? error.message : String(error) });

// Training takes most of the time; the evaluation of three parameter sets the rest.
const TRAINING_SHARE = 0.9;

function sharedMemoryWorks(): boolean {
	try {
		new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
		return true;
	} catch {
		return false;
	}
}

/**
 * The engine reports its progress only in its memory, which this busy thread cannot read between batches; it
 * logs each epoch, though, and this thread can post a message from inside that call.
 */
function reportWhileTraining(memory: WebAssembly.Memory, pointer: number): () => void {
	const original = { log: console.log, info: console.info, debug: console.debug };
	const report = () => {
		const { itemsProcessed, itemsTotal } = getProgress(memory.buffer as ArrayBuffer, pointer);
		if (itemsTotal > 0) post({ type: 'progress', fraction: (TRAINING_SHARE * itemsProcessed) / itemsTotal });
	};
	console.log = console.info = console.debug = report;
	return () => Object.assign(console, original);
}

async function optimise(request: OptimiseRequest): Promise<void> {
	const prepareStarted = performance.now();
	const histories = cardHistories(request.reviews, request.rolloverHour);
	const items = trainingItems(histories);
	if (items.lengths.length === 0) return fail('noData', 'no review a day or more after the previous one');
	if (typeof WebAssembly !== 'object' || !sharedMemoryWorks()) return fail('unsupported', 'no shared memory');
	const engineStarted = performance.now();
	let output;
	try {
		output = await init({ module_or_path: wasmUrl });
	} catch (error) {
		return fail('load', error);
	}
	post({ type: 'progress', fraction: 0 });
	const started = performance.now();
	const progress = Progress.new();
	const restore = reportWhileTraining(output.memory, progress.pointer());
	let weights: number[];
	try {
		weights = Array.from(
			new Fsrs().computeParameters(items.ratings, items.deltaTs, items.lengths, progress, true),
			(value) => Math.round(value * 1e4) / 1e4
		);
	} catch (error) {
		return fail('failed', error);
	} finally {
		restore();
	}
	const evaluateStarted = performance.now();
	post({ type: 'progress', fraction: TRAINING_SHARE });
	const defaults = evaluateFit(histories, DEFAULT_WEIGHTS);
	const current = request.current ? evaluateFit(histories, request.current) : null;
	const optimised = evaluateFit(histories, weights);
	const outcome: OptimiseOutcome = {
		weights,
		defaults,
		current,
		optimised,
		judged: predictedReviewCount(histories),
		timings: {
			prepareMs: engineStarted - prepareStarted,
			engineMs: started - engineStarted,
			trainingMs: evaluateStarted - started,
			evaluateMs: performance.now() - evaluateStarted
		}
	};
	post({ type: 'progress', fraction: 1 });
	post({ type: 'done', outcome });
}

/** Fetches the engine through the service worker, which keeps it (vite.config.ts), so a later run works offline. */
async function prefetch(): Promise<void> {
	try {
		const response = await fetch(wasmUrl);
		await response.arrayBuffer();
		post({ type: 'prefetched' });
	} catch (error) {
		fail('load', error);
	}
}

scope.onmessage = ({ data }: MessageEvent<OptimiserRequest>) =>
	void (data.type === 'prefetch' ? prefetch() : optimise(data));
