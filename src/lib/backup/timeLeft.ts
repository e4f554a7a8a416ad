/** Before this long has passed, or this share of the work is done, a rate says too little to promise a time. */
export const ESTIMATE_AFTER_MS = 5_000;
const ESTIMATE_AFTER_SHARE = 0.02;

/**
 * How long the rest of a long job should take at the rate so far, in ms: undefined while it is too early to say (a
 * backup of a few thousand rows is done before any estimate shows), and once it is done.
 */
export function timeLeft(done: number, total: number, elapsedMs: number): number | undefined {
	if (!(elapsedMs >= ESTIMATE_AFTER_MS) || !(done > 0) || !(done < total)) return undefined;
	if (done / total < ESTIMATE_AFTER_SHARE) return undefined;
	return (elapsedMs * (total - done)) / done;
}

/** A job starting now, by `clock`: the time left (`timeLeft`) at `done` of `total`, as it goes. */
export function timeLeftFrom(clock: () => number): (done: number, total: number) => number | undefined {
	const startedAt = clock();
	return (done, total) => timeLeft(done, total, clock() - startedAt);
}

/** Whole minutes to say for a time left: rounded, at least one; under a minute says so instead (null). */
export function minutesToSay(leftMs: number): number | null {
	return leftMs < 60_000 ? null : Math.max(1, Math.round(leftMs / 60_000));
}
