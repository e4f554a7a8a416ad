import { describe, expect, it } from 'vitest';
import {
	DAILY_MS,
	dailySnapshotDue,
	gunzipText,
	gzipText,
	listSnapshots,
	localStorageFolder,
	memoryFolder,
	mirroredFolder,
	parseSnapshotName,
	readSnapshot,
	saveSnapshot,
	snapshotName,
	type SnapshotFolder
} from './snapshots.ts';
import { memoryStorage } from '../test/memoryStorage.ts';
import { SNAPSHOT_KEY } from '../boot/earlyPaint.ts';

const T0 = Date.UTC(2026, 10, 1, 9);

const bytes = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 7) % 256);

describe('snapshots', () => {
	it('compresses and decompresses the backup text exactly', async () => {
		const text = '{"app":"duka"}\n数据中心 data center 👩🏽‍💻\n'.repeat(200);
		const packed = await gzipText(text);
		expect(packed.byteLength).toBeLessThan(text.length / 10);
		expect(await gunzipText(packed)).toBe(text);
	});

	it('names snapshots by time and reason, and reads those names back', () => {
		expect(parseSnapshotName(snapshotName(T0, 'before-replace'))).toEqual({
			name: snapshotName(T0, 'before-replace'),
			takenAt: T0,
			reason: 'before-replace'
		});
		expect(parseSnapshotName('notes.txt')).toBeUndefined();
		expect(parseSnapshotName('duka-snapshot-1-unknown.json.gz')).toBeUndefined();
	});

	it('keeps the newest three, newest first', async () => {
		const folder = memoryFolder();
		for (let day = 0; day < 5; day++) await saveSnapshot(folder, `backup ${day}`, 'daily', T0 + day * DAILY_MS);
		const kept = await listSnapshots(folder);
		expect(kept.map((snapshot) => snapshot.takenAt)).toEqual([T0 + 4 * DAILY_MS, T0 + 3 * DAILY_MS, T0 + 2 * DAILY_MS]);
		expect(await readSnapshot(folder, kept[0]!.name)).toBe('backup 4');
	});

	it('keeps within the size cap, but always the new one', async () => {
		const folder = memoryFolder();
		const big = 'x'.repeat(10_000);
		await saveSnapshot(folder, big + 'a', 'daily', T0);
		const limits = { keep: 3, maxBytes: (await listSnapshots(folder))[0]!.bytes + 10 };
		await saveSnapshot(folder, big + 'b', 'before-replace', T0 + 1, limits);
		expect((await listSnapshots(folder)).map((snapshot) => snapshot.reason)).toEqual(['before-replace']);
	});

	it('loses no older snapshot when writing a new one fails', async () => {
		const folder = memoryFolder();
		await saveSnapshot(folder, 'old', 'daily', T0);
		const full: SnapshotFolder = {
			...folder,
			write: () => Promise.reject(new DOMException('full', 'QuotaExceededError'))
		};
		await expect(saveSnapshot(full, 'new', 'daily', T0 + DAILY_MS)).rejects.toThrow('full');
		expect((await listSnapshots(folder)).length).toBe(1);
	});

	it('reads a damaged or missing snapshot as nothing', async () => {
		const folder = memoryFolder();
		folder.files.set(snapshotName(T0, 'daily'), new Uint8Array([1, 2, 3]));
		expect(await readSnapshot(folder, snapshotName(T0, 'daily'))).toBeUndefined();
		expect(await readSnapshot(folder, 'gone')).toBeUndefined();
	});

	it('takes the daily snapshot once a day, and only after a change', () => {
		const last = { name: 'x', takenAt: T0, reason: 'daily' as const, bytes: 1 };
		expect(dailySnapshotDue(undefined, 0, T0)).toBe(false);
		expect(dailySnapshotDue(undefined, T0 - 1, T0)).toBe(true);
		expect(dailySnapshotDue(last, T0 + 10, T0 + DAILY_MS - 1)).toBe(false);
		expect(dailySnapshotDue(last, T0 - 10, T0 + DAILY_MS)).toBe(false);
		expect(dailySnapshotDue(last, T0 + 10, T0 + DAILY_MS)).toBe(true);
	});

	it('keeps the newest snapshot in localStorage, one at a time, and reads it back byte for byte', async () => {
		const store = memoryStorage();
		const kept = localStorageFolder(store)!;
		await kept.write(snapshotName(T0, 'daily'), bytes(100_000));
		await kept.write(snapshotName(T0 + 1, 'before-replace'), bytes(70_001));
		expect(await kept.list()).toEqual([{ name: snapshotName(T0 + 1, 'before-replace'), bytes: 70_001 }]);
		expect(await kept.read(snapshotName(T0 + 1, 'before-replace'))).toEqual(bytes(70_001));
		expect(await kept.read(snapshotName(T0, 'daily'))).toBeUndefined();
		await kept.remove(snapshotName(T0 + 1, 'before-replace'));
		expect(store.items.size).toBe(0);
	});

	it('copies no snapshot over its size limit to localStorage, keeping the older copy', async () => {
		const kept = localStorageFolder(memoryStorage(), 1_000)!;
		await kept.write(snapshotName(T0, 'daily'), bytes(600));
		await kept.write(snapshotName(T0 + 1, 'daily'), bytes(900));
		expect((await kept.list()).map((file) => file.name)).toEqual([snapshotName(T0, 'daily')]);
	});

	it('makes room in a full localStorage for the newest copy', async () => {
		const store = memoryStorage(1_500);
		const kept = localStorageFolder(store)!;
		await kept.write(snapshotName(T0, 'daily'), bytes(900));
		await kept.write(snapshotName(T0 + 1, 'daily'), bytes(900));
		expect((await kept.list()).map((file) => file.name)).toEqual([snapshotName(T0 + 1, 'daily')]);
	});

	it("takes the room of the reading cards' early-paint copies when that is what the backup's copy needs", async () => {
		const store = memoryStorage(3_000);
		store.setItem(
			SNAPSHOT_KEY,
			JSON.stringify([{ id: 'a', card: 'c', html: 'x'.repeat(2_000), css: '', version: '', savedAt: 0 }])
		);
		const kept = localStorageFolder(store)!;
		await kept.write(snapshotName(T0, 'daily'), bytes(900));
		expect((await kept.list()).map((file) => file.name)).toEqual([snapshotName(T0, 'daily')]);
		expect(store.getItem(SNAPSHOT_KEY)).toBeNull();
	});

	it('reads a snapshot from its localStorage copy once the files are gone, as after an eviction', async () => {
		const files = memoryFolder();
		const folder = mirroredFolder(files, localStorageFolder(memoryStorage())!);
		await saveSnapshot(folder, 'older', 'daily', T0);
		const newest = await saveSnapshot(folder, 'newest', 'daily', T0 + DAILY_MS);
		expect((await listSnapshots(folder)).length).toBe(2);
		files.files.clear();
		expect(await listSnapshots(folder)).toEqual([newest]);
		expect(await readSnapshot(folder, newest.name)).toBe('newest');
	});

	it('fails a mirrored write only when the files cannot take it', async () => {
		const store = memoryStorage(10);
		const folder = mirroredFolder(memoryFolder(), localStorageFolder(store)!);
		await saveSnapshot(folder, 'no room for a copy', 'daily', T0);
		expect(store.items.size).toBe(0);
		const full: SnapshotFolder = { ...memoryFolder(), write: () => Promise.reject(new DOMException('full')) };
		const unwritable = mirroredFolder(full, localStorageFolder(memoryStorage())!);
		await expect(saveSnapshot(unwritable, 'x', 'daily', T0)).rejects.toThrow('full');
	});
});
