import { describe, expect, it } from 'vitest';
import { OptimiserError, prefetchOptimiser, runOptimiser, type OptimiserWorker } from './optimiserClient.ts';
import type { OptimiserMessage, OptimiserRequest } from './protocol.ts';

class ScriptedWorker implements OptimiserWorker {
	onmessage: ((event: MessageEvent<OptimiserMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	terminated = false;
	constructor(private readonly answer: (worker: ScriptedWorker, request: OptimiserRequest) => void) {}
	postMessage(request: OptimiserRequest): void {
		this.answer(this, request);
	}
	terminate(): void {
		this.terminated = true;
	}
	send(message: OptimiserMessage): void {
		this.onmessage?.({ data: message } as MessageEvent<OptimiserMessage>);
	}
}

const request = { reviews: [], rolloverHour: 4, current: null };
const failure = (promise: Promise<unknown>) =>
	promise.then(
		() => 'resolved',
		(error: unknown) => (error instanceof OptimiserError ? error.failure : 'other')
	);

describe('runOptimiser', () => {
	it('reports progress, resolves with the outcome and stops the worker', async () => {
		const outcome = {
			weights: [],
			defaults: { logLoss: 1, rmse: 1 },
			current: null,
			optimised: { logLoss: 0.5, rmse: 0.5 },
			judged: 1,
			timings: { prepareMs: 1, engineMs: 1, trainingMs: 1, evaluateMs: 1 }
		};
		const worker = new ScriptedWorker((self, asked) => {
			expect(asked).toEqual({ type: 'optimise', ...request });
			self.send({ type: 'progress', fraction: 0.3 });
			self.send({ type: 'done', outcome });
		});
		const seen: number[] = [];
		const result = await runOptimiser(
			request,
			(f) => seen.push(f),
			new AbortController().signal,
			async () => worker
		);
		expect(result).toEqual(outcome);
		expect(seen).toEqual([0.3]);
		expect(worker.terminated).toBe(true);
	});

	it('turns a failure, a worker that cannot start and a cancel into their reasons', async () => {
		const failing = new ScriptedWorker((self) => self.send({ type: 'failed', failure: 'noData', detail: '' }));
		expect(
			await failure(
				runOptimiser(
					request,
					() => {},
					new AbortController().signal,
					async () => failing
				)
			)
		).toBe('noData');
		const broken = new ScriptedWorker((self) => self.onerror?.({ message: 'offline' } as ErrorEvent));
		expect(
			await failure(
				runOptimiser(
					request,
					() => {},
					new AbortController().signal,
					async () => broken
				)
			)
		).toBe('load');
		const abort = new AbortController();
		const silent = new ScriptedWorker(() => abort.abort());
		expect(
			await failure(
				runOptimiser(
					request,
					() => {},
					abort.signal,
					async () => silent
				)
			)
		).toBe('cancelled');
		expect(silent.terminated).toBe(true);
	});
});

describe('prefetchOptimiser', () => {
	it('says whether the engine was fetched', async () => {
		expect(await prefetchOptimiser(async () => new ScriptedWorker((self) => self.send({ type: 'prefetched' })))).toBe(
			true
		);
		const offline = new ScriptedWorker((self) => self.send({ type: 'failed', failure: 'load', detail: '' }));
		expect(await prefetchOptimiser(async () => offline)).toBe(false);
		expect(offline.terminated).toBe(true);
	});
});
