import type { ModelFit } from '../scheduling/scheduler.ts';
import type { OptimiserReview } from '../scheduling/optimise.ts';

/** What the page asks of the optimiser worker: to optimise, or only to fetch its engine for offline use. */
export type OptimiserRequest = ({ type: 'optimise' } & OptimiseRequest) | { type: 'prefetch' };

export interface OptimiseRequest {
	reviews: OptimiserReview[];
	rolloverHour: number;
	/** The parameters in use, when they are not the defaults: the new ones must beat these to be kept. */
	current: number[] | null;
}

export type OptimiserFailure =
	/** No review came a day or more after the card's previous one: nothing to learn from. */
	| 'noData'
	/** The browser cannot run the engine here (no WebAssembly, or no shared memory for it). */
	| 'unsupported'
	/** The engine could not be loaded (offline before it was ever downloaded). */
	| 'load'
	| 'failed';

export interface OptimiseOutcome {
	weights: number[];
	defaults: ModelFit;
	current: ModelFit | null;
	optimised: ModelFit;
	/** Reviews the parameters were judged on (a day or more after the card's previous review). */
	judged: number;
	/** Where the worker's time went: the training items, the engine's start, training, evaluation. */
	timings: { prepareMs: number; engineMs: number; trainingMs: number; evaluateMs: number };
}

export type OptimiserMessage =
	| { type: 'progress'; fraction: number }
	| { type: 'done'; outcome: OptimiseOutcome }
	| { type: 'prefetched' }
	| { type: 'failed'; failure: OptimiserFailure; detail: string };
