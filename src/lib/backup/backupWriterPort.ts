/**
 * A backup written in a worker: the page reads the database and posts each page of rows; the worker writes their
 * lines and compresses them (backupWriter.ts, the same writer as on the page), and posts the finished file back.
 * Writing the lines and gzip took about half the page's time during a backup; in the worker they run beside the
 * reads, and the page stays free for taps. Both ends are here, so a test joins them with a MessageChannel.
 */
import { BackupWriter, type BackupOutput } from './backupWriter.ts';
import type { BackupHeader, RowBatch, TableName } from './tables.ts';

export type WriterRequest =
	| { kind: 'header'; header: BackupHeader }
	| { kind: 'rows'; table: TableName; rows: readonly object[] }
	| { kind: 'runs'; runs: readonly RowBatch[] }
	| { kind: 'finish'; type: string };

export type WriterReply =
	| { kind: 'ready' }
	/** A header or a page of rows is written and the compressor has room: the page may send one more. */
	| { kind: 'taken' }
	| { kind: 'file'; file: Blob }
	| { kind: 'failed'; message: string };

/** What either end needs of the other: a worker, the worker's global scope, or a MessagePort. */
export interface WriterPort<Out, In> {
	postMessage(message: Out): void;
	onmessage: ((event: MessageEvent<In>) => void) | null;
}

/**
 * The worker's end: writes what the page sends, in the order it comes, answering each header or page once it is
 * written. After a failure it answers nothing more: the page already knows.
 */
export function serveBackupWriter(port: WriterPort<WriterReply, WriterRequest>, writer = new BackupWriter()): void {
	let turn = Promise.resolve();
	let failed = false;
	const handle = async (request: WriterRequest): Promise<void> => {
		if (failed) return;
		try {
			switch (request.kind) {
				case 'header':
					await writer.header(request.header);
					port.postMessage({ kind: 'taken' });
					return;
				case 'rows':
					await writer.rowsOf(request.table, request.rows);
					port.postMessage({ kind: 'taken' });
					return;
				case 'runs':
					await writer.runsOf(request.runs);
					port.postMessage({ kind: 'taken' });
					return;
				case 'finish':
					port.postMessage({ kind: 'file', file: await writer.finish(request.type) });
			}
		} catch (error) {
			failed = true;
			writer.abort(error);
			port.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
		}
	};
	port.onmessage = ({ data }) => {
		turn = turn.then(() => handle(data));
	};
	port.postMessage({ kind: 'ready' });
}

/** Pages of rows the worker may hold before the page waits: the reads run ahead of it by this much. */
const PAGES_AHEAD = 3;

/**
 * The page's end: a BackupOutput whose writing happens in the worker. A header or page is posted (a structured
 * copy, several times cheaper than writing its lines); the returned promise, when there is one, waits until the
 * worker has room. `close` ends the worker once the file has come or the backup was given up.
 */
export class PortBackupWriter implements BackupOutput {
	readonly #port: WriterPort<WriterRequest, WriterReply>;
	readonly #close: () => void;
	#ahead = 0;
	#waiting: { resolve: () => void; reject: (error: unknown) => void }[] = [];
	#file: { resolve: (file: Blob) => void; reject: (error: unknown) => void } | undefined;
	#failure: Error | undefined;
	rows = 0;

	constructor(port: WriterPort<WriterRequest, WriterReply>, close: () => void) {
		this.#port = port;
		this.#close = close;
		port.onmessage = ({ data }) => {
			if (data.kind === 'taken') {
				this.#ahead--;
				if (this.#ahead < PAGES_AHEAD) for (const waiter of this.#waiting.splice(0)) waiter.resolve();
			} else if (data.kind === 'file') {
				this.#file?.resolve(data.file);
				this.#close();
			} else if (data.kind === 'failed') this.fail(new Error(`the backup could not be written: ${data.message}`));
		};
	}

	/** The worker failed (it said so, or it crashed): every wait and the file reject with the reason. */
	fail(error: Error): void {
		this.#failure ??= error;
		for (const waiter of this.#waiting.splice(0)) waiter.reject(this.#failure);
		this.#file?.reject(this.#failure);
		this.#close();
	}

	header(header: BackupHeader): Promise<void> | undefined {
		return this.#send({ kind: 'header', header });
	}

	rowsOf(table: TableName, rows: readonly object[]): Promise<void> | undefined {
		const wait = this.#send({ kind: 'rows', table, rows });
		this.rows += rows.length;
		return wait;
	}

	runsOf(runs: readonly RowBatch[]): Promise<void> | undefined {
		const wait = this.#send({ kind: 'runs', runs });
		for (const { rows } of runs) this.rows += rows.length;
		return wait;
	}

	/** No slices needed: the worker writes a huge row while the page goes on, and copying it is one quick call. */
	async rowsInSlices(table: TableName, rows: readonly object[]): Promise<void> {
		await this.rowsOf(table, rows);
	}

	#send(request: WriterRequest): Promise<void> | undefined {
		if (this.#failure) throw this.#failure;
		this.#port.postMessage(request);
		this.#ahead++;
		if (this.#ahead < PAGES_AHEAD) return undefined;
		return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
	}

	finish(type = 'application/gzip'): Promise<Blob> {
		if (this.#failure) return Promise.reject(this.#failure);
		const file = new Promise<Blob>((resolve, reject) => (this.#file = { resolve, reject }));
		this.#port.postMessage({ kind: 'finish', type });
		return file;
	}

	/** Gives up: closing the worker drops the half-made file with it. */
	abort(): void {
		this.#failure ??= new Error('the backup was given up');
		this.#close();
	}
}
