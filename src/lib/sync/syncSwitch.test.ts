import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../test/memoryStorage.ts';
import { switchSync, SYNC_SWITCH } from './syncSwitch.ts';

describe('the sync switch', () => {
	it('is set and cleared', () => {
		const storage = memoryStorage();
		switchSync(storage, true);
		expect(storage.getItem(SYNC_SWITCH)).toBe('on');
		switchSync(storage, false);
		expect(storage.items.size).toBe(0);
	});

	it('is read by the root layout under the same key', () => {
		const layout = readFileSync(new URL('../../routes/+layout.svelte', import.meta.url), 'utf8');
		expect(layout).toContain(`getItem('${SYNC_SWITCH}') === 'on'`);
	});

	it('never throws where storage is refused', () => {
		const refusing = {
			getItem: () => null,
			setItem: () => {
				throw new DOMException('full', 'QuotaExceededError');
			},
			removeItem: () => {}
		};
		expect(() => switchSync(refusing, true)).not.toThrow();
	});
});
