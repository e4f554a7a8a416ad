import {
	BACKUP_APP,
	BACKUP_FORMAT,
	primaryKey,
	TABLE_NAMES,
	type BackupFile,
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

/**
 * The file's text: one row per line with object keys in sorted order, so two backups of the same data are
 * byte-identical and a diff between two backups shows the rows that changed.
 */
export function serialiseBackup(backup: BackupFile): string {
	const lines = [
		`{"app":${JSON.stringify(backup.app)},"format":${backup.format},"exportedAt":${JSON.stringify(backup.exportedAt)},"tables":{`
	];
	TABLE_NAMES.forEach((name, index) => {
		const rows = backup.tables[name];
		const last = index === TABLE_NAMES.length - 1;
		if (rows.length === 0) {
			lines.push(`${JSON.stringify(name)}:[]${last ? '' : ','}`);
			return;
		}
		lines.push(`${JSON.stringify(name)}:[`);
		rows.forEach((row, rowIndex) => lines.push(canonicalJson(row) + (rowIndex === rows.length - 1 ? '' : ',')));
		lines.push(`]${last ? '' : ','}`);
	});
	lines.push('}}');
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

/** `duka-backup-2026-11-29.json`, in the device's local date: the day the user made it. */
export function backupFileName(now: Date | number, kind = 'backup', extension = 'json'): string {
	const date = new Date(now);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `duka-${kind}-${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}.${extension}`;
}
