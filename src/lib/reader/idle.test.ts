import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from './idle.ts';

describe('afterPaint', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.useRealTimers();
	});

	it('runs the task in a task queued from the next frame', () => {
		vi.useFakeTimers();
		const frames: FrameRequestCallback[] = [];
		vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
		const task = vi.fn();
		afterPaint(task);
		vi.runAllTimers();
		expect(task).not.toHaveBeenCalled();
		frames[0]?.(0);
		expect(task).not.toHaveBeenCalled();
		vi.runAllTimers();
		expect(task).toHaveBeenCalledOnce();
	});

	it('never runs it where nothing is painted (prerendering on the server), and does not throw', () => {
		vi.useFakeTimers();
		vi.stubGlobal('requestAnimationFrame', undefined);
		const task = vi.fn();
		expect(() => afterPaint(task)).not.toThrow();
		vi.runAllTimers();
		expect(task).not.toHaveBeenCalled();
	});
});
