import { createEmptyCard, State } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { CARD_STATE, newCardState } from './cards.ts';

describe('card states without ts-fsrs', () => {
	it('names the same numbers as ts-fsrs', () => {
		expect(CARD_STATE).toEqual({
			New: State.New,
			Learning: State.Learning,
			Review: State.Review,
			Relearning: State.Relearning
		});
	});

	it('makes a new card as ts-fsrs does', () => {
		const now = Date.UTC(2026, 0, 5, 9);
		const empty = createEmptyCard(new Date(now));
		expect(newCardState(now)).toMatchObject({ due: empty.due.getTime(), state: empty.state, reps: 0, lapses: 0 });
		expect(newCardState(now).last_review).toBeNull();
	});
});
