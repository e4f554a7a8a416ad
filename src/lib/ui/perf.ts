/**
 * Timing marks for the benchmarks (`npm run bench`). They are off unless the page sets
 * `globalThis.__dukaPerf = true` before the app starts, so in normal use each call costs one property
 * read and leaves nothing in the performance timeline.
 *
 * `timingStart('duka:grade')` marks the start; `timingPainted('duka:grade')`, called once the DOM is
 * updated, records two measures: `duka:grade:dom` at once, and `duka:grade` after the next frame was
 * painted (a task queued from requestAnimationFrame runs after that frame's paint).
 */
const enabled = () => (globalThis as { __dukaPerf?: unknown }).__dukaPerf === true;

export function timingStart(name: string): void {
	if (enabled()) performance.mark(`${name}:start`);
}

export function timingPainted(name: string): void {
	if (!enabled() || performance.getEntriesByName(`${name}:start`, 'mark').length === 0) return;
	performance.measure(`${name}:dom`, `${name}:start`);
	requestAnimationFrame(() => {
		const channel = new MessageChannel();
		channel.port1.onmessage = () => {
			performance.measure(name, `${name}:start`);
			performance.clearMarks(`${name}:start`);
		};
		channel.port2.postMessage(undefined);
	});
}
