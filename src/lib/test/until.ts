import { expect } from 'vitest';

/** Waits until the check holds: the stores answer, and Dexie reports changes, asynchronously. */
export async function until(check: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
	expect(check()).toBe(true);
}
