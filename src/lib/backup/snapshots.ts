/**
 * Automatic backups on the device, outside IndexedDB: a gzip-compressed backup file in the origin private
 * file system (OPFS), the newest also in localStorage. A browser that resets a broken IndexedDB leaves the
 * files alone; on a full disk Chromium evicts the origin's whole quota-managed storage (IndexedDB, OPFS, Cache
 * Storage and the service worker together), and only localStorage, which is not quota-managed, stays. So
 * Duka can put the collection back after a full disk or a crash wiped its database.
 */
import { forgetSnapshots } from '../reader/cardSnapshot.ts';
import { pageStorage } from '../storage/pageStorage.ts';

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
	/** The backup's text, or the compressed file already made (backupWriter.ts). */
	backup: string | Uint8Array,
	reason: SnapshotReason,
	now: number,
	limits: { keep: number; maxBytes: number } = { keep: KEEP_SNAPSHOTS, maxBytes: SNAPSHOTS_MAX_BYTES }
): Promise<SnapshotInfo> {
	const data = typeof backup === 'string' ? await gzipText(backup) : backup;
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

/** The snapshot's file as it is kept (gzip), or undefined when it is gone. */
export async function snapshotFile(folder: SnapshotFolder, name: string): Promise<Blob | undefined> {
	const data = await folder.read(name);
	return data ? new Blob([data as BlobPart], { type: 'application/gzip' }) : undefined;
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

/** The part of `Storage` a localStorage folder uses, so tests can pass a stand-in. */
export type KeptStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const KEPT_PREFIX = 'duka:snapshot:';
/**
 * The largest snapshot copied to localStorage, in base64 characters: browsers give an origin 5 to 10 MB
 * there, shared with the notes journal and the display settings.
 */
export const KEPT_MAX_CHARS = 2_500_000;

function toBase64(data: Uint8Array): string {
	let binary = '';
	// In slices: String.fromCharCode takes the bytes as arguments, and a call takes only so many.
	for (let at = 0; at < data.length; at += 0x8000) binary += String.fromCharCode(...data.subarray(at, at + 0x8000));
	return btoa(binary);
}

const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (character) => character.charCodeAt(0));

/** Bytes that base64 text decodes to. */
const decodedLength = (text: string): number =>
	(text.length / 4) * 3 - (text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0);

/**
 * The newest snapshot in localStorage, as base64; one at a time, and none larger than `maxChars`. Undefined
 * where localStorage is disabled.
 */
export function localStorageFolder(
	store: KeptStorage | undefined = pageStorage(),
	maxChars = KEPT_MAX_CHARS
): SnapshotFolder | undefined {
	if (!store) return undefined;
	const keptNames = () => {
		const names: string[] = [];
		for (let index = 0; index < store.length; index++) {
			const key = store.key(index);
			if (key?.startsWith(KEPT_PREFIX)) names.push(key.slice(KEPT_PREFIX.length));
		}
		return names;
	};
	const removeAllBut = (name: string) => {
		for (const other of keptNames()) if (other !== name) store.removeItem(KEPT_PREFIX + other);
	};
	return {
		async list() {
			return keptNames().map((name) => ({ name, bytes: decodedLength(store.getItem(KEPT_PREFIX + name) ?? '') }));
		},
		async write(name, data) {
			const text = toBase64(data);
			// Too big to copy: the older copy stays, which is better than none.
			if (text.length > maxChars) return;
			try {
				store.setItem(KEPT_PREFIX + name, text);
			} catch {
				// No room beside the older copy: the newer one is worth more, and so is either than the reading
				// cards' copies for the early paint, which only make a first paint faster.
				removeAllBut(name);
				forgetSnapshots(undefined, store);
				store.setItem(KEPT_PREFIX + name, text);
			}
			removeAllBut(name);
		},
		async read(name) {
			const text = store.getItem(KEPT_PREFIX + name);
			if (text === null) return undefined;
			try {
				return fromBase64(text);
			} catch {
				return undefined;
			}
		},
		async remove(name) {
			store.removeItem(KEPT_PREFIX + name);
		}
	};
}

/**
 * Every snapshot in `main`, and a copy of each new one in `copy` where it fits. Only a failure to write to
 * `main` fails a write; a snapshot is read from `copy` when `main` no longer has it.
 */
export function mirroredFolder(main: SnapshotFolder, copy: SnapshotFolder): SnapshotFolder {
	return {
		async list() {
			const [files, copies] = await Promise.all([main.list(), copy.list().catch(() => [])]);
			const names = new Set(files.map((file) => file.name));
			return [...files, ...copies.filter((file) => !names.has(file.name))];
		},
		async write(name, data) {
			await main.write(name, data);
			await copy.write(name, data).catch(() => {});
		},
		async read(name) {
			return (await main.read(name)) ?? (await copy.read(name).catch(() => undefined));
		},
		async remove(name) {
			await Promise.all([main.remove(name), copy.remove(name).catch(() => {})]);
		}
	};
}

/** Where Duka keeps its automatic backups: OPFS, the newest also in localStorage; undefined without OPFS. */
export async function deviceFolder(): Promise<SnapshotFolder | undefined> {
	const files = await opfsFolder();
	const copies = localStorageFolder();
	return files && copies ? mirroredFolder(files, copies) : files;
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
