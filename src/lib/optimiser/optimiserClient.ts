import type {
	OptimiseOutcome,
	OptimiseRequest,
	OptimiserFailure,
	OptimiserMessage,
	OptimiserRequest
} from './protocol.ts';

/** What the client needs of a worker; tests hand in a fake. */
export interface OptimiserWorker {
	postMessage(message: OptimiserRequest): void;
	terminate(): void;
	onmessage: ((event: MessageEvent<OptimiserMessage>) => void) | null;
	onerror: ((event: ErrorEvent) => void) | null;
}

export class OptimiserError extends Error {
	override name = 'OptimiserError';
	constructor(
		readonly failure: OptimiserFailure | 'cancelled',
		detail: string
	) {
		super(detail);
	}
}

export async function createOptimiserWorker(): Promise<OptimiserWorker> {
	const { optimiserWorkerUrl } = await import('./optimiserWorkerUrl.ts');
	return new Worker(optimiserWorkerUrl, { type: 'module' }) as unknown as OptimiserWorker;
}

/**
 * Runs one optimisation in a fresh worker, reporting progress (0–1). Aborting terminates the worker at once (the
 * engine's training is a single call that cannot be interrupted otherwise) and rejects with 'cancelled'.
 */
export async function runOptimiser(
	request: OptimiseRequest,
	onProgress: (fraction: number) => void,
	signal: AbortSignal,
	createWorker: () => Promise<OptimiserWorker> = createOptimiserWorker
): Promise<OptimiseOutcome> {
	if (signal.aborted) throw new OptimiserError('cancelled', 'cancelled');
	let worker: OptimiserWorker;
	try {
		worker = await createWorker();
	} catch (error) {
		throw new OptimiserError('load', error instanceof Error ? error.message : String(error));
	}
	return new Promise<OptimiseOutcome>((resolve, reject) => {
		const finish = () => {
			signal.removeEventListener('abort', abort);
			worker.terminate();
		};
		const abort = () => {
			finish();
			reject(new OptimiserError('cancelled', 'cancelled'));
		};
		signal.addEventListener('abort', abort);
		worker.onmessage = ({ data }) => {
			if (data.type === 'progress') return onProgress(data.fraction);
			finish();
			if (data.type === 'done') resolve(data.outcome);
			else if (data.type === 'failed') reject(new OptimiserError(data.failure, data.detail));
		};
		worker.onerror = (event) => {
			finish();
			// A worker script that cannot be fetched (offline, never cached) fails here.
			reject(new OptimiserError('load', event.message || 'the optimiser could not start'));
		};
		worker.postMessage({ type: 'optimise', ...request });
	});
}

/**
 * Has the worker fetch its engine (430 KB gzipped) while online, so that optimising works offline later; the
 * service worker keeps both. Resolves whether or not it worked: a failure only means a later download.
 */
export async function prefetchOptimiser(
	createWorker: () => Promise<OptimiserWorker> = createOptimiserWorker
): Promise<boolean> {
	let worker: OptimiserWorker;
	try {
		worker = await createWorker();
	} catch {
		return false;
	}
	return new Promise<boolean>((resolve) => {
		worker.onmessage = ({ data }) => {
			if (data.type === 'progress') return;
			worker.terminate();
			resolve(data.type === 'prefetched');
		};
		worker.onerror = () => {
			worker.terminate();
			resolve(false);
		};
		worker.postMessage({ type: 'prefetch' });
	});
}
