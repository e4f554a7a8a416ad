/**
 * Every review Duka has committed, kept outside IndexedDB too, in localStorage: on a full disk Chromium can
 * reset the origin's IndexedDB (and OPFS with it), while localStorage stays. The automatic backup in
 * localStorage (backup/snapshots.ts) gives back the collection as it was when it was taken; this journal
 * gives back the reviews made since. One key per review, so an append writes ~900 characters whatever the
 * journal holds, and two tabs appending at once never overwrite each other.
 */

import type { ReviewLogRow } from '../model/reviews.ts';
import type { StudyCardRow } from '../model/cards.ts';
import { reviewIdentity } from '../backup/tables.ts';
import { pageStorage } from './pageStorage.ts';

/** A committed review, with what it takes to put it back on a database that lost it. */
export interface JournalEntry {
	/** The log row as written, its id included (ids are per database: a put-back row gets a new one). */
	log: ReviewLogRow;
	/** The card beyond its FSRS state, to create it again where the database lost it too. */
	card: Pick<StudyCardRow, 'entryId' | 'direction' | 'createdAt'>;
	/** Until when the review buried the siblings it names in `log.sideEffects.buriedSiblings`. */
	buriedUntil?: number;
}

/** What a grade returns (recordReview), as the journal reads it. */
export interface CommittedGrade {
	log: ReviewLogRow;
	card: StudyCardRow;
	buried: readonly Pick<StudyCardRow, 'buriedUntil'>[];
}

export function journalEntryOf({ log, card, buried }: CommittedGrade): JournalEntry {
	const entry: JournalEntry = {
		log,
		card: { entryId: card.entryId, direction: card.direction, createdAt: card.createdAt }
	};
	if (buried[0]) entry.buriedUntil = buried[0].buriedUntil;
	return entry;
}

/** The part of `Storage` the journal uses, so tests can pass a stand-in. */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/**
 * At most this many reviews are kept (about 0.9 M characters, beside the automatic backup's copy of up to
 * 2.5 M). Past it the oldest are dropped: they are only ever that many when no backup that outlives a reset
 * could be taken since (no OPFS, a collection too large to copy to localStorage, or a thousand reviews in one
 * sitting), and the newest reviews are the ones no backup holds at all.
 */
export const JOURNAL_MAX_ENTRIES = 1_000;
/** From this many reviews an automatic backup is due at the next start, so the journal empties again. */
export const JOURNAL_SNAPSHOT_AFTER = 300;

const PREFIX = 'duka:journal:';

/** One key per review: its time first, so the keys alone say which entries are oldest. */
const keyOf = (log: Pick<ReviewLogRow, 'cardId' | 'reviewedAt'>) => `${PREFIX}${log.reviewedAt}|${log.cardId}`;

const reviewedAtOfKey = (key: string) => Number(key.slice(PREFIX.length, key.indexOf('|', PREFIX.length)));

const isState = (value: unknown) =>
	!!value && typeof value === 'object' && typeof (value as { reps?: unknown }).reps === 'number';

/** An entry as read back, or undefined when the text is not one (damaged, or written by something else). */
function parseEntry(text: string | null): JournalEntry | undefined {
	if (text === null) return undefined;
	try {
		const value = JSON.parse(text) as Partial<JournalEntry> | null;
		const log = value?.log;
		const card = value?.card;
		const valid =
			!!log &&
			!!card &&
			typeof log.cardId === 'string' &&
			typeof log.reviewedAt === 'number' &&
			[1, 2, 3, 4].includes(log.rating) &&
			isState(log.before) &&
			isState(log.after) &&
			typeof card.entryId === 'string' &&
			typeof card.createdAt === 'number';
		return valid ? (value as JournalEntry) : undefined;
	} catch {
		return undefined;
	}
}

/** Oldest first; within the same millisecond (two cards), in the order they were written. */
const byTime = (a: JournalEntry, b: JournalEntry) =>
	a.log.reviewedAt - b.log.reviewedAt || (a.log.id ?? 0) - (b.log.id ?? 0);

export class ReviewJournal {
	readonly #store: () => JournalStorage | undefined;
	readonly #maxEntries: number;
	/** Appends that did not fit since the page loaded: those reviews are in IndexedDB only. */
	notKept = 0;

	constructor(store: () => JournalStorage | undefined = pageStorage, maxEntries = JOURNAL_MAX_ENTRIES) {
		this.#store = store;
		this.#maxEntries = maxEntries;
	}

	/** The journal's keys, oldest first when `sorted` (read from the keys alone, no values). */
	#keys(store: JournalStorage, sorted = true): string[] {
		const keys: string[] = [];
		for (let index = 0; index < store.length; index++) {
			const key = store.key(index);
			if (key?.startsWith(PREFIX)) keys.push(key);
		}
		return sorted ? keys.sort((a, b) => reviewedAtOfKey(a) - reviewedAtOfKey(b)) : keys;
	}

	/**
	 * Keeps a committed review. Never throws: a full or disabled localStorage only costs this review its
	 * copy (it is in IndexedDB), and is noted. Returns whether it was kept.
	 */
	append(entry: JournalEntry): boolean {
		try {
			const store = this.#store();
			if (!store) return false;
			store.setItem(keyOf(entry.log), JSON.stringify(entry));
			const count = this.#keys(store, false).length;
			if (count > this.#maxEntries)
				for (const key of this.#keys(store).slice(0, count - this.#maxEntries)) store.removeItem(key);
			return true;
		} catch (error) {
			this.notKept++;
			console.warn('A review could not be kept outside the database (localStorage full?)', error);
			return false;
		}
	}

	/** Forgets a review that was taken back (undo). Never throws. */
	remove(log: Pick<ReviewLogRow, 'cardId' | 'reviewedAt'>): void {
		try {
			this.#store()?.removeItem(keyOf(log));
		} catch (error) {
			console.warn('Could not forget an undone review', error);
		}
	}

	/** Every entry kept, oldest first; damaged ones are left out. */
	entries(): JournalEntry[] {
		try {
			const store = this.#store();
			if (!store) return [];
			return this.#keys(store)
				.flatMap((key) => parseEntry(store.getItem(key)) ?? [])
				.sort(byTime);
		} catch {
			return [];
		}
	}

	get size(): number {
		try {
			const store = this.#store();
			return store ? this.#keys(store, false).length : 0;
		} catch {
			return 0;
		}
	}

	/** The entries whose review is not among `reviews` (a backup's, say), oldest first. */
	notIn(reviews: Iterable<Pick<ReviewLogRow, 'cardId' | 'reviewedAt'>>): JournalEntry[] {
		const held = new Set(Array.from(reviews, reviewIdentity));
		return this.entries().filter((entry) => !held.has(reviewIdentity(entry.log)));
	}

	/**
	 * Drops the entries whose review is among `reviews`: a backup that outlives a reset holds them now. Only
	 * those: a review committed while the backup was being read is not in it, whatever its time.
	 */
	dropIncluded(reviews: Iterable<Pick<ReviewLogRow, 'cardId' | 'reviewedAt'>>): number {
		try {
			const store = this.#store();
			if (!store) return 0;
			const journaled = new Set(this.#keys(store, false));
			let dropped = 0;
			for (const review of reviews) {
				const key = keyOf(review);
				if (!journaled.has(key)) continue;
				store.removeItem(key);
				dropped++;
			}
			return dropped;
		} catch (error) {
			console.warn('Could not trim the review journal', error);
			return 0;
		}
	}

	/**
	 * Whether an automatic backup is due for the journal's sake: it holds many reviews, and the newest backup
	 * was taken before the oldest of them (a newer one that left them here could not be copied to
	 * localStorage, and another would not either).
	 */
	snapshotDue(lastSnapshotAt: number | undefined, threshold = JOURNAL_SNAPSHOT_AFTER): boolean {
		try {
			const store = this.#store();
			if (!store) return false;
			const keys = this.#keys(store);
			if (keys.length < threshold) return false;
			return lastSnapshotAt === undefined || reviewedAtOfKey(keys[0]!) > lastSnapshotAt;
		} catch {
			return false;
		}
	}
}

/** The app's journal, in this origin's localStorage. */
export const reviewJournal = new ReviewJournal();
