import {
	BACKUP_APP,
	cardsAfterTheirReviews,
	BACKUP_FORMAT,
	emptyCounts,
	primaryKey,
	TABLE_NAMES,
	type BackupFile,
	type BackupHeader,
	type BackupTables,
	type TableName
} from './tables.ts';
import type { StudyCardRow } from '../model/cards.ts';
import type { ReviewLogRow } from '../model/reviews.ts';

/**
 * A backup of the given rows. Rows are copied and put in key order, so the same data always gives the same
 * file whatever order the database returned it in.
 */
export function buildBackup(tables: BackupTables, now: Date | number): BackupFile {
	const sorted = Object.fromEntries(
		TABLE_NAMES.map((name) => [name, sortRows(name, tables[name] as object[])])
	) as unknown as BackupTables;
	return { app: BACKUP_APP, format: BACKUP_FORMAT, exportedAt: new Date(now).toISOString(), tables: sorted };
}

function sortRows<T extends object>(table: TableName, rows: readonly T[]): T[] {
	return rows
		.map((row) => ({ ...row }))
		.sort((a, b) => compareKeys(primaryKey(table, a), primaryKey(table, b)) || compareReviews(a, b));
}

function compareKeys(a: string | number | undefined, b: string | number | undefined): number {
	if (a === b) return 0;
	if (a === undefined) return 1;
	if (b === undefined) return -1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	// Code-unit order, not localeCompare: the order must not depend on the device's language.
	return String(a) < String(b) ? -1 : 1;
}

/** Orders reviews that have no id yet by time, then card. */
function compareReviews(a: object, b: object): number {
	const x = a as { reviewedAt?: number; cardId?: string };
	const y = b as { reviewedAt?: number; cardId?: string };
	return (x.reviewedAt ?? 0) - (y.reviewedAt ?? 0) || compareKeys(x.cardId, y.cardId);
}

/** The version of Duka that writes a backup, named in its header. */
export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

/** The header of a backup of these tables. */
export function backupHeader(backup: BackupFile): BackupHeader {
	const counts = emptyCounts();
	for (const name of TABLE_NAMES) counts[name] = backup.tables[name].length;
	let reviews: BackupHeader['reviews'] = null;
	for (const { reviewedAt } of backup.tables.reviews)
		reviews = reviews
			? { first: Math.min(reviews.first, reviewedAt), last: Math.max(reviews.last, reviewedAt) }
			: { first: reviewedAt, last: reviewedAt };
	return {
		app: backup.app,
		format: backup.format,
		appVersion: APP_VERSION,
		exportedAt: backup.exportedAt,
		tables: counts,
		reviews
	};
}

/** The header line, its members in a fixed order: `app` and `format` first, as a reader recognises a backup by. */
export function headerLine(header: BackupHeader): string {
	const { app, format, appVersion, exportedAt, tables, reviews } = header;
	return JSON.stringify({ app, format, appVersion, exportedAt, tables, reviews });
}

/** A table's row as a line of the file: `["cards",{…}]`, keys sorted, so the same data gives the same file. */
export const rowLine = (table: TableName, row: object): string => `[${JSON.stringify(table)},${canonicalJson(row)}]`;

/**
 * The text of a backup held in memory, before compression (backupWriter.ts streams the same lines): a header
 * line, then one row per line with object keys in sorted order, so two backups of the same data are
 * byte-identical and a diff between two backups shows the rows that changed.
 */
export function serialiseBackup(backup: BackupFile): string {
	const lines = [headerLine(backupHeader(backup))];
	for (const name of TABLE_NAMES) {
		if (name === 'cards') continue;
		if (name === 'reviews')
			for (const { table, rows } of cardsWithTheirReviews(backup.tables.cards, backup.tables.reviews))
				for (const row of rows) lines.push(rowLine(table, row));
		else for (const row of backup.tables[name] as object[]) lines.push(rowLine(name, row));
	}
	return lines.join('\n') + '\n';
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The cards and reviews in the order a backup lists them: the reviews as the cardId index gives them. */
function cardsWithTheirReviews(cards: readonly StudyCardRow[], reviews: readonly ReviewLogRow[]) {
	const byCard = [...reviews].sort((a, b) => byKey(a.cardId, b.cardId) || (a.id ?? 0) - (b.id ?? 0));
	const inKeyOrder = [...cards].sort((a, b) => byKey(a.id, b.id));
	return cardsAfterTheirReviews(inKeyOrder, byCard, byKey, true).runs;
}

/** JSON with every object's keys sorted; `undefined` members are left out as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
	// A sorted copy through the native stringifier: several times faster on a big log than a replacer.
	return JSON.stringify(sortedCopy(value));
}

function sortedCopy(value: unknown): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (Array.isArray(value)) return value.map(sortedCopy);
	const record = value as Record<string, unknown>;
	const copy: Record<string, unknown> = {};
	for (const key of Object.keys(record).sort()) {
		// Assigning __proto__ would set the prototype; defined, it stays a member like any other.
		if (key === '__proto__')
			Object.defineProperty(copy, key, {
				value: sortedCopy(record[key]),
				enumerable: true,
				writable: true,
				configurable: true
			});
		else copy[key] = sortedCopy(record[key]);
	}
	return copy;
}

/** Gives the main thread back to the page for a moment (a tap, a frame). */
export type YieldToPage = () => Promise<void>;

export const yieldToPage: YieldToPage = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A container whose members are all primitives: one native call writes it, however many there are of it. */
function isFlat(value: object): boolean {
	for (const member of Object.values(value)) if (member !== null && typeof member === 'object') return false;
	return true;
}

/** Takes the text written, a part at a time; a promise asks the writer to wait (the compressor has fallen behind). */
export type TextSink = (part: string) => Promise<void> | undefined;

/** Hands `part` to `sink`, waiting only when it asks to. */
async function emitTo(sink: TextSink, part: string): Promise<void> {
	const wait = sink(part);
	if (wait) await wait;
}

export interface SliceOptions {
	sliceMs?: number;
	yieldNow?: YieldToPage;
	clock?: () => number;
}

/**
 * Writes what `canonicalJson` writes to `sink`, a slice of `sliceMs` at a time with the page given its turn between:
 * an imported text of 2 MB is one row, and written in one go it held the main thread for over a second. Big
 * containers are walked member by member; flat ones (a token, a row of numbers) go through the native path. The
 * parts are handed on as they are made, so the row is never one string. Resolves to false when `value` writes
 * nothing (undefined, a function), having written nothing.
 */
export async function writeCanonicalJsonInSlices(
	value: unknown,
	sink: TextSink,
	{ sliceMs = 8, yieldNow = yieldToPage, clock = () => performance.now() }: SliceOptions = {}
): Promise<boolean> {
	let sliceStart = clock();
	const emit = (part: string) => emitTo(sink, part);
	const giveWay = async () => {
		if (clock() - sliceStart < sliceMs) return;
		await yieldNow();
		sliceStart = clock();
	};
	// Members that write nothing are left out of an object (null in an array): whether one does is known before any
	// of it is written, so nothing is ever taken back.
	const writes = (member: unknown) =>
		member !== undefined && typeof member !== 'function' && typeof member !== 'symbol';
	async function write(member: unknown): Promise<void> {
		if (member === null || typeof member !== 'object' || isFlat(member)) {
			await emit(canonicalJson(member));
			await giveWay();
			return;
		}
		if (Array.isArray(member)) {
			await emit('[');
			for (let i = 0; i < member.length; i++) {
				if (i > 0) await emit(',');
				if (writes(member[i])) await write(member[i]);
				else await emit('null');
			}
			await emit(']');
			return;
		}
		const record = member as Record<string, unknown>;
		await emit('{');
		let first = true;
		for (const key of Object.keys(record).sort()) {
			if (!writes(record[key])) continue;
			await emit((first ? '' : ',') + JSON.stringify(key) + ':');
			first = false;
			await write(record[key]);
		}
		await emit('}');
	}
	if (!writes(value)) return false;
	await write(value);
	return true;
}

/** `canonicalJson`, written in slices (`writeCanonicalJsonInSlices`), as one string. */
export async function canonicalJsonInSlices(value: unknown, options?: SliceOptions): Promise<string | undefined> {
	const parts: string[] = [];
	const wrote = await writeCanonicalJsonInSlices(value, (part) => void parts.push(part), options);
	return wrote ? parts.join('') : undefined;
}

/** `rowLine` and its line end, written to `sink` in slices (`writeCanonicalJsonInSlices`). */
export async function writeRowLineInSlices(
	table: TableName,
	row: object,
	sink: TextSink,
	options?: SliceOptions
): Promise<void> {
	await emitTo(sink, `[${JSON.stringify(table)},`);
	await writeCanonicalJsonInSlices(row, sink, options);
	await emitTo(sink, ']\n');
}

/** The extension of a backup file: gzip of JSON lines. */
export const BACKUP_EXTENSION = 'ndjson.gz';

/** `duka-backup-2026-11-29.ndjson.gz`, in the device's local date: the day the user made it. */
export function backupFileName(now: Date | number, kind = 'backup', extension = BACKUP_EXTENSION): string {
	const date = new Date(now);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `duka-${kind}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${extension}`;
}
