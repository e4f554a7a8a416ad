/**
 * Reading backup format 3 (backupWriter.ts): decompressed, split into lines and checked a part at a time, so a
 * file of any size is restored in bounded memory.
 */
import { BackupLines, BackupRefused, MAX_LINE_CHARS, parseBackup, type BackupSummary } from './schema.ts';
import { TABLE_NAMES, type BackupFile, type BackupHeader, type RowBatch, type TableName } from './tables.ts';

/** Rows handed on together to the database: the size of its write batches. */
export const READ_BATCH_ROWS = 1_000;

/** Whether bytes start as gzip does. */
export const isGzip = (start: Uint8Array): boolean => start.length >= 2 && start[0] === 0x1f && start[1] === 0x8b;

/** Splits text arriving in pieces into lines, refusing one longer than `maxChars` before it is held whole. */
export async function* splitLines(pieces: AsyncIterable<string>, maxChars: number): AsyncGenerator<string> {
	let pending: string[] = [];
	let pendingChars = 0;
	let line = 0;
	for await (const piece of pieces) {
		let start = 0;
		for (let end = piece.indexOf('\n'); end >= 0; end = piece.indexOf('\n', start)) {
			line++;
			if (pendingChars + end - start > maxChars)
				throw new BackupRefused({ kind: 'invalid', line, problem: 'too-long' });
			const text = pending.length ? pending.join('') + piece.slice(start, end) : piece.slice(start, end);
			pending = [];
			pendingChars = 0;
			yield text;
			start = end + 1;
		}
		if (start < piece.length) {
			pendingChars += piece.length - start;
			if (pendingChars > maxChars) throw new BackupRefused({ kind: 'invalid', line: line + 1, problem: 'too-long' });
			pending.push(piece.slice(start));
		}
	}
	if (pending.length) yield pending.join('');
}

async function* textOf(stream: ReadableStream<string>): AsyncGenerator<string> {
	const reader = stream.getReader();
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) return;
			yield value;
		}
	} catch (error) {
		if (error instanceof BackupRefused) throw error;
		// The decompressor or the decoder gave up: bytes that are not a whole gzip of UTF-8.
		throw new BackupRefused({ kind: 'corrupt' });
	} finally {
		reader.releaseLock();
	}
}

/** The file's lines, decompressed and decoded; `onBytes` hears how many compressed bytes have been read. */
function linesOf(file: Blob, maxChars: number, onBytes?: (bytes: number) => void): AsyncGenerator<string> {
	let bytes = 0;
	const counted = file.stream().pipeThrough(
		new TransformStream<Uint8Array, Uint8Array>({
			transform(chunk, controller) {
				bytes += chunk.byteLength;
				onBytes?.(bytes);
				controller.enqueue(chunk);
			}
		})
	);
	const text = counted
		.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>)
		.pipeThrough(
			new TextDecoderStream('utf-8', { fatal: true }) as unknown as ReadableWritablePair<string, Uint8Array>
		);
	return splitLines(textOf(text), maxChars);
}

/** The header of a format-3 file, read from its first line only: what the file holds, before restoring it. */
export async function readBackupHeader(file: Blob, maxChars?: number): Promise<BackupHeader> {
	const lines = linesOf(file, maxChars ?? MAX_LINE_CHARS);
	try {
		const first = await lines.next();
		if (first.done) throw new BackupRefused({ kind: 'truncated' });
		const reader = new BackupLines();
		reader.read(first.value);
		return reader.header!;
	} finally {
		await lines.return(undefined);
	}
}

/** Progress through a file being read. */
export interface ReadProgress {
	bytes: number;
	rows: number;
}

/**
 * Every row of a format-3 file, checked, in batches of one table. Throws BackupRefused at the first problem,
 * possibly after some batches were handed on (so whoever writes them must be able to undo them), and at the very
 * end for what only the whole file can show. Returns what the file held.
 *
 * Each table's rows gather in a batch of their own, so lines of two tables taking turns (each card after its
 * reviews, as backups are written since 2026-12-04) still make full batches, and the database writes as few.
 */
export async function* readBackupRows(
	file: Blob,
	options: { maxChars?: number; onProgress?: (progress: ReadProgress) => void } = {}
): AsyncGenerator<RowBatch, BackupSummary> {
	const progress: ReadProgress = { bytes: 0, rows: 0 };
	const reader = new BackupLines();
	const gathering = new Map<TableName, RowBatch>();
	for await (const line of linesOf(file, options.maxChars ?? MAX_LINE_CHARS, (bytes) => (progress.bytes = bytes))) {
		const read = reader.read(line);
		if (!read || !('row' in read)) continue;
		let batch = gathering.get(read.table);
		if (!batch) gathering.set(read.table, (batch = { table: read.table, rows: [] }));
		batch.rows.push(read.row);
		if (batch.rows.length >= READ_BATCH_ROWS) {
			gathering.delete(read.table);
			yield batch;
		}
		progress.rows++;
		if (progress.rows % READ_BATCH_ROWS === 0) options.onProgress?.({ ...progress });
	}
	const summary = reader.finish();
	yield* gathering.values();
	options.onProgress?.({ ...progress });
	return summary;
}

/** A backup file opened for restoring: what it holds, and its rows, read (and checked) when asked for. */
export interface OpenedBackup {
	summary: BackupSummary;
	/** Whether the rows are read from the file as they are written (format 3), or were parsed whole. */
	streamed: boolean;
	/** About how many bytes the rows take once stored, for the free-space check. */
	storedBytes: number;
	rows(onProgress?: (progress: ReadProgress) => void): AsyncGenerator<RowBatch, unknown>;
}

/** How much larger than its gzip a backup's text is, as a rough guide to the space a restore needs. */
const GZIP_RATIO = 10;

async function* inMemory(backup: BackupFile, onProgress?: (progress: ReadProgress) => void) {
	let rows = 0;
	for (const name of TABLE_NAMES) {
		const all: object[] = backup.tables[name];
		for (let start = 0; start < all.length; start += READ_BATCH_ROWS) {
			const batch = all.slice(start, start + READ_BATCH_ROWS);
			rows += batch.length;
			yield { table: name, rows: batch };
			onProgress?.({ bytes: 0, rows });
		}
	}
}

async function wholeText(file: Blob, gzip: boolean): Promise<string> {
	if (!gzip) return file.text();
	try {
		const text = file
			.stream()
			.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>);
		return new TextDecoder('utf-8', { fatal: true }).decode(await new Response(text).arrayBuffer());
	} catch {
		throw new BackupRefused({ kind: 'corrupt' });
	}
}

/**
 * Opens a backup of any format Duka wrote. Format 3 (gzip of lines) is checked here as far as its header (whole when
 * it is at most `checkUpTo` bytes), and its rows are read and checked again as they are restored; formats 1 and 2
 * (one JSON object, perhaps gzipped as automatic backups were) are parsed and checked whole first. Throws
 * BackupRefused; a file that cannot be read at all throws what the browser threw.
 */
export async function openBackup(file: Blob, { checkUpTo = 0 }: { checkUpTo?: number } = {}): Promise<OpenedBackup> {
	const gzip = isGzip(new Uint8Array(await file.slice(0, 2).arrayBuffer()));
	if (gzip) {
		const header = await readBackupHeader(file).catch((error: unknown) => {
			// The first line of an older backup that was gzipped is not a header: read it whole below.
			if (error instanceof BackupRefused && error.reason.kind === 'foreign') return undefined;
			throw error;
		});
		if (header) {
			// A small file is read through once now, so a damaged one is refused before the user picks how to restore.
			if (file.size <= checkUpTo) for await (const _ of readBackupRows(file));
			return {
				summary: { exportedAt: header.exportedAt, counts: { ...header.tables }, reviews: header.reviews },
				streamed: true,
				storedBytes: file.size * GZIP_RATIO,
				rows: (onProgress) => readBackupRows(file, { onProgress })
			};
		}
	}
	const text = await wholeText(file, gzip);
	const parsed = parseBackup(text);
	if (!parsed.ok) throw new BackupRefused(parsed.reason);
	return {
		summary: parsed.summary,
		streamed: false,
		storedBytes: text.length,
		rows: (onProgress) => inMemory(parsed.backup, onProgress)
	};
}
