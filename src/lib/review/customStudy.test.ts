import { describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import { nextDayStart } from '../scheduling/scheduler.ts';
import {
	isCustom,
	MAX_AHEAD_DAYS,
	preparedCard,
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
			{ aheadDays: 3, only: { articleId: 'huang-2025' } },
			{ aheadDays: 0, only: { articleId: 'text-abc', cardId: 'c/2' } }
		];
		for (const study of cases) expect(studyFromSearch(new URLSearchParams(studySearch(study)))).toEqual(study);
		expect(studySearch(TODAY)).toBe('');
		expect(studyFromSearch(new URLSearchParams(''))).toEqual(TODAY);
		expect(studyFromSearch(new URLSearchParams('ahead=99')).aheadDays).toBe(MAX_AHEAD_DAYS);
		expect(studyFromSearch(new URLSearchParams('ahead=-2&only=whatever'))).toEqual(TODAY);
		expect(studyFromSearch(new URLSearchParams('ahead=1.5')).aheadDays).toBe(0);
		expect(studySearch({ aheadDays: 0, only: { articleId: 'huang-2025', cardId: 'p2-01' } })).toBe(
			'?card=huang-2025%2Fp2-01'
		);
		for (const card of ['huang-2025', '/p2-01', 'huang-2025/'])
			expect(studyFromSearch(new URLSearchParams({ card }))).toEqual(TODAY);
		expect(isCustom(TODAY)).toBe(false);
		expect(cases.every(isCustom)).toBe(true);
	});

	it('reads review cards up to the end of the study day so many days after today’s', () => {
		expect(studyHorizon(TODAY, MORNING)).toBeUndefined();
		expect(studyHorizon({ aheadDays: 1, only: 'all' }, MORNING)).toBe(nextDayStart(nextDayStart(MORNING)));
	});

	it('includes one article’s cards, or the user’s own words, and leaves out a card whose entry is not known', () => {
		const articleOf = (entryId: string) => ({ a: 'one', b: 'two' })[entryId];
		const cards = ['a', 'b', 'unknown', 'user:算力'].map((entryId) => ({ entryId, state: State.New }));
		const pick = (only: Parameters<typeof studyScope>[0]['only']) => {
			const include = studyScope<(typeof cards)[number]>({ aheadDays: 0, only }, MORNING, articleOf).include;
			return include ? cards.filter(include).map((card) => card.entryId) : 'all';
		};
		expect(pick('all')).toBe('all');
		expect(pick('mine')).toEqual(['user:算力']);
		expect(pick({ articleId: 'two' })).toEqual(['b']);
	});

	it('prepares a reading card: the cards of its words still to learn, none while its words are not known', () => {
		const study = { aheadDays: 0, only: { articleId: 'one', cardId: 'c2' } };
		expect(preparedCard(study)).toEqual({ articleId: 'one', cardId: 'c2' });
		expect(preparedCard({ aheadDays: 0, only: { articleId: 'one' } })).toBeUndefined();
		expect(isCustom(study)).toBe(true);
		const cards = [
			{ id: 'new', entryId: 'a', state: State.New },
			{ id: 'learning', entryId: 'a', state: State.Learning },
			{ id: 'review', entryId: 'a', state: State.Review },
			{ id: 'other', entryId: 'b', state: State.New }
		];
		const include = (words?: Set<string>) =>
			studyScope<(typeof cards)[number]>(study, MORNING, () => 'one', words).include!;
		expect(cards.filter(include(new Set(['a']))).map((card) => card.id)).toEqual(['new', 'learning']);
		expect(cards.filter(include())).toEqual([]);
	});
});
