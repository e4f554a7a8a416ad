/** The instant the scheduling and store tests start from (local time), and the spans they step by. */
export const T0 = new Date(2026, 10, 29, 9).getTime();
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
