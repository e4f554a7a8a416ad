import { describe, expect, it } from 'vitest';
import { nextDayStart } from '../scheduling/scheduler.ts';
import {
	isCustom,
	MAX_AHEAD_DAYS,
	studyFromSearch,
	studyHorizon,
	studyScope,
	studySearch,
	TODAY
} from './customStudy.ts';

const MORNING = new Date(2026, 0, 10, 9).getTime();

describe('custom study', () => {
	it('reads and writes the review screen’s address, refusing what it cannot use', () => {
		const cases = [
			{ aheadDays: 1, only: 'all' as const },
			{ aheadDays: 0, only: 'mine' as const },
			{ aheadDays: 3, only: { articleId: 'huang-2025' } }
		];
		for (const study of cases) expect(studyFromSearch(new URLSearchParams(studySearch(study)))).toEqual(study);
		expect(studySearch(TODAY)).toBe('');
		expect(studyFromSearch(new URLSearchParams(''))).toEqual(TODAY);
		expect(studyFromSearch(new URLSearchParams('ahead=99')).aheadDays).toBe(MAX_AHEAD_DAYS);
		expect(studyFromSearch(new URLSearchParams('ahead=-2&only=whatever'))).toEqual(TODAY);
		expect(studyFromSearch(new URLSearchParams('ahead=1.5')).aheadDays).toBe(0);
		expect(isCustom(TODAY)).toBe(false);
		expect(cases.every(isCustom)).toBe(true);
	});

	it('reads review cards up to the end of the study day so many days after today’s', () => {
		expect(studyHorizon(TODAY, MORNING)).toBeUndefined();
		expect(studyHorizon({ aheadDays: 1, only: 'all' }, MORNING)).toBe(nextDayStart(nextDayStart(MORNING)));
	});

	it('includes one article’s cards, or the user’s own words, and leaves out a card whose entry is not known', () => {
		const articleOf = (entryId: string) => ({ a: 'one', b: 'two' })[entryId];
		const cards = [{ entryId: 'a' }, { entryId: 'b' }, { entryId: 'unknown' }, { entryId: 'user:算力' }];
		const pick = (only: Parameters<typeof studyScope>[0]['only']) => {
			const include = studyScope<{ entryId: string }>({ aheadDays: 0, only }, MORNING, articleOf).include;
			return include ? cards.filter(include).map((card) => card.entryId) : 'all';
		};
		expect(pick('all')).toBe('all');
		expect(pick('mine')).toEqual(['user:算力']);
		expect(pick({ articleId: 'two' })).toEqual(['b']);
	});
});
