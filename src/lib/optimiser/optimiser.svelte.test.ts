import { beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import type { DukaDatabase } from '../db/db.ts';
import { DEFAULT_WEIGHTS } from '../scheduling/optimise.ts';
import { StudySettings } from '../settings/studySettings.svelte.ts';
import { T0, DAY } from '../test/clock.ts';
import { simulatedReviewLog } from '../test/reviewHistories.ts';
import { until } from '../test/until.ts';
import { Optimiser } from './optimiser.svelte.ts';
import type { OptimiserWorker } from './optimiserClient.ts';
import type { OptimiseOutcome, OptimiserMessage, OptimiserRequest } from './protocol.ts';

const own = DEFAULT_WEIGHTS.map((w) => w * 1.1);
const betterOutcome: OptimiseOutcome = {
	weights: own,
	defaults: { logLoss: 0.47, rmse: 0.06 },
	current: null,
	optimised: { logLoss: 0.45, rmse: 0.02 },
	judged: 700,
	timings: { prepareMs: 1, engineMs: 1, trainingMs: 1000, evaluateMs: 1 }
};

/** A worker that answers as the test tells it to, and records what it was asked. */
class FakeWorker implements OptimiserWorker {
	onmessage: ((event: MessageEvent<OptimiserMessage>) => void) | null = null;
	onerror: ((event: ErrorEvent) => void) | null = null;
	requests: OptimiserRequest[] = [];
	terminated = false;
	postMessage(message: OptimiserRequest): void {
		this.requests.push(message);
		if (message.type === 'prefetch') queueMicrotask(() => this.send({ type: 'prefetched' }));
	}
	terminate(): void {
		this.terminated = true;
	}
	send(message: OptimiserMessage): void {
		this.onmessage?.({ data: message } as MessageEvent<OptimiserMessage>);
	}
}

let database: DukaDatabase;
let workers: FakeWorker[];

async function optimiserWith(reviews: number, now = T0) {
	if (reviews > 0) await database.reviews.bulkAdd(simulatedReviewLog(reviews, now - DAY));
	const study = new StudySettings(stores);
	await study.load();
	const optimiser = new Optimiser(study, {
		loadStores: stores,
		now: () => now,
		mayPrefetch: () => true,
		createWorker: async () => {
			const worker = new FakeWorker();
			workers.push(worker);
			return worker;
		}
	});
	await optimiser.load();
	return { study, optimiser };
}

/** The worker of the run under way, once it has been asked to optimise. */
async function runningWorker(): Promise<FakeWorker> {
	await until(() => workers.some((worker) => worker.requests[0]?.type === 'optimise'));
	return workers.find((worker) => worker.requests[0]?.type === 'optimise')!;
}

beforeEach(() => {
	database = freshDatabase();
	workers = [];
});

describe('Optimiser', () => {
	it('says how many reviews are missing, and fetches nothing before it is offered', async () => {
		const { optimiser } = await optimiserWith(400);
		expect(optimiser.offer).toEqual({ kind: 'needMore', more: 600 });
		expect(workers).toEqual([]);
	});

	it('fetches the engine once offered, runs with progress, and keeps better parameters only when asked', async () => {
		const { study, optimiser } = await optimiserWith(1200);
		expect(optimiser.offer).toEqual({ kind: 'suggested' });
		expect(workers[0]?.requests).toEqual([{ type: 'prefetch' }]);

		const run = optimiser.optimise();
		const worker = await runningWorker();
		const request = worker.requests[0];
		expect(request?.type === 'optimise' && request.reviews).toHaveLength(1200);
		expect(request?.type === 'optimise' && request.current).toBeNull();
		worker.send({ type: 'progress', fraction: 0.5 });
		expect(optimiser.status).toEqual({ kind: 'running', fraction: 0.5 });
		worker.send({ type: 'done', outcome: betterOutcome });
		await run;
		expect(worker.terminated).toBe(true);
		expect(optimiser.status).toEqual({ kind: 'result', outcome: betterOutcome, better: true });
		// The run is recorded (the next suggestion waits a month), nothing is in use yet.
		expect(study.value.weights).toBeNull();
		expect(study.value.optimisation).toMatchObject({ at: T0, reviews: 1200, kept: false });
		expect(optimiser.offer.kind).toBe('recent');

		await optimiser.keep();
		expect(optimiser.notice).toBe('kept');
		const { settings } = await stores();
		expect((await settings.loadSchedulerSettings()).weights).toEqual(own);
		expect(optimiser.optimised).toBe(true);

		await optimiser.backToDefaults();
		expect(optimiser.notice).toBe('defaults');
		expect((await settings.loadSchedulerSettings()).weights).toBeNull();
		expect(study.value.optimisation).toMatchObject({ kept: false });
	});

	it('offers no Keep when the new parameters do not beat the ones in use', async () => {
		const { study, optimiser } = await optimiserWith(1200);
		await study.saveOptimised(own, null);
		const run = optimiser.optimise();
		const worker = await runningWorker();
		const request = worker.requests[0];
		expect(request?.type === 'optimise' && request.current).toEqual(own);
		const current = { logLoss: 0.44, rmse: 0.02 };
		worker.send({ type: 'done', outcome: { ...betterOutcome, weights: DEFAULT_WEIGHTS.map((w) => w), current } });
		await run;
		expect(optimiser.status).toMatchObject({ kind: 'result', better: false });
		await optimiser.keep();
		expect(study.value.weights).toEqual(own);
	});

	it('cancels: the worker is stopped and nothing is written', async () => {
		const { study, optimiser } = await optimiserWith(1200);
		const run = optimiser.optimise();
		const worker = await runningWorker();
		optimiser.cancel();
		await run;
		expect(worker.terminated).toBe(true);
		expect(optimiser.status).toEqual({ kind: 'idle' });
		expect(optimiser.notice).toBe('cancelled');
		expect(study.value.optimisation).toBeNull();
		const { settings } = await stores();
		expect((await settings.loadSchedulerSettings()).optimisation).toBeNull();
	});

	it('shows why it could not run, and changes nothing', async () => {
		const { study, optimiser } = await optimiserWith(1200);
		const run = optimiser.optimise();
		(await runningWorker()).send({ type: 'failed', failure: 'unsupported', detail: 'no shared memory' });
		await run;
		expect(optimiser.status).toEqual({ kind: 'failed', failure: 'unsupported' });
		expect(study.value.optimisation).toBeNull();
		optimiser.discard();
		expect(optimiser.status).toEqual({ kind: 'idle' });
	});
});
