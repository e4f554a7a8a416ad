import { beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../db/lazy.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { StudySettings } from './studySettings.svelte.ts';

const T1 = new Date(2026, 10, 29, 9).getTime();

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

describe('cloze cards for the built-in deck', () => {
	it('are made when turned on, once, both ways where the sentence has the English term, and wait when off', async () => {
		const study = new StudySettings(stores, () => T1);
		await study.load();
		expect(study.value.builtInCloze).toBe(false);
		await study.setBuiltInCloze(true, 'Cloze');
		expect(study.value.builtInCloze).toBe(true);
		const { cards, settings } = await stores();
		const all = await cards.listCards();
		const clozes = all.filter((card) => card.direction === 'clozeZh' || card.direction === 'clozeEn');
		expect(clozes.length).toBe(study.clozeMade);
		expect(clozes.length).toBeGreaterThan(100);
		const budget = clozes.filter((card) => card.entryId === 'huang-2025:IT预算').map((card) => card.direction);
		expect(budget.sort()).toEqual(['clozeEn', 'clozeZh']);
		expect(clozes.every((card) => card.state === 0 && card.createdAt >= T1)).toBe(true);

		await study.setBuiltInCloze(false, 'Cloze');
		expect((await settings.loadSchedulerSettings()).builtInCloze).toBe(false);
		await study.setBuiltInCloze(true, 'Cloze');
		// Made once: turning it on again finds them all there.
		expect(study.clozeMade).toBe(0);
		expect(await cards.countCards()).toBe(all.length);
	});
});
