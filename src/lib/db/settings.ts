import { validateSchedulerSettings, type SchedulerSettings } from '../scheduling/scheduler.ts';
import { sanitiseDisplaySettings, type DisplaySettings } from '../settings/settings.ts';
import { readValue, writeValue } from './kv.ts';

import { DISPLAY_SETTINGS_KEY as DISPLAY, SCHEDULER_SETTINGS_KEY as SCHEDULER } from './keys.ts';

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
