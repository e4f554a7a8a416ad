import { sanitiseDisplaySettings, type DisplaySettings } from '../settings/settings';
import { readValue, writeValue } from './kv';

const DISPLAY = 'settings:display';

export async function loadDisplaySettings(): Promise<DisplaySettings> {
	return sanitiseDisplaySettings(await readValue(DISPLAY));
}

export async function saveDisplaySettings(settings: DisplaySettings): Promise<void> {
	await writeValue(DISPLAY, { ...settings });
}
