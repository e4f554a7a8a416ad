/**
 * Automatic backups on the device, outside IndexedDB: a gzip-compressed backup file in the origin private
 * file system (OPFS). A browser that resets a broken IndexedDB leaves these files alone, so Duka can put the
 * collection back after a full disk or a crash wiped its database.
 */

export type SnapshotReason = 'daily' | 'before-replace' | 'before-import' | 'before-sync';

const REASONS: readonly SnapshotReason[] = ['daily', 'before-replace', 'before-import', 'before-sync'];

export interface SnapshotInfo {
	name: string;
	takenAt: number;
	reason: SnapshotReason;
	bytes: number;
}

/** The few file operations snapshots need: OPFS in the browser, memory in tests. */
export interface SnapshotFolder {
	list(): Promise<{ name: string; bytes: number }[]>;
	write(name: string, data: Uint8Array): Promise<void>;
	read(name: string): Promise<Uint8Array | undefined>;
	remove(name: string): Promise<void>;
}

/** How many snapshots are kept, and how many bytes they may take together. */
export const KEEP_SNAPSHOTS = 3;
export const SNAPSHOTS_MAX_BYTES = 60 * 1024 * 1024;
/** A daily snapshot is taken when the last one is older than this and something changed since. */
export const DAILY_MS = 24 * 60 * 60 * 1000;

const PREFIX = 'duka-snapshot-';
const SUFFIX = '.json.gz';

export function snapshotName(takenAt: number, reason: SnapshotReason): string {
	return `${PREFIX}${takenAt}-${reason}${SUFFIX}`;
}

export function parseSnapshotName(name: string): Omit<SnapshotInfo, 'bytes'> | undefined {
	const match = new RegExp(`^${PREFIX}(\\d+)-([a-z-]+)${SUFFIX.replace(/\./g, '\\.')}$`).exec(name);
	if (!match) return undefined;
	const reason = match[2] as SnapshotReason;
	if (!REASONS.includes(reason)) return undefined;
	return { name, takenAt: Number(match[1]), reason };
}

type ByteTransform = CompressionStream | DecompressionStream;

async function throughStream(data: Uint8Array, stream: ByteTransform): Promise<Uint8Array> {
	const body = new Blob([data as BlobPart]).stream().pipeThrough(stream);
	return new Uint8Array(await new Response(body).arrayBuffer());
}

export const gzipText = (text: string): Promise<Uint8Array> =>
	throughStream(new TextEncoder().encode(text), new CompressionStream('gzip'));

export async function gunzipText(data: Uint8Array): Promise<string> {
	return new TextDecoder('utf-8', { fatal: true }).decode(await throughStream(data, new DecompressionStream('gzip')));
}

/** Snapshots newest first; files that are not snapshots are left out. */
export async function listSnapshots(folder: SnapshotFolder): Promise<SnapshotInfo[]> {
	const files = await folder.list();
	return files
		.flatMap((file) => {
			const info = parseSnapshotName(file.name);
			return info ? [{ ...info, bytes: file.bytes }] : [];
		})
		.sort((a, b) => b.takenAt - a.takenAt);
}

/**
 * Writes a snapshot, then removes the oldest beyond `keep` or beyond the size cap. The new file is written
 * before anything is removed, so a write that fails (a full disk) never costs an older snapshot.
 */
export async function saveSnapshot(
	folder: SnapshotFolder,
	backupText: string,
	reason: SnapshotReason,
	now: number,
	limits: { keep: number; maxBytes: number } = { keep: KEEP_SNAPSHOTS, maxBytes: SNAPSHOTS_MAX_BYTES }
): Promise<SnapshotInfo> {
	const data = await gzipText(backupText);
	const name = snapshotName(now, reason);
	await folder.write(name, data);
	const all = await listSnapshots(folder);
	let total = 0;
	for (const [index, snapshot] of all.entries()) {
		total += snapshot.bytes;
		const isNew = snapshot.name === name;
		if (!isNew && (index >= limits.keep || total > limits.maxBytes)) await folder.remove(snapshot.name);
	}
	return { name, takenAt: now, reason, bytes: data.byteLength };
}

/** The snapshot's backup text, or undefined when the file is gone or damaged. */
export async function readSnapshot(folder: SnapshotFolder, name: string): Promise<string | undefined> {
	const data = await folder.read(name);
	if (!data) return undefined;
	try {
		return await gunzipText(data);
	} catch {
		return undefined;
	}
}

/** Whether today's automatic snapshot is due: none yet, or the last one is a day old and data changed since. */
export function dailySnapshotDue(last: SnapshotInfo | undefined, lastChangeAt: number, now: number): boolean {
	if (lastChangeAt === 0) return false;
	if (!last) return true;
	return now - last.takenAt >= DAILY_MS && lastChangeAt > last.takenAt;
}

/** Snapshots held in memory, for tests and for browsers without OPFS. */
export function memoryFolder(): SnapshotFolder & { files: Map<string, Uint8Array> } {
	const files = new Map<string, Uint8Array>();
	return {
		files,
		list: async () => [...files].map(([name, data]) => ({ name, bytes: data.byteLength })),
		write: async (name, data) => {
			files.set(name, data);
		},
		read: async (name) => files.get(name),
		remove: async (name) => {
			files.delete(name);
		}
	};
}

/** The origin private file system's folder for snapshots; undefined where the browser has none (or no writer). */
export async function opfsFolder(): Promise<SnapshotFolder | undefined> {
	if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return undefined;
	let folder: FileSystemDirectoryHandle;
	try {
		const root = await navigator.storage.getDirectory();
		folder = await root.getDirectoryHandle('snapshots', { create: true });
	} catch {
		return undefined;
	}
	if (!('createWritable' in FileSystemFileHandle.prototype)) return undefined;
	return {
		async list() {
			const found: { name: string; bytes: number }[] = [];
			for await (const [name, handle] of folder as unknown as AsyncIterable<[string, FileSystemHandle]>) {
				if (handle.kind === 'file')
					found.push({ name, bytes: (await (handle as FileSystemFileHandle).getFile()).size });
			}
			return found;
		},
		async write(name, data) {
			const writable = await (await folder.getFileHandle(name, { create: true })).createWritable();
			try {
				await writable.write(data as BlobPart);
				await writable.close();
			} catch (error) {
				await writable.abort().catch(() => {});
				await folder.removeEntry(name).catch(() => {});
				throw error;
			}
		},
		async read(name) {
			try {
				const file = await (await folder.getFileHandle(name)).getFile();
				return new Uint8Array(await file.arrayBuffer());
			} catch {
				return undefined;
			}
		},
		async remove(name) {
			await folder.removeEntry(name).catch(() => {});
		}
	};
}
