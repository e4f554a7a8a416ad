/**
 * A hybrid logical clock: wall time in milliseconds, a counter for changes within one millisecond, and the
 * device id that breaks ties. Encoded so that comparing the strings compares the clocks, which is what
 * last-writer-wins needs from a document's `hlc` field.
 */
export interface Hlc {
	wall: number;
	counter: number;
	device: string;
}

/**
 * How far ahead of this device's (server-corrected) time a remote clock may pull ours. A device whose clock is
 * an hour fast stamps its changes an hour ahead; without a bound, receiving one would drag every later change
 * of ours an hour ahead too.
 */
export const MAX_FORWARD_MS = 60_000;

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;

export const ZERO_HLC: Hlc = { wall: 0, counter: 0, device: '' };

export function encodeHlc({ wall, counter, device }: Hlc): string {
	return `${String(wall).padStart(WALL_DIGITS, '0')}-${counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${device}`;
}

const PATTERN = new RegExp(`^(\\d{${WALL_DIGITS}})-([0-9a-z]{${COUNTER_DIGITS}})-([\\w-]*)$`);

/** The clock a string encodes, or undefined for anything that is not one. */
export function decodeHlc(text: unknown): Hlc | undefined {
	if (typeof text !== 'string') return undefined;
	const match = PATTERN.exec(text);
	if (!match) return undefined;
	return { wall: Number(match[1]), counter: parseInt(match[2]!, 36), device: match[3]! };
}

export function compareHlc(a: Hlc, b: Hlc): number {
	return a.wall - b.wall || a.counter - b.counter || (a.device < b.device ? -1 : a.device > b.device ? 1 : 0);
}

/** The clock of a new local change: never behind the last one, even when the wall clock steps back. */
export function tick(last: Hlc, now: number, device: string): Hlc {
	const wall = Math.max(last.wall, Math.floor(now));
	return { wall, counter: wall === last.wall ? last.counter + 1 : 0, device };
}

/**
 * This device's clock after seeing a remote one: past it, so a change made here afterwards wins over what
 * was seen, but never further than MAX_FORWARD_MS ahead of `now`.
 */
export function receive(local: Hlc, remote: Hlc, now: number): Hlc {
	const seen = Math.min(remote.wall, Math.floor(now) + MAX_FORWARD_MS);
	const wall = Math.max(local.wall, seen);
	if (wall === local.wall) return local;
	return { wall, counter: seen === remote.wall ? remote.counter : 0, device: local.device };
}

/**
 * The device's time corrected by what the server's clock says (its Date header, a second's precision): both
 * devices then stamp changes on the server's time, so a device whose clock is off does not win every conflict.
 * Corrections under two seconds are not worth the noise of the header's rounding.
 */
export function clockOffset(serverDate: string | null, sentAt: number, receivedAt: number): number | undefined {
	if (!serverDate) return undefined;
	const server = Date.parse(serverDate);
	if (!Number.isFinite(server)) return undefined;
	// The header is rounded down to the second: its middle, against the middle of the round trip.
	const offset = server + 500 - (sentAt + receivedAt) / 2;
	return Math.abs(offset) < 2_000 ? 0 : Math.round(offset);
}
