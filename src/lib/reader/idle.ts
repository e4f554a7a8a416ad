/**
 * Runs `task` when the page is idle (within `timeout` ms at the latest), so work a card turn does not need waits
 * until the new card is painted. Safari before 18 has no requestIdleCallback: there it runs after a short delay.
 * Returns a function that cancels it.
 */
export function whenIdle(task: () => void, timeout = 1000): () => void {
	if (typeof requestIdleCallback === 'function') {
		const handle = requestIdleCallback(task, { timeout });
		return () => cancelIdleCallback(handle);
	}
	const handle = setTimeout(task, 50);
	return () => clearTimeout(handle);
}

/**
 * Runs `task` in the first task after the next frame is painted (a task queued from requestAnimationFrame). On the
 * server, where a prerendered page is never painted, it never runs.
 */
export function afterPaint(task: () => void): void {
	if (typeof requestAnimationFrame !== 'function') return;
	requestAnimationFrame(() => setTimeout(task, 0));
}
