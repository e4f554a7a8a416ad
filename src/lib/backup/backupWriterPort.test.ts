import { describe, expect, it, vi } from 'vitest';
import { openBackupOutput, type WriterWorker } from './backupOutput.ts';
import { BackupWriter, writeBackup } from './backupWriter.ts';
import { PortBackupWriter, serveBackupWriter, type WriterReply, type WriterRequest } from './backupWriterPort.ts';
import { exportInParts, type ExportSink } from '../db/backup.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { emptyCounts, TABLE_NAMES, type BackupTables } from './tables.ts';
import { importedRows, sampleImportedText, sampleTables } from './testFixtures.ts';

const NOW = Date.UTC(2026, 11, 3, 9);

const gunzip = async (file: Blob): Promise<string> =>
	new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();

/** Sample tables with a review log long enough for many pages. */
function tables(reviews = 1_500): BackupTables {
	const sample = { ...sampleTables(), ...importedRows(sampleImportedText(), NOW - 60_000) };
	const review = sample.reviews[0]!;
	const cards = sample.cards.map((card) => card.id);
	sample.reviews = Array.from({ length: reviews }, (_, i) => ({
		...review,
		id: i + 1,
		cardId: cards[i % cards.length]!,
		reviewedAt: review.reviewedAt + i
	}));
	return sample;
}

/** An export of `source` in pages of `pageSize`, waiting on the sink as the database's export does. */
function exportOf(source: BackupTables, pageSize = 50) {
	return async (sink: ExportSink) => {
		const counts = emptyCounts();
		for (const name of TABLE_NAMES) counts[name] = source[name].length;
		await sink.start(counts, null);
		for (const name of TABLE_NAMES) {
			const rows = source[name] as object[];
			for (let at = 0; at < rows.length; at += pageSize) await sink.rows(name, rows.slice(at, at + pageSize));
		}
	};
}

/** The page's end joined to a worker's end by a MessageChannel, as the app's worker is. */
function overChannel(writer?: BackupWriter) {
	const channel = new MessageChannel();
	serveBackupWriter(channel.port2 as unknown as Parameters<typeof serveBackupWriter>[0], writer);
	const closed = vi.fn(() => {
		channel.port1.close();
		channel.port2.close();
	});
	const output = new PortBackupWriter(
		channel.port1 as unknown as ConstructorParameters<typeof PortBackupWriter>[0],
		closed
	);
	return { output, closed };
}

describe('a backup written in a worker', () => {
	it('gives the same file, with the same progress, as one written on the page', async () => {
		const source = tables();
		const progressHere: number[] = [];
		const here = await writeBackup(exportOf(source), NOW, { onProgress: ({ done }) => progressHere.push(done) });
		const { output, closed } = overChannel();
		const progressThere: number[] = [];
		const there = await writeBackup(exportOf(source), NOW, {
			onProgress: ({ done }) => progressThere.push(done),
			open: async () => output
		});
		expect(await gunzip(there)).toBe(await gunzip(here));
		expect(there.type).toBe('application/gzip');
		expect(progressThere).toEqual(progressHere);
		expect(closed).toHaveBeenCalled();
	});

	it('writes a database’s backup in one read transaction however often the worker asks it to wait', async () => {
		const database = freshDatabase();
		try {
			const source = tables();
			await database.transaction('rw', database.tables, async () => {
				for (const name of TABLE_NAMES) await database.table(name).bulkAdd(source[name]);
			});
			// Pages of 100: the 1,500 reviews are read in about fifteen of them.
			const inSmallPages = (sink: ExportSink) => exportInParts(sink, 100);
			const here = await writeBackup(inSmallPages, NOW);
			// A worker slower than the reads, as on a busy phone: the export waits for it at every page.
			const slowWriter = new BackupWriter();
			const write = slowWriter.rowsOf.bind(slowWriter);
			slowWriter.rowsOf = (table, rows) => {
				write(table, rows);
				return new Promise((resolve) => setTimeout(resolve, 5));
			};
			const { output } = overChannel(slowWriter);
			let waits = 0;
			const rowsOf = output.rowsOf.bind(output);
			output.rowsOf = (table, rows) => {
				const wait = rowsOf(table, rows);
				if (wait) waits++;
				return wait;
			};
			// The cards and their reviews come as runs of both.
			const runsOf = output.runsOf.bind(output);
			output.runsOf = (runs) => {
				const wait = runsOf(runs);
				if (wait) waits++;
				return wait;
			};
			const there = await writeBackup(inSmallPages, NOW, { open: async () => output });
			expect(waits).toBeGreaterThan(5);
			expect(await gunzip(there)).toBe(await gunzip(here));
		} finally {
			database.close();
		}
	});

	it('lets the reads run up to three pages ahead of the worker, no more', async () => {
		const channel = new MessageChannel();
		serveBackupWriter(channel.port2 as unknown as Parameters<typeof serveBackupWriter>[0]);
		const ahead = { now: 0, most: 0 };
		const port = {
			postMessage(request: WriterRequest) {
				if (request.kind === 'rows' || request.kind === 'runs' || request.kind === 'header')
					ahead.most = Math.max(ahead.most, ++ahead.now);
				channel.port1.postMessage(request);
			},
			set onmessage(handler: (event: MessageEvent<WriterReply>) => void) {
				channel.port1.onmessage = (event: MessageEvent<WriterReply>) => {
					if (event.data.kind === 'taken') ahead.now--;
					handler(event);
				};
			}
		};
		const output = new PortBackupWriter(port as unknown as ConstructorParameters<typeof PortBackupWriter>[0], () =>
			channel.port1.close()
		);
		await writeBackup(exportOf(tables(), 10), NOW, { open: async () => output });
		expect(ahead.most).toBe(3);
		expect(ahead.now).toBe(0);
	});

	it('fails the backup with the worker’s reason when writing there fails, and closes the worker', async () => {
		const writer = new BackupWriter();
		let pages = 0;
		const original = writer.rowsOf.bind(writer);
		writer.rowsOf = (table, rows) => {
			if (++pages === 5) throw new Error('no room left');
			return original(table, rows);
		};
		const { output, closed } = overChannel(writer);
		await expect(writeBackup(exportOf(tables()), NOW, { open: async () => output })).rejects.toThrow(/no room left/);
		expect(closed).toHaveBeenCalled();
	});

	it('fails the backup when the worker stops halfway', async () => {
		const posted: WriterRequest[] = [];
		const port = { postMessage: (request: WriterRequest) => posted.push(request), onmessage: null };
		const output = new PortBackupWriter(port, () => {});
		const written = writeBackup(exportOf(tables()), NOW, { open: async () => output });
		await vi.waitFor(() => expect(posted.length).toBe(3));
		output.fail(new Error('the backup worker stopped'));
		await expect(written).rejects.toThrow('the backup worker stopped');
	});
});

/** A fake worker that answers as the real one would, or says nothing, or fails to load. */
function fakeWorker(behaviour: 'ready' | 'silent' | 'error') {
	const worker: WriterWorker = {
		postMessage: () => {},
		terminate: vi.fn(),
		onmessage: null,
		onerror: null
	};
	setTimeout(() => {
		if (behaviour === 'ready')
			worker.onmessage?.({ data: { kind: 'ready' } as WriterReply } as MessageEvent<WriterReply>);
		if (behaviour === 'error') worker.onerror?.(new Event('error'));
	});
	return worker;
}

describe('opening where a backup is written', () => {
	it('is the worker once it says it is ready', async () => {
		const worker = fakeWorker('ready');
		expect(await openBackupOutput(async () => worker)).toBeInstanceOf(PortBackupWriter);
		expect(worker.terminate).not.toHaveBeenCalled();
	});

	it('is the page where the worker cannot load, or does not start in time', async () => {
		expect(await openBackupOutput(() => Promise.reject(new Error('offline, not cached')))).toBeInstanceOf(BackupWriter);
		const failing = fakeWorker('error');
		expect(await openBackupOutput(async () => failing)).toBeInstanceOf(BackupWriter);
		expect(failing.terminate).toHaveBeenCalled();
		const silent = fakeWorker('silent');
		expect(await openBackupOutput(async () => silent, 20)).toBeInstanceOf(BackupWriter);
		expect(silent.terminate).toHaveBeenCalled();
	});

	it('is the page in a browser without workers', async () => {
		expect(typeof Worker).toBe('undefined');
		expect(await openBackupOutput()).toBeInstanceOf(BackupWriter);
	});
});
