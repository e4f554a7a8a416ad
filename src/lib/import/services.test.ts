import { describe, expect, it, vi } from 'vitest';
import { SNAPSHOT_MAX_ROWS } from '../backup/autoBackups.svelte.ts';
import { SNAPSHOT_MAX_IMPORTED_CHARACTERS, snapshotBeforeImport } from './services.ts';

describe('the automatic backup before an import', () => {
	it('is taken when the device holds something of the learner’s', async () => {
		const take = vi.fn(async () => undefined);
		await snapshotBeforeImport({ rows: 12, importedCharacters: 40_000 }, take);
		expect(take).toHaveBeenCalledOnce();
	});

	it('is not taken on an empty device, nor for a collection or imported texts too big to copy without holding the screen', async () => {
		const take = vi.fn(async () => undefined);
		await snapshotBeforeImport({ rows: 0, importedCharacters: 0 }, take);
		await snapshotBeforeImport({ rows: SNAPSHOT_MAX_ROWS + 1, importedCharacters: 0 }, take);
		await snapshotBeforeImport({ rows: 40, importedCharacters: SNAPSHOT_MAX_IMPORTED_CHARACTERS + 1 }, take);
		expect(take).not.toHaveBeenCalled();
	});

	it('does not stop the import when it cannot be written', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		await expect(
			snapshotBeforeImport({ rows: 5, importedCharacters: 0 }, async () => {
				throw new DOMException('full', 'QuotaExceededError');
			})
		).resolves.toBeUndefined();
		expect(warn).toHaveBeenCalled();
		warn.mockRestore();
	});
});
