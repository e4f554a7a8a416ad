import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, Rating, State, type Grade } from 'ts-fsrs';
import {
	buildQueue,
	countQueue,
	dayStartFor,
	DEFAULT_SCHEDULER_SETTINGS,
	fromFsrsCard,
	gradeCard,
	intervalLabel,
	isLeechLapse,
	newCardState,
	nextDayStart,
	previewIntervals,
	replayCard,
	toFsrsCard,
	validateSchedulerSettings,
	type QueueCard
} from './scheduler.ts';

const T0 = new Date(2026, 10, 29, 9, 0).getTime();
const MIN = 60_000;
const DAY = 86_400_000;

describe('scheduler wrapper', () => {
	it('gives the same due dates as ts-fsrs for a fixed clock', () => {
		const settings = DEFAULT_SCHEDULER_SETTINGS;
		const engine = fsrs(generatorParameters({ request_retention: 0.9, maximum_interval: 36500, enable_fuzz: true, enable_short_term: true, learning_steps: ['1m', '10m'], relearning_steps: ['10m'] }));
		let ours = newCardState(T0);
		let theirs = createEmptyCard(new Date(T0));
		const ratings: Grade[] = [Rating.Good, Rating.Good, Rating.Good, Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];
		let now = T0;
		for (const rating of ratings) {
			ours = gradeCard(ours, rating as 1 | 2 | 3 | 4, now, settings);
			theirs = engine.next(theirs, new Date(now), rating).card;
			expect(ours.due).toBe(theirs.due.getTime());
			expect(ours.stability).toBe(theirs.stability);
			expect(ours.state).toBe(theirs.state);
			now = ours.due + 5 * MIN;
		}
	});

	it('round-trips stored state through ts-fsrs cards exactly', () => {
		const graded = gradeCard(newCardState(T0), 3, T0, DEFAULT_SCHEDULER_SETTINGS);
		expect(fromFsrsCard(toFsrsCard(graded))).toEqual(graded);
		expect(fromFsrsCard(toFsrsCard(newCardState(T0)))).toEqual(newCardState(T0));
	});

	it('previews the four grades with Anki-style labels', () => {
		const previews = previewIntervals(newCardState(T0), T0, DEFAULT_SCHEDULER_SETTINGS);
		expect(previews.map((p) => p.rating)).toEqual([1, 2, 3, 4]);
		expect(previews[0]?.label).toBe('1m');
		expect(previews[2]?.label).toBe('10m');
		expect(previews[3]?.due).toBeGreaterThan(T0 + DAY);
		expect(intervalLabel(30 * 1000)).toBe('<1m');
		expect(intervalLabel(3 * 3_600_000)).toBe('3h');
		expect(intervalLabel(75 * DAY)).toBe('2.5mo');
		expect(intervalLabel(548 * DAY)).toBe('1.5y');
	});

	it('flags leeches at 8 lapses and every 4 after', () => {
		expect([7, 8, 9, 12, 16].map(isLeechLapse)).toEqual([false, true, false, true, true]);
	});

	it('starts days at 4 am', () => {
		expect(new Date(dayStartFor(new Date(2026, 10, 29, 3).getTime())).getDate()).toBe(28);
		expect(new Date(nextDayStart(new Date(2026, 10, 29, 5).getTime())).getHours()).toBe(4);
	});

	it('clamps bad settings', () => {
		expect(validateSchedulerSettings({ desiredRetention: 2, newCardsPerDay: -5, learningSteps: ['x'], directions: 'up' })).toMatchObject({
			desiredRetention: 0.99,
			newCardsPerDay: 0,
			learningSteps: ['1m', '10m'],
			directions: 'both'
		});
	});
});

function queueCard(id: string, state: State, due: number, extra: Partial<QueueCard> = {}): QueueCard {
	return { ...newCardState(due), id, state, due, direction: 'en2zh', suspended: 0, buriedUntil: 0, createdAt: due, ...extra };
}

describe('daily queue', () => {
	const settings = { ...DEFAULT_SCHEDULER_SETTINGS, newCardsPerDay: 2, reviewsPerDay: 3 };

	it('orders learning, then reviews, then new, within the daily limits', () => {
		const cards = [
			queueCard('n1', State.New, T0 - 3),
			queueCard('n2', State.New, T0 - 2),
			queueCard('n3', State.New, T0 - 1),
			queueCard('r1', State.Review, T0 - DAY),
			queueCard('r2', State.Review, T0 + 3_600_000),
			queueCard('r3', State.Review, T0 - 2 * DAY),
			queueCard('r4', State.Review, T0 - 3 * DAY),
			queueCard('r5', State.Review, T0 + 3 * DAY),
			queueCard('l1', State.Learning, T0 - MIN),
			queueCard('l2', State.Learning, T0 + 10 * MIN)
		];
		const queue = buildQueue(cards, { newIntroduced: 0, reviewsDone: 0 }, T0, settings);
		expect(queue.map((c) => c.id)).toEqual(['l1', 'r4', 'r3', 'r1', 'n1', 'n2']);
		expect(countQueue(queue)).toEqual({ new: 2, learning: 1, review: 3 });
		expect(buildQueue(cards, { newIntroduced: 2, reviewsDone: 2 }, T0, settings).map((c) => c.id)).toEqual(['l1', 'r4']);
	});

	it('hides suspended, buried and disabled-direction cards', () => {
		const cards = [
			queueCard('s', State.New, T0, { suspended: 1 }),
			queueCard('b', State.New, T0, { buriedUntil: T0 + DAY }),
			queueCard('z', State.New, T0, { direction: 'zh2en' }),
			queueCard('ok', State.New, T0)
		];
		expect(buildQueue(cards, { newIntroduced: 0, reviewsDone: 0 }, T0, { ...settings, directions: 'en2zh' }).map((c) => c.id)).toEqual(['ok']);
	});
});

describe('replay', () => {
	it('rebuilds a state from its log, fuzz included', () => {
		const settings = DEFAULT_SCHEDULER_SETTINGS;
		let state = newCardState(T0);
		const logs: { rating: number; reviewedAt: number }[] = [];
		let now = T0;
		for (const rating of [3, 3, 3, 3, 1, 3, 4, 2, 3] as const) {
			state = gradeCard(state, rating, now, settings);
			logs.push({ rating, reviewedAt: now });
			now = state.due + 3_600_000;
		}
		expect(replayCard(newCardState(T0), logs, settings)).toEqual(state);
	});
});
