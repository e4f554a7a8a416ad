import { isUserEntryId } from '../model/ids.ts';
import { nextDayStart, type QueueScope } from '../scheduling/scheduler.ts';

/**
 * A custom study session: which cards (all, the user's own words, one article's) and how far ahead (0 for
 * today's queue, 1 to take tomorrow's review cards now, up to a week). Grades are written at the real time,
 * so FSRS schedules an early review from the time that really elapsed; new cards stay within today's limit.
 */
export interface CustomStudy {
	aheadDays: number;
	only: 'all' | 'mine' | { articleId: string };
}

export const TODAY: CustomStudy = { aheadDays: 0, only: 'all' };
export const MAX_AHEAD_DAYS = 7;

/** `?ahead=1&only=mine` or `?ahead=0&article=<id>`: anything else, or nothing, is today's queue. */
export function studyFromSearch(params: URLSearchParams): CustomStudy {
	const ahead = Number(params.get('ahead') ?? 0);
	const aheadDays = Number.isInteger(ahead) ? Math.min(MAX_AHEAD_DAYS, Math.max(0, ahead)) : 0;
	const articleId = params.get('article');
	const only: CustomStudy['only'] = articleId ? { articleId } : params.get('only') === 'mine' ? 'mine' : 'all';
	return { aheadDays, only };
}

/** The search part of the review screen's address for a custom study ('' for today's queue). */
export function studySearch(study: CustomStudy): '' | `?${string}` {
	const params = new URLSearchParams();
	if (study.aheadDays > 0) params.set('ahead', String(study.aheadDays));
	if (study.only === 'mine') params.set('only', 'mine');
	else if (study.only !== 'all') params.set('article', study.only.articleId);
	const search = params.toString();
	return search ? `?${search}` : '';
}

export const isCustom = (study: CustomStudy) => study.aheadDays > 0 || study.only !== 'all';

export function sameStudy(a: CustomStudy, b: CustomStudy): boolean {
	return studySearch(a) === studySearch(b);
}

/** How far ahead review cards are read: the end of the study day `aheadDays` after today's. */
export function studyHorizon(study: CustomStudy, now: number): number | undefined {
	if (study.aheadDays <= 0) return undefined;
	let end = nextDayStart(now);
	for (let day = 0; day < study.aheadDays; day++) end = nextDayStart(end);
	return end;
}

/**
 * The queue scope of a custom study. `articleOf` names a card's entry's article (undefined while the entry is
 * not loaded: such a card is left out, never shown under the wrong article).
 */
export function studyScope<T extends { entryId: string }>(
	study: CustomStudy,
	now: number,
	articleOf: (entryId: string) => string | undefined
): QueueScope<T> {
	const only = study.only;
	const include =
		only === 'all'
			? undefined
			: only === 'mine'
				? (card: T) => isUserEntryId(card.entryId)
				: (card: T) => articleOf(card.entryId) === only.articleId;
	return { reviewsUntil: studyHorizon(study, now), include };
}
