import type { VocabEntry } from '../model/words.ts';
import type { Grade } from 'ts-fsrs';
import type { StudyCardRow } from '../model/cards.ts';
import { stores, type Stores } from '../db/lazy.ts';
import { loadBuiltInVocab, userEntryToVocab } from '../deck/entries.ts';
import type { QueueSource } from '../db/cards.ts';
import {
	buildQueue,
	countQueue,
	dayStartFor,
	previewIntervals,
	type DueCounts,
	type IntervalPreview,
	type SchedulerSettings
} from '../scheduling/scheduler.ts';
import { timingPainted, timingStart } from '../ui/perf.ts';
import { tick } from 'svelte';
import { maybeAskPersistence } from '../storage/persistence.ts';

// Replaced whole, never changed in place: no need for a deep proxy over hundreds of rows.
let queue = $state.raw<StudyCardRow[]>([]);
let revealed = $state(false);
let counts = $state<DueCounts>({ new: 0, learning: 0, review: 0 });
let status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
let nextDueAt = $state<number | null>(null);
let canUndo = $state(false);
let entries = $state.raw<Map<string, VocabEntry>>(new Map());
let settings: SchedulerSettings | undefined;
let shownAt = 0;
let busy = false;
/** Log ids written by this tab, to tell them from reviews made in another tab. */
let ownLogIds: number[] = [];
let stopWatching: (() => void) | undefined;
/** What the queue was built from, kept to rebuild it in memory right after a grade. */
let source: QueueSource | undefined;
/** Bumped by every grade, undo and reload, so a slower reload never overwrites a newer queue. */
let generation = 0;
/** New and review cards read beyond today's limits, for burying siblings in memory (see loadQueueSource). */
const SPARE = 16;
/**
 * After a grade the queue is rebuilt in memory; the database's own queue (with cards that fell due
 * meanwhile) is read once the user pauses, so the read never holds up the write of the next grade.
 */
const REFRESH_AFTER_GRADE_MS = 1500;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

function refreshWhenIdle(): void {
	clearTimeout(refreshTimer);
	refreshTimer = setTimeout(() => {
		refreshTimer = undefined;
		if (!busy) void refresh(Date.now(), true);
	}, REFRESH_AFTER_GRADE_MS);
}

/** Replaced whole when entries are added, never changed in place. */
const byId = (list: readonly VocabEntry[]) => new Map(list.map((entry) => [entry.id, entry]));

/**
 * Adds the entries of these cards that are not loaded yet: the built-in deck is loaded at the start, the
 * user's words only as their cards come up (there may be tens of thousands of them).
 */
async function loadEntriesOf(cards: readonly StudyCardRow[]): Promise<void> {
	const missing = [...new Set(cards.map((card) => card.entryId))].filter((id) => !entries.has(id));
	if (missing.length === 0) return;
	const { userEntries } = await stores();
	const found = (await userEntries.getUserEntriesById(missing)).flatMap((row) => (row ? [userEntryToVocab(row)] : []));
	if (found.length > 0) entries = byId([...entries.values(), ...found]);
}

/**
 * Shows a queue; the counts are the queue's own (what loadCounts would read again). The first card counts
 * as newly shown (answer hidden, answer time from now) when `fresh`, or when it is another card.
 */
function show(next: StudyCardRow[], fresh: boolean): void {
	const head = queue[0]?.id;
	queue = next.filter((card) => entries.has(card.entryId));
	counts = countQueue(next);
	if (fresh || queue[0]?.id !== head) {
		revealed = false;
		shownAt = performance.now();
	}
}

/**
 * Reads today's queue from the database. With `keepHead`, the card on screen stays first if it is still
 * due (or its answer is showing), so a reload after a grade never swaps the card under the user.
 */
async function refresh(now = Date.now(), keepHead = false): Promise<void> {
	const started = ++generation;
	const { cards, settings: schedulerSettings } = await stores();
	const loadedSettings = await schedulerSettings.loadSchedulerSettings();
	const [nextSource, nextDue] = await Promise.all([
		cards.loadQueueSource(now, loadedSettings, SPARE),
		cards.nextDueAfter(now)
	]);
	await loadEntriesOf(nextSource.candidates);
	if (started !== generation) return;
	settings = loadedSettings;
	source = nextSource;
	nextDueAt = nextDue;
	let next = buildQueue(nextSource.candidates, nextSource.done, now, loadedSettings, nextSource.dayStart);
	const head = queue[0];
	const keep = keepHead && head !== undefined && (revealed || next.some((card) => card.id === head.id));
	if (keep) next = [next.find((card) => card.id === head.id) ?? head, ...next.filter((card) => card.id !== head.id)];
	show(next, !keep);
}

/**
 * The queue after a grade, rebuilt in memory from what it was built from: the graded card's new state,
 * its buried siblings and the day's work, through the same buildQueue the database read uses.
 */
function rebuildAfterGrade(
	cards: Stores['cards'],
	graded: Parameters<Stores['cards']['sourceAfterGrade']>[1],
	now: number
): StudyCardRow[] | undefined {
	if (!source || !settings || dayStartFor(now) !== source.dayStart) return undefined;
	source = cards.sourceAfterGrade(source, graded);
	return buildQueue(source.candidates, source.done, now, settings, source.dayStart);
}

/** One review session: the queue of due cards, the answer shown or not, grading and undo. */
export const review = {
	get status() {
		return status;
	},
	get current(): StudyCardRow | undefined {
		return queue[0];
	},
	get entry(): VocabEntry | undefined {
		const card = queue[0];
		return card ? entries.get(card.entryId) : undefined;
	},
	get revealed() {
		return revealed;
	},
	get counts() {
		return counts;
	},
	get remaining() {
		return queue.length;
	},
	get nextDueAt() {
		return nextDueAt;
	},
	get canUndo() {
		return canUndo;
	},
	get previews(): IntervalPreview[] {
		const card = queue[0];
		return card && settings ? previewIntervals(card, Date.now(), settings) : [];
	},
	entryById(id: string): VocabEntry | undefined {
		return entries.get(id);
	},
	/** Loads the deck, creates cards for entries that have none yet, and builds today's queue. */
	async start(): Promise<void> {
		if (status === 'loading') return;
		status = 'loading';
		try {
			const [builtIn, { cards, reviews }] = await Promise.all([loadBuiltInVocab(), stores()]);
			entries = byId(builtIn);
			// The user's words got their cards when they were added (addUserEntry): only the built-in deck may lack some.
			await cards.ensureCards([...entries.keys()], Date.now());
			await refresh();
			const last = await reviews.lastReview();
			canUndo = last !== undefined;
			status = 'ready';
			stopWatching?.();
			const { watch } = await stores();
			// A review made in another tab changes this queue: pick it up unless the user is looking at an answer.
			// The watch first reports the last review as it is now, already in the queue just read: reloading
			// then would hide an answer the user has just revealed.
			let seenLogId = last?.id;
			stopWatching = watch(
				() => reviews.lastReview(),
				(log) => {
					const changed = log?.id !== seenLogId;
					seenLogId = log?.id;
					if (changed && log?.id !== undefined && !ownLogIds.includes(log.id) && !revealed && !busy) void refresh();
				}
			);
		} catch (error) {
			console.error(error);
			status = 'error';
		}
	},
	stop(): void {
		clearTimeout(refreshTimer);
		stopWatching?.();
		stopWatching = undefined;
		ownLogIds = [];
	},
	reveal(): void {
		if (queue[0]) revealed = true;
	},
	async grade(rating: Grade): Promise<void> {
		const card = queue[0];
		if (!card || !revealed || !settings || busy) return;
		busy = true;
		timingStart('duka:grade');
		try {
			const durationMs = Math.round(performance.now() - shownAt);
			const { reviews, cards } = await stores();
			// The grade is written (and committed) before the next card shows, so closing the app then loses nothing.
			const graded = await reviews.recordReview(card.id, rating, Date.now(), durationMs, settings);
			generation++;
			void maybeAskPersistence();
			ownLogIds.push(graded.logId);
			canUndo = true;
			const now = Date.now();
			const next = rebuildAfterGrade(cards, graded, now);
			if (next && next.length > 0) {
				show(next, true);
				refreshWhenIdle();
			} else {
				await refresh(now);
			}
			await tick();
			timingPainted('duka:grade');
		} finally {
			busy = false;
		}
	},
	/** Takes back the last grade and shows that card again, as Anki does. */
	async undo(): Promise<boolean> {
		if (busy) return false;
		busy = true;
		generation++;
		try {
			const { reviews, cards } = await stores();
			const restored = await reviews.undoLastReview();
			if (!restored) {
				canUndo = false;
				return false;
			}
			await refresh();
			const card = await cards.getCard(restored.cardId);
			if (card) queue = [card, ...queue.filter((queued) => queued.id !== card.id)];
			canUndo = (await reviews.lastReview()) !== undefined;
			return true;
		} finally {
			busy = false;
		}
	}
};
