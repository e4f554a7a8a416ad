import { BackupWriter, type BackupOutput } from './backupWriter.ts';
import { PortBackupWriter, type WriterReply, type WriterRequest } from './backupWriterPort.ts';

/** How long a worker may take to start before the backup is written on the page instead. */
const WORKER_START_MS = 5_000;

/** What the opener needs of a worker; tests hand in a fake. */
export interface WriterWorker {
	postMessage(message: WriterRequest): void;
	terminate(): void;
	onmessage: ((event: MessageEvent<WriterReply>) => void) | null;
	onerror: ((event: Event) => void) | null;
}

async function startWorker(): Promise<WriterWorker> {
	if (typeof Worker === 'undefined') throw new Error('no workers in this browser');
	const { backupWorkerUrl } = await import('./backupWorkerUrl.ts');
	return new Worker(backupWorkerUrl, { type: 'module' }) as unknown as WriterWorker;
}

/** Whether the worker said it is ready within `ms`; false if it failed to load or said nothing. */
function readyWithin(worker: WriterWorker, ms: number): Promise<boolean> {
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		worker.onmessage = ({ data }) => {
			clearTimeout(timer);
			resolve(data.kind === 'ready');
		};
		worker.onerror = () => {
			clearTimeout(timer);
			resolve(false);
		};
	});
}

/**
 * Where a backup is written: in a worker, so writing its lines and compressing them run beside the database's
 * reads and the page stays free; on the page, as before, where no worker starts (none in this browser, its file
 * not fetched, a failure): the file is the same either way. A worker that fails later (it crashed) fails the
 * backup, which then changes nothing and says so.
 */
export async function openBackupOutput(
	start: () => Promise<WriterWorker> = startWorker,
	startMs = WORKER_START_MS
): Promise<BackupOutput> {
	let worker: WriterWorker | undefined;
	try {
		worker = await start();
		if (!(await readyWithin(worker, startMs))) throw new Error('the backup worker did not start');
	} catch {
		worker?.terminate();
		return new BackupWriter();
	}
	const started = worker;
	const output = new PortBackupWriter(started, () => started.terminate());
	started.onerror = () => output.fail(new Error('the backup worker stopped'));
	return output;
}
