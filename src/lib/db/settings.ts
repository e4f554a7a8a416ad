import { validateSchedulerSettings, type SchedulerSettings } from '../scheduling/scheduler.ts';
import { sanitiseDisplaySettings, type DisplaySettings } from '../settings/settings.ts';
import { readValue, writeValue } from './kv.ts';

import { DISPLAY_SETTINGS_KEY as DISPLAY, SCHEDULER_SETTINGS_KEY as SCHEDULER } from './keys.ts';

const CLOZE_FOR_NEW_WORDS = 'settings:clozeForNewWords';

export async function loadDisplaySettings(): Promise<DisplaySettings> {
	return sanitiseDisplaySettings(await readValue(DISPLAY));
}

export async function saveDisplaySettings(settings: DisplaySettings): Promise<void> {
	await writeValue(DISPLAY, { ...settings });
}

export async function loadSchedulerSettings(): Promise<SchedulerSettings> {
	return validateSchedulerSettings(await readValue(SCHEDULER));
}

export async function saveSchedulerSettings(settings: SchedulerSettings): Promise<SchedulerSettings> {
	const valid = validateSchedulerSettings(settings);
	await writeValue(SCHEDULER, valid);
	return valid;
}

/** Whether the last word added came with a cloze card: the add sheet and the import offer the same next time. */
export async function loadClozeForNewWords(): Promise<boolean> {
	return (await readValue(CLOZE_FOR_NEW_WORDS)) === true;
}

export async function saveClozeForNewWords(on: boolean): Promise<void> {
	await writeValue(CLOZE_FOR_NEW_WORDS, on);
}
