import { describe, expect, it } from 'vitest';
import { CardsBuiltAhead } from './builtAhead.svelte.ts';

/** A stand-in for the page's idle moments: each `idle()` runs what was waiting for one. */
function idleMoments() {
	let waiting: (() => void)[] = [];
	return {
		schedule: (task: () => void) => {
			waiting.push(task);
			return () => {
				waiting = waiting.filter((other) => other !== task);
			};
		},
		idle() {
			const tasks = waiting;
			waiting = [];
			for (const task of tasks) task();
		},
		get pending() {
			return waiting.length;
		}
	};
}

describe('CardsBuiltAhead', () => {
	it('builds nothing until idle, then the neighbours one per idle moment, the nearest first', () => {
		const moments = idleMoments();
		const ahead = new CardsBuiltAhead(moments.schedule);
		ahead.prepare(['c2', 'c0']);
		expect(ahead.ids).toEqual([]);
		moments.idle();
		expect(ahead.ids).toEqual(['c2']);
		moments.idle();
		expect(ahead.ids).toEqual(['c2', 'c0']);
		expect(moments.pending).toBe(0);
	});

	it('keeps the card turned away from, and lets go of the one no longer beside the card shown when idle', () => {
		const moments = idleMoments();
		const ahead = new CardsBuiltAhead(moments.schedule);
		let cancel = ahead.prepare(['c2', 'c0']);
		moments.idle();
		moments.idle();
		// Turned from c1 to c2: c1 stays built, c0 too until the page is idle.
		ahead.keep('c1');
		cancel();
		cancel = ahead.prepare(['c3', 'c1']);
		expect(ahead.ids).toEqual(['c2', 'c0', 'c1']);
		moments.idle();
		expect(ahead.ids).toEqual(['c1', 'c3']);
		moments.idle();
		expect(moments.pending).toBe(0);
		cancel();
	});

	it('builds nothing more once cancelled (the card turned again first), and skips missing neighbours', () => {
		const moments = idleMoments();
		const ahead = new CardsBuiltAhead(moments.schedule);
		const cancel = ahead.prepare([undefined, 'c1']);
		cancel();
		moments.idle();
		expect(ahead.ids).toEqual([]);
		ahead.prepare(['c1', undefined]);
		moments.idle();
		expect(ahead.ids).toEqual(['c1']);
		ahead.keep('c1');
		expect(ahead.ids).toEqual(['c1']);
	});

	it('lets go of every card at once when told, and builds them again when asked', () => {
		const moments = idleMoments();
		const ahead = new CardsBuiltAhead(moments.schedule);
		const cancel = ahead.prepare(['c2', 'c0']);
		moments.idle();
		moments.idle();
		expect(moments.pending).toBe(0);
		// As the reader does when the text is rendered anew: forget, and prepare again.
		ahead.forget();
		cancel();
		expect(ahead.ids).toEqual([]);
		ahead.prepare(['c2', 'c0']);
		moments.idle();
		expect(ahead.ids).toEqual(['c2']);
	});
});
