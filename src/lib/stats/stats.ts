/** Review statistics computed from plain rows, so they can be tested without a database. */

const DAY_MS = 86_400_000;

/** Local calendar day as "YYYY-MM-DD", the key all daily statistics use. */
export function dayKey(time: number, rolloverHour = 4): string {
	const date = new Date(time - rolloverHour * 3_600_000);
	const month = String(date.getMonth() + 1).padStart(2, '0');
	const day = String(date.getDate()).padStart(2, '0');
	return `${date.getFullYear()}-${month}-${day}`;
}

/**
 * The times whose `dayKey` is the same as `time`'s: from local midnight of that date plus the rollover
 * hours (included) to the next day's start (excluded). A day is 23 to 25 hours long.
 */
export function dayBounds(time: number, rolloverHour = 4): [start: number, end: number] {
	const startOf = (t: number) => {
		const date = new Date(t - rolloverHour * 3_600_000);
		return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() + rolloverHour * 3_600_000;
	};
	const start = startOf(time);
	return [start, startOf(start + 30 * 3_600_000)];
}

export function countByDay(times: Iterable<number>, rolloverHour = 4): Map<string, number> {
	const counts = new Map<string, number>();
	for (const time of times) {
		const key = dayKey(time, rolloverHour);
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

/** Consecutive days with at least one review, ending today; a streak survives until today is over. */
export function streak(countsByDay: Map<string, number>, now: number, rolloverHour = 4): number {
	let days = 0;
	let cursor = now;
	if (!countsByDay.get(dayKey(cursor, rolloverHour))) cursor -= DAY_MS;
	while (countsByDay.get(dayKey(cursor, rolloverHour))) {
		days++;
		cursor -= DAY_MS;
	}
	return days;
}

export interface DayCell {
	key: string;
	count: number;
	/** 0–4, for the heatmap's colour steps. */
	level: number;
}

/** The last `weeks` weeks, oldest first, ending today. */
export function heatmap(countsByDay: Map<string, number>, now: number, weeks = 12, rolloverHour = 4): DayCell[] {
	const days = weeks * 7;
	const cells: DayCell[] = [];
	let max = 0;
	for (let i = days - 1; i >= 0; i--) {
		const key = dayKey(now - i * DAY_MS, rolloverHour);
		const count = countsByDay.get(key) ?? 0;
		max = Math.max(max, count);
		cells.push({ key, count, level: 0 });
	}
	for (const cell of cells)
		cell.level = cell.count === 0 ? 0 : Math.min(4, Math.ceil((4 * cell.count) / Math.max(1, max)));
	return cells;
}

/** Cards falling due on each of the next `days` days; overdue cards count for today. */
export function forecast(
	dueTimes: Iterable<number>,
	now: number,
	days = 30,
	rolloverHour = 4
): { key: string; count: number }[] {
	const buckets = Array.from({ length: days }, (_, i) => ({ key: dayKey(now + i * DAY_MS, rolloverHour), count: 0 }));
	const index = new Map(buckets.map((bucket, i) => [bucket.key, i]));
	for (const due of dueTimes) {
		const at = due <= now ? 0 : index.get(dayKey(due, rolloverHour));
		if (at !== undefined) buckets[at]!.count++;
	}
	return buckets;
}

export interface RetentionInput {
	rating: number;
	/** ts-fsrs state before the review: 2 = review. */
	stateBefore: number;
}

/** Anki's true retention: of reviews of cards already in review, the share not graded Again. */
export function trueRetention(reviews: Iterable<RetentionInput>): {
	passed: number;
	total: number;
	rate: number | null;
} {
	let passed = 0;
	let total = 0;
	for (const review of reviews) {
		if (review.stateBefore !== 2) continue;
		total++;
		if (review.rating > 1) passed++;
	}
	return { passed, total, rate: total === 0 ? null : passed / total };
}

/** A heatmap laid out by calendar week: columns of seven days, Monday first, with the month each column begins. */
export interface HeatmapGrid {
	/** Each week's seven days, Monday to Sunday; null before the first day and after today. */
	weeks: (DayCell | null)[][];
	/** Where a month starts: the index of the first week holding its first day shown, and the month (1–12). */
	months: { week: number; month: number }[];
}

/** 0 for Monday … 6 for Sunday, of a "YYYY-MM-DD" key. */
export function weekdayOf(key: string): number {
	const [year, month, day] = key.split('-').map(Number);
	return (new Date(year!, month! - 1, day!).getDay() + 6) % 7;
}

export function heatmapGrid(cells: readonly DayCell[]): HeatmapGrid {
	const weeks: (DayCell | null)[][] = [];
	const months: { week: number; month: number }[] = [];
	let week: (DayCell | null)[] = [];
	let lastMonth = -1;
	for (const cell of cells) {
		const weekday = weekdayOf(cell.key);
		if (week.length === 0) week = Array<DayCell | null>(weekday).fill(null);
		week.push(cell);
		const month = Number(cell.key.slice(5, 7));
		if (month !== lastMonth) {
			// A month shown from its first column; a column already labelled keeps its label.
			if (months.at(-1)?.week !== weeks.length) months.push({ week: weeks.length, month });
			lastMonth = month;
		}
		if (week.length === 7) {
			weeks.push(week);
			week = [];
		}
	}
	if (week.length > 0) weeks.push([...week, ...Array<DayCell | null>(7 - week.length).fill(null)]);
	return { weeks, months };
}
