import { beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { StudySettings } from './studySettings.svelte.ts';

beforeEach(() => {
	freshDatabase();
});

describe('StudySettings', () => {
	it('loads the defaults, saves a valid change and reads it back', async () => {
		const study = new StudySettings(stores);
		await study.load();
		expect(study.value).toEqual(DEFAULT_SCHEDULER_SETTINGS);
		await study.change('newCardsPerDay', 'New cards a day', 5);
		expect(study.value.newCardsPerDay).toBe(5);
		expect(study.notice).toEqual({ kind: 'saved' });

		const again = new StudySettings(stores);
		await again.load();
		expect(again.value.newCardsPerDay).toBe(5);
	});

	it('keeps new cards in reading order or in deck order, and nothing else', async () => {
		const study = new StudySettings(stores);
		await study.load();
		expect(study.value.newCardOrder).toBe('reading');
		await study.change('newCardOrder', 'New cards', 'deck');
		expect(study.notice).toEqual({ kind: 'saved' });
		await study.change('newCardOrder', 'New cards', 'shuffled');
		expect(study.notice).toEqual({ kind: 'invalid', label: 'New cards', field: 'newCardOrder' });
		const { settings } = await stores();
		expect((await settings.loadSchedulerSettings()).newCardOrder).toBe('deck');
	});

	it('refuses a value the scheduler cannot use and keeps the saved one', async () => {
		const study = new StudySettings(stores);
		await study.load();
		await study.change('desiredRetention', 'Desired retention', 3);
		expect(study.notice).toEqual({ kind: 'invalid', label: 'Desired retention', field: 'desiredRetention' });
		await study.change('newCardsPerDay', 'New cards a day', 2.5);
		expect(study.notice).toEqual({ kind: 'invalid', label: 'New cards a day', field: 'newCardsPerDay' });
		await study.change('learningSteps', 'Learning steps', ['1m', 'soon']);
		expect(study.notice).toMatchObject({ kind: 'invalid', field: 'learningSteps' });
		expect(study.value.learningSteps).toEqual(DEFAULT_SCHEDULER_SETTINGS.learningSteps);
		expect(study.value.desiredRetention).toBe(DEFAULT_SCHEDULER_SETTINGS.desiredRetention);
		const { settings } = await stores();
		expect((await settings.loadSchedulerSettings()).desiredRetention).toBe(DEFAULT_SCHEDULER_SETTINGS.desiredRetention);
	});
});
