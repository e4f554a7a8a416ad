import { stores, type Stores } from '../db/lazy.ts';
import { fitsBetter, optimiserOffer, type OptimiserOffer } from '../scheduling/optimise.ts';
import { DEFAULT_ROLLOVER_HOUR, type OptimisationRecord } from '../scheduling/scheduler.ts';
import type { StudySettings } from '../settings/studySettings.svelte.ts';
import { OptimiserError, prefetchOptimiser, runOptimiser, type OptimiserWorker } from './optimiserClient.ts';
import type { OptimiseOutcome, OptimiserFailure } from './protocol.ts';

export type OptimiserStatus =
	| { kind: 'loading' }
	| { kind: 'idle' }
	/** Reading the review log out of the database. */
	| { kind: 'reading' }
	| { kind: 'running'; fraction: number }
	/** Figures to show; `better` says whether Keep is offered. */
	| { kind: 'result'; outcome: OptimiseOutcome; better: boolean }
	| { kind: 'failed'; failure: OptimiserFailure };

/** What the last tap did, for the status line. */
export type OptimiserNotice = 'kept' | 'discarded' | 'defaults' | 'cancelled' | null;

export interface OptimiserDependencies {
	loadStores?: () => Promise<Stores>;
	createWorker?: () => Promise<OptimiserWorker>;
	now?: () => number;
	/** Whether fetching the engine unasked is fine now: online, and not saving data. */
	mayPrefetch?: () => boolean;
}

function browserMayPrefetch(): boolean {
	if (typeof navigator === 'undefined' || !navigator.onLine) return false;
	return !(navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData;
}

/** "Optimise from my reviews": counts the reviews, runs the worker, keeps or drops what it found. */
export class Optimiser {
	status = $state.raw<OptimiserStatus>({ kind: 'loading' });
	reviewCount = $state(0);
	notice = $state<OptimiserNotice>(null);
	readonly #study: StudySettings;
	readonly #stores: () => Promise<Stores>;
	readonly #createWorker: (() => Promise<OptimiserWorker>) | undefined;
	readonly #now: () => number;
	readonly #mayPrefetch: () => boolean;
	#prefetched = false;
	#abort: AbortController | null = null;

	constructor(study: StudySettings, dependencies: OptimiserDependencies = {}) {
		this.#study = study;
		this.#stores = dependencies.loadStores ?? stores;
		this.#createWorker = dependencies.createWorker;
		this.#now = dependencies.now ?? Date.now;
		this.#mayPrefetch = dependencies.mayPrefetch ?? browserMayPrefetch;
	}

	get offer(): OptimiserOffer {
		return optimiserOffer(this.reviewCount, this.#study.value.optimisation, this.#now());
	}

	/** The parameters in use are the user's own. */
	get optimised(): boolean {
		return this.#study.value.weights !== null;
	}

	get lastRun(): OptimisationRecord | null {
		return this.#study.value.optimisation;
	}

	async load(): Promise<void> {
		const { reviews } = await this.#stores();
		this.reviewCount = await reviews.countReviews();
		this.status = { kind: 'idle' };
		// Once it is offered, the engine is fetched while online, so that the first run can be offline.
		if (this.offer.kind !== 'needMore' && !this.#prefetched && this.#mayPrefetch()) {
			this.#prefetched = true;
			void prefetchOptimiser(this.#createWorker);
		}
	}

	async optimise(): Promise<void> {
		if (this.status.kind === 'reading' || this.status.kind === 'running') return;
		this.notice = null;
		this.status = { kind: 'reading' };
		const abort = (this.#abort = new AbortController());
		try {
			const { backup } = await this.#stores();
			const rows = await backup.listReviews();
			this.reviewCount = rows.length;
			if (abort.signal.aborted) throw new OptimiserError('cancelled', 'cancelled');
			const reviews = rows.map(({ id, cardId, rating, reviewedAt }) => ({ id, cardId, rating, reviewedAt }));
			this.status = { kind: 'running', fraction: 0 };
			const outcome = await runOptimiser(
				{ reviews, rolloverHour: DEFAULT_ROLLOVER_HOUR, current: this.#study.value.weights },
				(fraction) => {
					if (this.status.kind === 'running') this.status = { kind: 'running', fraction };
				},
				abort.signal,
				this.#createWorker
			);
			// Cancel pressed as the run ended: the user's word stands, and nothing is recorded.
			if (abort.signal.aborted) throw new OptimiserError('cancelled', 'cancelled');
			const better = fitsBetter(outcome.optimised, outcome.current ?? outcome.defaults);
			// Recorded even when nothing is kept, so the next suggestion waits a month.
			const record: OptimisationRecord = {
				at: this.#now(),
				reviews: rows.length,
				defaults: outcome.defaults,
				optimised: outcome.optimised,
				kept: false
			};
			await this.#study.saveOptimised(this.#study.value.weights, record);
			this.status = { kind: 'result', outcome, better };
		} catch (error) {
			const failure = error instanceof OptimiserError ? error.failure : 'failed';
			if (failure === 'cancelled') {
				this.status = { kind: 'idle' };
				this.notice = 'cancelled';
			} else {
				this.status = { kind: 'failed', failure };
			}
		} finally {
			if (this.#abort === abort) this.#abort = null;
		}
	}

	cancel(): void {
		this.#abort?.abort();
	}

	/** Puts the parameters just found in use; offered only when they fit better. */
	async keep(): Promise<void> {
		if (this.status.kind !== 'result' || !this.status.better) return;
		const { weights } = this.status.outcome;
		const last = this.#study.value.optimisation;
		await this.#study.saveOptimised(weights, last ? { ...last, kept: true } : null);
		this.status = { kind: 'idle' };
		this.notice = 'kept';
	}

	discard(): void {
		if (this.status.kind !== 'result' && this.status.kind !== 'failed') return;
		this.notice = this.status.kind === 'result' ? 'discarded' : null;
		this.status = { kind: 'idle' };
	}

	async backToDefaults(): Promise<void> {
		const last = this.#study.value.optimisation;
		await this.#study.saveOptimised(null, last ? { ...last, kept: false } : null);
		this.notice = 'defaults';
	}
}
