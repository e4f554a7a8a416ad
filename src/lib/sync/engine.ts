import { isValidRow } from '../backup/schema.ts';
import {
	applyPulled,
	markPushed,
	outboxBatch,
	readSyncState,
	replayPulledCards,
	reviewScanBatch,
	saveClockOffset,
	saveReviewScan,
	saveStatus,
	unknownDocs,
	waitingCount,
	type PulledDoc,
	type PushOutcome
} from '../db/syncState.ts';
import type { CouchClient } from './couch.ts';
import { isSuspensionRow, readDoc, SUSPENSION, SYNC_FORMAT, type SyncDoc } from './documents.ts';
import { clockOffset } from './hlc.ts';

export interface SyncProgress {
	phase: 'pull' | 'push';
	done: number;
	/** About how many in all; 0 when unknown. */
	total: number;
}

export interface SyncReport {
	pulled: number;
	pushed: number;
	conflictCopies: number;
	/** Documents written by a newer Duka, left alone. */
	newer: number;
	/** Documents on the server that are not Duka's or are damaged, left alone. */
	unreadable: number;
	/** Changes the server refused (a validation function's `forbidden`), which stay waiting here. */
	refused: { id: string; reason: string }[];
}

export interface SyncOptions {
	/** Documents per request at most (requests are also bounded by bytes). */
	batch?: number;
	onProgress?: (progress: SyncProgress) => void;
	now?: () => number;
}

/** A pushed article body can be megabytes: a request stops growing past this. */
const MAX_PUSH_BYTES = 4 * 1024 * 1024;
/** What a pull's request for documents aims at; the first asks for few, and the next are sized by its answer. */
const MAX_PULL_BYTES = 4 * 1024 * 1024;
const FIRST_PULL_REQUEST = 200;
const ROUNDS = 3;
export const DEFAULT_BATCH = 2_000;

/** A pulled document with a row that passes the backup's rules for its table, or what is wrong with it. */
function check(raw: unknown): PulledDoc | 'newer' | 'unreadable' {
	const read = readDoc(raw);
	if (read.kind === 'newer') return 'newer';
	if (read.kind === 'invalid') return 'unreadable';
	const { table, row } = read.doc;
	if (row && !(table === SUSPENSION ? isSuspensionRow(row) : isValidRow(table, row))) return 'unreadable';
	return { doc: read.doc, hlc: read.hlc };
}

/**
 * Pulls the feed from the checkpoint. A page of ids and revisions first, then only the documents this device lacks
 * (its own pushes coming back, above all after the first sync sent every review, are not downloaded again), in
 * requests sized by bytes (an article's body can be megabytes, a review a few hundred bytes), each applied in its own
 * transaction, the page's last with the page's checkpoint. While most of what a page lists is wanted (a new device),
 * the next pages come with their documents, one request each, sized by bytes too. The cards whose reviews changed are
 * replayed once, at the end, rather than after every batch.
 */
async function pull(client: CouchClient, report: SyncReport, options: Required<SyncOptions>, total: number) {
	const state = await readSyncState();
	const checkpoint = state.checkpoint;
	let since = checkpoint && checkpoint.format >= SYNC_FORMAT ? checkpoint.since : 0;
	let done = 0;
	let perRequest = Math.min(options.batch, FIRST_PULL_REQUEST);
	let inline = false;
	// At once, so a big first sync shows its bar before the first page has come.
	options.onProgress({ phase: 'pull', done: 0, total });
	const apply = async (docs: unknown[], checkpoint: string | number | undefined) => {
		const pulled: PulledDoc[] = [];
		for (const raw of docs) {
			const checked = check(raw);
			if (checked === 'newer') report.newer++;
			else if (checked === 'unreadable') report.unreadable++;
			else pulled.push(checked);
		}
		const applied = await applyPulled(pulled, checkpoint, options.now());
		report.pulled += applied.applied;
		report.conflictCopies += applied.conflictCopies;
	};
	const sized = (bytes: number, count: number) =>
		count > 0 ? Math.max(1, Math.min(options.batch, Math.floor(MAX_PULL_BYTES / (bytes / count)))) : perRequest;
	for (;;) {
		const limit = inline ? perRequest : options.batch;
		const { results, lastSeq, bytes } = await client.changes(since, limit, inline);
		const listed = results.filter((row) => !row.deleted);
		const wanted = await unknownDocs(listed.map((row) => ({ id: row.id, rev: String(row.changes?.[0]?.rev ?? '') })));
		if (inline) {
			const keep = new Set(wanted);
			await apply(
				listed.flatMap((row) => (keep.has(row.id) && row.doc !== undefined ? [row.doc] : [])),
				lastSeq
			);
			perRequest = sized(bytes, results.length);
		} else {
			let start = 0;
			do {
				const ids = wanted.slice(start, start + perRequest);
				start += ids.length;
				const answer = await client.documents(ids);
				perRequest = sized(answer.bytes, answer.docs.length);
				await apply(answer.docs, start >= wanted.length ? lastSeq : undefined);
			} while (start < wanted.length);
		}
		inline = wanted.length > listed.length / 2;
		since = lastSeq;
		done += results.length;
		options.onProgress({ phase: 'pull', done, total });
		if (results.length < limit) break;
	}
	await replayPulledCards();
}

/** Outcomes of one `_bulk_docs`; a tombstone of a review that meets the live one is retried with its revision. */
async function pushDocs(
	client: CouchClient,
	docs: SyncDoc[],
	report: SyncReport
): Promise<{ outcomes: PushOutcome[]; conflicts: number }> {
	if (docs.length === 0) return { outcomes: [], conflicts: 0 };
	const results = await client.bulkDocs(docs);
	const outcomes: PushOutcome[] = [];
	const retry: SyncDoc[] = [];
	let conflicts = 0;
	results.forEach((result, i) => {
		const doc = docs[i]!;
		if (result.ok && result.rev) outcomes.push({ docId: doc._id, hlc: doc.hlc, rev: result.rev });
		else if (result.error === 'conflict' && doc.table === 'reviews' && !doc.deleted)
			// Reviews never change: the server has this one already (a push whose answer was lost, or the other device's).
			outcomes.push({ docId: doc._id, hlc: doc.hlc, alreadyThere: true });
		else if (result.error === 'conflict' && doc.table === 'reviews') retry.push(doc);
		else if (result.error === 'conflict') conflicts++;
		else {
			report.refused.push({ id: doc._id, reason: result.reason ?? result.error ?? 'refused' });
			outcomes.push({ docId: doc._id, hlc: doc.hlc, refused: true });
		}
	});
	if (retry.length > 0) {
		const revs = await client.revisions(retry.map((doc) => doc._id));
		const again = await pushDocs(
			client,
			retry.flatMap((doc) => (revs.has(doc._id) ? [{ ...doc, _rev: revs.get(doc._id)! }] : [])),
			report
		);
		outcomes.push(...again.outcomes);
		conflicts += again.conflicts;
	}
	report.pushed += outcomes.filter((outcome) => 'rev' in outcome).length;
	return { outcomes, conflicts };
}

function byteLimited(docs: SyncDoc[]): SyncDoc[] {
	let bytes = 0;
	const kept: SyncDoc[] = [];
	for (const doc of docs) {
		bytes += JSON.stringify(doc).length;
		if (kept.length > 0 && bytes > MAX_PUSH_BYTES) break;
		kept.push(doc);
	}
	return kept;
}

/** Pushes the outbox, oldest change first; returns how many were refused as conflicts (a newer version to pull). */
async function push(
	client: CouchClient,
	report: SyncReport,
	options: Required<SyncOptions>,
	total: number
): Promise<number> {
	let after = '';
	let conflicts = 0;
	let done = 0;
	for (;;) {
		const batch = await outboxBatch(after, options.batch);
		if (batch.docs.length === 0) break;
		const docs = byteLimited(batch.docs);
		const pushed = await pushDocs(client, docs, report);
		await markPushed(pushed.outcomes);
		conflicts += pushed.conflicts;
		after = docs.at(-1)!.hlc;
		done += docs.length;
		options.onProgress({ phase: 'push', done, total });
	}
	const scan = (await readSyncState()).checkpoint?.reviewScan;
	if (scan === null || scan === undefined) return conflicts;
	let position = scan;
	for (;;) {
		const { lastId, docs } = await reviewScanBatch(position, options.batch);
		if (docs.length === 0) break;
		await pushDocs(client, docs, report);
		await saveReviewScan(lastId);
		position = lastId;
		done += docs.length;
		options.onProgress({ phase: 'push', done, total });
	}
	await saveReviewScan(null);
	return conflicts;
}

/**
 * One sync: pull what changed on the server since the checkpoint, then push what waits here; a push that met a newer
 * version pulls and pushes again. Cut off anywhere, the next sync resumes: pulled batches are applied with their
 * checkpoint, and a pushed change leaves the outbox only once the server has it.
 */
export async function syncOnce(client: CouchClient, options: SyncOptions = {}): Promise<SyncReport> {
	const settings: Required<SyncOptions> = { batch: DEFAULT_BATCH, onProgress: () => {}, now: Date.now, ...options };
	const report: SyncReport = { pulled: 0, pushed: 0, conflictCopies: 0, newer: 0, unreadable: 0, refused: [] };
	const info = await client.info();
	const offset = clockOffset(info.serverDate, info.sentAt, info.receivedAt);
	if (offset !== undefined) await saveClockOffset(offset);
	for (let round = 0; round < ROUNDS; round++) {
		await pull(client, report, settings, info.docCount);
		const conflicts = await push(client, report, settings, await waitingCount());
		if (conflicts === 0) break;
	}
	// What was just pushed comes back in the feed: read past it now (ids only, nothing downloaded), so the next sync
	// reads only what changed since, not the ids of this one's pushes (all the reviews, after a first sync).
	if (report.pushed > 0) await pull(client, report, settings, info.docCount);
	await saveStatus({ lastSyncedAt: settings.now(), newer: report.newer });
	return report;
}
