import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreTable, type DBCoreTransaction } from 'dexie';
import type { Middleware } from 'dexie';
import {
	docIdOf,
	docIdOfRow,
	isSyncedKvKey,
	isSyncedTable,
	SUSPENSION,
	type DocTable,
	type SyncedTable
} from '../sync/documents.ts';
import { decodeHlc, encodeHlc, tick, ZERO_HLC } from '../sync/hlc.ts';

/**
 * A change waiting to be pushed: which document, the row's local key (a review's card and millisecond: its local id
 * differs between devices) and the clock of the change. The document is built from the row as it is when pushed, so
 * a row changed ten times waits once, and a row that is gone goes as a tombstone.
 */
export interface OutboxRow {
	docId: string;
	table: DocTable;
	key?: string;
	review?: { cardId: string; reviewedAt: number };
	hlc: string;
}

/** This device for sync: kept in `syncState`, which no backup holds, so a restored backup never copies the id. */
export interface SyncDeviceRow {
	key: 'device';
	deviceId: string;
	/** Changes are recorded only while sync is on: a device that never syncs keeps no outbox. */
	enabled: boolean;
	/** The last clock given to a change here or seen from elsewhere (hlc.ts, encoded). */
	clock: string;
	/** Server time minus this device's time, learnt from the server's Date header. */
	offset: number;
}

export const SYNC_DEVICE = 'device';

/** The tables sync keeps beside the data; none of them is in a backup. */
export const SYNC_OWN_TABLES = ['outbox', 'syncState', 'syncRevs'] as const;

type MarkedTransaction = DBCoreTransaction & { fromSync?: boolean };

/**
 * Marks the current Dexie transaction as sync's own: the rows it writes came from the server, so they are not sent
 * back. Call it first thing inside the transaction.
 */
export function markFromSync(): void {
	const transaction = Dexie.currentTransaction as unknown as { idbtrans?: MarkedTransaction } | null;
	if (!transaction?.idbtrans) throw new Error('markFromSync outside a transaction');
	transaction.idbtrans.fromSync = true;
}

type Row = Record<string, unknown>;

function outboxRow(table: SyncedTable, row: Row, hlc: string): OutboxRow | undefined {
	if (table === 'kv' && !isSyncedKvKey(row.key)) return undefined;
	const docId = docIdOfRow(table, row);
	if (table === 'reviews')
		return { docId, table, review: { cardId: row.cardId as string, reviewedAt: row.reviewedAt as number }, hlc };
	return {
		docId,
		table,
		key: (table === 'kv' || table === 'reading' || table === 'bookmarks' ? row.key : row.id) as string,
		hlc
	};
}

/** The rows a deletion removes, read before it: a review's document id is made of its content, not its key. */
async function rowsDeleted(table: DBCoreTable, request: DBCoreMutateRequest, name: SyncedTable): Promise<Row[]> {
	const { trans } = request;
	if (request.type === 'delete') {
		if (name !== 'reviews') {
			const key = table.schema.primaryKey.keyPath as string;
			return request.keys.map((value) => ({ [key]: value }));
		}
		return ((await table.getMany({ trans, keys: request.keys })) as (Row | undefined)[]).filter(
			(row): row is Row => row !== undefined
		);
	}
	if (request.type === 'deleteRange') {
		const found = await table.query({
			trans,
			values: true,
			query: { index: table.schema.primaryKey, range: request.range }
		});
		return found.result as Row[];
	}
	return [];
}

function tracking(name: SyncedTable, table: DBCoreTable, outbox: DBCoreTable, state: DBCoreTable): DBCoreTable {
	return {
		...table,
		async mutate(request) {
			const trans = request.trans as MarkedTransaction;
			if (trans.fromSync) return table.mutate(request);
			const device = (await state.get({ trans, key: SYNC_DEVICE })) as SyncDeviceRow | undefined;
			if (!device?.enabled) return table.mutate(request);
			const deleted = await rowsDeleted(table, request, name);
			const response = await table.mutate(request);
			const written =
				request.type === 'add' || request.type === 'put'
					? (request.values as Row[]).filter((_, i) => !(i in response.failures))
					: deleted;
			const hlc = tick(decodeHlc(device.clock) ?? ZERO_HLC, Date.now() + device.offset, device.deviceId);
			const clock = encodeHlc(hlc);
			const rows = written.map((row) => outboxRow(name, row, clock)).filter((row) => row !== undefined);
			if (rows.length === 0) return response;
			await Promise.all([
				outbox.mutate({ type: 'put', trans, values: rows }),
				state.mutate({ type: 'put', trans, values: [{ ...device, clock }] })
			]);
			return response;
		}
	};
}

/**
 * A card whose suspension changed: its `suspension:` document waits (documents.ts). Its old row is read only while
 * sync is on, and only its flag is compared: a grade rewrites the card without changing it.
 */
function trackingSuspension(table: DBCoreTable, outbox: DBCoreTable, state: DBCoreTable): DBCoreTable {
	return {
		...table,
		async mutate(request) {
			const trans = request.trans as MarkedTransaction;
			if (trans.fromSync || (request.type !== 'put' && request.type !== 'add')) return table.mutate(request);
			const device = (await state.get({ trans, key: SYNC_DEVICE })) as SyncDeviceRow | undefined;
			if (!device?.enabled) return table.mutate(request);
			const values = request.values as Row[];
			const before = (await table.getMany({ trans, keys: values.map((row) => row.id) })) as (Row | undefined)[];
			const response = await table.mutate(request);
			const changed = values.filter(
				(row, i) => !(i in response.failures) && (before[i]?.suspended ?? 0) !== (row.suspended ?? 0)
			);
			if (changed.length === 0) return response;
			const clock = encodeHlc(tick(decodeHlc(device.clock) ?? ZERO_HLC, Date.now() + device.offset, device.deviceId));
			const rows: OutboxRow[] = changed.map((row) => ({
				docId: docIdOf(SUSPENSION, row.id as string),
				table: SUSPENSION,
				key: row.id as string,
				hlc: clock
			}));
			await Promise.all([
				outbox.mutate({ type: 'put', trans, values: rows }),
				state.mutate({ type: 'put', trans, values: [{ ...device, clock }] })
			]);
			return response;
		}
	};
}

/**
 * Dexie middleware: while sync is on, every change to a synced table writes its outbox row in the same transaction,
 * whichever store function made it, so a change is either stored and waiting to be pushed or not made at all.
 * Transactions of sync itself (markFromSync) are left alone.
 */
export const outboxMiddleware: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'outbox',
	// Below Dexie's hooks middleware (level 2), which looks up the current Dexie transaction: after this middleware's
	// own awaits that lookup is gone, and its outbox writes need none of the hooks.
	level: 1,
	create(down) {
		// Before the upgrade to version 5 there is nothing to record into.
		if (!SYNC_OWN_TABLES.every((name) => down.schema.tables.some((table) => table.name === name))) return down;
		return {
			...down,
			transaction(stores, mode, options) {
				const extra =
					mode === 'readwrite' && stores.some((name) => isSyncedTable(name) || name === 'cards')
						? ['outbox', 'syncState'].filter((name) => !stores.includes(name))
						: [];
				return down.transaction(extra.length > 0 ? [...stores, ...extra] : stores, mode, options);
			},
			table(name) {
				const table = down.table(name);
				if (name === 'cards') return trackingSuspension(table, down.table('outbox'), down.table('syncState'));
				return isSyncedTable(name) ? tracking(name, table, down.table('outbox'), down.table('syncState')) : table;
			}
		};
	}
};
