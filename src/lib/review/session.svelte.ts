import type { VocabEntry } from '../model/words.ts';
import type { Grade } from 'ts-fsrs';
import type { StudyCardRow } from '../model/cards.ts';
import type { Stores } from '../db/lazy.ts';
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
import { isWriteFull } from '../storage/writeErrors.ts';
import { journalEntryOf, reviewJournal, type ReviewJournal } from '../storage/reviewJournal.ts';
import { OwnReviews } from './ownReviews.ts';

export type ReviewStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * What went wrong with the last action, for the screen to say: the card was graded in another tab, the
 * grade could not be written (storage full, or another failure: the card stays on screen, answer shown), or
 * Undo had nothing of this tab's to take back.
 */
export type ReviewProblem = 'reviewed-elsewhere' | 'storage-full' | 'write-failed' | 'reviewed-later';

export interface ReviewSessionOptions {
	/** The time now, in ms; tests move it (past the day's rollover, say). */
	clock?: () => number;
	/** This tab's own reviews (sessionStorage); tests pass their own. */
	ownReviews?: OwnReviews;
	/** Where committed reviews are kept outside IndexedDB (localStorage); tests pass their own. */
	journal?: ReviewJournal;
}

/** New and review cards read beyond today's limits, for burying siblings in memory (see loadQueueSource). */
const SPARE = 16;
/**
 * After a grade the queue is rebuilt in memory; the database's own queue (with cards that fell due
 * meanwhile) is read once the user pauses, so the read never holds up the write of the next grade.
 */
const REFRESH_AFTER_GRADE_MS = 1500;

/**
 * Whether the database lost the whole deck under the session: on a full disk Chromium evicts the origin's
 * storage, and the grade then fails with a plain abort (its connection closed) or finds no card at all.
 */
async function deckGone(cards: Stores['cards']): Promise<boolean> {
	try {
		return (await cards.countCards()) === 0;
	} catch {
		return true;
	}
}

/** What a failed write means for the learner: storage is full (or was cleared), or some other failure. */
async function writeProblem(error: unknown, cards: Stores['cards']): Promise<ReviewProblem> {
	return isWriteFull(error) || (await deckGone(cards)) ? 'storage-full' : 'write-failed';
}

/** Replaced whole when entries are added, never changed in place. */
const byId = (list: readonly VocabEntry[]) => new Map(list.map((entry) => [entry.id, entry]));

const distinct = <T>(items: readonly T[]): T[] => [...new Set(items)];

/** One review session: the queue of due cards, the answer shown or not, grading and undo. */
export class ReviewSession {
	// Replaced whole, never changed in place: no need for a deep proxy over hundreds of rows.
	#queue = $state.raw<StudyCardRow[]>([]);
	#revealed = $state(false);
	#counts = $state<DueCounts>({ new: 0, learning: 0, review: 0 });
	#status = $state<ReviewStatus>('idle');
	#nextDueAt = $state<number | null>(null);
	#canUndo = $state(false);
	#entries = $state.raw<Map<string, VocabEntry>>(byId([]));
	#settings: SchedulerSettings | undefined;
	#shownAt = 0;
	#busy = false;
	/** Log ids written by this tab, to tell them from reviews made in another tab, and to undo only those. */
	readonly #own: OwnReviews;
	readonly #journal: ReviewJournal;
	#problem = $state<ReviewProblem | undefined>(undefined);
	#stopWatching: (() => void) | undefined;
	/** What the queue was built from, kept to rebuild it in memory right after a grade. */
	#source: QueueSource | undefined;
	/** Bumped by every grade, undo and reload, so a slower reload never overwrites a newer queue. */
	#generation = 0;
	#refreshTimer: ReturnType<typeof setTimeout> | undefined;
	readonly #stores: () => Promise<Stores>;
	readonly #clock: () => number;

	constructor(
		loadStores: () => Promise<Stores>,
		{ clock = Date.now, ownReviews = new OwnReviews(), journal = reviewJournal }: ReviewSessionOptions = {}
	) {
		this.#stores = loadStores;
		this.#clock = clock;
		this.#own = ownReviews;
		this.#journal = journal;
	}

	/** What went wrong with the last grade or undo, until the next one. */
	get problem(): ReviewProblem | undefined {
		return this.#problem;
	}

	get status(): ReviewStatus {
		return this.#status;
	}

	get current(): StudyCardRow | undefined {
		return this.#queue[0];
	}

	get entry(): VocabEntry | undefined {
		const card = this.#queue[0];
		return card ? this.#entries.get(card.entryId) : undefined;
	}

	get revealed(): boolean {
		return this.#revealed;
	}

	get counts(): DueCounts {
		return this.#counts;
	}

	get remaining(): number {
		return this.#queue.length;
	}

	get nextDueAt(): number | null {
		return this.#nextDueAt;
	}

	get canUndo(): boolean {
		return this.#canUndo;
	}

	get previews(): IntervalPreview[] {
		const card = this.#queue[0];
		return card && this.#settings ? previewIntervals(card, this.#clock(), this.#settings) : [];
	}

	entryById(id: string): VocabEntry | undefined {
		return this.#entries.get(id);
	}

	/** Loads the deck, creates cards for entries that have none yet, and builds today's queue. */
	async start(): Promise<void> {
		if (this.#status === 'loading') return;
		this.#status = 'loading';
		try {
			const [builtIn, { cards, reviews, watch }] = await Promise.all([loadBuiltInVocab(), this.#stores()]);
			this.#entries = byId(builtIn);
			// The user's words got their cards when they were added (addUserEntry): only the built-in deck may lack some.
			await cards.suspendRemovedBuiltInCards([...this.#entries.keys()]);
			await cards.ensureCards([...this.#entries.keys()], this.#clock());
			await this.#refresh();
			const last = await reviews.lastReview();
			this.#canUndo = this.#own.last !== undefined;
			this.#status = 'ready';
			this.#stopWatching?.();
			// A review made in another tab changes this queue: pick it up unless the user is looking at an answer.
			// The watch first reports the last review as it is now, already in the queue just read: reloading
			// then would hide an answer the user has just revealed.
			// A plain watch, not a LiveQuery: what follows a change is an action (a reload, skipped while an
			// answer shows or a grade is being written), not a value some template reads, and start/stop come
			// from the route's onMount, outside any effect that a LiveQuery's subscription would live in.
			let seenLogId = last?.id;
			this.#stopWatching = watch(
				() => reviews.lastReview(),
				(log) => {
					const changed = log?.id !== seenLogId;
					seenLogId = log?.id;
					if (changed && log?.id !== undefined && !this.#own.has(log.id) && !this.#revealed && !this.#busy)
						void this.#refresh();
				}
			);
		} catch (error) {
			console.error(error);
			this.#status = 'error';
		}
	}

	stop(): void {
		clearTimeout(this.#refreshTimer);
		this.#stopWatching?.();
		this.#stopWatching = undefined;
	}

	reveal(): void {
		if (this.#queue[0]) this.#revealed = true;
	}

	async grade(rating: Grade): Promise<void> {
		const card = this.#queue[0];
		const settings = this.#settings;
		if (!card || !this.#revealed || !settings || this.#busy) return;
		this.#busy = true;
		timingStart('duka:grade');
		try {
			const durationMs = Math.round(performance.now() - this.#shownAt);
			const { reviews, cards } = await this.#stores();
			this.#problem = undefined;
			// The grade is written (and committed) before the next card shows, so closing the app then loses nothing.
			// It applies only to the card as shown: the same showing graded in another tab first is refused.
			let graded: Awaited<ReturnType<typeof reviews.recordReview>>;
			try {
				graded = await reviews.recordReview(card.id, rating, this.#clock(), durationMs, settings, card);
			} catch (error) {
				if (error instanceof reviews.AlreadyReviewedError) {
					this.#problem = 'reviewed-elsewhere';
					await this.#refresh(this.#clock());
				} else {
					// Nothing was written: the card stays on screen with its answer, to be graded again.
					console.error(error);
					this.#problem = await writeProblem(error, cards);
				}
				return;
			}
			// Committed: kept outside IndexedDB too, which a browser may reset on a full disk (never throws).
			this.#journal.append(journalEntryOf(graded));
			this.#generation++;
			void maybeAskPersistence();
			this.#own.add(graded.logId);
			this.#canUndo = true;
			const now = this.#clock();
			const next = this.#rebuildAfterGrade(cards, graded, now);
			if (next && next.length > 0) {
				this.#show(next, true);
				this.#refreshWhenIdle();
			} else {
				await this.#refresh(now);
			}
			await tick();
			timingPainted('duka:grade');
		} finally {
			this.#busy = false;
		}
	}

	/**
	 * Takes back this tab's last grade and shows that card again, as Anki does. Another tab's reviews are not
	 * this tab's to undo; a review whose card was graded again since (in another tab) is refused, and said so.
	 */
	async undo(): Promise<boolean> {
		if (this.#busy) return false;
		this.#busy = true;
		this.#generation++;
		try {
			const { reviews, cards } = await this.#stores();
			const logId = this.#own.last;
			if (logId === undefined) {
				this.#canUndo = false;
				return false;
			}
			const result = await reviews.undoReview(logId);
			this.#own.remove(logId);
			this.#canUndo = this.#own.last !== undefined;
			if ('refused' in result) {
				if (result.refused === 'reviewed-later') this.#problem = 'reviewed-later';
				return false;
			}
			// Taken back: a rescue must not put it back.
			this.#journal.remove(result.undone);
			this.#problem = undefined;
			await this.#refresh();
			const card = await cards.getCard(result.undone.cardId);
			if (card) this.#queue = [card, ...this.#queue.filter((queued) => queued.id !== card.id)];
			return true;
		} catch (error) {
			console.error(error);
			this.#problem = await writeProblem(error, (await this.#stores()).cards);
			return false;
		} finally {
			this.#busy = false;
		}
	}

	#refreshWhenIdle(): void {
		clearTimeout(this.#refreshTimer);
		this.#refreshTimer = setTimeout(() => {
			this.#refreshTimer = undefined;
			if (!this.#busy) void this.#refresh(this.#clock(), true);
		}, REFRESH_AFTER_GRADE_MS);
	}

	/**
	 * Adds the entries of these cards that are not loaded yet: the built-in deck is loaded at the start, the
	 * user's words only as their cards come up (there may be tens of thousands of them).
	 */
	async #loadEntriesOf(cards: readonly StudyCardRow[]): Promise<void> {
		const missing = distinct(cards.map((card) => card.entryId)).filter((id) => !this.#entries.has(id));
		if (missing.length === 0) return;
		const { userEntries } = await this.#stores();
		const found = (await userEntries.getUserEntriesById(missing)).flatMap((row) =>
			row ? [userEntryToVocab(row)] : []
		);
		if (found.length > 0) this.#entries = byId([...this.#entries.values(), ...found]);
	}

	/**
	 * Shows a queue; the counts are the queue's own (what loadCounts would read again). The first card counts
	 * as newly shown (answer hidden, answer time from now) when `fresh`, or when it is another card.
	 */
	#show(next: StudyCardRow[], fresh: boolean): void {
		const head = this.#queue[0]?.id;
		this.#queue = next.filter((card) => this.#entries.has(card.entryId));
		this.#counts = countQueue(next);
		if (fresh || this.#queue[0]?.id !== head) {
			this.#revealed = false;
			this.#shownAt = performance.now();
		}
	}

	/**
	 * Reads today's queue from the database. With `keepHead`, the card on screen stays first if it is still
	 * due (or its answer is showing), so a reload after a grade never swaps the card under the user.
	 */
	async #refresh(now = this.#clock(), keepHead = false): Promise<void> {
		const started = ++this.#generation;
		const { cards, settings: schedulerSettings } = await this.#stores();
		const loadedSettings = await schedulerSettings.loadSchedulerSettings();
		const [nextSource, nextDue] = await Promise.all([
			cards.loadQueueSource(now, loadedSettings, SPARE),
			cards.nextDueAfter(now)
		]);
		await this.#loadEntriesOf(nextSource.candidates);
		if (started !== this.#generation) return;
		this.#settings = loadedSettings;
		this.#source = nextSource;
		this.#nextDueAt = nextDue;
		let next = buildQueue(nextSource.candidates, nextSource.done, now, loadedSettings, nextSource.dayStart);
		const head = this.#queue[0];
		const keep = keepHead && head !== undefined && (this.#revealed || next.some((card) => card.id === head.id));
		if (keep) next = [next.find((card) => card.id === head.id) ?? head, ...next.filter((card) => card.id !== head.id)];
		this.#show(next, !keep);
	}

	/**
	 * The queue after a grade, rebuilt in memory from what it was built from: the graded card's new state,
	 * its buried siblings and the day's work, through the same buildQueue the database read uses.
	 */
	#rebuildAfterGrade(
		cards: Stores['cards'],
		graded: Parameters<Stores['cards']['sourceAfterGrade']>[1],
		now: number
	): StudyCardRow[] | undefined {
		const settings = this.#settings;
		if (!this.#source || !settings || dayStartFor(now) !== this.#source.dayStart) return undefined;
		this.#source = cards.sourceAfterGrade(this.#source, graded);
		return buildQueue(this.#source.candidates, this.#source.done, now, settings, this.#source.dayStart);
	}
}
