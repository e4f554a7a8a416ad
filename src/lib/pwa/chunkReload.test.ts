import { describe, expect, it } from 'vitest';
import { RELOAD_GUARD_MS, chunkRecovery, lastChunkReload, noteChunkReload } from './chunkReload.ts';

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
	const items = new Map<string, string>();
	return { getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const blocked: Pick<Storage, 'getItem' | 'setItem'> = {
	getItem: () => {
		throw new DOMException('blocked', 'SecurityError');
	},
	setItem: () => {
		throw new DOMException('full', 'QuotaExceededError');
	}
};

describe('chunkRecovery', () => {
	it('reloads online when this tab has not reloaded for a chunk yet', () => {
		expect(chunkRecovery(true, undefined, 1_000_000)).toBe('reload');
	});

	it('says offline whatever happened before, since no reload can fetch the file', () => {
		expect(chunkRecovery(false, undefined, 1_000_000)).toBe('offline');
		expect(chunkRecovery(false, 999_999, 1_000_000)).toBe('offline');
	});

	it('reports a failure right after its own reload instead of reloading again', () => {
		const reloadedAt = 1_000_000;
		expect(chunkRecovery(true, reloadedAt, reloadedAt + RELOAD_GUARD_MS - 1)).toBe('failed');
		expect(chunkRecovery(true, reloadedAt, reloadedAt + RELOAD_GUARD_MS)).toBe('reload');
	});

	it('does not trust a reload time from the future (a clock set back)', () => {
		expect(chunkRecovery(true, 2_000_000, 1_000_000)).toBe('reload');
	});
});

describe('the reload note', () => {
	it('is read back as it was written', () => {
		const storage = memoryStorage();
		expect(lastChunkReload(storage)).toBeUndefined();
		expect(noteChunkReload(storage, 1234)).toBe(true);
		expect(lastChunkReload(storage)).toBe(1234);
	});

	it('counts as never, and cannot be written, when storage is blocked', () => {
		expect(lastChunkReload(blocked)).toBeUndefined();
		expect(noteChunkReload(blocked, 1234)).toBe(false);
	});
});
