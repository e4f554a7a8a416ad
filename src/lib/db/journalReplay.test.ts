import { beforeEach, describe, expect, it } from 'vitest';
import type { Grade } from 'ts-fsrs';
import { BACKUP_APP, BACKUP_FORMAT, type BackupFile, type BackupTables } from '../backup/tables.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { journalEntryOf, ReviewJournal } from '../storage/reviewJournal.ts';
import { memoryStorage } from '../test/memoryStorage.ts';
import { DAY, MIN, T0 } from '../test/clock.ts';
import { exportAll, restore } from './backup.ts';
import { cardId, ensureCards } from './cards.ts';
import type { DukaDatabase } from './db.ts';
import { putBackReviews, restoreWithReviews } from './journalReplay.ts';
import { checkDatabase, recordReview } from './reviews.ts';
import { freshDatabase } from './testDatabase.ts';
import { addUserEntry } from './userEntries.ts';

const settings = DEFAULT_SCHEDULER_SETTINGS;
const ENTRIES = ['huang-2025:加速计算', 'huang-2025:供应链', 'huang-2025:关税'];

let database: DukaDatabase;
let journal: ReviewJournal;
let time: number;

beforeEach(async () => {
	database = freshDatabase();
	const store = memoryStorage();
	journal = new ReviewJournal(() => store);
	time = T0;
	await ensureCards(ENTRIES, T0 - DAY);
});

/** Grades as the review session does: committed, then journaled. */
async function grade(id: string, rating: Grade, after = 3 * MIN): Promise<void> {
	time += after;
	const graded = await recordReview(id, rating, time, 2500, settings);
	journal.append(journalEntryOf(graded));
}

/** A day of study: both directions of every word, some again after their learning step. */
async function study(ratings: Grade[]): Promise<void> {
	let index = 0;
	for (const entry of ENTRIES)
		for (const direction of ['en2zh', 'zh2en'] as const)
			await grade(cardId(entry, direction), ratings[index++ % ratings.length]!);
}

const backupOf = (tables: BackupTables): BackupFile => ({
	app: BACKUP_APP,
	format: BACKUP_FORMAT,
	exportedAt: new Date(time).toISOString(),
	tables
});

/** The browser reset the database. */
const wipe = () => Promise.all(database.tables.map((table) => table.clear()));

const withoutIds = (reviews: ReviewLogRow[]) => reviews.map(({ id: _id, ...review }) => review);

describe('putting journaled reviews back', () => {
	it('gives back, over an older backup, every review since it and the cards exactly as they were', async () => {
		await study([3, 1, 4]);
		const older = await exportAll();
		journal.dropIncluded(older.reviews);
		time += DAY;
		await study([1, 3, 2, 4]);
		await grade(cardId(ENTRIES[0]!, 'en2zh'), 3, 10 * MIN);
		const before = await exportAll();
		expect(journal.size).toBe(before.reviews.length - older.reviews.length);

		await wipe();
		expect(await restoreWithReviews(backupOf(older), journal.entries())).toEqual({
			added: journal.size,
			alreadyThere: 0,
			skipped: 0
		});
		const after = await exportAll();
		expect(after.cards).toEqual(before.cards);
		expect(withoutIds(after.reviews)).toEqual(withoutIds(before.reviews));
		// The cards agree with a fresh replay of their logs: Check database finds nothing.
		expect(await checkDatabase(settings)).toEqual([]);
	});

	it('never puts back a review twice, whether the data already holds it or it is put back again', async () => {
		await study([3, 2]);
		const backup = await exportAll();
		await study([4]);
		const before = await exportAll();
		// The journal was not trimmed: it still holds the reviews the backup has.
		await restore(backupOf(backup), 'replace');
		const result = await putBackReviews(journal.entries());
		expect(result).toEqual({ added: 6, alreadyThere: 6, skipped: 0 });
		expect(await putBackReviews(journal.entries())).toEqual({ added: 0, alreadyThere: 12, skipped: 0 });
		const after = await exportAll();
		expect(withoutIds(after.reviews)).toEqual(withoutIds(before.reviews));
		expect(after.cards).toEqual(before.cards);
	});

	it('makes the cards again when the database lost everything and no backup is left', async () => {
		await study([3, 1]);
		const before = await exportAll();
		await wipe();
		expect(await putBackReviews(journal.entries())).toEqual({ added: 6, alreadyThere: 0, skipped: 0 });
		const after = await exportAll();
		const fsrs = ({ buriedUntil: _buried, ...card }: BackupTables['cards'][number]) => card;
		expect(after.cards.map(fsrs)).toEqual(before.cards.map(fsrs));
		expect(withoutIds(after.reviews)).toEqual(withoutIds(before.reviews));
		expect(await checkDatabase(settings)).toEqual([]);
	});

	it('leaves out the reviews of a word of the user’s that is gone, and reviews that do not follow on', async () => {
		await addUserEntry(
			{
				zh: '供应',
				pinyin: 'gōng yìng',
				en: 'to supply',
				defEn: 'to supply',
				defZh: '',
				example: '',
				articleId: 'huang-2025',
				paragraphId: 'p0052'
			},
			T0
		);
		await grade(cardId('user:供应', 'en2zh'), 3);
		await grade(cardId(ENTRIES[1]!, 'en2zh'), 3);
		const graded = await exportAll();
		await wipe();
		// Other data took this device's place since (Replace): the card has a history the journal's review does not follow.
		const replaced = structuredClone(graded);
		replaced.userEntries = [];
		replaced.cards = replaced.cards.filter((card) => !card.entryId.startsWith('user:'));
		replaced.reviews = [];
		const other = replaced.cards.find((card) => card.id === cardId(ENTRIES[1]!, 'en2zh'))!;
		Object.assign(other, { reps: 4, last_review: T0 - DAY, state: 2 });
		await restore(backupOf(replaced), 'replace');
		expect(await putBackReviews(journal.entries())).toEqual({ added: 0, alreadyThere: 0, skipped: 2 });
		expect(await database.reviews.count()).toBe(0);
		expect(await database.cards.get(cardId('user:供应', 'en2zh'))).toBeUndefined();
	});

	it('changes nothing when putting back fails halfway', async () => {
		await study([3]);
		const backup = await exportAll();
		await study([4]);
		const entries = journal.entries();
		const broken = { ...entries.at(-1)!, log: { ...entries.at(-1)!.log, rating: 9 as Grade } };
		await wipe();
		await expect(restoreWithReviews(backupOf(backup), [...entries.slice(0, -1), broken])).rejects.toThrow();
		expect(await database.reviews.count()).toBe(0);
		expect(await database.cards.count()).toBe(0);
	});
});
