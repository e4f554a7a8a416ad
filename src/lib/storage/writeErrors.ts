/**
 * What a failed IndexedDB write means for the user. Dexie wraps the browser's error, sometimes twice
 * (AbortError → inner; BulkError → failures), so the chain is searched by name, without importing Dexie.
 */

type ErrorLike = { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };

function someInChain(error: unknown, test: (name: unknown) => boolean, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 4) return false;
	const candidate = error as ErrorLike;
	if (test(candidate.name)) return true;
	if (someInChain(candidate.inner, test, depth + 1) || someInChain(candidate.cause, test, depth + 1)) return true;
	return (
		Array.isArray(candidate.failures) && candidate.failures.some((failure) => someInChain(failure, test, depth + 1))
	);
}

/** The browser refused the write for want of space. */
export function isQuotaError(error: unknown): boolean {
	return someInChain(error, (name) => name === 'QuotaExceededError');
}

/**
 * The storage cannot take writes now: full, or in the states Chromium reports on a full disk (UnknownError,
 * the connection closed under it). The user is told "storage is full" and what to do.
 */
export function isWriteFull(error: unknown): boolean {
	return someInChain(
		error,
		(name) =>
			name === 'QuotaExceededError' ||
			name === 'UnknownError' ||
			name === 'DatabaseClosedError' ||
			name === 'InvalidStateError'
	);
}
