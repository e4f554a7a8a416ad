import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { ReviewSession } from './session.svelte.ts';

const MORNING = new Date(2026, 0, 10, 9).getTime();
let session: ReviewSession;

beforeEach(() => {
	freshDatabase();
	session = new ReviewSession(stores, { clock: () => MORNING });
});

afterEach(() => {
	session.stop();
});

const clozeCount = async () =>
	(await (await stores()).cards.listCards()).filter((card) => card.direction.startsWith('cloze')).length;

describe('a review session and the built-in cloze cards', () => {
	it('makes none while the setting is off', async () => {
		await session.start();
		expect(await clozeCount()).toBe(0);
	});

	it('makes those missing when the setting is on, as on a device that got the setting by sync', async () => {
		const { settings } = await stores();
		await settings.saveSchedulerSettings({ ...DEFAULT_SCHEDULER_SETTINGS, builtInCloze: true });
		await session.start();
		expect(session.status).toBe('ready');
		expect(await clozeCount()).toBeGreaterThan(200);
	});
});
