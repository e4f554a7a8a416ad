import { describe, expect, it, vi } from 'vitest';
import { SNAPSHOT_MAX_ROWS } from '../backup/autoBackups.svelte.ts';
import { snapshotBeforeImport } from './services.ts';

describe('the automatic backup before an import', () => {
	it('is taken when the device holds something of the learner’s', async () => {
		const take = vi.fn(async () => undefined);
		await snapshotBeforeImport(12, take);
		expect(take).toHaveBeenCalledOnce();
	});

	it('is not taken on an empty device, nor for a collection too big to copy without holding the screen', async () => {
		const take = vi.fn(async () => undefined);
		await snapshotBeforeImport(0, take);
		await snapshotBeforeImport(SNAPSHOT_MAX_ROWS + 1, take);
		expect(take).not.toHaveBeenCalled();
	});

	it('does not stop the import when it cannot be written', async () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		await expect(
			snapshotBeforeImport(5, async () => {
				throw new DOMException('full', 'QuotaExceededError');
			})
		).resolves.toBeUndefined();
		expect(warn).toHaveBeenCalled();
		warn.mockRestore();
	});
});
