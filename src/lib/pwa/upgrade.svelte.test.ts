import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { stores, type Stores } from '../db/lazy.ts';
import { UpgradeElsewhere } from './upgrade.svelte.ts';

/** The stores, with the database's "upgraded elsewhere" event under the test's control. */
function fakeUpgrades(): { load: () => Promise<Stores>; fire: () => void; listening: () => number } {
	const listeners = new Set<() => void>();
	const load = () =>
		stores().then((loaded) => ({
			...loaded,
			onUpgradeElsewhere: (listener: () => void) => {
				listeners.add(listener);
				return () => listeners.delete(listener);
			}
		}));
	return { load, fire: () => listeners.forEach((listener) => listener()), listening: () => listeners.size };
}

/** Waits until the check holds (the stores load asynchronously). */
async function until(check: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
	expect(check()).toBe(true);
}

describe('UpgradeElsewhere', () => {
	it('listens while read, reports an upgrade in another tab, and stops listening when no longer read', async () => {
		const upgrades = fakeUpgrades();
		const upgrade = new UpgradeElsewhere(upgrades.load);
		expect(upgrade.happened).toBe(false);
		expect(upgrades.listening()).toBe(0);
		const seen: boolean[] = [];
		const stop = $effect.root(() => {
			$effect(() => {
				seen.push(upgrade.happened);
			});
		});
		flushSync();
		await until(() => upgrades.listening() === 1);
		upgrades.fire();
		flushSync();
		expect(seen).toEqual([false, true]);
		stop();
		await until(() => upgrades.listening() === 0);
	});
});
