import { isCardDirection, type CardDirection } from '../model/cards.ts';
import type { NoteRow } from '../model/notes.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { UserEntryRow } from '../model/words.ts';
import { compareHlc, decodeHlc, type Hlc } from './hlc.ts';

/**
 * The format of the documents this Duka writes. A document of a higher format is left alone (and the user asked to
 * update Duka); once this number grows, the device reads the whole feed again, so nothing skipped is lost.
 */
export const SYNC_FORMAT = 1;

/**
 * The tables whose rows travel, one document per row. Cards do not: their FSRS state is always replayed from the
 * reviews, and each device creates the cards of the words it has.
 */
export const SYNCED_TABLES = [
	'kv',
	'reading',
	'userEntries',
	'bookmarks',
	'highlights',
	'notes',
	'articles',
	'articleTexts',
	'reviews'
] as const;

export type SyncedTable = (typeof SYNCED_TABLES)[number];

export const isSyncedTable = (name: string): name is SyncedTable => (SYNCED_TABLES as readonly string[]).includes(name);

/**
 * Whether a card is suspended is the user's choice (suspended on the phone, it is expected suspended on the laptop), so
 * it travels: a document per card, `suspension:<card id>`, holding only that flag, last-writer-wins like any row; the
 * card's FSRS state never travels. Burial stays on each device: it hides a card until the next day because its
 * sibling was just reviewed there, it ends by itself, and a device that pulls the review buries nothing (replay does
 * not bury), so syncing it would only hide cards on a day the other device never studied.
 */
export const SUSPENSION = 'suspension';

/** What a document can be of: a synced table's row, or a card's suspension. */
export type DocTable = SyncedTable | typeof SUSPENSION;

export const isDocTable = (name: string): name is DocTable => name === SUSPENSION || isSyncedTable(name);

/** A suspension document's row: the card, and whether it is suspended (1) or not (0). */
export interface SuspensionRow {
	id: string;
	suspended: 0 | 1;
}

export const isSuspensionRow = (row: Record<string, unknown>): boolean =>
	typeof row.id === 'string' &&
	row.id.length > 0 &&
	row.id.length <= 1_000 &&
	(row.suspended === 0 || row.suspended === 1) &&
	Object.keys(row).length === 2;

/** The keyed values that are the user's (settings, reading positions); flags of this device stay here. */
const SYNCED_KV = ['settings:display', 'settings:scheduler', 'reading:last'];
const SYNCED_KV_PREFIXES = ['reading:position:'];

export const isSyncedKvKey = (key: unknown): key is string =>
	typeof key === 'string' && (SYNCED_KV.includes(key) || SYNCED_KV_PREFIXES.some((prefix) => key.startsWith(prefix)));

/**
 * What a review (or suspension) document says of its card, so a device that lacks the card can make it as it was made.
 */
export interface ReviewedCard {
	entryId: string;
	direction: CardDirection;
	createdAt: number;
}

export interface SyncDoc {
	_id: string;
	_rev?: string;
	formatVersion: number;
	table: DocTable;
	/** The change's hybrid logical clock (hlc.ts), for last-writer-wins. */
	hlc: string;
	/** A tombstone: the row was deleted. CouchDB's own `_deleted` would lose to any live revision of the document. */
	deleted?: true;
	/** The row as stored (a review without its local id). */
	row?: Record<string, unknown>;
	card?: ReviewedCard;
}

/**
 * A review is the same review on every device when it is of the same card at the same millisecond (the backup's rule):
 * that makes its document id, so pushing it twice finds the first one.
 */
export const reviewDocId = (review: Pick<ReviewLogRow, 'cardId' | 'reviewedAt'>) =>
	`reviews:${review.cardId}@${review.reviewedAt}`;

/** The local primary key of a row of a synced table other than reviews (whose local ids differ between devices). */
export function keyOf(table: Exclude<DocTable, 'reviews'>, row: Record<string, unknown>): string {
	const key = table === 'kv' || table === 'reading' || table === 'bookmarks' ? row.key : row.id;
	if (typeof key !== 'string') throw new Error(`A ${table} row without a key`);
	return key;
}

export const docIdOf = (table: Exclude<DocTable, 'reviews'>, key: string) => `${table}:${key}`;

/** The document id of any synced row. */
export function docIdOfRow(table: DocTable, row: Record<string, unknown>): string {
	return table === 'reviews' ? reviewDocId(row as unknown as ReviewLogRow) : docIdOf(table, keyOf(table, row));
}

/** The document of a row as it now is, or of its deletion when `row` is undefined. */
export function toDoc(
	id: string,
	table: DocTable,
	hlc: string,
	row: Record<string, unknown> | undefined,
	card?: ReviewedCard
): SyncDoc {
	if (!row) return { _id: id, formatVersion: SYNC_FORMAT, table, hlc, deleted: true };
	if (table === SUSPENSION) return { _id: id, formatVersion: SYNC_FORMAT, table, hlc, row, ...(card ? { card } : {}) };
	if (table !== 'reviews') return { _id: id, formatVersion: SYNC_FORMAT, table, hlc, row };
	const { id: _localId, ...review } = row;
	return { _id: id, formatVersion: SYNC_FORMAT, table, hlc, row: review, ...(card ? { card } : {}) };
}

export type ReadDoc =
	| { kind: 'doc'; doc: SyncDoc; hlc: Hlc }
	/** Written by a newer Duka: left alone until this device is updated. */
	| { kind: 'newer'; id: string }
	/** Not Duka's (a design document, another app's) or damaged: left alone, and said so. */
	| { kind: 'invalid'; id: string; reason: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads a pulled document's envelope; the row inside is checked by the caller with the backup's row rules. A format
 * is read first, so that a newer Duka may change everything else.
 */
export function readDoc(raw: unknown): ReadDoc {
	if (!isRecord(raw) || typeof raw._id !== 'string') return { kind: 'invalid', id: '?', reason: 'not a document' };
	const id = raw._id;
	if (id.startsWith('_design/')) return { kind: 'invalid', id, reason: 'design document' };
	const format = raw.formatVersion;
	if (typeof format !== 'number' || !Number.isSafeInteger(format) || format < 1)
		return { kind: 'invalid', id, reason: 'no format version' };
	if (format > SYNC_FORMAT) return { kind: 'newer', id };
	const hlc = decodeHlc(raw.hlc);
	if (!hlc) return { kind: 'invalid', id, reason: 'no clock' };
	if (typeof raw.table !== 'string' || !isDocTable(raw.table)) return { kind: 'invalid', id, reason: 'unknown table' };
	const table = raw.table;
	if (raw.deleted === true) return { kind: 'doc', doc: { ...(raw as unknown as SyncDoc), table, deleted: true }, hlc };
	if (!isRecord(raw.row)) return { kind: 'invalid', id, reason: 'no row' };
	if (table === 'kv' && !isSyncedKvKey(raw.row.key)) return { kind: 'invalid', id, reason: 'not a synced setting' };
	let expected: string;
	try {
		expected = docIdOfRow(table, raw.row);
	} catch {
		return { kind: 'invalid', id, reason: 'no key' };
	}
	if (expected !== id) return { kind: 'invalid', id, reason: 'id does not match the row' };
	if ((table === 'reviews' || table === SUSPENSION) && raw.card !== undefined && !isReviewedCard(raw.card))
		return { kind: 'invalid', id, reason: 'bad card' };
	return { kind: 'doc', doc: raw as unknown as SyncDoc, hlc };
}

function isReviewedCard(value: unknown): value is ReviewedCard {
	return (
		isRecord(value) &&
		typeof value.entryId === 'string' &&
		isCardDirection(value.direction) &&
		typeof value.createdAt === 'number' &&
		Number.isSafeInteger(value.createdAt)
	);
}

/** Last-writer-wins: the remote version replaces a change waiting here only when its clock is later. */
export function remoteWins(remote: Hlc, pending: Hlc | undefined): boolean {
	return pending === undefined || compareHlc(remote, pending) > 0;
}

const WORD_FIELDS = ['pinyin', 'en', 'defEn', 'defZh'] as const;

/**
 * Whether the losing side of a conflict holds text the user wrote that the winner lacks: a note's text, or what
 * the user may edit of a word. Only then is a conflict copy kept.
 */
export function textDiffers(table: DocTable, winner: unknown, loser: unknown): boolean {
	if (!isRecord(loser)) return false;
	if (table === 'notes') return !isRecord(winner) ? loser.text !== '' : winner.text !== loser.text;
	if (table === 'userEntries') return !isRecord(winner) || WORD_FIELDS.some((field) => winner[field] !== loser[field]);
	return false;
}

/**
 * The losing text as a note of its own, so it stays in view and travels like any note: a note's copy sits beside it,
 * a word's losing version is written as a note on the paragraph the word was taken from.
 */
export function conflictCopy(table: 'notes' | 'userEntries', loser: unknown, id: string, now: number): NoteRow {
	if (table === 'notes') {
		const note = loser as NoteRow;
		return { ...note, id, createdAt: note.updatedAt, updatedAt: Math.max(now, note.updatedAt) };
	}
	const word = loser as UserEntryRow;
	const lines = [[word.zh, word.pinyin, word.en].filter(Boolean).join(' · '), word.defEn, word.defZh];
	return {
		id,
		articleId: word.articleId,
		paragraphId: word.paragraphId,
		highlightId: null,
		text: lines.filter(Boolean).join('\n'),
		createdAt: now,
		updatedAt: now
	};
}

/**
 * The reviews of a card in the order they happened, ties in the order they were stored: after a merge each device
 * numbers a card's reviews this way, so replay (in id order) gives every device the same state.
 */
export function inTimeOrder<T extends Pick<ReviewLogRow, 'reviewedAt' | 'id'>>(reviews: readonly T[]): T[] {
	return [...reviews].sort(
		(a, b) => a.reviewedAt - b.reviewedAt || (a.id ?? Number.MAX_SAFE_INTEGER) - (b.id ?? Number.MAX_SAFE_INTEGER)
	);
}
