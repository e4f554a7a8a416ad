import { leechAfterGrade } from '../scheduling/scheduler.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { StoredFsrsState, StudyCardRow } from '../model/cards.ts';
import { reviewIdentity, TABLE_NAMES, type BackupFile, type RowBatch } from '../backup/tables.ts';
import type { JournalEntry } from '../storage/reviewJournal.ts';
import { groupBy } from '../deck/search.ts';
import { restore, restoreRows } from './backup.ts';
import { recreatedCard } from './cards.ts';
import { db } from './db.ts';
import { rebuildFromHistory, sameShowing } from './reviews.ts';
import { loadSchedulerSettings } from './settings.ts';

export interface PutBackResult {
	/** Reviews of the journal written back. */
	added: number;
	/** Reviews the database already held (same card, same millisecond). */
	alreadyThere: number;
	/**
	 * Reviews left out: of a word of the user's that the database no longer has, or not following on from
	 * the card's state (the journal missed a review in between, or the data was replaced since).
	 */
	skipped: number;
}

/**
 * Puts back the journal's reviews the database lacks, in one transaction, then recomputes the cards they
 * touch from their whole review log with Check database's replay (rebuildFromHistory). A review goes back
 * only where it follows on from the card as the database holds it (the same rule that refuses a grade
 * given to a stale showing), so nothing is counted twice and no review lands on a history it was not part of.
 */
export async function putBackReviews(entries: readonly JournalEntry[]): Promise<PutBackResult> {
	const database = db();
	return database.transaction('rw', [database.cards, database.reviews, database.userEntries, database.kv], async () => {
		const settings = await loadSchedulerSettings();
		const result: PutBackResult = { added: 0, alreadyThere: 0, skipped: 0 };
		const rows: ReviewLogRow[] = [];
		const cards: StudyCardRow[] = [];
		const burials: { id: string; buriedUntil: number }[] = [];
		for (const [cardId, ofCard] of groupBy(entries, (entry) => entry.log.cardId)) {
			const held = new Set((await database.reviews.where('cardId').equals(cardId).toArray()).map(reviewIdentity));
			const missing = ofCard
				.filter((entry) => {
					const there = held.has(reviewIdentity(entry.log));
					if (there) result.alreadyThere++;
					return !there;
				})
				.sort((a, b) => a.log.reviewedAt - b.log.reviewedAt);
			if (missing.length === 0) continue;
			const card = (await database.cards.get(cardId)) ?? (await recreatedCard(cardId, missing[0]!.card));
			if (!card) {
				result.skipped += missing.length;
				continue;
			}
			let state: StoredFsrsState = card;
			let leech = card.leech;
			let followed = 0;
			for (const { log, buriedUntil } of missing) {
				if (!sameShowing(state, log.before)) {
					result.skipped++;
					continue;
				}
				const { id: _id, ...withoutId } = log;
				rows.push(withoutId);
				leech = leechAfterGrade(leech, log.rating, log.before, log.after);
				state = log.after;
				followed++;
				for (const sibling of log.sideEffects?.buriedSiblings ?? [])
					if (buriedUntil !== undefined) burials.push({ id: sibling.id, buriedUntil });
			}
			if (followed > 0) cards.push({ ...card, leech });
		}
		// Fresh ids, in time order: after every review already here, so replay (in id order) applies them last.
		await database.reviews.bulkAdd(rows.sort((a, b) => a.reviewedAt - b.reviewedAt));
		await database.cards.bulkPut(cards);
		for (const { id, buriedUntil } of burials)
			await database.cards
				.where(':id')
				.equals(id)
				.modify((card) => {
					card.buriedUntil = Math.max(card.buriedUntil, buriedUntil);
				});
		await rebuildFromHistory(
			cards.map((card) => card.id),
			settings
		);
		result.added = rows.length;
		return result;
	});
}

/**
 * Replaces everything with a backup (held in memory, or its rows as a file gives them) and puts back the journal's
 * reviews it lacks, all or nothing.
 */
export async function restoreWithReviews(
	backup: BackupFile | AsyncIterable<RowBatch>,
	entries: readonly JournalEntry[]
): Promise<PutBackResult> {
	const database = db();
	return database.transaction(
		'rw',
		TABLE_NAMES.map((name) => database.table(name)),
		async () => {
			await (Symbol.asyncIterator in backup ? restoreRows(backup, 'replace') : restore(backup, 'replace'));
			return putBackReviews(entries);
		}
	);
}
