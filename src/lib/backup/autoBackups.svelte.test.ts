import { beforeEach, describe, expect, it } from 'vitest';
import type { Grade } from 'ts-fsrs';
import { stores } from '../db/lazy.ts';
import type { DukaDatabase } from '../db/db.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { JOURNAL_SNAPSHOT_AFTER, journalEntryOf, ReviewJournal } from '../storage/reviewJournal.ts';
import { memoryStorage } from '../test/memoryStorage.ts';
import { AutoBackups } from './autoBackups.svelte.ts';
import { DAILY_MS, listSnapshots, memoryFolder, type SnapshotFolder } from './snapshots.ts';
import { BACKUP_FORMAT, TABLE_NAMES } from './tables.ts';
import { sampleTables } from './testFixtures.ts';

const T0 = Date.UTC(2026, 11, 1, 9);
const MB = 1024 * 1024;

let database: DukaDatabase;
let folder: ReturnType<typeof memoryFolder>;
let time: number;
let estimate: { usage: number; quota: number } | undefined;
let journal: ReviewJournal;
let auto: AutoBackups;

beforeEach(() => {
	database = freshDatabase();
	folder = memoryFolder();
	time = T0;
	estimate = { usage: 10 * MB, quota: 1000 * MB };
	const storage = memoryStorage();
	journal = new ReviewJournal(() => storage);
	auto = new AutoBackups(stores, {
		folder: async () => folder,
		estimate: async () => estimate,
		clock: () => time,
		journal
	});
});

async function fill(): Promise<void> {
	const { backup } = await stores();
	// Every table, empty where the sample holds none (a table added since the sample was written).
	const tables = { ...Object.fromEntries(TABLE_NAMES.map((name) => [name, []])), ...sampleTables() };
	await backup.restore(
		{ app: 'duka', format: BACKUP_FORMAT, exportedAt: new Date(T0).toISOString(), tables } as Parameters<
			typeof backup.restore
		>[0],
		'replace'
	);
}

describe('AutoBackups', () => {
	it('takes the daily snapshot once a day, only after a change', async () => {
		expect(await auto.takeDailyIfDue()).toBeUndefined();
		await fill();
		expect((await auto.takeDailyIfDue())?.reason).toBe('daily');
		time += DAILY_MS;
		// Nothing changed since the last one: no new snapshot.
		expect(await auto.takeDailyIfDue()).toBeUndefined();
		expect((await listSnapshots(folder)).length).toBe(1);
	});

	it('refuses to take a snapshot the disk has no room for, and says so by throwing', async () => {
		await fill();
		estimate = { usage: 999 * MB, quota: 1000 * MB };
		await expect(auto.take('before-replace')).rejects.toThrow(/not enough space/);
		expect(folder.files.size).toBe(0);
	});

	it('finds a snapshot to rescue an emptied database, and puts every row back', async () => {
		await fill();
		const before = await Promise.all(database.tables.map((table) => table.toArray()));
		await auto.take('daily');
		// The browser reset the database.
		await Promise.all(database.tables.map((table) => table.clear()));
		const rescue = await auto.checkForRescue();
		expect(rescue?.snapshot?.reason).toBe('daily');
		expect(rescue?.reviews).toBe(0);
		expect(auto.rescue).toBe(rescue);
		expect(await auto.restore(rescue!)).toEqual({ added: 0, alreadyThere: 0, skipped: 0 });
		expect(auto.rescue).toBeUndefined();
		expect(await Promise.all(database.tables.map((table) => table.toArray()))).toEqual(before);
	});

	it('offers no rescue while the database still holds the learner’s data, or without any snapshot', async () => {
		expect(await auto.checkForRescue()).toBeUndefined();
		await fill();
		await auto.take('daily');
		expect(await auto.checkForRescue()).toBeUndefined();
	});

	it('does nothing where the browser keeps no files', async () => {
		const without = new AutoBackups(stores, { folder: async () => undefined });
		await fill();
		expect(await without.take('before-replace')).toBeUndefined();
		expect(await without.takeDailyIfDue()).toBeUndefined();
		expect(await without.list()).toEqual([]);
	});
});

/** A grade as the review session gives it: committed, then journaled. */
async function grade(id: string, rating: Grade, step = 5 * 60_000): Promise<void> {
	time += step;
	const { reviews } = await stores();
	journal.append(journalEntryOf(await reviews.recordReview(id, rating, time, 3000, DEFAULT_SCHEDULER_SETTINGS)));
}

const [EN2ZH, ZH2EN] = sampleTables().cards.map((card) => card.id) as [string, string];

describe('AutoBackups and the review journal', () => {
	it('empties the journal of what a backup that outlives a reset holds, and only then', async () => {
		await fill();
		await grade(EN2ZH, 3);
		await grade(ZH2EN, 1);
		// Too big for the localStorage copy: OPFS alone goes with the database on a full disk.
		const copyless: SnapshotFolder = { ...memoryFolder() };
		const unkept = new AutoBackups(stores, {
			folder: async () => folder,
			lasting: async () => copyless,
			estimate: async () => estimate,
			clock: () => time,
			journal
		});
		await unkept.take('daily');
		expect(journal.size).toBe(2);
		await auto.take('daily');
		expect(journal.size).toBe(0);
	});

	it('puts back, with the automatic backup, every review made since it, the cards as a replay gives them', async () => {
		await fill();
		await grade(EN2ZH, 3);
		await auto.take('daily');
		time += DAILY_MS;
		for (const rating of [3, 1, 4] as Grade[]) await grade(EN2ZH, rating);
		await grade(ZH2EN, 2);
		const before = await Promise.all(database.tables.map((table) => table.toArray()));
		await Promise.all(database.tables.map((table) => table.clear()));

		const rescue = await auto.checkForRescue();
		expect(rescue).toEqual({ snapshot: expect.objectContaining({ reason: 'daily' }), reviews: 4 });
		expect(await auto.restore(rescue!)).toEqual({ added: 4, alreadyThere: 0, skipped: 0 });
		const { reviews, cards } = await stores();
		expect(await reviews.checkDatabase(DEFAULT_SCHEDULER_SETTINGS)).toEqual([]);
		const after = await Promise.all(database.tables.map((table) => table.toArray()));
		const names = database.tables.map((table) => table.name);
		const reviewsAt = names.indexOf('reviews');
		const withoutIds = (rows: unknown[]) => rows.map((row) => ({ ...(row as object), id: undefined }));
		expect(withoutIds(after[reviewsAt]!)).toEqual(withoutIds(before[reviewsAt]!));
		expect(await cards.listCards()).toEqual(before[names.indexOf('cards')]);
		// Tapped again (a second tab): the same data, nothing doubled.
		await auto.restore(rescue!);
		expect(await reviews.countReviews()).toBe(before[reviewsAt]!.length);
		expect(await cards.listCards()).toEqual(before[names.indexOf('cards')]);
	});

	it('puts the journal’s reviews back by themselves when no automatic backup is left', async () => {
		const without = new AutoBackups(stores, { folder: async () => undefined, journal });
		await fill();
		await grade(EN2ZH, 3);
		await grade(ZH2EN, 4);
		await Promise.all(database.tables.map((table) => table.clear()));
		const rescue = await without.checkForRescue();
		expect(rescue).toEqual({ reviews: 2 });
		// The first card's earlier review went with the database: the journal's review of it does not follow on
		// from a new card, so it stays out rather than give the card a history it did not have.
		expect(await without.restore(rescue!)).toEqual({ added: 1, alreadyThere: 0, skipped: 1 });
		const { reviews } = await stores();
		expect((await reviews.reviewHistory(ZH2EN)).map((log) => log.rating)).toEqual([4]);
		expect(await reviews.checkDatabase(DEFAULT_SCHEDULER_SETTINGS)).toEqual([]);
		expect(without.rescue).toBeUndefined();
	});

	it('takes a backup for a full journal before a day is up', async () => {
		const full = new AutoBackups(stores, { folder: async () => folder, clock: () => time, journal });
		await fill();
		await full.take('daily');
		time += 60_000;
		for (let index = 0; index < 149; index++) {
			await grade(EN2ZH, 3, 1000);
			await grade(ZH2EN, 3, 1000);
		}
		expect(await full.takeDailyIfDue()).toBeUndefined();
		await grade(EN2ZH, 1, 1000);
		expect(await full.takeDailyIfDue()).toBeUndefined();
		await grade(ZH2EN, 1, 1000);
		expect(journal.size).toBe(JOURNAL_SNAPSHOT_AFTER);
		expect((await full.takeDailyIfDue())?.reason).toBe('daily');
		expect(journal.size).toBe(0);
	});
});
