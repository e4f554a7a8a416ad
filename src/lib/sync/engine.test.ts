import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SCHEDULER_SETTINGS, newCardState, replayCard } from '../scheduling/scheduler.ts';
import { DukaDatabase, useDatabase } from '../db/db.ts';
import { ensureCards, setSuspended } from '../db/cards.ts';
import { setCardsSuspended } from '../db/deckEdits.ts';
import { recordReview } from '../db/reviews.ts';
import { saveNote } from '../db/notes.ts';
import { addUserEntry, deleteUserEntry } from '../db/userEntries.ts';
import { exportAll } from '../db/backup.ts';
import { tallyRows } from '../db/tally.ts';
import { readSyncState, replayWaiting, turnOnSync, waitingCount } from '../db/syncState.ts';
import { CouchClient, databaseUrl, SyncError } from './couch.ts';
import { syncOnce } from './engine.ts';
import { SYNC_FORMAT } from './documents.ts';
import { startTestCouch, type TestCouch } from './testServer.ts';
import { T0, MIN, DAY } from '../test/clock.ts';

let server: TestCouch;
const realNow = Date.now.bind(Date);
let counter = 0;
const DB = 'duka-learner';
const ENTRIES = Array.from({ length: 10 }, (_, i) => `huang-2025:词${i}`);
const CARDS = ENTRIES.map((entry) => `${entry}|en2zh`);

/** A device: its own database, made current for what it does. */
class Device {
	readonly database = new DukaDatabase(`sync-${Date.now()}-${counter++}`);
	/** How far this device's clock is off. */
	skewMs = 0;
	async run<T>(action: () => Promise<T>): Promise<T> {
		useDatabase(this.database);
		const now = vi.spyOn(Date, 'now').mockImplementation(() => realNow() + this.skewMs);
		try {
			return await action();
		} finally {
			now.mockRestore();
		}
	}
	client(password = server.password, timeoutMs?: number) {
		return new CouchClient({
			url: databaseUrl(`${server.origin}/${DB}`, server.origin),
			user: server.user,
			password,
			timeoutMs
		});
	}
	sync(options: Parameters<typeof syncOnce>[1] = {}, client = this.client()) {
		return this.run(() => syncOnce(client, { batch: 7, ...options }));
	}
	async on() {
		await this.run(async () => {
			await ensureCards(ENTRIES, T0 - DAY);
			await turnOnSync({ url: `${server.origin}/${DB}`, user: server.user, password: server.password });
		});
	}
	review(card: string, at: number, rating: 1 | 2 | 3 | 4 = 3) {
		return this.run(() => recordReview(card, rating, at, 1000, DEFAULT_SCHEDULER_SETTINGS));
	}
	async reviewIds() {
		return (await this.database.reviews.toArray()).map((review) => `${review.cardId}@${review.reviewedAt}`).sort();
	}
	/** Every card's state, and whether it equals a replay of its reviews in time order. */
	async cardsMatchReplay(): Promise<boolean> {
		const cards = await this.database.cards.toArray();
		const reviews = await this.database.reviews.toArray();
		return cards.every((card) => {
			const logs = reviews.filter((review) => review.cardId === card.id).sort((a, b) => a.reviewedAt - b.reviewedAt);
			const replayed = replayCard(newCardState(card.createdAt), logs, DEFAULT_SCHEDULER_SETTINGS);
			return Object.entries(replayed).every(([field, value]) => card[field as keyof typeof card] === value);
		});
	}
	/** Whether the tallies the home and stats screens read say what the rows do (pulls sum them per page). */
	async talliesMatchRows(): Promise<boolean> {
		const [reviewTally, reviews, cardTally, cards] = await Promise.all([
			this.database.reviewTally.toArray(),
			this.database.reviews.toArray(),
			this.database.cardTally.toArray(),
			this.database.cards.toArray()
		]);
		return (
			JSON.stringify(reviewTally) === JSON.stringify(tallyRows('reviews', reviews)) &&
			JSON.stringify(cardTally) === JSON.stringify(tallyRows('cards', cards))
		);
	}
	async fsrsStates() {
		const cards = await this.database.cards.orderBy('id').toArray();
		return cards.map(({ id, due, stability, difficulty, reps, lapses, state, last_review }) => ({
			id,
			due,
			stability,
			difficulty,
			reps,
			lapses,
			state,
			last_review
		}));
	}
}

beforeEach(async () => {
	server = await startTestCouch();
	await server.createDatabase(DB);
});

afterEach(async () => {
	await server.stop();
});

describe('sync through a CouchDB-compatible server', () => {
	it('brings two devices to the same reviews, card states, notes and words', async () => {
		const a = new Device();
		const b = new Device();
		await a.on();
		await b.on();
		// Offline: A reviews 10 cards and writes a note; B reviews 5 (3 of them the same) and edits the same note.
		for (const [i, card] of CARDS.entries()) await a.review(card, T0 + i * MIN);
		const { note } = await a.run(() =>
			saveNote({ articleId: 'huang-2025', paragraphId: 'p0001', highlightId: null, text: 'A wrote this' }, T0)
		);
		await a.sync();
		await b.sync();
		for (const [i, card] of [...CARDS.slice(0, 3), ...CARDS.slice(7, 9)].entries())
			await b.review(card, T0 + 30 * MIN + i * MIN, 2);
		await b.run(() => saveNote({ ...note!, text: 'B edited it', baseUpdatedAt: note!.updatedAt }, T0 + 40 * MIN));
		await a.run(() => saveNote({ ...note!, text: 'A edited it too', baseUpdatedAt: note!.updatedAt }, T0 + 41 * MIN));
		await b.run(() =>
			addUserEntry(
				{
					zh: '算力',
					pinyin: 'suàn lì',
					en: 'compute',
					defEn: '',
					defZh: '',
					example: '',
					articleId: 'huang-2025',
					paragraphId: 'p0002'
				},
				T0 + 45 * MIN
			)
		);
		await b.review('user:算力|en2zh', T0 + 46 * MIN);

		await a.sync();
		await b.sync();
		await a.sync();

		expect(await a.reviewIds()).toEqual(await b.reviewIds());
		expect(await a.reviewIds()).toHaveLength(16);
		expect(await a.fsrsStates()).toEqual(await b.fsrsStates());
		expect(await a.cardsMatchReplay()).toBe(true);
		expect(await b.cardsMatchReplay()).toBe(true);
		expect(await a.talliesMatchRows()).toBe(true);
		expect(await b.talliesMatchRows()).toBe(true);
		for (const device of [a, b]) {
			const texts = (await device.database.notes.toArray()).map((row) => row.text).sort();
			expect(texts).toEqual(['A edited it too', 'B edited it']);
			expect(await device.database.userEntries.get('user:算力')).toMatchObject({ en: 'compute' });
			expect(await device.database.cards.get('user:算力|zh2en')).toBeDefined();
		}
		expect(await a.run(waitingCount)).toBe(0);
		expect(await b.run(waitingCount)).toBe(0);
	});

	it("does not let a device whose clock is an hour fast win over a later edit: it stamps on the server's time", async () => {
		const a = new Device();
		const b = new Device();
		b.skewMs = 3_600_000;
		await a.on();
		await b.on();
		const { note } = await a.run(() =>
			saveNote({ articleId: 'huang-2025', paragraphId: 'p0001', highlightId: null, text: 'first' })
		);
		await a.sync();
		await b.sync();
		expect((await b.run(readSyncState)).device?.offset).toBeLessThan(-3_590_000);
		await b.run(() => saveNote({ ...note!, text: 'B, an hour fast', baseUpdatedAt: note!.updatedAt }));
		// A edits five seconds later, by the server's clock.
		a.skewMs = 5_000;
		await a.run(() => saveNote({ ...note!, text: 'A, later', baseUpdatedAt: note!.updatedAt }));
		await b.sync();
		await a.sync();
		await b.sync();
		for (const device of [a, b]) {
			expect((await device.database.notes.get(note!.id))?.text).toBe('A, later');
			expect((await device.database.notes.toArray()).map((row) => row.text).sort()).toEqual([
				'A, later',
				'B, an hour fast'
			]);
		}
	});

	it('deletes a word with its cards and reviews on the other device, by tombstones', async () => {
		const a = new Device();
		const b = new Device();
		await a.on();
		await b.on();
		const word = { zh: '算力', pinyin: 'suàn lì', en: 'compute', defEn: '', defZh: '', example: '' };
		await a.run(() => addUserEntry({ ...word, articleId: 'huang-2025', paragraphId: 'p0002' }, T0));
		await a.review('user:算力|en2zh', T0 + MIN);
		await a.sync();
		await b.sync();
		expect(await b.reviewIds()).toEqual(['user:算力|en2zh@' + (T0 + MIN)]);
		await a.run(() => deleteUserEntry('user:算力'));
		await a.sync();
		await b.sync();
		expect(await b.database.userEntries.count()).toBe(0);
		expect(await b.database.cards.where('entryId').equals('user:算力').count()).toBe(0);
		expect(await b.reviewIds()).toEqual([]);
		expect(await b.talliesMatchRows()).toBe(true);
		const docs = await server.documents(DB);
		expect(docs[`reviews:user:算力|en2zh@${T0 + MIN}`]).toMatchObject({ deleted: true });
	});

	it("carries a card's suspension to the other device, last writer wins, and leaves its state to the reviews", async () => {
		const a = new Device();
		const b = new Device();
		await a.on();
		await b.on();
		await a.review(CARDS[0]!, T0);
		await a.run(() => setCardsSuspended([CARDS[0]!, CARDS[1]!], true));
		await a.sync();
		await b.sync();
		const suspended = async (device: Device) =>
			(await device.database.cards.bulkGet(CARDS.slice(0, 3))).map((card) => card?.suspended);
		expect(await suspended(b)).toEqual([1, 1, 0]);
		expect(await b.fsrsStates()).toEqual(await a.fsrsStates());
		// B takes one back later; grading a card (which rewrites it) is not a change of its suspension.
		await b.run(() => setSuspended(CARDS[1]!, false));
		await b.review(CARDS[2]!, T0 + MIN);
		await b.sync();
		await a.sync();
		expect(await suspended(a)).toEqual([1, 0, 0]);
		expect(await a.fsrsStates()).toEqual(await b.fsrsStates());
		expect(await a.cardsMatchReplay()).toBe(true);
		expect(await a.run(waitingCount)).toBe(0);
		expect(await b.run(waitingCount)).toBe(0);
		// A card suspended before sync was turned on travels too, and a fresh device without the card makes it.
		const c = new Device();
		await c.run(async () => {
			await ensureCards([ENTRIES[5]!], T0 - DAY);
			await setSuspended(CARDS[5]!, true);
		});
		await c.on();
		await c.sync();
		await a.sync();
		expect((await a.database.cards.get(CARDS[5]!))?.suspended).toBe(1);
		const fresh = new Device();
		await fresh.run(() => turnOnSync({ url: `${server.origin}/${DB}`, user: server.user, password: server.password }));
		await fresh.sync();
		const onFresh = await fresh.database.cards.bulkGet([CARDS[0]!, CARDS[5]!]);
		expect(onFresh.map((card) => card?.suspended)).toEqual([1, 1]);
		expect(await fresh.cardsMatchReplay()).toBe(true);
	});

	it('renumbers a card whose merged reviews came out of time order, then replays them in it', async () => {
		const a = new Device();
		const b = new Device();
		await a.on();
		await b.on();
		// Offline, A reviews the card later than B did; A then receives B's earlier review after its own.
		await a.review(CARDS[0]!, T0 + 10 * MIN, 1);
		await b.review(CARDS[0]!, T0 + 5 * MIN, 3);
		await b.review(CARDS[0]!, T0 + 20 * MIN, 4);
		await b.sync();
		await a.sync();
		await b.sync();
		const order = async (device: Device) =>
			(await device.database.reviews.where('cardId').equals(CARDS[0]!).sortBy('id')).map((review) => review.reviewedAt);
		expect(await order(a)).toEqual([T0 + 5 * MIN, T0 + 10 * MIN, T0 + 20 * MIN]);
		expect(await order(b)).toEqual(await order(a));
		expect(await a.fsrsStates()).toEqual(await b.fsrsStates());
		expect(await a.cardsMatchReplay()).toBe(true);
	});

	it('resumes after the server is cut off mid-push, with no duplicate and no lost review', async () => {
		const a = new Device();
		await a.on();
		for (const [i, card] of CARDS.entries()) await a.review(card, T0 + i * MIN);
		// The server writes the second batch, but its answer never arrives.
		server.fault(/_bulk_docs/, { pass: true }, { dropAnswer: true });
		await expect(a.sync()).rejects.toBeInstanceOf(SyncError);
		await server.stop();
		await expect(a.sync()).rejects.toMatchObject({ problem: 'unreachable' });
		await server.restart();
		await a.sync();
		const docs = await server.documents(DB);
		expect(Object.keys(docs).filter((id) => id.startsWith('reviews:'))).toHaveLength(10);
		const b = new Device();
		await b.on();
		await b.sync();
		expect(await b.reviewIds()).toEqual(await a.reviewIds());
		expect(await a.run(waitingCount)).toBe(0);
	});

	it('says in words what went wrong and changes nothing here', async () => {
		const a = new Device();
		await a.on();
		await a.review(CARDS[0]!, T0);
		const before = await a.run(exportAll);
		const waiting = await a.run(waitingCount);
		const cases: [RegExp, Parameters<TestCouch['fault']>[1], string][] = [
			[/_changes/, { status: 500 }, 'server-error'],
			[/_changes/, { garbage: true }, 'garbage'],
			[/_bulk_docs/, { status: 507 }, 'full'],
			[/_bulk_docs/, { status: 413 }, 'full'],
			[/^\/duka-learner\/$/, { status: 404 }, 'no-database']
		];
		for (const [match, fault, problem] of cases) {
			server.fault(match, fault);
			await expect(a.sync()).rejects.toMatchObject({ problem });
		}
		await expect(a.sync({}, a.client('wrong password'))).rejects.toMatchObject({ problem: 'unauthorized' });
		server.fault(/_changes/, { hang: true });
		await expect(a.sync({}, a.client(server.password, 50))).rejects.toMatchObject({ problem: 'timeout' });
		expect(await a.run(exportAll)).toEqual(before);
		expect(await a.run(waitingCount)).toBe(waiting);
	});

	it('resumes after the server is cut off mid-pull, applying each batch once', async () => {
		const a = new Device();
		await a.on();
		for (const [i, card] of CARDS.entries()) await a.review(card, T0 + i * MIN);
		await a.sync();
		const b = new Device();
		await b.on();
		server.fault(/_changes/, { pass: true }, { dropAnswer: true });
		await expect(b.sync()).rejects.toMatchObject({ problem: 'unreachable' });
		expect((await b.reviewIds()).length).toBe(7);
		// The cards of the batch applied are noted in its transaction, and replayed at the end of the next pull.
		expect(await b.run(replayWaiting)).toBe(7);
		await b.sync();
		expect(await b.reviewIds()).toEqual(await a.reviewIds());
		expect(await b.run(replayWaiting)).toBe(0);
		expect(await b.cardsMatchReplay()).toBe(true);
	});

	it('keeps a change the server refuses waiting, and says why', async () => {
		const a = new Device();
		await a.on();
		await a.run(() =>
			saveNote({ articleId: 'huang-2025', paragraphId: 'p0001', highlightId: null, text: 'refused' }, T0)
		);
		server.fault(/_bulk_docs/, { forbidden: 'notes are read-only here' });
		const report = await a.sync();
		expect(report.refused).toEqual([{ id: expect.stringMatching(/^notes:/), reason: 'notes are read-only here' }]);
		expect(await a.run(waitingCount)).toBe(1);
		expect(await a.database.notes.count()).toBe(1);
		await a.sync();
		expect(await a.run(waitingCount)).toBe(0);
	});

	it('leaves documents of a newer Duka alone and says so', async () => {
		await server.write(DB, [{ _id: 'notes:n-future', formatVersion: SYNC_FORMAT + 1, anything: 'new' }]);
		const a = new Device();
		await a.on();
		const report = await a.sync();
		expect(report.newer).toBe(1);
		expect((await a.run(readSyncState)).status?.newer).toBe(1);
		expect(await a.database.notes.count()).toBe(0);
	});

	it('reads the whole feed again once updated, so what an older Duka skipped arrives', async () => {
		const a = new Device();
		await a.on();
		await a.run(() =>
			saveNote({ articleId: 'huang-2025', paragraphId: 'p0001', highlightId: null, text: 'from a newer Duka' }, T0)
		);
		await a.sync();
		const b = new Device();
		await b.on();
		// As an older Duka leaves it: the feed read to its end, the note skipped as too new.
		const { lastSeq } = await b.client().changes(0, 100);
		await b.database.syncState.put({ key: 'checkpoint', since: lastSeq, format: SYNC_FORMAT - 1, reviewScan: null });
		await b.sync();
		expect((await b.database.notes.toArray()).map((note) => note.text)).toEqual(['from a newer Duka']);
		expect((await b.run(readSyncState)).checkpoint).toMatchObject({ format: SYNC_FORMAT });
	});

	it('refuses damaged documents on the server without touching anything here', async () => {
		await server.write(DB, [
			{ _id: 'notes:n-1', formatVersion: 1, table: 'notes', hlc: '000000000000005-000000-x', row: { id: 'n-1' } },
			{ _id: 'design-ish', language: 'javascript' }
		]);
		const a = new Device();
		await a.on();
		const report = await a.sync();
		expect(report.unreadable).toBe(2);
		expect(await a.database.notes.count()).toBe(0);
	});

	it('keeps the password out of backups', async () => {
		const a = new Device();
		await a.on();
		await a.sync();
		const backup = JSON.stringify(await a.run(exportAll));
		expect(backup).not.toContain(server.password);
		expect(backup).not.toContain(server.origin);
	});
});
