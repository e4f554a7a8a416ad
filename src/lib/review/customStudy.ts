import type { State } from 'ts-fsrs';
import { CARD_STATE } from '../model/cards.ts';
import { isUserEntryId } from '../model/ids.ts';
import { nextDayStart, type QueueScope } from '../scheduling/queue.ts';

/**
 * A custom study session: which cards (all, the user's own words, one article's, the new words of one reading card)
 * and how far ahead (0 for today's queue, 1 to take tomorrow's review cards now, up to a week). Grades are written
 * at the real time, so FSRS schedules an early review from the time that really elapsed; new cards stay within
 * today's limit.
 */
export interface CustomStudy {
	aheadDays: number;
	only: 'all' | 'mine' | { articleId: string; cardId?: string };
}

/** The reading card a study prepares ("Learn the new words of the next card"), if it is one. */
export function preparedCard(study: CustomStudy): { articleId: string; cardId: string } | undefined {
	const only = study.only;
	return typeof only === 'object' && only.cardId !== undefined
		? { articleId: only.articleId, cardId: only.cardId }
		: undefined;
}

/** `<articleId>/<cardId>`: an article id holds no `/` (see ids.ts), a card id may. */
function cardFromParam(value: string | null): { articleId: string; cardId: string } | undefined {
	const slash = value?.indexOf('/') ?? -1;
	if (!value || slash <= 0 || slash === value.length - 1) return undefined;
	return { articleId: value.slice(0, slash), cardId: value.slice(slash + 1) };
}

export const TODAY: CustomStudy = { aheadDays: 0, only: 'all' };
export const MAX_AHEAD_DAYS = 7;

/**
 * `?ahead=1&only=mine`, `?ahead=0&article=<id>` or `?card=<articleId>/<cardId>`: anything else, or nothing, is
 * today's queue.
 */
export function studyFromSearch(params: URLSearchParams): CustomStudy {
	const ahead = Number(params.get('ahead') ?? 0);
	const aheadDays = Number.isInteger(ahead) ? Math.min(MAX_AHEAD_DAYS, Math.max(0, ahead)) : 0;
	const articleId = params.get('article');
	const card = cardFromParam(params.get('card'));
	const only: CustomStudy['only'] =
		card ?? (articleId ? { articleId } : params.get('only') === 'mine' ? 'mine' : 'all');
	return { aheadDays, only };
}

/** The search part of the review screen's address for a custom study ('' for today's queue). */
export function studySearch(study: CustomStudy): '' | `?${string}` {
	const params = new URLSearchParams();
	if (study.aheadDays > 0) params.set('ahead', String(study.aheadDays));
	const card = preparedCard(study);
	if (study.only === 'mine') params.set('only', 'mine');
	else if (card) params.set('card', `${card.articleId}/${card.cardId}`);
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
 * not loaded: such a card is left out, never shown under the wrong article). A reading card's study takes the
 * cards of `cardWords` (the words on it; none while they are not known) still to learn: new, or in (re)learning
 * since, so a card failed in the session comes back in it, but none already in review.
 */
export function studyScope<T extends { entryId: string; state: State }>(
	study: CustomStudy,
	now: number,
	articleOf: (entryId: string) => string | undefined,
	cardWords?: ReadonlySet<string>
): QueueScope<T> {
	const only = study.only;
	const include =
		only === 'all'
			? undefined
			: only === 'mine'
				? (card: T) => isUserEntryId(card.entryId)
				: only.cardId !== undefined
					? (card: T) => card.state !== CARD_STATE.Review && cardWords?.has(card.entryId) === true
					: (card: T) => articleOf(card.entryId) === only.articleId;
	return { reviewsUntil: studyHorizon(study, now), include };
}
