import type { VocabEntry } from '../model/words.ts';
import type { Grade } from 'ts-fsrs';
import type { StudyCardRow } from '../model/cards.ts';
import type { Stores } from '../db/lazy.ts';
import { loadBuiltInVocab, userEntryToVocab } from '../deck/entries.ts';
import { loadBuiltInClozeCards } from '../deck/passage.ts';
import type { QueueSource } from '../db/cards.ts';
import {
	buildQueue,
	countDue,
	dayStartFor,
	nextDayStart,
	nextLearningDue,
	predictGrade,
	previewIntervals,
	type DueCounts,
	type IntervalPreview,
	type QueueScope,
	type SchedulerSettings
} from '../scheduling/scheduler.ts';
import { timingPainted, timingStart } from '../ui/perf.ts';
import { flushSync } from 'svelte';
import { State } from 'ts-fsrs';
import { maybeAskPersistence } from '../storage/persistence.ts';
import { isWriteFull } from '../storage/writeErrors.ts';
import { journalEntryOf, reviewJournal, type ReviewJournal } from '../storage/reviewJournal.ts';
import { OwnReviews } from './ownReviews.ts';
import { TODAY, preparedCard, sameStudy, studyHorizon, studyScope, type CustomStudy } from './customStudy.ts';
import { loadCardWords, loadReadingOrder } from './readingWords.ts';
import { readingRanks } from '../scheduling/readingOrder.ts';

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
	/**
	 * Calls `run` at the time `at` (by the clock) or a little later, and returns how to cancel it: how the
	 * session follows the clock (a learning card falling due, the countdown, the day's rollover). Tests pass
	 * their own, to move time without waiting for it.
	 */
	wakeAt?: (at: number, run: () => void) => () => void;
}

/** What a session has done: for the summary at its end. */
export interface SessionSummary {
	reviewed: number;
	again: number;
	/** Time spent answering, each card counted up to ANSWER_TIME_CAP_MS (as Anki caps it). */
	spentMs: number;
}

/** A longer look at one card (the phone put down) counts as this long in the session's time. */
export const ANSWER_TIME_CAP_MS = 60_000;
/** While nothing is due, the countdown to the next card is brought up to date this often. */
export const COUNTDOWN_TICK_MS = 15_000;
// setTimeout takes at most a signed 32-bit number of milliseconds (about 24.8 days).
const LONGEST_TIMER_MS = 2 ** 31 - 1;

function wakeWithTimer(clock: () => number) {
	return (at: number, run: () => void) => {
		const timer = setTimeout(run, Math.min(LONGEST_TIMER_MS, Math.max(0, at - clock())));
		return () => clearTimeout(timer);
	};
}

/** A grade shown but not yet committed, with what to go back to if its commit fails. */
interface PendingGrade {
	cancelled: boolean;
	before: { source: QueueSource | undefined; shownAt: number };
}

/** The source with these rows in place of the ones of the same id (written rows over predicted ones). */
function withRows(source: QueueSource, rows: readonly StudyCardRow[]): QueueSource {
	const changed = new Map(rows.map((card) => [card.id, card]));
	return { ...source, candidates: source.candidates.map((card) => changed.get(card.id) ?? card) };
}

/** Today's source and, for study ahead, the one of the last day ahead: their cards together, today's limits. */
function mergeSources(today: QueueSource, ahead: QueueSource | undefined): QueueSource {
	if (!ahead) return today;
	const known = new Set(today.candidates.map((card) => card.id));
	return { ...today, candidates: [...today.candidates, ...ahead.candidates.filter((card) => !known.has(card.id))] };
}

const earliest = (...times: (number | null)[]) =>
	times.reduce<number | null>((min, time) => (time !== null && (min === null || time < min) ? time : min), null);

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

/**
 * One review session: the queue of due cards, the answer shown or not, grading and undo. A grade shows the
 * next card at once and is committed behind it, one grade after another in the order given (see grade).
 */
export class ReviewSession {
	// Replaced whole, never changed in place: no need for a deep proxy over hundreds of rows.
	#queue = $state.raw<StudyCardRow[]>([]);
	#revealed = $state(false);
	#counts = $state<DueCounts>({ new: 0, learning: 0, review: 0 });
	#status = $state<ReviewStatus>('idle');
	#nextDueAt = $state<number | null>(null);
	/** The time the screen was last brought up to date, for the countdown to the next card. */
	#now = $state(0);
	#hasOwn = $state(false);
	#pendingCount = $state(0);
	#entries = $state.raw<Map<string, VocabEntry>>(byId([]));
	#study = $state.raw<CustomStudy>(TODAY);
	#summary = $state<SessionSummary>({ reviewed: 0, again: 0, spentMs: 0 });
	#dueTomorrow = $state<number | null>(null);
	#newLeftToday = $state<number | null>(null);
	#newCardsPerDay = $state<number | null>(null);
	#settings: SchedulerSettings | undefined;
	/**
	 * The words whose new cards come first (reading order, or the words of the reading card a study prepares), for
	 * the settings and study they were worked out for: read once a session, since reading happens elsewhere.
	 */
	#firstWords: { key: string; words: Promise<string[] | undefined> } | undefined;
	#firstEntries: readonly string[] = [];
	#newRanks: ReadonlyMap<string, number> | undefined;
	/** The words of the reading card the study prepares; undefined for other studies, or a card not found. */
	#cardWords: ReadonlySet<string> | undefined;
	#loaded: Stores | undefined;
	#shownAt = 0;
	/** What the database says falls due next (read with the queue), for the done screen. */
	#databaseNextDue: number | null = null;
	/** Grades shown but not committed yet, oldest first; each commit waits for the one before (#commits). */
	#pending: PendingGrade[] = [];
	#commits: Promise<void> = Promise.resolve();
	/** Bumped when a failed commit brings its card back, so an Undo pressed meanwhile takes back nothing more. */
	#rollbacks = 0;
	#undoing = false;
	/** A reload of the queue asked for while grades were still being committed: done once they are. */
	#refreshAfterCommits = false;
	/** The card on screen was graded but not replaced (a grade past the day's rollover): the reload replaces it. */
	#headGraded = false;
	/** This session's own reviews, for the summary (and to take them out of it on undo); no template reads it. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #sessionReviews = new Map<number, { again: boolean; spentMs: number }>();
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
	#cancelWake: (() => void) | undefined;
	/** Left (the screen closed): a commit still finishing sets no timer. */
	#stopped = false;
	readonly #stores: () => Promise<Stores>;
	readonly #clock: () => number;
	readonly #wakeAt: (at: number, run: () => void) => () => void;

	constructor(
		loadStores: () => Promise<Stores>,
		{
			clock = Date.now,
			ownReviews = new OwnReviews(),
			journal = reviewJournal,
			wakeAt = wakeWithTimer(clock)
		}: ReviewSessionOptions = {}
	) {
		this.#stores = loadStores;
		this.#clock = clock;
		this.#own = ownReviews;
		this.#journal = journal;
		this.#wakeAt = wakeAt;
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

	/** New and review cards in the queue, and every (re)learning card due today (see countDue). */
	get counts(): DueCounts {
		return this.#counts;
	}

	get remaining(): number {
		return this.#queue.length;
	}

	/** When the next card falls due, once none is due now: a learning card coming back, or tomorrow's. */
	get nextDueAt(): number | null {
		return this.#nextDueAt;
	}

	/** The clock's time when the screen was last brought up to date (at least every COUNTDOWN_TICK_MS when done). */
	get now(): number {
		return this.#now;
	}

	get canUndo(): boolean {
		return this.#hasOwn || this.#pendingCount > 0;
	}

	/** Whether a grade is still being written (the next card already shows). */
	get committing(): boolean {
		return this.#pendingCount > 0;
	}

	get study(): CustomStudy {
		return this.#study;
	}

	get summary(): SessionSummary {
		return this.#summary;
	}

	/** New cards today's limit still allows (0 once it is reached); null until the queue is read. */
	get newLeftToday(): number | null {
		return this.#newLeftToday;
	}

	/** The settings' new cards per day (0: none are introduced); null until the queue is read. */
	get newCardsPerDay(): number | null {
		return this.#newCardsPerDay;
	}

	/** Cards (not new) that fall due by the end of tomorrow, read once the queue is empty; null until then. */
	get dueTomorrow(): number | null {
		return this.#dueTomorrow;
	}

	get previews(): IntervalPreview[] {
		const card = this.#queue[0];
		return card && this.#settings ? previewIntervals(card, this.#clock(), this.#settings) : [];
	}

	/**
	 * With the built-in cloze cards on, the words that have none yet get theirs: words a newer deck brought, and every
	 * word on a device that got the setting by sync. A text that cannot be read leaves the review to go on without.
	 */
	async #ensureBuiltInCloze({ cards, settings }: Stores): Promise<number> {
		if (!(await settings.loadSchedulerSettings()).builtInCloze) return 0;
		const wanted = await loadBuiltInClozeCards(this.#stores).catch(() => []);
		return cards.ensureCardsOf(wanted, this.#clock());
	}

	/**
	 * The built-in deck's upkeep (cards.ts `keepBuiltInDeck`), and its cloze cards; the user's words got their cards
	 * when they were added. Returns how many cards changed.
	 */
	async #keepDeckUp(loaded: Stores): Promise<number> {
		const changed = await loaded.cards.keepBuiltInDeck([...this.#entries.keys()], this.#clock());
		return changed + (await this.#ensureBuiltInCloze(loaded));
	}

	entryById(id: string): VocabEntry | undefined {
		return this.#entries.get(id);
	}

	/**
	 * Loads the deck, creates cards for entries that have none yet, and builds the queue: today's, or a
	 * custom study's. Called again with another study once started, it only reads that study's queue.
	 */
	async start(study: CustomStudy = TODAY): Promise<void> {
		if (this.#status === 'ready') return this.#changeStudy(study);
		if (this.#status === 'loading') return;
		this.#stopped = false;
		this.#study = study;
		this.#status = 'loading';
		try {
			const [builtIn, loaded] = await Promise.all([loadBuiltInVocab(), this.#stores()]);
			const { cards, reviews, watch } = loaded;
			this.#loaded = loaded;
			this.#entries = byId(builtIn);
			// On a device whose cards were made for this deck the first card shows first, and the upkeep (about a third
			// of the wait for that card: two more transactions over the cards) follows it; it changes nothing then, but
			// for a card lost since. A first start, or the first after a new deck, has its cards made before any shows.
			const upkeepAfter = await cards.cardsMadeForDeck([...this.#entries.keys()]);
			if (!upkeepAfter) await this.#keepDeckUp(loaded);
			await this.#refresh();
			this.#hasOwn = this.#own.last !== undefined;
			this.#status = 'ready';
			this.#scheduleWake();
			// Read once the card shows: what the watch below starts from.
			const last = await reviews.lastReview();
			if (this.#stopped) return;
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
			if (upkeepAfter) void this.#keepDeckUpBehind(loaded);
		} catch (error) {
			console.error(error);
			this.#status = 'error';
		}
	}

	/** The upkeep once the first card shows: should it make or suspend any card, the queue is read again around it. */
	async #keepDeckUpBehind(loaded: Stores): Promise<void> {
		try {
			if ((await this.#keepDeckUp(loaded)) === 0 || this.#stopped) return;
			// The words to introduce first were worked out from the cards there were: new ones may be among them.
			this.#firstWords = undefined;
			await this.#refresh(this.#clock(), true);
		} catch (error) {
			// The review goes on with the cards there are; the next start tries again.
			console.error(error);
		}
	}

	stop(): void {
		this.#stopped = true;
		clearTimeout(this.#refreshTimer);
		this.#cancelWake?.();
		this.#cancelWake = undefined;
		this.#stopWatching?.();
		this.#stopWatching = undefined;
	}

	reveal(): void {
		if (!this.#queue[0]) return;
		// Timed as the floor of a grade's: a tap that only flips a state, then the next frame.
		timingStart('duka:reveal');
		this.#revealed = true;
		flushSync();
		timingPainted('duka:reveal');
	}

	/**
	 * Grades the card on screen. The next card shows at once, worked out in memory by the same pure grading
	 * the commit runs (predictGrade); the commit, unchanged (one transaction, strict durability), follows
	 * behind it, after the grades before it. It starts right away, so the time in which a crash could lose the
	 * grade is what it always was. Should it fail, nothing of it is written, the grades queued behind it are
	 * dropped unwritten, and the graded card comes back with its answer and the problem. The promise settles
	 * once this grade's commit has.
	 */
	grade(rating: Grade): Promise<void> {
		const card = this.#queue[0];
		const settings = this.#settings;
		const loaded = this.#loaded;
		if (!card || !this.#revealed || !settings || !loaded || this.#undoing) return Promise.resolve();
		timingStart('duka:grade');
		const now = this.#clock();
		const durationMs = Math.round(performance.now() - this.#shownAt);
		const source = this.#source;
		const pending: PendingGrade = { cancelled: false, before: { source, shownAt: this.#shownAt } };
		this.#pending.push(pending);
		this.#pendingCount = this.#pending.length;
		this.#problem = undefined;
		this.#generation++;
		if (source && dayStartFor(now) === source.dayStart) {
			const siblings = source.candidates.filter((candidate) => candidate.entryId === card.entryId);
			this.#source = loaded.cards.sourceAfterGrade(source, predictGrade(card, siblings, rating, now, settings));
			this.#show(this.#build(now), true, now);
			flushSync();
			timingPainted('duka:grade');
		} else {
			// The grade falls in the next study day, whose queue the database has to give; the card on screen is
			// the graded one, not to be kept first.
			this.#refreshAfterCommits = true;
			this.#headGraded = true;
		}
		const committed = this.#commits.then(() => this.#commit(pending, loaded, card, rating, now, durationMs, settings));
		this.#commits = committed;
		return committed;
	}

	/** Writes one grade; never throws, so the grades queued behind it still run (or are dropped, on failure). */
	async #commit(
		pending: PendingGrade,
		loaded: Stores,
		card: StudyCardRow,
		rating: Grade,
		now: number,
		durationMs: number,
		settings: SchedulerSettings
	): Promise<void> {
		if (pending.cancelled) return;
		const { reviews, cards } = loaded;
		let graded: Awaited<ReturnType<typeof reviews.recordReview>>;
		try {
			// It applies only to the card as shown: the same showing graded in another tab first is refused.
			graded = await reviews.recordReview(card.id, rating, now, durationMs, settings, card);
		} catch (error) {
			this.#settle(pending);
			if (error instanceof reviews.AlreadyReviewedError) {
				this.#problem = 'reviewed-elsewhere';
				this.#refreshAfterCommits = true;
			} else {
				console.error(error);
				this.#rollBack(pending, card);
				this.#problem = await writeProblem(error, cards);
			}
			await this.#afterCommit();
			return;
		}
		// Committed: kept outside IndexedDB too, which a browser may reset on a full disk (never throws).
		this.#journal.append(journalEntryOf(graded));
		void maybeAskPersistence();
		this.#own.add(graded.logId);
		this.#hasOwn = true;
		const spentMs = Math.min(ANSWER_TIME_CAP_MS, Math.max(0, durationMs));
		this.#sessionReviews.set(graded.logId, { again: rating === 1, spentMs });
		this.#summary = {
			reviewed: this.#summary.reviewed + 1,
			again: this.#summary.again + (rating === 1 ? 1 : 0),
			spentMs: this.#summary.spentMs + spentMs
		};
		// The rows as written, in place of the predicted ones: the same values, from the same grading.
		if (this.#source) this.#source = withRows(this.#source, [graded.card, ...graded.buried]);
		this.#settle(pending);
		await this.#afterCommit();
	}

	#settle(pending: PendingGrade): void {
		this.#pending = this.#pending.filter((queued) => queued !== pending);
		this.#pendingCount = this.#pending.length;
	}

	/** A commit failed: it and every grade behind it are undone in memory, and its card shows again, answered. */
	#rollBack(failed: PendingGrade, card: StudyCardRow): void {
		for (const later of this.#pending) later.cancelled = true;
		this.#pending = [];
		this.#pendingCount = 0;
		this.#rollbacks++;
		this.#generation++;
		this.#source = failed.before.source;
		const now = this.#clock();
		const rest = this.#source ? this.#build(now) : this.#queue;
		this.#show([card, ...rest.filter((queued) => queued.id !== card.id)], true, now);
		this.#revealed = true;
		this.#shownAt = failed.before.shownAt;
	}

	/** Once the last commit is done: the queue is read again if something asked for it, or soon anyway. */
	async #afterCommit(): Promise<void> {
		if (this.#pending.length > 0) return;
		if (this.#refreshAfterCommits || this.#queue.length === 0) {
			this.#refreshAfterCommits = false;
			const keepHead = !this.#headGraded;
			this.#headGraded = false;
			// Never throws: the commits queued behind must still run.
			await this.#refresh(this.#clock(), keepHead).catch((error: unknown) => console.error(error));
		} else this.#refreshWhenIdle();
	}

	get #busy(): boolean {
		return this.#pending.length > 0 || this.#undoing;
	}

	/**
	 * Takes back this tab's last grade and shows that card again, as Anki does. Another tab's reviews are not
	 * this tab's to undo; a review whose card was graded again since (in another tab) is refused, and said so.
	 * Grades still being committed are waited for first; if one of them failed (its card is back already),
	 * nothing more is taken back.
	 */
	async undo(): Promise<boolean> {
		if (this.#undoing) return false;
		this.#undoing = true;
		const rollbacks = this.#rollbacks;
		try {
			await this.#commits;
			if (this.#rollbacks !== rollbacks) return false;
			this.#generation++;
			const { reviews, cards } = await this.#stores();
			const logId = this.#own.last;
			if (logId === undefined) {
				this.#hasOwn = false;
				return false;
			}
			const result = await reviews.undoReview(logId);
			this.#own.remove(logId);
			this.#hasOwn = this.#own.last !== undefined;
			if ('refused' in result) {
				if (result.refused === 'reviewed-later') this.#problem = 'reviewed-later';
				return false;
			}
			// Taken back: a rescue must not put it back.
			this.#journal.remove(result.undone);
			this.#forgetInSummary(logId);
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
			this.#undoing = false;
		}
	}

	#forgetInSummary(logId: number): void {
		const review = this.#sessionReviews.get(logId);
		if (!review) return;
		this.#sessionReviews.delete(logId);
		this.#summary = {
			reviewed: this.#summary.reviewed - 1,
			again: this.#summary.again - (review.again ? 1 : 0),
			spentMs: this.#summary.spentMs - review.spentMs
		};
	}

	async #changeStudy(study: CustomStudy): Promise<void> {
		if (sameStudy(study, this.#study)) return;
		this.#study = study;
		this.#dueTomorrow = null;
		if (this.#busy) this.#refreshAfterCommits = true;
		else await this.#refresh();
	}

	#refreshWhenIdle(): void {
		clearTimeout(this.#refreshTimer);
		if (this.#stopped) return;
		this.#refreshTimer = setTimeout(() => {
			this.#refreshTimer = undefined;
			if (!this.#busy) void this.#refresh(this.#clock(), true);
		}, REFRESH_AFTER_GRADE_MS);
	}

	/**
	 * Brings the screen up to the clock: a learning card that fell due joins the queue (in memory, the
	 * database read with the queue already holds it), the countdown moves on, a new study day reads its queue.
	 */
	#wake(): void {
		this.#cancelWake = undefined;
		if (this.#status !== 'ready') return;
		const now = this.#clock();
		this.#now = now;
		if (this.#busy) {
			// What follows the commits brings the queue up to date and sets the next wake.
			this.#refreshAfterCommits = true;
			return;
		}
		const source = this.#source;
		const stale = this.#databaseNextDue !== null && this.#databaseNextDue <= now;
		if (
			!source ||
			dayStartFor(now) !== source.dayStart ||
			(this.#queue.length === 0 && stale && this.#nextDueAt === null)
		)
			void this.#refresh(now, true);
		else this.#show(this.#keepingHead(this.#build(now)), false, now);
	}

	/** Sets the next wake: the next learning card due today, the countdown's next tick, the day's rollover. */
	#scheduleWake(): void {
		this.#cancelWake?.();
		this.#cancelWake = undefined;
		if (this.#stopped || (this.#status !== 'ready' && this.#status !== 'loading')) return;
		const now = this.#clock();
		let at = nextDayStart(now);
		if (this.#queue.length === 0 && this.#nextDueAt !== null)
			at = Math.min(at, this.#nextDueAt, now + COUNTDOWN_TICK_MS);
		else if (this.#source && this.#settings) {
			const learning = nextLearningDue(
				this.#source.candidates,
				now,
				this.#settings,
				this.#source.dayStart,
				this.#scope(now)
			);
			if (learning !== null) at = Math.min(at, learning);
		}
		this.#cancelWake = this.#wakeAt(at, () => this.#wake());
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

	#scope(now: number): QueueScope<StudyCardRow> {
		const scope = studyScope<StudyCardRow>(
			this.#study,
			now,
			(entryId) => this.#entries.get(entryId)?.articleId,
			this.#cardWords
		);
		return { ...scope, newRanks: this.#newRanks };
	}

	/**
	 * The words to introduce first for this study and these settings: a reading card's (its study), or those of the
	 * texts read, in reading order (unless the settings keep the deck's order). Worked out once for each.
	 */
	async #loadFirstWords(loaded: Stores, settings: SchedulerSettings): Promise<void> {
		const card = preparedCard(this.#study);
		const key = card ? `card:${card.articleId}/${card.cardId}` : settings.newCardOrder;
		if (this.#firstWords?.key !== key) {
			const words: Promise<string[] | undefined> = card
				? loadCardWords(loaded, card.articleId, card.cardId, this.#stores)
				: settings.newCardOrder === 'reading'
					? loadReadingOrder(loaded, this.#stores).then((order) => loaded.cards.entriesWithNewCards(order))
					: Promise.resolve([]);
			this.#firstWords = { key, words };
		}
		const current = this.#firstWords;
		// Reading order only sorts new cards: should it fail, the deck's order serves (a card's study shows nothing).
		const words = await current.words.catch((error: unknown) => {
			console.error(error);
			return card ? undefined : [];
		});
		if (this.#firstWords !== current) return;
		this.#firstEntries = words ?? [];
		this.#newRanks = words && words.length > 0 ? readingRanks(words) : undefined;
		// Replaced whole, never changed in place, and no template reads it.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		this.#cardWords = card && words ? new Set(words) : undefined;
	}

	/** The queue from what it is built from (#source), at `now`, through the one buildQueue the database read uses. */
	#build(now: number): StudyCardRow[] {
		const source = this.#source;
		const settings = this.#settings;
		if (!source || !settings) return [];
		return buildQueue(source.candidates, source.done, now, settings, source.dayStart, this.#scope(now));
	}

	/** The card on screen stays first if it is still due (or its answer is showing): never swapped under the user. */
	#keepingHead(next: StudyCardRow[]): StudyCardRow[] {
		const head = this.#queue[0];
		if (head === undefined || !(this.#revealed || next.some((card) => card.id === head.id))) return next;
		return [next.find((card) => card.id === head.id) ?? head, ...next.filter((card) => card.id !== head.id)];
	}

	/**
	 * Shows a queue, with its counts and when the next card falls due. The first card counts as newly shown
	 * (answer hidden, answer time from now) when `fresh`, or when it is another card.
	 */
	#show(next: StudyCardRow[], fresh: boolean, now: number): void {
		const head = this.#queue[0]?.id;
		this.#queue = next.filter((card) => this.#entries.has(card.entryId));
		const source = this.#source;
		const settings = this.#settings;
		if (source && settings) {
			this.#newLeftToday = Math.max(0, settings.newCardsPerDay - source.done.newIntroduced);
			this.#newCardsPerDay = settings.newCardsPerDay;
			const scope = this.#scope(now);
			this.#counts = countDue(next, source.candidates, now, settings, source.dayStart, scope);
			const learning = nextLearningDue(source.candidates, now, settings, source.dayStart, scope);
			this.#nextDueAt = earliest(
				learning,
				this.#databaseNextDue !== null && this.#databaseNextDue > now ? this.#databaseNextDue : null
			);
		}
		this.#now = now;
		if (fresh || this.#queue[0]?.id !== head) {
			this.#revealed = false;
			this.#shownAt = performance.now();
		}
		this.#scheduleWake();
	}

	/**
	 * Reads the queue from the database: today's, or the custom study's. With `keepHead`, the card on screen
	 * stays first if it is still due (or its answer is showing), so a reload after a grade never swaps the
	 * card under the user. Grades still being committed are waited for: the database does not hold them yet.
	 */
	async #refresh(now = this.#clock(), keepHead = false): Promise<void> {
		if (this.#pending.length > 0) {
			this.#refreshAfterCommits = true;
			return;
		}
		const started = ++this.#generation;
		const loaded = await this.#stores();
		const { cards, settings: schedulerSettings } = loaded;
		const loadedSettings = await schedulerSettings.loadSchedulerSettings();
		await this.#loadFirstWords(loaded, loadedSettings);
		const horizon = studyHorizon(this.#study, now);
		const first = this.#firstEntries;
		const [today, ahead, nextDue] = await Promise.all([
			cards.loadQueueSource(now, loadedSettings, SPARE, first),
			// The last day ahead's source holds the review cards due up to the horizon (its limits are not today's).
			horizon === undefined ? undefined : cards.loadQueueSource(horizon - 1, loadedSettings, SPARE, first),
			cards.nextDueAfter(now)
		]);
		const nextSource = mergeSources(today, ahead);
		await this.#loadEntriesOf(nextSource.candidates);
		if (started !== this.#generation) return;
		this.#settings = loadedSettings;
		this.#source = nextSource;
		this.#databaseNextDue = nextDue;
		// The clock may have moved on while the queue was read (a wake shown meanwhile must not be undone by this
		// older time): within the same study day, what was read holds for the later time too.
		const latest = this.#clock();
		const at = dayStartFor(latest) === dayStartFor(now) ? Math.max(now, latest) : now;
		const next = this.#build(at);
		this.#show(keepHead ? this.#keepingHead(next) : next, !keepHead, at);
		if (this.#queue.length === 0) void this.#readDueTomorrow(cards, at, started);
	}

	async #readDueTomorrow(cards: Stores['cards'], now: number, started: number): Promise<void> {
		const tomorrowEnds = nextDayStart(nextDayStart(now));
		try {
			const [due] = await cards.countDueIn(
				[State.Learning, State.Review, State.Relearning],
				[[-Infinity, tomorrowEnds, true, false]]
			);
			if (started === this.#generation) this.#dueTomorrow = due ?? 0;
		} catch (error) {
			console.error(error);
		}
	}
}
