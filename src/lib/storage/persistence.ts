/**
 * How safe the device keeps Duka's data: storage use, whether the browser may evict it, and asking it not
 * to. Browsers clear "best-effort" storage under pressure, and Safari clears a site's storage after seven
 * days without a visit unless it runs from the Home Screen.
 */

import { stores } from '../db/lazy.ts';
import { estimateStorage } from './headroom.ts';

export interface StorageStatus {
	/** Bytes used and available to this origin, when the browser says. */
	usage?: number;
	quota?: number;
	/** Whether the browser promised not to evict the data; undefined when it cannot say. */
	persisted?: boolean;
}

const storage = (): StorageManager | undefined => (typeof navigator === 'undefined' ? undefined : navigator.storage);

export async function storageStatus(): Promise<StorageStatus> {
	const manager = storage();
	const [estimate, persisted] = await Promise.all([estimateStorage(), manager?.persisted?.().catch(() => undefined)]);
	return { usage: estimate?.usage, quota: estimate?.quota, persisted };
}

/** Asks the browser to keep the data; resolves to whether it is persisted now (undefined: not supported). */
export async function requestPersistence(): Promise<boolean | undefined> {
	const manager = storage();
	if (!manager?.persist) return undefined;
	try {
		return await manager.persist();
	} catch {
		return false;
	}
}

/** Reviews after which Duka asks, by itself, to keep its storage. */
export const REVIEWS_BEFORE_ASKING = 10;

/** Asked once the user has something worth keeping, never before and never twice. */
export function shouldAskPersistence(state: {
	asked: boolean;
	persisted: boolean | undefined;
	reviews: number;
	notes: number;
}): boolean {
	if (state.asked || state.persisted !== false) return false;
	return state.reviews >= REVIEWS_BEFORE_ASKING || state.notes >= 1;
}

let checking = false;
let settled = false;

/**
 * Asks the browser once to persist storage, after the user's first 10 reviews or first note. Cheap to call
 * after every grade or save: after the question has been asked it returns at once. Never throws, so it
 * cannot break the action that called it.
 */
export async function maybeAskPersistence(): Promise<void> {
	if (checking || settled || !storage()?.persist) return;
	checking = true;
	try {
		const { backup } = await stores();
		const asked = await backup.persistenceAsked();
		const persisted = asked ? undefined : await storage()?.persisted?.();
		if (asked || persisted) {
			settled = true;
			return;
		}
		const counts = await backup.tableCounts();
		if (!shouldAskPersistence({ asked, persisted, reviews: counts.reviews, notes: counts.notes })) return;
		await requestPersistence();
		await backup.markPersistenceAsked();
		settled = true;
	} catch (error) {
		console.warn('Could not ask for persistent storage', error);
	} finally {
		checking = false;
	}
}

export interface DeviceHints {
	userAgent: string;
	platform: string;
	maxTouchPoints: number;
	/** `navigator.standalone`: true when launched from the iOS Home Screen. */
	standalone?: boolean;
	/** `matchMedia('(display-mode: standalone)').matches`. */
	displayModeStandalone: boolean;
}

/**
 * True on an iPhone or iPad when Duka runs in a browser tab rather than from the Home Screen: there WebKit
 * deletes a site's storage after seven days without use. iPadOS reports itself as a Mac with touch.
 */
export function needsHomeScreenNote(device: DeviceHints): boolean {
	const ios =
		/iPhone|iPad|iPod/.test(device.userAgent) || (device.platform === 'MacIntel' && device.maxTouchPoints > 1);
	return ios && device.standalone !== true && !device.displayModeStandalone;
}

export function currentDevice(): DeviceHints {
	return {
		userAgent: navigator.userAgent,
		platform: navigator.platform,
		maxTouchPoints: navigator.maxTouchPoints ?? 0,
		standalone: (navigator as Navigator & { standalone?: boolean }).standalone,
		displayModeStandalone: window.matchMedia?.('(display-mode: standalone)').matches ?? false
	};
}

/** "1.2 MB", in decimal units as phones show storage, with the number formatted for the language. */
export function formatBytes(bytes: number, locale: string): string {
	// From kilobytes up: Intl has no short unit for bytes ("950 byte" reads oddly).
	const units = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
	let value = Math.max(0, bytes) / 1000;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return new Intl.NumberFormat(locale, {
		style: 'unit',
		unit: units[unit],
		unitDisplay: 'short',
		maximumFractionDigits: value < 10 ? 1 : 0
	}).format(value);
}
