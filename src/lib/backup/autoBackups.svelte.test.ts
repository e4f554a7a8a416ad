import { beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../db/lazy.ts';
import type { DukaDatabase } from '../db/db.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { AutoBackups } from './autoBackups.svelte.ts';
import { DAILY_MS, listSnapshots, memoryFolder } from './snapshots.ts';
import { sampleTables } from './testFixtures.ts';

const T0 = Date.UTC(2026, 11, 1, 9);
const MB = 1024 * 1024;

let database: DukaDatabase;
let folder: ReturnType<typeof memoryFolder>;
let time: number;
let estimate: { usage: number; quota: number } | undefined;
let auto: AutoBackups;

beforeEach(() => {
	database = freshDatabase();
	folder = memoryFolder();
	time = T0;
	estimate = { usage: 10 * MB, quota: 1000 * MB };
	auto = new AutoBackups(stores, {
		folder: async () => folder,
		estimate: async () => estimate,
		clock: () => time
	});
});

async function fill(): Promise<void> {
	const { backup } = await stores();
	const tables = sampleTables();
	await backup.restore(
		{ app: 'duka', format: 1, exportedAt: new Date(T0).toISOString(), tables } as Parameters<typeof backup.restore>[0],
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
		expect(rescue?.reason).toBe('daily');
		expect(auto.rescue?.name).toBe(rescue?.name);
		expect(await auto.restore(rescue!)).toBe(true);
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
