/**
 * Writing backup format 3: gzip of one JSON line per row, after a header line. Written and read a part at a
 * time, so neither making nor restoring a backup ever holds the whole file or all its rows.
 */
import type { ExportSink } from '../db/backup.ts';
import { APP_VERSION, headerLine, rowLine, writeRowLineInSlices } from './export.ts';
import { BACKUP_APP, BACKUP_FORMAT, type BackupHeader, type RowBatch, type TableName } from './tables.ts';

/** Tables whose rows can be megabytes each: written in slices, so making a backup never freezes the page. */
const BIG_ROW_TABLES: ReadonlySet<TableName> = new Set(['articles', 'articleTexts']);

/** Characters of lines gathered before they go to the compressor: big enough to keep it busy, small to hold. */
const WRITE_CHUNK_CHARS = 256 * 1024;
/** Chunks waiting for the compressor before the writer is asked to wait. */
const WRITE_QUEUE_CHUNKS = 8;

/**
 * Where a backup being made is written: here on the page (BackupWriter) or in a worker (backupWriterPort.ts).
 * `header` and `rowsOf` return a promise only when the writing has fallen behind: the caller waits for it before
 * handing on more.
 */
export interface BackupOutput {
	/** Rows handed on so far. */
	readonly rows: number;
	header(header: BackupHeader): Promise<void> | undefined;
	rowsOf(table: TableName, rows: readonly object[]): Promise<void> | undefined;
	/** `rowsOf` for a page of rows of several tables, in runs of one table each, written in their order. */
	runsOf(runs: readonly RowBatch[]): Promise<void> | undefined;
	/** `rowsOf` for rows that may be megabytes each, written so the page is never held for long. */
	rowsInSlices(table: TableName, rows: readonly object[]): Promise<void>;
	/** The finished file. */
	finish(type?: string): Promise<Blob>;
	/** Gives up: the half-made file is dropped. */
	abort(reason: unknown): void;
}

/** Writes a backup into gzip as it is made, and gives the file at the end. */
export class BackupWriter implements BackupOutput {
	readonly #writer: WritableStreamDefaultWriter<Uint8Array>;
	readonly #file: Promise<Blob>;
	readonly #encoder = new TextEncoder();
	#parts: string[] = [];
	#chars = 0;
	#failure: unknown;
	rows = 0;

	constructor() {
		// A queue of a few chunks in front of the compressor, whose own input queue holds one.
		const queue = new TransformStream<Uint8Array, Uint8Array>(
			{},
			new CountQueuingStrategy({ highWaterMark: WRITE_QUEUE_CHUNKS })
		);
		const compressed = queue.readable.pipeThrough(
			new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>
		);
		this.#file = new Response(compressed).blob();
		this.#file.catch(() => {});
		this.#writer = queue.writable.getWriter();
	}

	header(header: BackupHeader): Promise<void> | undefined {
		return this.#add(headerLine(header) + '\n');
	}

	rowsOf(table: TableName, rows: readonly object[]): Promise<void> | undefined {
		let wait: Promise<void> | undefined;
		for (const row of rows) wait = this.#add(rowLine(table, row) + '\n') ?? wait;
		this.rows += rows.length;
		return wait;
	}

	runsOf(runs: readonly RowBatch[]): Promise<void> | undefined {
		let wait: Promise<void> | undefined;
		for (const { table, rows } of runs) wait = this.rowsOf(table, rows) ?? wait;
		return wait;
	}

	/**
	 * `rowsOf` for rows that may be huge (an imported text of megabytes is one row): each is written a slice at a
	 * time, the page getting its turn between slices.
	 */
	async rowsInSlices(table: TableName, rows: readonly object[]): Promise<void> {
		// Handed to the compressor a chunk at a time as it is written: a row of megabytes is never one string.
		for (const row of rows) await writeRowLineInSlices(table, row, (part) => this.#add(part));
		this.rows += rows.length;
	}

	#add(line: string): Promise<void> | undefined {
		this.#parts.push(line);
		this.#chars += line.length;
		return this.#chars >= WRITE_CHUNK_CHARS ? this.#flush() : undefined;
	}

	#flush(): Promise<void> | undefined {
		if (this.#failure) throw this.#failure;
		if (this.#parts.length === 0) return undefined;
		const bytes = this.#encoder.encode(this.#parts.join(''));
		this.#parts = [];
		this.#chars = 0;
		this.#writer.write(bytes).catch((error: unknown) => (this.#failure ??= error));
		return (this.#writer.desiredSize ?? 0) <= 0 ? this.#writer.ready : undefined;
	}

	/** The finished file. */
	async finish(type = 'application/gzip'): Promise<Blob> {
		await this.#flush();
		await this.#writer.close();
		if (this.#failure) throw this.#failure;
		const file = await this.#file;
		return type === file.type ? file : new Blob([file], { type });
	}

	/** Gives up: the half-made file is dropped. */
	abort(reason: unknown): void {
		this.#writer.abort(reason).catch(() => {});
	}
}

/** How far a backup being made has got, in rows. */
export interface WriteProgress {
	done: number;
	total: number;
}

type ExportInParts = (sink: ExportSink) => Promise<void>;

export interface WriteOptions {
	onProgress?: (progress: WriteProgress) => void;
	onRows?: (table: TableName, rows: object[]) => void;
	/** Where the file is written: on the page unless given (the app writes in a worker: backupOutput.ts). */
	open?: () => Promise<BackupOutput>;
}

/**
 * Makes the backup file of everything the database holds, read a page at a time (one transaction) and compressed
 * as it goes: memory holds a page and the compressed file. `onRows` sees each page too (the journal's reviews).
 */
export async function writeBackup(
	exportInParts: ExportInParts,
	now: Date | number,
	options: WriteOptions = {}
): Promise<Blob> {
	const writer = options.open ? await options.open() : new BackupWriter();
	let total = 0;
	try {
		await exportInParts({
			start: (tables, reviews) => {
				total = Object.values(tables).reduce((sum, n) => sum + n, 0);
				options.onProgress?.({ done: 0, total });
				const exportedAt = new Date(now).toISOString();
				return writer.header({
					app: BACKUP_APP,
					format: BACKUP_FORMAT,
					appVersion: APP_VERSION,
					exportedAt,
					tables,
					reviews
				});
			},
			rows: (table, rows) => {
				options.onRows?.(table, rows);
				if (BIG_ROW_TABLES.has(table))
					return writer.rowsInSlices(table, rows).then(() => options.onProgress?.({ done: writer.rows, total }));
				const wait = writer.rowsOf(table, rows);
				options.onProgress?.({ done: writer.rows, total });
				return wait;
			},
			runs: (runs) => {
				for (const { table, rows } of runs) options.onRows?.(table, rows);
				const wait = writer.runsOf(runs);
				options.onProgress?.({ done: writer.rows, total });
				return wait;
			}
		});
		return await writer.finish();
	} catch (error) {
		writer.abort(error);
		throw error;
	}
}
