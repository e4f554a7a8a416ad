import Dexie, { type Table } from 'dexie';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { StudyCardRow } from '../model/cards.ts';
import type { UserEntryRow } from '../model/words.ts';
import type { NoteRow } from '../model/notes.ts';
import {
	conflictCopy,
	docIdOf,
	docIdOfRow,
	inTimeOrder,
	isSyncedKvKey,
	keyOf,
	remoteWins,
	reviewDocId,
	SYNC_FORMAT,
	SUSPENSION,
	SYNCED_TABLES,
	textDiffers,
	toDoc,
	type ReviewedCard,
	type DocTable,
	type SuspensionRow,
	type SyncDoc,
	type SyncedTable
} from '../sync/documents.ts';
import { compareHlc, decodeHlc, encodeHlc, receive, tick, ZERO_HLC, type Hlc } from '../sync/hlc.ts';
import { ensureCards, recreatedCard } from './cards.ts';
import { reviewsOf } from './reviews.ts';
import { deferTallies } from './tally.ts';
import { db } from './db.ts';
import { markFromSync, SYNC_DEVICE, type OutboxRow, type SyncDeviceRow } from './outbox.ts';
import { newCardState, replayCard, type SchedulerSettings } from '../scheduling/scheduler.ts';
import { loadSchedulerSettings } from './settings.ts';

/** Where the server is and who the user is there: on this device only (no backup or export holds syncState). */
export interface SyncAccountRow {
	key: 'account';
	/** The database's address: `/couchdb/<db>` on Duka's own origin, or a full https:// address. */
	url: string;
	user: string;
	password: string;
}

export interface SyncCheckpointRow {
	key: 'checkpoint';
	/** The `_changes` feed's last_seq read and applied; 0 to read from the start. */
	since: string | number;
	/** The SYNC_FORMAT the feed was read with: a newer Duka reads it again from the start. */
	format: number;
	/** The first sync pushes the reviews already here by scanning them (ids above this); null once done. */
	reviewScan: number | null;
}

export interface SyncStatusRow {
	key: 'status';
	lastSyncedAt: number | null;
	/** Documents left alone because a newer Duka wrote them. */
	newer: number;
}

/**
 * A card whose reviews a pull changed, replayed once the pull is done rather than after each batch (a card's reviews
 * arrive spread over the whole feed). Kept in the batch's own transaction, so a pull cut off replays it next time.
 */
export interface SyncReplayRow {
	key: `replay:${string}`;
}

const REPLAY = 'replay:';

export type SyncStateRow = SyncDeviceRow | SyncAccountRow | SyncCheckpointRow | SyncStatusRow | SyncReplayRow;

/** The server's revision of a document as last seen here, so the next push of it replaces that one. */
export interface SyncRevRow {
	docId: string;
	rev: string;
}

export interface SyncState {
	device?: SyncDeviceRow;
	account?: SyncAccountRow;
	checkpoint?: SyncCheckpointRow;
	status?: SyncStatusRow;
}

export async function readSyncState(): Promise<SyncState> {
	const [device, account, checkpoint, status] = await db().syncState.bulkGet([
		'device',
		'account',
		'checkpoint',
		'status'
	]);
	return {
		device: device as SyncDeviceRow | undefined,
		account: account as SyncAccountRow | undefined,
		checkpoint: checkpoint as SyncCheckpointRow | undefined,
		status: status as SyncStatusRow | undefined
	};
}

const randomPart = () =>
	Array.from(crypto.getRandomValues(new Uint32Array(2)), (word) => word.toString(36).padStart(7, '0')).join('');

export const newDeviceId = () => randomPart().slice(0, 12);

type Row = Record<string, unknown>;

/** A clock for a row that was here before sync was on: its own time where it has one, so older edits lose. */
function clockOfRow(table: SyncedTable, row: Row, device: string): string {
	const time =
		table === 'kv'
			? (row.value as { at?: unknown } | undefined)?.at
			: (row.updatedAt ?? row.readAt ?? row.importedAt ?? row.createdAt);
	const wall = typeof time === 'number' && Number.isSafeInteger(time) && time > 0 ? time : 0;
	return encodeHlc({ wall, counter: 0, device });
}

const ROW_TABLES = SYNCED_TABLES.filter((name): name is Exclude<SyncedTable, 'reviews'> => name !== 'reviews');

/**
 * Turns sync on: from now on every change is recorded (outbox.ts), and the rows already here wait to be pushed with
 * the clock of their own time. Reviews are not copied into the outbox (there may be half a million): the first sync
 * pushes them by scanning the table.
 */
export async function turnOnSync(account: Omit<SyncAccountRow, 'key'>): Promise<void> {
	const database = db();
	const tables = ROW_TABLES.map((name) => database.table(name));
	const own = [database.syncState, database.outbox, database.syncRevs, database.cards];
	await database.transaction('rw', [...own, ...tables], async () => {
		markFromSync();
		const existing = (await database.syncState.get(SYNC_DEVICE)) as SyncDeviceRow | undefined;
		const device: SyncDeviceRow = existing
			? { ...existing, enabled: true }
			: { key: 'device', deviceId: newDeviceId(), enabled: true, clock: encodeHlc(ZERO_HLC), offset: 0 };
		await database.outbox.clear();
		await database.syncRevs.clear();
		for (const name of ROW_TABLES) {
			const rows = (await database.table(name).toArray()) as Row[];
			const waiting: OutboxRow[] = rows
				.filter((row) => name !== 'kv' || isSyncedKvKey(row.key))
				.map((row) => {
					const key = keyOf(name, row);
					return { docId: docIdOf(name, key), table: name, key, hlc: clockOfRow(name, row, device.deviceId) };
				});
			await database.outbox.bulkPut(waiting);
		}
		// Suspended cards wait too, with the oldest clock: a suspension set since on another device wins.
		const suspended = (await database.cards.where('suspended').equals(1).primaryKeys()) as string[];
		await database.outbox.bulkPut(
			suspended.map((id) => ({
				docId: docIdOf(SUSPENSION, id),
				table: SUSPENSION,
				key: id,
				hlc: encodeHlc({ wall: 0, counter: 0, device: device.deviceId })
			}))
		);
		await database.syncState.bulkPut([
			device,
			{ key: 'account', ...account },
			{ key: 'checkpoint', since: 0, format: SYNC_FORMAT, reviewScan: 0 },
			{ key: 'status', lastSyncedAt: null, newer: 0 }
		]);
	});
}

/** Changes the password (or user, or address) without starting over. */
export async function saveAccount(account: Omit<SyncAccountRow, 'key'>): Promise<void> {
	await db().syncState.put({ key: 'account', ...account });
}

/** Turns sync off: nothing more is recorded or sent, the account is forgotten, every row of the data stays. */
export async function turnOffSync(): Promise<void> {
	const database = db();
	// Cards a cut-off pull left to replay are replayed now: nothing would do it later.
	await replayPulledCards();
	await database.transaction('rw', database.syncState, database.outbox, database.syncRevs, async () => {
		const device = (await database.syncState.get(SYNC_DEVICE)) as SyncDeviceRow | undefined;
		await database.syncState.clear();
		if (device) await database.syncState.put({ ...device, enabled: false });
		await database.outbox.clear();
		await database.syncRevs.clear();
	});
}

/** Changes waiting to be pushed: the outbox, and the reviews the first sync has yet to scan. */
export async function waitingCount(): Promise<number> {
	const database = db();
	return database.transaction('r', database.outbox, database.reviews, database.syncState, async () => {
		const checkpoint = (await database.syncState.get('checkpoint')) as SyncCheckpointRow | undefined;
		const unscanned =
			checkpoint && checkpoint.reviewScan !== null
				? await database.reviews.where('id').above(checkpoint.reviewScan).count()
				: 0;
		return (await database.outbox.count()) + unscanned;
	});
}

async function reviewedCards(cardIds: readonly string[]): Promise<Map<string, ReviewedCard>> {
	const cards = await db().cards.bulkGet([...new Set(cardIds)]);
	return new Map(
		cards
			.filter((card): card is StudyCardRow => card !== undefined)
			.map((card) => [card.id, { entryId: card.entryId, direction: card.direction, createdAt: card.createdAt }])
	);
}

/** The reviews here among these (card, millisecond) pairs, by document id. */
async function reviewsByDocId(
	keys: readonly { cardId: string; reviewedAt: number }[]
): Promise<Map<string, ReviewLogRow>> {
	const found = await reviewsOf(keys.filter((key) => Number.isSafeInteger(key.reviewedAt)));
	return new Map(found.map((review) => [reviewDocId(review), review]));
}

/** The next changes to push, oldest first, as documents carrying the revision they replace. */
export async function outboxBatch(afterHlc: string, limit: number): Promise<{ entries: OutboxRow[]; docs: SyncDoc[] }> {
	const database = db();
	const tables = SYNCED_TABLES.map((name) => database.table(name));
	return database.transaction('r', [database.outbox, database.syncRevs, database.cards, ...tables], async () => {
		const entries = await database.outbox.where('hlc').above(afterHlc).limit(limit).toArray();
		const revs = await database.syncRevs.bulkGet(entries.map((entry) => entry.docId));
		const reviews = await reviewsByDocId(entries.flatMap((entry) => (entry.review ? [entry.review] : [])));
		const rows = await Promise.all(
			entries.map((entry) =>
				entry.table === 'reviews' ? reviews.get(entry.docId) : rowAccess(entry.table).get(entry.key!)
			)
		);
		const cardOf = (entry: OutboxRow) => (entry.table === SUSPENSION ? entry.key : entry.review?.cardId);
		const cards = await reviewedCards(entries.flatMap((entry) => cardOf(entry) ?? []));
		const docs = entries.map((entry, i) => {
			const row = rows[i] as Row | undefined;
			const card = cardOf(entry);
			const doc = toDoc(entry.docId, entry.table, entry.hlc, row, card === undefined ? undefined : cards.get(card));
			const rev = revs[i]?.rev;
			return rev ? { ...doc, _rev: rev } : doc;
		});
		return { entries, docs };
	});
}

/** The reviews the first sync still has to push, in id order from `afterId`. */
export async function reviewScanBatch(afterId: number, limit: number): Promise<{ lastId: number; docs: SyncDoc[] }> {
	const database = db();
	return database.transaction('r', database.reviews, database.cards, database.syncState, async () => {
		const device = (await database.syncState.get(SYNC_DEVICE)) as SyncDeviceRow | undefined;
		const reviews = await database.reviews.where('id').above(afterId).limit(limit).toArray();
		const cards = await reviewedCards(reviews.map((review) => review.cardId));
		const docs = reviews.map((review) =>
			toDoc(
				reviewDocId(review),
				'reviews',
				encodeHlc({ wall: review.reviewedAt, counter: 0, device: device?.deviceId ?? '' }),
				review as unknown as Row,
				cards.get(review.cardId)
			)
		);
		return { lastId: reviews.at(-1)?.id ?? afterId, docs };
	});
}

export async function saveReviewScan(position: number | null): Promise<void> {
	const database = db();
	await database.transaction('rw', database.syncState, async () => {
		const checkpoint = (await database.syncState.get('checkpoint')) as SyncCheckpointRow | undefined;
		if (checkpoint) await database.syncState.put({ ...checkpoint, reviewScan: position });
	});
}

export type PushOutcome = { docId: string; hlc: string } & (
	{ rev: string } | { alreadyThere: true } | { refused: true }
);

/**
 * Records what the server took: a pushed document's new revision, and its outbox row goes unless the row changed
 * again meanwhile (its clock moved on). A review the server already had is done too; a refused change stays.
 */
export async function markPushed(outcomes: readonly PushOutcome[]): Promise<void> {
	const database = db();
	await database.transaction('rw', database.outbox, database.syncRevs, async () => {
		markFromSync();
		const waiting = await database.outbox.bulkGet(outcomes.map((outcome) => outcome.docId));
		const done = outcomes.filter((outcome, i) => !('refused' in outcome) && waiting[i]?.hlc === outcome.hlc);
		await database.outbox.bulkDelete(done.map((outcome) => outcome.docId));
		await database.syncRevs.bulkPut(
			outcomes.flatMap((outcome) =>
				'rev' in outcome && !outcome.docId.startsWith('reviews:') ? [{ docId: outcome.docId, rev: outcome.rev }] : []
			)
		);
	});
}

/** Learns the server's time, so this device stamps its changes on it (hlc.ts). */
export async function saveClockOffset(offset: number): Promise<void> {
	const database = db();
	await database.transaction('rw', database.syncState, async () => {
		const device = (await database.syncState.get(SYNC_DEVICE)) as SyncDeviceRow | undefined;
		if (device) await database.syncState.put({ ...device, offset });
	});
}

export async function saveStatus(status: Omit<SyncStatusRow, 'key'>): Promise<void> {
	await db().syncState.put({ key: 'status', ...status });
}

/**
 * Of the documents the feed names, those this device lacks: a review it does not hold, or a row whose revision it has
 * not seen. Only those are downloaded.
 */
export async function unknownDocs(changes: readonly { id: string; rev: string }[]): Promise<string[]> {
	const database = db();
	return database.transaction('r', database.reviews, database.syncRevs, async () => {
		const revs = await revisionsOf(changes.map((change) => change.id));
		const here = await reviewsByDocId(
			changes.flatMap((change) => (change.id.startsWith('reviews:') ? [reviewKey(change.id)] : []))
		);
		const unknown: string[] = [];
		for (const change of changes) {
			if (change.id.startsWith('reviews:')) {
				// A review is written once (revision 1); a later revision is its tombstone, which must arrive.
				const live = change.rev.startsWith('1-');
				if (!live || !here.has(change.id)) unknown.push(change.id);
			} else if (!change.rev || revs.get(change.id) !== change.rev) unknown.push(change.id);
		}
		return unknown;
	});
}

/** The server revisions last seen of these documents (a review's is never kept: it never changes). */
async function revisionsOf(docIds: readonly string[]): Promise<Map<string, string>> {
	const rows = await db().syncRevs.bulkGet(docIds.filter((id) => !id.startsWith('reviews:')));
	return new Map(rows.flatMap((row) => (row ? [[row.docId, row.rev] as const] : [])));
}

export interface PulledDoc {
	doc: SyncDoc;
	hlc: Hlc;
}

export interface ApplyResult {
	applied: number;
	/** Local changes that won over the server's older version, and still wait to be pushed. */
	keptLocal: number;
	conflictCopies: number;
	/** Cards whose reviews changed, noted to be replayed from their whole log (replayPulledCards). */
	touchedCards: number;
	/** Reviews of a word this device no longer has. */
	skipped: number;
}

const newNoteId = () => `n-${Date.now().toString(36)}-${randomPart()}`;

/**
 * Applies pulled documents in one transaction, with the new checkpoint when `since` is given (the last part of a
 * feed's page: earlier parts applied again find nothing to do), so a pull cut off anywhere is applied whole or not at
 * all and read again. Reviews are added where missing (never merged away); every other row follows last-writer-wins
 * by clock against a change waiting here, and a note's or word's losing text is kept as a note of its own. Cards
 * whose reviews changed are noted for replayPulledCards, which renumbers their reviews in time order and rebuilds
 * them by Check database's replay, so every device ends with the same state from the same reviews.
 */
export async function applyPulled(
	pulled: readonly PulledDoc[],
	since: string | number | undefined,
	now = Date.now()
): Promise<ApplyResult> {
	const database = db();
	const tables = SYNCED_TABLES.map((name) => database.table(name));
	const own = [
		database.outbox,
		database.syncState,
		database.syncRevs,
		database.cards,
		database.reviewTally,
		database.cardTally
	];
	return database.transaction('rw', [...own, ...tables], async () => {
		markFromSync();
		// A page of reviews in the order of their cards touches a tally slot each: summed, written once below.
		const flushTallies = deferTallies(Dexie.currentTransaction);
		const result: ApplyResult = { applied: 0, keptLocal: 0, conflictCopies: 0, touchedCards: 0, skipped: 0 };
		const device = (await database.syncState.get(SYNC_DEVICE)) as SyncDeviceRow | undefined;
		if (!device) throw new Error('Sync is not on');
		let clock = decodeHlc(device.clock) ?? ZERO_HLC;
		const physical = () => now + device.offset;
		const touchedCards = new Set<string>();
		const newWords: UserEntryRow[] = [];
		const copies: Row[] = [];
		const suspensions: SyncDoc[] = [];
		const docIds = pulled.map(({ doc }) => doc._id);
		const reviewDocs = pulled.filter(({ doc }) => doc.table === 'reviews').map(({ doc }) => doc);
		// Reviews keep no revision and wait under their own rules: only the other rows are looked up.
		const rowIds = docIds.filter((id) => !id.startsWith('reviews:'));
		const [revs, waitingRows, here, cards] = await Promise.all([
			revisionsOf(rowIds),
			database.outbox.bulkGet(rowIds),
			reviewsByDocId(reviewDocs.map((doc) => reviewKey(doc._id))),
			database.cards.bulkGet([...new Set(reviewDocs.map((doc) => reviewKey(doc._id).cardId))])
		]);
		const waiting = new Map(waitingRows.flatMap((row) => (row ? [[row.docId, row] as const] : [])));
		const reviews = new ReviewWrites(here, cards, result, touchedCards);

		for (const { doc, hlc } of pulled) {
			clock = receive(clock, hlc, physical());
			if (doc.table === 'reviews') {
				// Awaited only when it reads: a long run of awaits that read nothing would let the transaction commit.
				const reading = reviews.apply(doc);
				if (reading) await reading;
				continue;
			}
			if (doc._rev !== undefined && revs.get(doc._id) === doc._rev) continue;
			if (doc._rev !== undefined) await database.syncRevs.put({ docId: doc._id, rev: doc._rev });
			const pending = waiting.get(doc._id);
			const pendingHlc = pending && decodeHlc(pending.hlc);
			// Our own change, come back (the push's answer was lost): done.
			if (pendingHlc && compareHlc(pendingHlc, hlc) === 0) {
				await database.outbox.delete(doc._id);
				continue;
			}
			const table = rowAccess(doc.table);
			const key = doc._id.slice(doc.table.length + 1);
			const local = await table.get(key);
			const remoteRow = doc.deleted ? undefined : doc.row;
			const keepsText = doc.table === 'notes' || doc.table === 'userEntries';
			if (remoteWins(hlc, pendingHlc)) {
				if (pending && keepsText && textDiffers(doc.table, remoteRow, local))
					copies.push(conflictCopy(doc.table as 'notes' | 'userEntries', local, newNoteId(), now) as unknown as Row);
				// A suspension waits for the cards this batch makes.
				if (remoteRow && doc.table === SUSPENSION) suspensions.push(doc);
				else if (remoteRow) await table.put(remoteRow);
				else if (local) {
					// A word takes its cards and reviews along: what this batch added of them goes first.
					if (doc.table === 'userEntries') await reviews.flush();
					await removeRow(doc.table, key, touchedCards, reviews);
				}
				if (pending) await database.outbox.delete(doc._id);
				if (remoteRow && doc.table === 'userEntries') newWords.push(remoteRow as unknown as UserEntryRow);
				result.applied++;
			} else {
				if (keepsText && remoteRow && textDiffers(doc.table, local, remoteRow))
					copies.push(
						conflictCopy(doc.table as 'notes' | 'userEntries', remoteRow, newNoteId(), now) as unknown as Row
					);
				result.keptLocal++;
			}
		}
		await reviews.flush();

		for (const word of newWords) await ensureCards([word.id], word.createdAt);
		for (const doc of suspensions) await applySuspension(doc);
		if (copies.length > 0) {
			// Conflict copies are new notes of this device's: they travel like any change made here.
			await database.notes.bulkAdd(copies as unknown as NoteRow[]);
			clock = tick(clock, physical(), device.deviceId);
			const stamp = encodeHlc(clock);
			await database.outbox.bulkPut(
				copies.map((row) => ({ docId: docIdOfRow('notes', row), table: 'notes', key: row.id as string, hlc: stamp }))
			);
			result.conflictCopies = copies.length;
		}
		await flushTallies();
		result.touchedCards = touchedCards.size;
		const checkpoint = (await database.syncState.get('checkpoint')) as SyncCheckpointRow;
		await database.syncState.bulkPut([
			{ ...device, clock: encodeHlc(clock) },
			...[...touchedCards].map((id): SyncReplayRow => ({ key: `${REPLAY}${id}` })),
			// Read with this Duka's format from now on: what an older one skipped has been read again.
			...(since === undefined ? [] : [{ ...checkpoint, since, format: SYNC_FORMAT }])
		]);
		return result;
	});
}

/** A batch's reviews, added and removed in bulk, against what the batch's first reads found here. */
class ReviewWrites {
	readonly #here: Map<string, ReviewLogRow>;
	readonly #cards: Map<string, StudyCardRow>;
	readonly #adding: ReviewLogRow[] = [];
	readonly #removing: number[] = [];
	readonly #newCards: StudyCardRow[] = [];

	constructor(
		here: Map<string, ReviewLogRow>,
		cards: readonly (StudyCardRow | undefined)[],
		readonly result: ApplyResult,
		readonly touched: Set<string>
	) {
		this.#here = here;
		this.#cards = new Map(cards.flatMap((card) => (card ? [[card.id, card]] : [])));
	}

	/**
	 * Adds or removes one review, noting its card when something changed; a promise only when the review's card has to
	 * be made again first.
	 */
	apply(doc: SyncDoc): Promise<void> | undefined {
		const { cardId } = reviewKey(doc._id);
		const existing = this.#here.get(doc._id);
		if (doc.deleted) {
			if (existing?.id === undefined) return;
			this.#removing.push(existing.id);
			this.#here.delete(doc._id);
			this.result.applied++;
			this.touched.add(cardId);
			return;
		}
		if (existing) return;
		const card = this.#cards.get(cardId);
		if (card) return this.#add(doc, cardId);
		if (!doc.card) return this.#skip();
		return recreatedCard(cardId, doc.card).then((made) => {
			if (!made) return this.#skip();
			this.#newCards.push(made);
			this.#cards.set(cardId, made);
			this.#add(doc, cardId);
		});
	}

	#skip(): undefined {
		this.result.skipped++;
		return undefined;
	}

	#add(doc: SyncDoc, cardId: string): undefined {
		const review = doc.row as unknown as ReviewLogRow;
		this.#adding.push(review);
		this.#here.set(doc._id, review);
		this.result.applied++;
		this.touched.add(cardId);
		return undefined;
	}

	/** Cards that are gone (their word was deleted): their reviews are not added. */
	forget(cardIds: readonly string[]): void {
		for (const id of cardIds) this.#cards.delete(id);
	}

	async flush(): Promise<void> {
		const database = db();
		if (this.#newCards.length > 0) await database.cards.bulkPut(this.#newCards.splice(0));
		if (this.#removing.length > 0) await database.reviews.bulkDelete(this.#removing.splice(0));
		if (this.#adding.length > 0) await database.reviews.bulkAdd(this.#adding.splice(0));
	}
}

/**
 * How a document's row is read and written here: a table's row, or a card's suspension flag (the card's FSRS state is
 * left as it is; a card this device lacks, or has lost, has no flag to set).
 */
function rowAccess(table: Exclude<DocTable, 'reviews'>): {
	get(key: string): Promise<Row | undefined>;
	put(row: Row): Promise<unknown>;
} {
	const database = db();
	if (table !== SUSPENSION) return database.table(table) as Table<Row, string>;
	return {
		get: async (key) => {
			const card = await database.cards.get(key);
			return card && ({ id: card.id, suspended: card.suspended } satisfies SuspensionRow as unknown as Row);
		},
		put: (row) => {
			const { id, suspended } = row as unknown as SuspensionRow;
			return database.cards.update(id, { suspended });
		}
	};
}

/** A card's pulled suspension, on the card as it is here, or made as the other device made it. */
async function applySuspension(doc: SyncDoc): Promise<void> {
	const database = db();
	const { id, suspended } = doc.row as unknown as SuspensionRow;
	const card = (await database.cards.get(id)) ?? (doc.card && (await recreatedCard(id, doc.card)));
	if (card && card.suspended !== suspended) await database.cards.put({ ...card, suspended });
}

/** A row deleted by a tombstone; a word takes its cards and reviews along, as deleting it here does. */
async function removeRow(
	table: DocTable,
	key: string,
	touchedCards: Set<string>,
	reviews: ReviewWrites
): Promise<void> {
	const database = db();
	// A suspension's tombstone (its card is gone there) leaves the card here as it is.
	if (table === SUSPENSION) return;
	await database.table(table).delete(key);
	if (table !== 'userEntries') return;
	const cards = await database.cards.where('entryId').equals(key).primaryKeys();
	await database.reviews.where('cardId').anyOf(cards).delete();
	await database.cards.bulkDelete(cards);
	reviews.forget(cards);
	for (const card of cards) touchedCards.delete(card);
}

function reviewKey(id: string): { cardId: string; reviewedAt: number } {
	const at = id.lastIndexOf('@');
	return { cardId: id.slice('reviews:'.length, at), reviewedAt: Number(id.slice(at + 1)) };
}

/** Cards waiting to be replayed after a pull. */
export function replayWaiting(): Promise<number> {
	return db().syncState.where('key').between(REPLAY, `${REPLAY}\uffff`).count();
}

/**
 * Replays the cards pulls changed, a few hundred per transaction, each mark going with its card's new state: each
 * card's reviews are renumbered in time order where a merge put them out of it (so replay, in id order, gives every
 * device the same state), then rebuilt by Check database's replay. Returns how many cards were rebuilt.
 */
export async function replayPulledCards(onProgress?: (done: number) => void): Promise<number> {
	const database = db();
	const settings = await loadSchedulerSettings();
	let rebuilt = 0;
	for (;;) {
		const count = await database.transaction(
			'rw',
			[database.syncState, database.cards, database.reviews, database.outbox, database.reviewTally, database.cardTally],
			async () => {
				markFromSync();
				const marks = (await database.syncState
					.where('key')
					.between(REPLAY, `${REPLAY}\uffff`)
					.limit(REPLAY_CHUNK)
					.primaryKeys()) as string[];
				if (marks.length === 0) return undefined;
				const ids = marks.map((mark) => mark.slice(REPLAY.length));
				const done = await replayInTimeOrder(ids, settings);
				await database.syncState.bulkDelete(marks as SyncReplayRow['key'][]);
				return done;
			}
		);
		if (count === undefined) return rebuilt;
		rebuilt += count;
		onProgress?.(rebuilt);
	}
}

const REPLAY_CHUNK = 500;

/**
 * Check database's replay (rebuildFromHistory) of these cards, from one read of their reviews: a card whose reviews a
 * merge put out of time order has them renumbered first, so the order replayed is the order stored.
 */
async function replayInTimeOrder(cardIds: readonly string[], settings: SchedulerSettings): Promise<number> {
	const database = db();
	const [cards, ...logs] = await Promise.all([
		database.cards.bulkGet([...cardIds]),
		...cardIds.map((id) => database.reviews.where('cardId').equals(id).toArray())
	]);
	const rebuilt: StudyCardRow[] = [];
	for (const [i, card] of (cards as (StudyCardRow | undefined)[]).entries()) {
		const reviews = logs[i] as ReviewLogRow[];
		let ordered = inTimeOrder(reviews);
		if (!ordered.every((review, at) => review === reviews[at])) {
			await database.reviews.bulkDelete(reviews.map((review) => review.id!));
			const unnumbered = ordered.map(({ id: _id, ...review }) => review);
			const ids = await database.reviews.bulkAdd(unnumbered, { allKeys: true });
			ordered = unnumbered.map((review, at) => ({ ...review, id: ids[at] }));
		}
		if (card) rebuilt.push({ ...card, ...replayCard(newCardState(card.createdAt), ordered, settings) });
	}
	await database.cards.bulkPut(rebuilt);
	return rebuilt.length;
}
