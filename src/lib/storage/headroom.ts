/**
 * Whether a write of a known size can finish. Chromium has been seen to reset an origin's whole IndexedDB
 * after a write fails on a full disk, so a big write (a restore, an import, a sync pull, a download) is
 * refused before it starts when the browser's estimate says it would not fit.
 */

export interface StorageEstimateLike {
	usage?: number;
	quota?: number;
}

/**
 * IndexedDB stores more than the bytes it is handed (indexes, the write-ahead log, structured clone
 * overhead): room is asked for twice the payload plus a fixed margin.
 */
export const WRITE_OVERHEAD = 2;
export const SAFETY_MARGIN_BYTES = 5 * 1024 * 1024;

export type Headroom =
	| { ok: true; free?: number }
	| {
			ok: false;
			/** Bytes the write needs, margin included, and bytes free now. */
			needed: number;
			free: number;
	  };

/** Compares what a write needs with what is free; an unknown estimate lets the write go ahead. */
export function checkHeadroom(payloadBytes: number, estimate: StorageEstimateLike | undefined): Headroom {
	if (estimate?.quota === undefined || estimate.usage === undefined) return { ok: true };
	const free = Math.max(0, estimate.quota - estimate.usage);
	const needed = Math.ceil(payloadBytes * WRITE_OVERHEAD + SAFETY_MARGIN_BYTES);
	return needed <= free ? { ok: true, free } : { ok: false, needed, free };
}

/** Megabytes for a message, one decimal ("6.5"). */
export const megabytes = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

/** A file's size for a list: in KB below a tenth of a megabyte, where "0.0 MB" would say nothing. */
export const fileSize = (bytes: number): string =>
	bytes < 0.1 * 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${megabytes(bytes)} MB`;

/** Asks the browser how much room is left; undefined where it cannot say. */
export async function estimateStorage(): Promise<StorageEstimateLike | undefined> {
	if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return undefined;
	try {
		return await navigator.storage.estimate();
	} catch {
		return undefined;
	}
}
