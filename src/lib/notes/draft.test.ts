import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NoteDraft, type DraftStatus } from './draft.ts';
import { MAX_NOTE_LENGTH } from './limits.ts';

interface Harness {
	draft: NoteDraft;
	writes: { text: string; id: string | undefined }[];
	statuses: DraftStatus['state'][];
	/** Lets the next save fail once. */
	failNext: () => void;
}

function harness(initial = '', id?: string, latency = 0): Harness {
	const writes: Harness['writes'] = [];
	const statuses: Harness['statuses'] = [];
	let fail = false;
	const draft = new NoteDraft(initial, id, {
		save: async (text, currentId) => {
			if (latency) await new Promise((resolve) => setTimeout(resolve, latency));
			if (fail) {
				fail = false;
				throw new Error('disk full');
			}
			writes.push({ text, id: currentId });
			return currentId ?? 'n-1';
		},
		onStatus: (status) => statuses.push(status.state)
	});
	return { draft, writes, statuses, failNext: () => (fail = true) };
}

beforeEach(() => {
	vi.useFakeTimers();
});

afterEach(() => {
	vi.useRealTimers();
});

describe('NoteDraft', () => {
	it('saves at once, and what is typed during a save is one more write with the newest text', async () => {
		const { draft, writes, statuses } = harness('', undefined, 20);
		draft.update('数');
		draft.update('数据');
		draft.update('数据中');
		draft.update('数据中心');
		expect(draft.status.state).toBe('pending');
		await vi.advanceTimersByTimeAsync(20);
		expect(writes).toEqual([{ text: '数', id: undefined }]);
		await vi.advanceTimersByTimeAsync(20);
		expect(writes).toEqual([
			{ text: '数', id: undefined },
			{ text: '数据中心', id: 'n-1' }
		]);
		expect(draft.id).toBe('n-1');
		expect(draft.status.state).toBe('saved');
		expect(statuses).toEqual(['saving', 'pending', 'pending', 'pending', 'saving', 'saved']);
	});

	it('starts a new save for a change made right after the last one finished', async () => {
		const { draft, writes } = harness('', undefined, 10);
		draft.update('a');
		await vi.advanceTimersByTimeAsync(10);
		draft.update('ab');
		await vi.advanceTimersByTimeAsync(10);
		expect(writes.map((write) => write.text)).toEqual(['a', 'ab']);
		expect(draft.dirty).toBe(false);
	});

	it('flushes at once and keeps using the id the first save created', async () => {
		const { draft, writes } = harness();
		draft.update('first');
		await draft.flush();
		draft.update('second');
		await draft.flush();
		expect(writes).toEqual([
			{ text: 'first', id: undefined },
			{ text: 'second', id: 'n-1' }
		]);
		await vi.advanceTimersByTimeAsync(100);
		expect(writes).toHaveLength(2);
	});

	it('does not save when nothing changed', async () => {
		const { draft, writes } = harness('kept', 'n-7', 10);
		await draft.flush();
		draft.update('kept');
		await vi.advanceTimersByTimeAsync(100);
		expect(writes).toEqual([]);
		expect(draft.dirty).toBe(false);
		expect(draft.status.state).toBe('saved');
	});

	it('writes nothing more when a change made during a save is undone before it ends', async () => {
		const { draft, writes } = harness('kept', 'n-7', 10);
		draft.update('kept!');
		draft.update('kept!?');
		draft.update('kept!');
		await vi.advanceTimersByTimeAsync(100);
		expect(writes).toEqual([{ text: 'kept!', id: 'n-7' }]);
		expect(draft.status.state).toBe('saved');
	});

	it('writes saves in order even when one is still running', async () => {
		const { draft, writes } = harness('', undefined, 50);
		draft.update('a');
		const first = draft.flush();
		draft.update('ab');
		const second = draft.flush();
		await vi.advanceTimersByTimeAsync(200);
		await Promise.all([first, second]);
		expect(writes.map((write) => write.text)).toEqual(['a', 'ab']);
		expect(writes[1]?.id).toBe('n-1');
	});

	it('refuses a note over the limit without saving or shortening it, then saves once it fits', async () => {
		const { draft, writes, statuses } = harness('short', 'n-2');
		const tooLong = 'x'.repeat(MAX_NOTE_LENGTH + 5);
		draft.update(tooLong);
		expect(draft.status).toEqual({ state: 'too-long', over: 5 });
		await draft.flush();
		await vi.advanceTimersByTimeAsync(100);
		expect(writes).toEqual([]);
		expect(draft.text).toBe(tooLong);
		expect(draft.dirty).toBe(true);

		draft.update(tooLong.slice(5));
		await vi.advanceTimersByTimeAsync(100);
		expect(writes).toEqual([{ text: tooLong.slice(5), id: 'n-2' }]);
		expect(statuses.at(-1)).toBe('saved');
	});

	it('keeps the text after a failed save and retries on the next flush', async () => {
		const { draft, writes, failNext } = harness();
		failNext();
		draft.update('不要丢');
		await draft.flush();
		expect(draft.status.state).toBe('error');
		expect(draft.dirty).toBe(true);
		await draft.flush();
		expect(writes).toEqual([{ text: '不要丢', id: undefined }]);
		expect(draft.status.state).toBe('saved');
	});
});
