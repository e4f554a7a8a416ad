import { describe, expect, it, vi } from 'vitest';
import type { Grade } from 'ts-fsrs';
import type { StoredFsrsState, StudyCardRow } from '../model/cards.ts';
import { DEFAULT_SCHEDULER_SETTINGS, gradeCard, newCardState } from '../scheduling/scheduler.ts';
import { journalEntryOf, ReviewJournal, type JournalEntry } from './reviewJournal.ts';
import { memoryStorage } from '../test/memoryStorage.ts';

const T0 = Date.UTC(2026, 11, 1, 9);
const MIN = 60_000;

/** A card row and the entry its grade at `at` gives, as recordReview would return them. */
function graded(entryId: string, rating: Grade, at: number, state: StoredFsrsState = newCardState(T0)): JournalEntry {
	const { after, log } = gradeCard(state, rating, at, DEFAULT_SCHEDULER_SETTINGS);
	const card: StudyCardRow = {
		...after,
		id: `${entryId}|en2zh`,
		entryId,
		direction: 'en2zh',
		suspended: 0,
		buriedUntil: 0,
		leech: 0,
		createdAt: T0
	};
	const sibling = { ...card, id: `${entryId}|zh2en`, direction: 'zh2en' as const, buriedUntil: at + 20 * 60 * MIN };
	return journalEntryOf({
		log: {
			...log,
			id: at,
			cardId: card.id,
			durationMs: 3000,
			sideEffects: { leechBefore: 0, buriedSiblings: [{ id: sibling.id, buriedUntil: 0 }] }
		},
		card,
		buried: [sibling]
	});
}

/** A journal over one storage (a getter that made a new one each time would forget everything). */
const journalIn = (store: ReturnType<typeof memoryStorage>, maxEntries?: number) =>
	new ReviewJournal(() => store, maxEntries);

describe('ReviewJournal', () => {
	it('keeps every committed review, oldest first, with what it takes to put it back', () => {
		const store = memoryStorage();
		const kept = new ReviewJournal(() => store);
		const later = graded('a:乙', 3, T0 + 2 * MIN);
		const first = graded('a:甲', 1, T0 + MIN);
		expect(kept.append(later)).toBe(true);
		expect(kept.append(first)).toBe(true);
		expect(kept.entries()).toEqual([first, later]);
		expect(first.card).toEqual({ entryId: 'a:甲', direction: 'en2zh', createdAt: T0 });
		expect(first.buriedUntil).toBe(T0 + MIN + 20 * 60 * MIN);
		expect(kept.size).toBe(2);
		// Another journal (another tab) sees the same reviews: they are in the same storage.
		expect(new ReviewJournal(() => store).entries()).toEqual([first, later]);
		expect(new ReviewJournal(() => memoryStorage()).entries()).toEqual([]);
	});

	it('forgets a review taken back, and only that one', () => {
		const journal = journalIn(memoryStorage());
		const kept = graded('a:甲', 3, T0 + MIN);
		const undone = graded('a:乙', 3, T0 + 2 * MIN);
		journal.append(kept);
		journal.append(undone);
		journal.remove(undone.log);
		expect(journal.entries()).toEqual([kept]);
	});

	it('keeps at most its cap, dropping the oldest', () => {
		const journal = journalIn(memoryStorage(), 3);
		const entries = [5, 1, 4, 2, 3].map((minutes) => graded(`a:${minutes}`, 3, T0 + minutes * MIN));
		for (const entry of entries) journal.append(entry);
		expect(journal.entries().map((entry) => entry.log.reviewedAt)).toEqual([3, 4, 5].map((m) => T0 + m * MIN));
	});

	it('never throws when localStorage is full or disabled, and notes what it could not keep', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const full = journalIn(memoryStorage(200));
		expect(full.append(graded('a:甲', 3, T0))).toBe(false);
		expect(full.notKept).toBe(1);
		expect(full.entries()).toEqual([]);
		const disabled = new ReviewJournal(() => {
			throw new DOMException('denied', 'SecurityError');
		});
		expect(disabled.append(graded('a:甲', 3, T0))).toBe(false);
		expect(() => disabled.remove(graded('a:甲', 3, T0).log)).not.toThrow();
		expect(disabled.entries()).toEqual([]);
		expect(disabled.size).toBe(0);
		expect(new ReviewJournal(() => undefined).append(graded('a:甲', 3, T0))).toBe(false);
		expect(warn).toHaveBeenCalled();
		warn.mockRestore();
	});

	it('drops at a backup exactly the reviews the backup holds, whatever their time', () => {
		const journal = journalIn(memoryStorage());
		const [a, b, c] = [1, 2, 3].map((minutes) => graded(`a:${minutes}`, 3, T0 + minutes * MIN));
		for (const entry of [a!, b!, c!]) journal.append(entry);
		// The backup was read while b was being written: a and c are in it, b is not.
		const backupReviews = [a!.log, c!.log, graded('a:other', 2, T0).log];
		expect(journal.notIn(backupReviews)).toEqual([b]);
		expect(journal.dropIncluded(backupReviews)).toBe(2);
		expect(journal.entries()).toEqual([b]);
	});

	it('leaves out entries that are damaged or not its own', () => {
		const store = memoryStorage();
		const journal = new ReviewJournal(() => store);
		const entry = graded('a:甲', 3, T0);
		journal.append(entry);
		store.setItem(`duka:journal:${T0 + 1}|a:乙|en2zh`, '{"log":');
		store.setItem(
			`duka:journal:${T0 + 2}|a:丙|en2zh`,
			JSON.stringify({ log: { ...entry.log, rating: 7 }, card: entry.card })
		);
		store.setItem('duka:snapshot:x', 'not ours');
		expect(journal.entries()).toEqual([entry]);
	});

	it('says a backup is due once it holds many reviews that no newer backup took away', () => {
		const journal = journalIn(memoryStorage());
		for (let minutes = 1; minutes <= 4; minutes++) journal.append(graded(`a:${minutes}`, 3, T0 + minutes * MIN));
		expect(journal.snapshotDue(undefined, 5)).toBe(false);
		expect(journal.snapshotDue(undefined, 4)).toBe(true);
		expect(journal.snapshotDue(T0, 4)).toBe(true);
		// A backup taken after the oldest review left it here (it could not be copied to localStorage): another would too.
		expect(journal.snapshotDue(T0 + 2 * MIN, 4)).toBe(false);
	});

	it('keeps an entry under a thousand characters, as its cap assumes', () => {
		const store = memoryStorage();
		const first = graded('semiconductors-2026:供应链', 3, T0);
		new ReviewJournal(() => store).append(
			graded('semiconductors-2026:供应链', 3, T0 + 3 * 86_400_000, first.log.after)
		);
		const [key, value] = [...store.items][0]!;
		expect(key!.length + value!.length).toBeLessThan(1000);
	});
});
