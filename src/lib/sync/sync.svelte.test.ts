import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DukaDatabase } from '../db/db.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { saveNote } from '../db/notes.ts';
import { memoryStorage } from '../test/memoryStorage.ts';
import { SyncService } from './sync.svelte.ts';
import { SYNC_SWITCH } from './syncSwitch.ts';
import { startTestCouch, type TestCouch } from './testServer.ts';

let server: TestCouch;
let database: DukaDatabase;
let storage: ReturnType<typeof memoryStorage>;
let service: SyncService;

beforeEach(async () => {
	server = await startTestCouch();
	await server.createDatabase('duka');
	database = freshDatabase();
	storage = memoryStorage();
	service = new SyncService({ origin: server.origin, storage, everyMs: 3_600_000 });
	await service.load();
});

afterEach(async () => {
	service.stop();
	await server.stop();
});

const note = { articleId: 'huang-2025', paragraphId: 'p0001', highlightId: null, text: 'kept' };

describe('sync service', () => {
	it('says a wrong password in words and turns nothing on', async () => {
		expect(await service.turnOn({ url: '/duka', user: server.user, password: 'wrong' })).toBe(false);
		expect(service.trouble).toEqual({ kind: 'problem', problem: 'unauthorized' });
		expect(service.on).toBe(false);
		expect(storage.items.has(SYNC_SWITCH)).toBe(false);
		expect(await database.syncState.count()).toBe(0);
	});

	it('refuses an address that is neither https, this site, nor this machine', async () => {
		expect(await service.turnOn({ url: 'http://example.org/duka', user: 'u', password: 'p' })).toBe(false);
		expect(service.trouble).toEqual({ kind: 'problem', problem: 'bad-address' });
	});

	it('says when the page may not connect to the server, asking it nothing', async () => {
		const asked: string[] = [];
		const limited = new SyncService({
			origin: server.origin,
			connectable: [],
			fetch: (input) => (asked.push(String(input)), Promise.reject(new TypeError('blocked'))),
			storage
		});
		expect(await limited.turnOn({ url: 'https://couch.example.org/duka', user: 'u', password: 'p' })).toBe(false);
		expect(limited.trouble).toEqual({ kind: 'problem', problem: 'not-allowed' });
		expect(limited.on).toBe(false);
		expect(asked).toEqual([]);
		expect(storage.items.has(SYNC_SWITCH)).toBe(false);
	});

	it('says when there is no such database', async () => {
		expect(await service.turnOn({ url: '/nothing-here', user: server.user, password: server.password })).toBe(false);
		expect(service.trouble).toEqual({ kind: 'problem', problem: 'no-database' });
	});

	it("shows a first sync's progress, batch by batch, and clears it when done", async () => {
		for (let i = 0; i < 60; i++)
			await saveNote({ ...note, paragraphId: `p${String(i + 1).padStart(4, '0')}` }, 1000 + i);
		// What the progress bar would show each time a request leaves.
		const seen: { phase: string; done: number; total: number; syncing: boolean }[] = [];
		const watching = new SyncService({
			origin: server.origin,
			storage,
			everyMs: 3_600_000,
			batch: 10,
			fetch: (input, init) => {
				if (watching.progress) seen.push({ ...watching.progress, syncing: watching.syncing });
				return fetch(input, init);
			}
		});
		await watching.load();
		expect(await watching.turnOn({ url: '/duka', user: server.user, password: server.password })).toBe(true);
		watching.stop();
		const pushes = seen.filter((step) => step.phase === 'push');
		expect(pushes.length).toBeGreaterThanOrEqual(5);
		expect(pushes.every((step) => step.syncing && step.total >= 60 && step.done <= step.total)).toBe(true);
		const done = pushes.map((step) => step.done);
		expect(done).toEqual([...done].sort((x, y) => x - y));
		expect(done.at(-1)).toBeGreaterThanOrEqual(50);
		expect(watching.progress).toBeNull();
		expect(watching.syncing).toBe(false);
	});

	it('turns on, syncs what is here, and turns off keeping every row', async () => {
		await saveNote(note, 1000);
		expect(await service.turnOn({ url: '/duka', user: server.user, password: server.password })).toBe(true);
		expect(service.on).toBe(true);
		expect(service.trouble).toBeNull();
		expect(service.lastSyncedAt).not.toBeNull();
		expect(service.waiting).toBe(0);
		expect(storage.getItem(SYNC_SWITCH)).toBe('on');
		expect(Object.keys(await server.documents('duka'))).toHaveLength(1);

		await service.turnOff();
		expect(service.on).toBe(false);
		expect(storage.items.has(SYNC_SWITCH)).toBe(false);
		expect(await database.notes.count()).toBe(1);
		expect((await database.syncState.toArray()).map((row) => row.key)).toEqual(['device']);
		// Off: changes are no longer recorded.
		await saveNote({ ...note, text: 'after' }, 2000);
		expect(await database.outbox.count()).toBe(0);
	});

	it('shows what went wrong in a sync and keeps the change waiting', async () => {
		await service.turnOn({ url: '/duka', user: server.user, password: server.password });
		await saveNote(note, 1000);
		server.fault(/_changes/, { status: 500 });
		await service.syncNow();
		expect(service.trouble).toEqual({ kind: 'problem', problem: 'server-error' });
		expect(service.waiting).toBe(1);
		await service.syncNow();
		expect(service.trouble).toBeNull();
		expect(service.waiting).toBe(0);
	});

	it('never runs two syncs at once', async () => {
		await service.turnOn({ url: '/duka', user: server.user, password: server.password });
		server.requests.length = 0;
		await Promise.all([service.syncNow(), service.syncNow(), service.syncNow()]);
		expect(server.requests.filter((request) => request === 'GET /duka/')).toHaveLength(1);
	});

	it('syncs in one tab at a time, and sends no change twice', async () => {
		const held = new Set<string>();
		// Web Locks as a browser gives them to the tabs of one origin.
		const locks = {
			async request(name: string, options: { ifAvailable?: boolean }, callback: (lock: object | null) => unknown) {
				if (held.has(name)) return callback(null);
				held.add(name);
				try {
					return await callback({ name });
				} finally {
					held.delete(name);
				}
			}
		} as unknown as Pick<LockManager, 'request'>;
		const tabs = [1, 2].map(() => new SyncService({ origin: server.origin, storage, locks, everyMs: 3_600_000 }));
		await tabs[0]!.turnOn({ url: '/duka', user: server.user, password: server.password });
		await tabs[1]!.load();
		await saveNote(note, 1000);
		server.requests.length = 0;
		await Promise.all([tabs[0]!.syncNow(), tabs[1]!.syncNow()]);
		// The second tab found the lock taken and left the sync to the first.
		expect(server.requests.filter((request) => request === 'GET /duka/')).toHaveLength(1);
		await Promise.all([tabs[0]!.syncNow(), tabs[1]!.syncNow()]);
		const pushes = server.requests.filter((request) => request.startsWith('POST /duka/_bulk_docs'));
		expect(pushes).toHaveLength(1);
		const docs = Object.values(await server.documents('duka'));
		expect(docs.map((doc) => String(doc._rev).split('-')[0])).toEqual(['1']);
		for (const tab of tabs) tab.stop();
	});
});
