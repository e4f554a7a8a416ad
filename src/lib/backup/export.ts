import {
	BACKUP_APP,
	BACKUP_FORMAT,
	emptyCounts,
	primaryKey,
	TABLE_NAMES,
	type BackupFile,
	type BackupHeader,
	type BackupTables,
	type TableName
} from './tables.ts';

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
	for (const name of TABLE_NAMES) for (const row of backup.tables[name] as object[]) lines.push(rowLine(name, row));
	return lines.join('\n') + '\n';
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

/**
 * The same text as `canonicalJson`, written a slice of `sliceMs` at a time with the page given its turn between:
 * an imported text of 2 MB is one row, and written in one go it held the main thread for over a second.
 * Big containers are walked member by member; flat ones (a token, a row of numbers) go through the native path.
 */
export async function canonicalJsonInSlices(
	value: unknown,
	{ sliceMs = 8, yieldNow = yieldToPage, clock = () => performance.now() } = {}
): Promise<string | undefined> {
	let sliceStart = clock();
	const parts: string[] = [];
	const giveWay = async () => {
		if (clock() - sliceStart < sliceMs) return;
		await yieldNow();
		sliceStart = clock();
	};
	// Returns false when the value writes nothing (undefined, a function): left out of an object, null in an array.
	async function write(member: unknown): Promise<boolean> {
		if (member === null || typeof member !== 'object' || isFlat(member)) {
			const text = canonicalJson(member);
			if (text === undefined) return false;
			parts.push(text);
			await giveWay();
			return true;
		}
		if (Array.isArray(member)) {
			parts.push('[');
			for (let i = 0; i < member.length; i++) {
				if (i > 0) parts.push(',');
				if (!(await write(member[i]))) parts.push('null');
			}
			parts.push(']');
			return true;
		}
		const record = member as Record<string, unknown>;
		parts.push('{');
		let first = true;
		for (const key of Object.keys(record).sort()) {
			const at = parts.length;
			parts.push(first ? '' : ',', JSON.stringify(key), ':');
			if (await write(record[key])) first = false;
			else parts.length = at;
		}
		parts.push('}');
		return true;
	}
	return (await write(value)) ? parts.join('') : undefined;
}

/** `rowLine`, written in slices (`canonicalJsonInSlices`). */
export async function rowLineInSlices(
	table: TableName,
	row: object,
	options?: Parameters<typeof canonicalJsonInSlices>[1]
): Promise<string> {
	return `[${JSON.stringify(table)},${await canonicalJsonInSlices(row, options)}]`;
}

/** The extension of a backup file: gzip of JSON lines. */
export const BACKUP_EXTENSION = 'ndjson.gz';

/** `duka-backup-2026-11-29.ndjson.gz`, in the device's local date: the day the user made it. */
export function backupFileName(now: Date | number, kind = 'backup', extension = BACKUP_EXTENSION): string {
	const date = new Date(now);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `duka-${kind}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${extension}`;
}
