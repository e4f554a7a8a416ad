import { describe, expect, it } from 'vitest';
import { default_w, forgetting_curve, Rating, State } from 'ts-fsrs';
import {
	historyLine,
	recallLine,
	recallStrength,
	retrievability,
	wordMemory,
	type RecallCard,
	type RecallSettings
} from './recall.ts';
import { gradeCard, intervalSpan, newCardState, DEFAULT_SCHEDULER_SETTINGS } from './scheduler.ts';

const T0 = new Date(2026, 10, 1, 9, 0).getTime();
const DAY = 24 * 60 * 60_000;
const settings: RecallSettings = { desiredRetention: 0.9, weights: null };

/** A card graded Good once at T0 (ts-fsrs's own arithmetic), then `more` Good reviews a due date apart. */
function studied(id: string, more = 0, overrides: Partial<RecallCard> = {}): RecallCard {
	let state = gradeCard(newCardState(T0), Rating.Good, T0, DEFAULT_SCHEDULER_SETTINGS).after;
	state = gradeCard(state, Rating.Good, state.due, DEFAULT_SCHEDULER_SETTINGS).after;
	for (let i = 0; i < more; i++) state = gradeCard(state, Rating.Good, state.due, DEFAULT_SCHEDULER_SETTINGS).after;
	return { ...state, id, suspended: 0, leech: 0, ...overrides };
}

const fresh = (id: string, overrides: Partial<RecallCard> = {}): RecallCard => ({
	...newCardState(T0),
	id,
	suspended: 0,
	leech: 0,
	...overrides
});

describe('retrievability', () => {
	it('is ts-fsrs’s forgetting curve over the fractional days since the last review', () => {
		const card = studied('a');
		const now = card.last_review! + 3.5 * DAY;
		expect(retrievability(card, now)).toBe(forgetting_curve(default_w, 3.5, card.stability));
		expect(retrievability(card, card.last_review!)).toBe(1);
	});

	it('falls as time passes, and is 0 for a new card', () => {
		const card = studied('a');
		const soon = retrievability(card, card.last_review! + DAY);
		const later = retrievability(card, card.last_review! + 30 * DAY);
		expect(later).toBeLessThan(soon);
		expect(retrievability(fresh('b'), T0 + DAY)).toBe(0);
	});

	it('uses the user’s own parameters when they are a full set, the defaults otherwise', () => {
		const card = studied('a');
		const now = card.last_review! + 10 * DAY;
		const own = [...default_w];
		own[20] = 0.5;
		expect(retrievability(card, now, own)).toBe(forgetting_curve(own, 10, card.stability));
		expect(retrievability(card, now, [1, 2, 3])).toBe(retrievability(card, now, null));
	});

	it('is at the desired retention when the card falls due', () => {
		const card = studied('a', 2);
		expect(retrievability(card, card.due)).toBeGreaterThan(0.88);
		expect(retrievability(card, card.due)).toBeLessThan(0.92);
	});
});

describe('recallStrength', () => {
	it('steps around the desired retention', () => {
		expect(recallStrength(0.99, 0.9)).toBe('known');
		expect(recallStrength(0.95, 0.9)).toBe('known');
		expect(recallStrength(0.93, 0.9)).toBe('good');
		expect(recallStrength(0.9, 0.9)).toBe('good');
		expect(recallStrength(0.85, 0.9)).toBe('fading');
		expect(recallStrength(0.8, 0.9)).toBe('fading');
		expect(recallStrength(0.79, 0.9)).toBe('weak');
		expect(recallStrength(0.2, 0.9)).toBe('weak');
	});

	it('follows a stricter retention', () => {
		expect(recallStrength(0.96, 0.97)).toBe('fading');
		expect(recallStrength(0.93, 0.97)).toBe('weak');
		expect(recallStrength(0.99, 0.97)).toBe('known');
	});
});

describe('wordMemory', () => {
	it('takes the weaker of the two directions', () => {
		const strong = studied('w|en2zh', 3);
		const weak = studied('w|zh2en');
		const now = weak.due + 20 * DAY;
		const memory = wordMemory([strong, weak], now, settings)!;
		expect(memory.retrievability).toBe(retrievability(weak, now));
		expect(memory.due).toBe(weak.due);
		expect(memory.recall).toBe('weak');
		expect(memory.unknown).toBe(true);
		expect(memory.cardIds).toEqual(['w|en2zh', 'w|zh2en']);
	});

	it('is well known right after a review, and not unknown', () => {
		const card = studied('w|en2zh', 2);
		const memory = wordMemory([card, fresh('w|zh2en')], card.last_review! + 60_000, settings)!;
		expect(memory.recall).toBe('known');
		expect(memory.unknown).toBe(false);
	});

	it('is new until a card of the word is studied, and shows pinyin then', () => {
		const memory = wordMemory([fresh('w|en2zh'), fresh('w|zh2en')], T0, settings)!;
		expect(memory).toEqual({
			recall: 'new',
			retrievability: null,
			due: null,
			unknown: true,
			cardIds: ['w|en2zh', 'w|zh2en']
		});
	});

	it('marks a leech whatever its recall', () => {
		const card = studied('w|en2zh', 1, { leech: 1 });
		const memory = wordMemory([card], card.last_review!, settings)!;
		expect(memory.recall).toBe('leech');
		expect(memory.unknown).toBe(false);
		expect(wordMemory([fresh('x', { leech: 1 })], T0, settings)?.recall).toBe('leech');
	});

	it('leaves suspended cards out, and has nothing to show without a card', () => {
		const suspended = studied('w|en2zh', 0, { suspended: 1 });
		const other = studied('w|zh2en', 3);
		const now = other.last_review! + DAY;
		expect(wordMemory([suspended, other], now, settings)?.cardIds).toEqual(['w|zh2en']);
		expect(wordMemory([suspended], now, settings)).toBeUndefined();
		expect(wordMemory([], now, settings)).toBeUndefined();
	});

	it('counts a card in (re)learning by its own stability', () => {
		const learning = gradeCard(newCardState(T0), Rating.Again, T0, DEFAULT_SCHEDULER_SETTINGS).after;
		expect(learning.state).toBe(State.Learning);
		const memory = wordMemory([{ ...learning, id: 'w', suspended: 0, leech: 0 }], T0 + 10 * DAY, settings)!;
		expect(memory.recall).toBe('weak');
	});
});

describe('recallLine', () => {
	it('gives the percent and the time to the next review', () => {
		const card = studied('w', 2);
		const now = card.last_review! + DAY;
		const memory = wordMemory([card], now, settings)!;
		const line = recallLine(memory, now);
		expect(line.percent).toBe(Math.round(retrievability(card, now) * 100));
		expect(line.nextIn).toEqual(intervalSpan(card.due - now));
		expect(line.nextIn).not.toBeNull();
	});

	it('has no next time once the review is due, and no percent for a new word', () => {
		const card = studied('w');
		const now = card.due + 3 * DAY;
		expect(recallLine(wordMemory([card], now, settings)!, now).nextIn).toBeNull();
		expect(recallLine(wordMemory([fresh('n')], now, settings)!, now)).toEqual({ percent: null, nextIn: null });
	});
});

describe('historyLine', () => {
	it('counts the reviews of both cards, their lapses, and names the latest grade and when', () => {
		const line = historyLine(
			[
				{ rating: Rating.Good, reviewedAt: T0 },
				{ rating: Rating.Again, reviewedAt: T0 + 2 * DAY },
				{ rating: Rating.Hard, reviewedAt: T0 + DAY }
			],
			[{ lapses: 1 }, { lapses: 0 }],
			T0 + 23 * DAY
		);
		expect(line).toEqual({
			reviews: 3,
			lapses: 1,
			last: { rating: Rating.Again, ago: { unit: 'days', amount: '21' } }
		});
	});

	it('has no latest review before the first', () => {
		expect(historyLine([], [{ lapses: 0 }], T0)).toEqual({ reviews: 0, lapses: 0, last: null });
	});
});
