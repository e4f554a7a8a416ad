import type { VocabEntry } from '../content/types';
import type { StudyCardRow } from '../db/db';
import { stores } from '../db/lazy';
import { loadBuiltInVocab, userEntryToVocab } from '../deck/entries';
import { previewIntervals, type DueCounts, type IntervalPreview, type SchedulerSettings } from '../scheduling/scheduler';
import { timingPainted, timingStart } from '../perf';
import { tick } from 'svelte';
import { maybeAskPersistence } from '../storage/persistence';

let queue = $state<StudyCardRow[]>([]);
let revealed = $state(false);
let counts = $state<DueCounts>({ new: 0, learning: 0, review: 0 });
let status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
let nextDueAt = $state<number | null>(null);
let canUndo = $state(false);
let entries = $state<Map<string, VocabEntry>>(new Map());
let settings: SchedulerSettings | undefined;
let shownAt = 0;
let busy = false;
/** Log ids written by this tab, to tell them from reviews made in another tab. */
let ownLogIds: number[] = [];
let stopWatching: (() => void) | undefined;

async function loadEntries(): Promise<Map<string, VocabEntry>> {
	const { userEntries } = await stores();
	const [builtIn, mine] = await Promise.all([loadBuiltInVocab(), userEntries.listUserEntries()]);
	return new Map([...builtIn, ...mine.map(userEntryToVocab)].map((entry) => [entry.id, entry]));
}

async function refresh(now = Date.now()): Promise<void> {
	const { cards, settings: schedulerSettings } = await stores();
	settings = await schedulerSettings.loadSchedulerSettings();
	const [nextQueue, nextCounts, nextDue] = await Promise.all([cards.loadQueue(now, settings), cards.loadCounts(now, settings), cards.nextDueAfter(now)]);
	queue = nextQueue.filter((card) => entries.has(card.entryId));
	counts = nextCounts;
	nextDueAt = nextDue;
	revealed = false;
	shownAt = performance.now();
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
			entries = await loadEntries();
			const { cards, reviews } = await stores();
			await cards.ensureCards([...entries.keys()], Date.now());
			await refresh();
			canUndo = (await reviews.lastReview()) !== undefined;
			status = 'ready';
			stopWatching?.();
			const { watch } = await stores();
			// A review made in another tab changes this queue: pick it up unless the user is looking at an answer.
			stopWatching = watch(
				() => reviews.lastReview(),
				(log) => {
					if (log?.id !== undefined && !ownLogIds.includes(log.id) && !revealed && !busy) void refresh();
				}
			);
		} catch (error) {
			console.error(error);
			status = 'error';
		}
	},
	stop(): void {
		stopWatching?.();
		stopWatching = undefined;
		ownLogIds = [];
	},
	reveal(): void {
		if (queue[0]) revealed = true;
	},
	async grade(rating: 1 | 2 | 3 | 4): Promise<void> {
		const card = queue[0];
		if (!card || !revealed || !settings || busy) return;
		busy = true;
		timingStart('duka:grade');
		try {
			const durationMs = Math.round(performance.now() - shownAt);
			const { reviews } = await stores();
			const { logId } = await reviews.recordReview(card.id, rating, Date.now(), durationMs, settings);
			void maybeAskPersistence();
			ownLogIds.push(logId);
			canUndo = true;
			await refresh();
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
