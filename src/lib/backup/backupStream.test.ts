import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportAll, exportInParts, restoreRows, type ExportSink } from '../db/backup.ts';
import type { DukaDatabase } from '../db/db.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { openBackup, readBackupRows } from './backupReader.ts';
import { writeBackup } from './backupWriter.ts';
import { buildBackup, serialiseBackup } from './export.ts';
import { BackupRefused } from './schema.ts';
import { TABLE_NAMES, type BackupTables } from './tables.ts';
import { importedRows, sampleImportedText, sampleTables } from './testFixtures.ts';

const NOW = Date.UTC(2026, 11, 1, 9);
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

afterEach(() => {
	database.close();
});

/** Sample tables with many reviews and notes, so a file has many batches and pages. */
function bigTables(reviews = 2_500): BackupTables {
	const tables = { ...sampleTables(), ...importedRows(sampleImportedText(), NOW - 60_000) };
	const review = tables.reviews[0]!;
	tables.reviews = Array.from({ length: reviews }, (_, i) => ({
		...review,
		id: i + 1,
		reviewedAt: review.reviewedAt + i
	}));
	const note = tables.notes[0]!;
	tables.notes = Array.from({ length: 1_200 }, (_, i) => ({ ...note, id: `n-${String(i).padStart(5, '0')}` }));
	return tables;
}

async function seed(tables: BackupTables): Promise<void> {
	await database.transaction('rw', database.tables, async () => {
		for (const name of TABLE_NAMES) await database.table(name).bulkAdd(tables[name]);
	});
}

/** Every table in key order, to compare whole databases. */
const everything = async () => buildBackup(await exportAll(), NOW).tables;

const gzip = (text: string | Uint8Array): Promise<Blob> =>
	new Response(new Blob([text as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'))).blob();

const gunzip = async (file: Blob): Promise<string> =>
	new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();

/** Small pages, so even a small database is read in many of them. */
const inSmallPages = (sink: ExportSink) => exportInParts(sink, 97);

async function restoreFile(file: Blob, mode: 'replace' | 'merge') {
	const opened = await openBackup(file);
	return restoreRows(opened.rows(), mode, { total: Object.values(opened.summary.counts).reduce((a, b) => a + b) });
}

async function refusalOf(work: Promise<unknown>) {
	const error = await work.then(
		() => undefined,
		(caught: unknown) => caught
	);
	if (!(error instanceof BackupRefused)) throw new Error(`expected a refusal, got ${String(error)}`);
	return error.reason;
}

// Each case writes and reads a few thousand rows through fake IndexedDB: seconds on a busy machine.
describe('backup files of format 3', { timeout: 30_000 }, () => {
	it('export → file → wipe → restore gives back every row, and the same data gives the same file', async () => {
		await seed(bigTables());
		const before = await everything();
		const progress: number[] = [];
		const file = await writeBackup(inSmallPages, NOW, { onProgress: ({ done }) => progress.push(done) });
		expect(file.type).toBe('application/gzip');
		const text = await gunzip(file);
		// What is streamed is exactly what the in-memory writer gives: one implementation of the format.
		expect(text).toBe(serialiseBackup(buildBackup(await exportAll(), NOW)));
		expect(progress.at(-1)).toBe(text.split('\n').length - 2);

		for (const table of database.tables) await table.clear();
		await database.kv.put({ key: 'stray', value: 1 });
		const result = await restoreFile(file, 'replace');
		expect(result.added.reviews).toBe(2_500);
		expect(await everything()).toEqual(before);
		expect(await gunzip(await writeBackup(exportInParts, NOW))).toBe(text);
	});

	it('says how far it has read, in bytes and rows, in full batches of each table', async () => {
		await seed(bigTables());
		const file = await writeBackup(exportInParts, NOW);
		const seen: { bytes: number; rows: number }[] = [];
		const batches = readBackupRows(file, { onProgress: (progress) => seen.push(progress) });
		const perTable = new Map<string, number>();
		for await (const batch of batches) {
			expect(batch.rows.length).toBeLessThanOrEqual(1_000);
			perTable.set(batch.table, (perTable.get(batch.table) ?? 0) + 1);
		}
		const all = await exportAll();
		const rows = Object.values(all).reduce((sum, table) => sum + table.length, 0);
		expect(seen.at(-1)).toEqual({ bytes: file.size, rows });
		// Cards and reviews take turns in the file, and still come in as few batches as if they did not.
		expect(perTable.get('reviews')).toBe(Math.ceil(all.reviews.length / 1_000));
		expect(perTable.get('cards')).toBe(Math.ceil(all.cards.length / 1_000));
	});

	it('merges a file into what the device holds, adding only what is new', async () => {
		await seed(bigTables());
		const file = await writeBackup(exportInParts, NOW);
		database.close();

		database = freshDatabase();
		await seed(sampleTables());
		const here = await everything();
		const result = await restoreFile(file, 'merge');
		expect(result.kept.reviews).toBe(1);
		expect(result.added.reviews).toBe(2_499);
		expect(result.kept).toMatchObject({ kv: 2, cards: 2, userEntries: 1, notes: 0 });
		expect(result.added).toMatchObject({ notes: 1_200, articles: 1, articleTexts: 1 });
		const after = await everything();
		expect(after.kv).toEqual(here.kv);
		expect(after.reviews).toHaveLength(2_500);
		expect(after.notes).toHaveLength(here.notes.length + 1_200);
		// Merging the same file again adds nothing.
		const again = await restoreFile(file, 'merge');
		expect(Object.values(again.added).reduce((a, b) => a + b)).toBe(0);
	});

	it('refuses a file cut off inside its compressed data, with nothing changed', async () => {
		await seed(bigTables());
		const file = await writeBackup(exportInParts, NOW);
		await database.reviews.clear();
		const before = await everything();
		for (const cut of [file.size - 10, Math.floor(file.size / 2)]) {
			const reason = await refusalOf(restoreFile(file.slice(0, cut), 'replace'));
			expect(['corrupt', 'truncated']).toContain(reason.kind);
			expect(await everything()).toEqual(before);
		}
	});

	it('refuses a file cut off between two lines, and changes nothing', async () => {
		await seed(bigTables());
		const text = await gunzip(await writeBackup(exportInParts, NOW));
		const lines = text.split('\n');
		await database.notes.clear();
		const before = await everything();
		const reason = await refusalOf(restoreFile(await gzip(lines.slice(0, 2_000).join('\n') + '\n'), 'replace'));
		expect(reason.kind).toBe('truncated');
		expect(await everything()).toEqual(before);
	});

	it('refuses a bad row in the middle after earlier rows were written, and undoes them', async () => {
		await seed(sampleTables());
		const before = await everything();
		const lines = serialiseBackup(buildBackup(bigTables(), NOW)).split('\n');
		const at = lines.findIndex((line) => line.startsWith('["reviews",')) + 1_700;
		const row = JSON.parse(lines[at]!);
		row[1].rating = 9;
		lines[at] = JSON.stringify(row);
		for (const mode of ['replace', 'merge'] as const) {
			const reason = await refusalOf(restoreFile(await gzip(lines.join('\n')), mode));
			expect(reason).toMatchObject({ kind: 'invalid', table: 'reviews', row: 1_701, field: 'rating' });
			expect(await everything()).toEqual(before);
		}
	});

	it('refuses what only the whole file shows (a review of a card it lacks), at the end, with nothing changed', async () => {
		await seed(sampleTables());
		const before = await everything();
		const tables = bigTables();
		tables.reviews.at(-1)!.cardId = 'huang-2025:不存在|en2zh';
		const text = serialiseBackup(buildBackup(tables, NOW));
		// The row is counted among the file's reviews, which are listed card by card.
		const reviewLines = text.split('\n').filter((line) => line.startsWith('["reviews"'));
		const row = reviewLines.findIndex((line) => line.includes('不存在')) + 1;
		expect(row).toBeGreaterThan(0);
		const reason = await refusalOf(restoreFile(await gzip(text), 'replace'));
		expect(reason).toMatchObject({ table: 'reviews', row, field: 'cardId', problem: 'inconsistent' });
		expect(await everything()).toEqual(before);
	});

	it('refuses an oversized line before holding it, and bytes that are not gzip of text', async () => {
		const lines = serialiseBackup(buildBackup(bigTables(), NOW)).split('\n');
		const longest = Math.max(...lines.map((line) => line.length));
		const rows = readBackupRows(await gzip(lines.join('\n')), { maxChars: longest - 1 });
		const reason = await refusalOf(
			(async () => {
				for await (const _ of rows);
			})()
		);
		expect(reason).toMatchObject({ kind: 'invalid', problem: 'too-long' });
		expect(reason).toMatchObject({ line: lines.findIndex((line) => line.length === longest) + 1 });

		const garbage = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xfe, 0xfd, 0x00, 0x42]);
		expect((await refusalOf(openBackup(new Blob([garbage])))).kind).toBe('corrupt');
		const notDuka = await gzip('{"hello":"world"}\n');
		expect((await refusalOf(openBackup(notDuka))).kind).toBe('foreign');
	});

	it('still restores a file of format 3 written before cards and reviews took turns (each table apart)', async () => {
		// Frozen from the build of 2026-12-03, which wrote the cards and then the reviews.
		const text = readFileSync(new URL('fixtures/backup-format-3-tables-apart.ndjson', import.meta.url), 'utf8');
		const tablesInFile = text
			.split('\n')
			.slice(1, -1)
			.map((line) => (JSON.parse(line) as [string])[0]);
		expect(tablesInFile.indexOf('reviews')).toBeGreaterThan(tablesInFile.lastIndexOf('cards'));
		const opened = await openBackup(await gzip(text));
		expect(opened.streamed).toBe(true);
		await restoreRows(opened.rows(), 'replace');
		expect(await everything()).toEqual(buildBackup(sampleTables(), NOW).tables);
		// Written again, the same rows give the same lines, the card after its review now.
		const again = (await gunzip(await writeBackup(exportInParts, NOW))).split('\n').slice(1);
		expect([...again].sort()).toEqual(text.split('\n').slice(1).sort());
		expect(again.findIndex((line) => line.startsWith('["reviews"'))).toBeLessThan(
			again.findLastIndex((line) => line.startsWith('["cards"'))
		);
	});

	it('still restores files of formats 1 and 2, plain or gzipped as automatic backups were', async () => {
		const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
		for (const name of ['backup-format-1.json', 'backup-format-2.json']) {
			for (const file of [new Blob([fixture(name)]), await gzip(fixture(name))]) {
				database.close();
				database = freshDatabase();
				const opened = await openBackup(file);
				expect(opened.streamed).toBe(false);
				await restoreRows(opened.rows(), 'replace');
				const expected = sampleTables();
				const tables = await everything();
				expect(tables.notes).toEqual(buildBackup(expected, NOW).tables.notes);
				expect(tables.articles).toHaveLength(name.includes('2') ? 1 : 0);
			}
		}
	});
});
