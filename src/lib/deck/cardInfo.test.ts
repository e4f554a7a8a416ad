import { State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { StudyCardRow } from '../model/cards.ts';
import type { UserEntryRow, VocabEntry } from '../model/words.ts';
import { newCardState } from '../scheduling/scheduler.ts';
import { cardFacts, cardIdFromSearch, cardStateName, entryOfCard, siblingCardId } from './cardInfo.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();

function card(extra: Partial<StudyCardRow> = {}): StudyCardRow {
	return {
		...newCardState(T0),
		id: 'a|en2zh',
		entryId: 'a',
		direction: 'en2zh',
		suspended: 0,
		buriedUntil: 0,
		leech: 0,
		createdAt: T0,
		...extra
	};
}

describe('cardStateName', () => {
	it('names suspension before the FSRS state, and relearning as learning', () => {
		expect(cardStateName(card())).toBe('new');
		expect(cardStateName(card({ state: State.Learning }))).toBe('learning');
		expect(cardStateName(card({ state: State.Relearning }))).toBe('learning');
		expect(cardStateName(card({ state: State.Review }))).toBe('review');
		expect(cardStateName(card({ state: State.Review, suspended: 1 }))).toBe('suspended');
	});
});

describe('cardFacts', () => {
	it('gives a new card no schedule', () => {
		expect(cardFacts(card())).toEqual({ state: 'new', leech: false, schedule: null, reps: 0, lapses: 0 });
	});

	it('gives a studied card its due time, stability and difficulty to one decimal', () => {
		const studied = card({ state: State.Review, due: T0 + 1000, stability: 12.345, difficulty: 5, reps: 9, lapses: 8 });
		expect(cardFacts({ ...studied, leech: 1 })).toEqual({
			state: 'review',
			leech: true,
			schedule: { due: T0 + 1000, stability: '12.3', difficulty: '5.0' },
			reps: 9,
			lapses: 8
		});
	});
});

describe('cardIdFromSearch', () => {
	it('reads the id from the query string, decoded, and nothing when there is none', () => {
		expect(cardIdFromSearch('?id=user%3A%E4%BE%9B%E5%BA%94%7Cen2zh')).toBe('user:供应|en2zh');
		expect(cardIdFromSearch('?from=review&id=a|zh2en')).toBe('a|zh2en');
		expect(cardIdFromSearch('')).toBe('');
	});
});

describe('entryOfCard', () => {
	const builtIn = { id: 'huang-2025:芯片', zh: '芯片' } as VocabEntry;
	const userWord: UserEntryRow = {
		id: 'user:供应',
		zh: '供应',
		pinyin: 'gōng yìng',
		en: 'to supply',
		defEn: 'to provide',
		defZh: '',
		example: '',
		articleId: 'huang-2025',
		paragraphId: 'p0001',
		createdAt: T0
	};

	it('finds the built-in entry, or shows the user’s word as an entry, or nothing', () => {
		expect(entryOfCard('huang-2025:芯片', [builtIn], undefined)).toBe(builtIn);
		expect(entryOfCard('user:供应', [builtIn], userWord)).toEqual(
			expect.objectContaining({ id: 'user:供应', zh: '供应', en: 'to supply', tags: ['mine'], userMade: true })
		);
		expect(entryOfCard('gone', [builtIn], undefined)).toBeUndefined();
	});

	it("names the word's other card", () => {
		expect(siblingCardId(card())).toEqual({ id: 'a|zh2en', direction: 'zh2en' });
		expect(siblingCardId(card({ id: 'user:供应|zh2en', entryId: 'user:供应', direction: 'zh2en' }))).toEqual({
			id: 'user:供应|en2zh',
			direction: 'en2zh'
		});
	});
});
