/**
 * The page's side of the import worker: `prepare` reads what the user handed in and answers with the
 * preview (or the problem), `build` turns it into the article once the user has chosen; both report
 * progress. `cancel` ends the worker at once: nothing it was doing comes back, and nothing was stored.
 */
import type { ImportRequest, ImportResponse } from './workerHost.ts';
import type {
	ImportChoices,
	ImportedText,
	ImportInput,
	ImportPreview,
	ImportProblem,
	ProgressListener,
	StoreOutcome
} from './types.ts';
import { importWorkerUrl } from './importWorkerUrl.ts';

/** What the client needs of a Worker, so tests can stand in for one. */
export interface ImportWorker {
	postMessage(message: ImportRequest, transfer?: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<ImportResponse>) => void): void;
	addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
	terminate(): void;
}

export class ImportCancelled extends Error {
	constructor() {
		super('the import was cancelled');
		this.name = 'ImportCancelled';
	}
}

export interface BuildOptions {
	/**
	 * Resolves once the full dictionary is downloaded (the storage layer's "when ready"); while it is
	 * pending, progress reports the 'dictionary' stage.
	 */
	dictionaryReady?: () => Promise<unknown>;
	onProgress?: ProgressListener;
}

export interface ImportClient {
	prepare(input: ImportInput, onProgress?: ProgressListener): Promise<ImportPreview | ImportProblem>;
	build(choices: ImportChoices, options?: BuildOptions): Promise<ImportedText>;
	/** Builds the article and stores it from the worker; only the words step's data comes back. */
	buildAndStore(choices: ImportChoices, options?: BuildOptions): Promise<StoreOutcome>;
	/** Ends the worker: pending calls reject with ImportCancelled; the next call starts a new worker. */
	cancel(): void;
}

interface Pending {
	resolve: (value: never) => void;
	reject: (error: Error) => void;
	onProgress?: ProgressListener;
}

export function startImportWorker(): ImportWorker {
	// The same address the dictionary download keeps offline (importWorkerUrl.ts).
	return new Worker(importWorkerUrl, { type: 'module' }) as ImportWorker;
}

export function createImportClient(createWorker: () => ImportWorker = startImportWorker): ImportClient {
	let worker: ImportWorker | undefined;
	let nextJob = 1;
	const pending = new Map<number, Pending>();

	const failAll = (error: Error) => {
		for (const job of pending.values()) job.reject(error);
		pending.clear();
	};

	const receive = (message: ImportResponse) => {
		const job = pending.get(message.job);
		if (!job) return;
		if (message.type === 'progress') {
			job.onProgress?.(message.progress);
			return;
		}
		pending.delete(message.job);
		const settle = job.resolve as (value: unknown) => void;
		if (message.type === 'prepared') settle(message.preview);
		else if (message.type === 'problem') settle(message.problem);
		else if (message.type === 'built') settle(message.text);
		else if (message.type === 'stored') settle(message.outcome);
		else job.reject(new Error(message.message));
	};

	const current = () => {
		if (worker) return worker;
		const started = createWorker();
		started.addEventListener('message', (event) => receive(event.data));
		started.addEventListener('error', (event) => {
			// The worker itself broke (it could not load, or threw outside a job): it is of no more use.
			started.terminate();
			if (worker === started) worker = undefined;
			failAll(new Error(event.message || 'the import worker stopped'));
		});
		worker = started;
		return started;
	};

	const send = <T>(request: ImportRequest, onProgress: ProgressListener | undefined, transfer: Transferable[] = []) =>
		new Promise<T>((resolve, reject) => {
			pending.set(request.job, { resolve: resolve as (value: never) => void, reject, onProgress });
			current().postMessage(request, transfer);
		});

	const buildIn = async <T>(
		type: 'build' | 'buildAndStore',
		choices: ImportChoices,
		options: BuildOptions = {}
	): Promise<T> => {
		const job = nextJob++;
		if (options.dictionaryReady) {
			options.onProgress?.({ stage: 'dictionary', fraction: 0 });
			// Waiting for the dictionary counts as pending, so cancel() ends the wait too.
			const waiting = new Promise<never>((_, reject) => pending.set(job, { resolve: () => {}, reject }));
			try {
				await Promise.race([options.dictionaryReady(), waiting]);
			} finally {
				pending.delete(job);
			}
		}
		return send<T>({ type, job, choices }, options.onProgress);
	};

	return {
		prepare(input, onProgress) {
			// The file's bytes move to the worker instead of being copied: the caller's buffer is left empty.
			const transfer =
				input.kind === 'file' &&
				input.bytes.buffer instanceof ArrayBuffer &&
				input.bytes.byteOffset === 0 &&
				input.bytes.byteLength === input.bytes.buffer.byteLength
					? [input.bytes.buffer]
					: [];
			return send<ImportPreview | ImportProblem>({ type: 'prepare', job: nextJob++, input }, onProgress, transfer);
		},
		build: (choices, options) => buildIn<ImportedText>('build', choices, options),
		buildAndStore: (choices, options) => buildIn<StoreOutcome>('buildAndStore', choices, options),
		cancel() {
			worker?.terminate();
			worker = undefined;
			failAll(new ImportCancelled());
		}
	};
}
