import { afterEach, describe, expect, it } from 'vitest';
import {
	createEmptyCard,
	default_w,
	fsrs,
	generatorParameters,
	Rating,
	State,
	type Card,
	type Grade,
	type StepUnit
} from 'ts-fsrs';
import type { StoredFsrsState } from '../model/cards.ts';
import { FSRS_PARAMETER_COUNT } from '../model/reviews.ts';
import {
	buildQueue,
	cardEnabled,
	checkConsistency,
	countDue,
	countQueue,
	dayStartFor,
	DEFAULT_SCHEDULER_SETTINGS,
	fromFsrsCard,
	gradeCard,
	intervalSpan,
	isLeechLapse,
	leechAfterGrade,
	newCardState,
	nextDayStart,
	nextLearningDue,
	predictGrade,
	previewIntervals,
	replayCard,
	siblingsToBury,
	toFsrsCard,
	validateSchedulerSettings,
	validWeights,
	type DoneToday,
	type GradeLog,
	type IntervalSpan,
	type QueueCard,
	type SchedulerSettings
} from './scheduler.ts';
import { seededRandom } from '../test/random.ts';
import { userEntryId } from '../model/ids.ts';

const T0 = new Date(2026, 10, 29, 9, 0).getTime();
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const settings = DEFAULT_SCHEDULER_SETTINGS;

function directEngine(config: SchedulerSettings) {
	return fsrs(
		generatorParameters({
			request_retention: config.desiredRetention,
			maximum_interval: config.maximumIntervalDays,
			enable_fuzz: config.enableFuzz,
			enable_short_term: true,
			learning_steps: config.learningSteps,
			relearning_steps: config.relearningSteps
		})
	);
}

describe('settings', () => {
	it('defaults to the documented values', () => {
		expect(DEFAULT_SCHEDULER_SETTINGS).toEqual({
			desiredRetention: 0.9,
			maximumIntervalDays: 36500,
			newCardsPerDay: 20,
			reviewsPerDay: 200,
			learningSteps: ['1m', '10m'],
			relearningSteps: ['10m'],
			enableFuzz: true,
			directions: 'both',
			newCardOrder: 'reading',
			builtInCloze: false,
			weights: null,
			optimisation: null
		});
	});

	it('clamps numbers and refuses unusable values', () => {
		expect(
			validateSchedulerSettings({
				desiredRetention: 2,
				maximumIntervalDays: 0,
				newCardsPerDay: -5,
				reviewsPerDay: Number.NaN,
				learningSteps: ['1m', 'x'],
				relearningSteps: ['0m'],
				enableFuzz: 'yes',
				directions: 'up',
				newCardOrder: 'random'
			})
		).toEqual({ ...DEFAULT_SCHEDULER_SETTINGS, desiredRetention: 0.99, maximumIntervalDays: 1, newCardsPerDay: 0 });
		expect(
			validateSchedulerSettings({ desiredRetention: 0.1, newCardsPerDay: 2.6, learningSteps: Array(11).fill('1m') })
		).toMatchObject({
			desiredRetention: 0.7,
			newCardsPerDay: 3,
			learningSteps: ['1m', '10m']
		});
		expect(validateSchedulerSettings(null)).toEqual(DEFAULT_SCHEDULER_SETTINGS);
		expect(validateSchedulerSettings('nonsense')).toEqual(DEFAULT_SCHEDULER_SETTINGS);
	});

	it('returns valid settings unchanged, so the form can tell a refused value', () => {
		const valid: SchedulerSettings = {
			desiredRetention: 0.85,
			maximumIntervalDays: 365,
			newCardsPerDay: 0,
			reviewsPerDay: 50,
			learningSteps: ['1.5m', '1h', '1d'],
			relearningSteps: [],
			enableFuzz: false,
			directions: 'zh2en',
			newCardOrder: 'deck',
			builtInCloze: true,
			weights: [...default_w].map((w) => w * 1.01),
			optimisation: {
				at: T0,
				reviews: 1200,
				defaults: { logLoss: 0.4, rmse: 0.06 },
				optimised: { logLoss: 0.35, rmse: 0.04 },
				kept: true
			}
		};
		expect(validateSchedulerSettings(valid)).toEqual(valid);
		expect(validateSchedulerSettings(valid).learningSteps).not.toBe(valid.learningSteps);
	});
});

describe('card conversion', () => {
	it('stores a new card exactly as ts-fsrs creates it', () => {
		expect(newCardState(T0)).toEqual(fromFsrsCard(createEmptyCard(new Date(T0))));
		expect(newCardState(T0).last_review).toBeNull();
	});

	it('round-trips stored states and ts-fsrs cards exactly', () => {
		let state = newCardState(T0);
		let now = T0;
		for (const rating of [3, 3, 1, 2, 4, 3] as const) {
			state = gradeCard(state, rating, now, settings).after;
			expect(fromFsrsCard(toFsrsCard(state))).toStrictEqual(state);
			now = state.due + HOUR;
		}
		const card: Card = {
			...createEmptyCard(new Date(T0)),
			last_review: new Date(T0 - DAY),
			stability: 3.25,
			difficulty: 5.5,
			state: State.Review,
			reps: 4
		};
		expect(toFsrsCard(fromFsrsCard(card))).toEqual(card);
		const fresh = toFsrsCard(newCardState(T0));
		expect('last_review' in fresh).toBe(false);
	});
});

describe('grading matches ts-fsrs called directly', () => {
	const configs: { name: string; learning: StepUnit[]; relearning: StepUnit[]; fuzz: boolean }[] = [
		{ name: 'default steps', learning: ['1m', '10m'], relearning: ['10m'], fuzz: true },
		{ name: 'three steps, no fuzz', learning: ['1m', '10m', '1h'], relearning: ['10m', '1h'], fuzz: false },
		{ name: 'no steps (FSRS decides)', learning: [], relearning: [], fuzz: true },
		{ name: 'one long step', learning: ['30m'], relearning: ['1d'], fuzz: true }
	];
	const sequences: Grade[][] = [
		[Rating.Good, Rating.Good, Rating.Good, Rating.Again, Rating.Hard, Rating.Good, Rating.Easy, Rating.Good],
		[Rating.Again, Rating.Again, Rating.Hard, Rating.Good, Rating.Good, Rating.Again, Rating.Good, Rating.Good],
		[Rating.Easy, Rating.Hard, Rating.Hard, Rating.Again, Rating.Easy]
	];

	for (const config of configs) {
		it(`for a fixed clock: ${config.name}`, () => {
			const ours: SchedulerSettings = {
				...settings,
				learningSteps: config.learning,
				relearningSteps: config.relearning,
				enableFuzz: config.fuzz
			};
			const engine = directEngine(ours);
			for (const sequence of sequences) {
				let state = newCardState(T0);
				let card = createEmptyCard(new Date(T0));
				let now = T0;
				for (const rating of sequence) {
					const direct = engine.repeat(card, new Date(now));
					const previews = previewIntervals(state, now, ours);
					expect(previews.map((preview) => preview.due)).toEqual(
						[1, 2, 3, 4].map((grade) => direct[grade as Grade].card.due.getTime())
					);

					const { after, log } = gradeCard(state, rating as Grade, now, ours);
					card = engine.next(card, new Date(now), rating).card;
					expect(after).toStrictEqual(fromFsrsCard(card));
					expect(log).toEqual({
						rating,
						reviewedAt: now,
						before: state,
						after,
						parameters: expect.objectContaining({ learningSteps: config.learning })
					});
					state = after;
					// A fixed pattern of lateness: the card is answered some minutes to days after it fell due.
					now = state.due + (rating === Rating.Again ? 2 * MIN : 7 * HOUR);
				}
			}
		});
	}

	it('never changes the state it is given', () => {
		const state = gradeCard(newCardState(T0), 3, T0, settings).after;
		const copy = structuredClone(state);
		gradeCard(state, 1, T0 + HOUR, settings);
		previewIntervals(state, T0 + HOUR, settings);
		expect(state).toStrictEqual(copy);
	});
});

describe('fuzz', () => {
	function reviewCard(): { state: StoredFsrsState; now: number } {
		let state = newCardState(T0);
		let now = T0;
		for (const rating of [3, 3, 3, 3] as const) {
			state = gradeCard(state, rating, now, settings).after;
			now = state.due;
		}
		expect(state.state).toBe(State.Review);
		return { state, now };
	}

	it('is the same for the same card and time, so replays repeat it', () => {
		const { state, now } = reviewCard();
		const first = gradeCard(state, 3, now, settings).after;
		for (let i = 0; i < 5; i++) expect(gradeCard(state, 3, now, settings).after).toStrictEqual(first);
		expect(previewIntervals(state, now, settings)[2]?.due).toBe(first.due);
	});

	it('is seeded from the review time: other times give other intervals, unlike with fuzz off', () => {
		const { state, now } = reviewCard();
		const intervals = (fuzz: boolean) =>
			new Set(
				Array.from(
					{ length: 40 },
					(_, i) => gradeCard(state, 3, now + i * 1000, { ...settings, enableFuzz: fuzz }).after.scheduled_days
				)
			);
		expect(intervals(false).size).toBe(1);
		expect(intervals(true).size).toBeGreaterThan(1);
	});
});

describe('interval labels', () => {
	const spoken = ({ amount, unit }: IntervalSpan) => `${amount} ${unit}`;

	it('reads like Anki', () => {
		const cases: [number, string][] = [
			[30 * 1000, '<1 minutes'],
			[MIN, '1 minutes'],
			[6 * MIN, '6 minutes'],
			[10 * MIN, '10 minutes'],
			[59.7 * MIN, '1 hours'],
			[3 * HOUR, '3 hours'],
			[DAY, '1 days'],
			[29 * DAY, '29 days'],
			[97.4 * DAY, '3.2 months'],
			[61 * DAY, '2 months'],
			[548 * DAY, '1.5 years'],
			[36500 * DAY, '99.9 years']
		];
		for (const [ms, label] of cases) expect(spoken(intervalSpan(ms)), `${ms} ms`).toBe(label);
	});

	it('labels the previews of a new card', () => {
		const previews = previewIntervals(newCardState(T0), T0, settings);
		expect(previews.map((preview) => preview.rating)).toEqual([1, 2, 3, 4]);
		const spans = previews.map((preview) => spoken(preview.span));
		expect(spans.slice(0, 3)).toEqual(['1 minutes', '6 minutes', '10 minutes']);
		expect(spans[3]).toMatch(/^\d+ days$/);
		for (const preview of previews) expect(preview.span).toEqual(intervalSpan(preview.due - T0));
	});
});

describe('leeches', () => {
	it('are flagged at 8 lapses and every 4 after', () => {
		expect([0, 7, 8, 9, 11, 12, 16, 20].map(isLeechLapse)).toEqual([
			false,
			false,
			true,
			false,
			false,
			true,
			true,
			true
		]);
	});

	it('need an Again that adds a lapse, and stay flagged', () => {
		const before = { ...newCardState(T0), state: State.Review, lapses: 7 };
		const lapsed = { ...before, state: State.Relearning, lapses: 8 };
		expect(leechAfterGrade(0, 1, before, lapsed)).toBe(1);
		expect(leechAfterGrade(0, 3, before, lapsed)).toBe(0);
		expect(leechAfterGrade(0, 1, lapsed, lapsed)).toBe(0);
		expect(leechAfterGrade(1, 3, lapsed, lapsed)).toBe(1);
	});
});

describe('study days', () => {
	const at = (day: number, hour: number, minute = 0) => new Date(2026, 10, day, hour, minute).getTime();

	it('start at 4 am local time', () => {
		expect(dayStartFor(at(29, 3, 59))).toBe(at(28, 4));
		expect(dayStartFor(at(29, 4))).toBe(at(29, 4));
		expect(dayStartFor(at(29, 23))).toBe(at(29, 4));
		expect(nextDayStart(at(29, 3))).toBe(at(29, 4));
		expect(nextDayStart(at(29, 5))).toBe(at(30, 4));
		expect(dayStartFor(at(29, 5), 0)).toBe(at(29, 0));
	});

	describe('across daylight saving time', () => {
		const original = process.env.TZ;
		afterEach(() => {
			process.env.TZ = original;
		});

		it('last 23 or 25 hours and still start at 4 am', () => {
			process.env.TZ = 'Europe/Berlin';
			const spring = new Date(2026, 2, 28, 12).getTime();
			expect(nextDayStart(spring) - dayStartFor(spring)).toBe(23 * HOUR);
			expect(new Date(nextDayStart(spring)).getHours()).toBe(4);
			const autumn = new Date(2026, 9, 24, 12).getTime();
			expect(nextDayStart(autumn) - dayStartFor(autumn)).toBe(25 * HOUR);
			expect(new Date(nextDayStart(autumn)).getHours()).toBe(4);
		});
	});
});

function queueCard(id: string, state: State, due: number, extra: Partial<QueueCard> = {}): QueueCard {
	return {
		...newCardState(due),
		id,
		entryId: id,
		state,
		due,
		direction: 'en2zh',
		suspended: 0,
		buriedUntil: 0,
		createdAt: due,
		...extra
	};
}

describe('daily queue', () => {
	const limited = { ...settings, newCardsPerDay: 2, reviewsPerDay: 3 };
	const none = { newIntroduced: 0, reviewsDone: 0 };
	const dayStart = dayStartFor(T0);
	const cards = [
		queueCard('n1', State.New, T0 - 3),
		queueCard('n2', State.New, T0 - 2),
		queueCard('n3', State.New, T0 - 1),
		queueCard('r1', State.Review, T0 - DAY),
		queueCard('r2', State.Review, T0 + HOUR),
		queueCard('r3', State.Review, T0 - 2 * DAY),
		queueCard('r4', State.Review, T0 - 3 * DAY),
		queueCard('r5', State.Review, nextDayStart(T0)),
		queueCard('l1', State.Learning, T0 - MIN),
		queueCard('l2', State.Learning, T0 + 10 * MIN),
		queueCard('x1', State.Relearning, T0 - 5 * MIN)
	];

	it('orders (re)learning due now, then reviews due today, then new cards, within the limits', () => {
		const queue = buildQueue(cards, none, T0, limited, dayStart);
		expect(queue.map((card) => card.id)).toEqual(['x1', 'l1', 'r4', 'r3', 'r1', 'n1', 'n2']);
		expect(countQueue(queue)).toEqual({ new: 2, learning: 2, review: 3 });
	});

	it('counts what was done today against the limits, but never limits learning cards', () => {
		expect(
			buildQueue(cards, { newIntroduced: 1, reviewsDone: 2 }, T0, limited, dayStart).map((card) => card.id)
		).toEqual(['x1', 'l1', 'r4', 'n1']);
		expect(
			buildQueue(cards, { newIntroduced: 5, reviewsDone: 9 }, T0, limited, dayStart).map((card) => card.id)
		).toEqual(['x1', 'l1']);
		expect(
			buildQueue(cards, none, T0, { ...limited, newCardsPerDay: 0, reviewsPerDay: 0 }, dayStart).map((card) => card.id)
		).toEqual(['x1', 'l1']);
	});

	it('takes reviews due before the day ends, which starts at 4 am', () => {
		const generous = { ...limited, reviewsPerDay: 100 };
		expect(buildQueue(cards, none, T0, generous, dayStart).map((card) => card.id)).toContain('r2');
		expect(buildQueue(cards, none, T0, generous, dayStart).map((card) => card.id)).not.toContain('r5');
		// At 3 am the study day is still yesterday's, so a review due at 5 am waits.
		const night = new Date(2026, 10, 29, 3).getTime();
		const early = [queueCard('early', State.Review, new Date(2026, 10, 29, 5).getTime())];
		expect(buildQueue(early, none, night, generous, dayStartFor(night))).toEqual([]);
		expect(buildQueue(early, none, night + 2 * HOUR, generous, dayStartFor(night + 2 * HOUR))).toHaveLength(1);
	});

	it('shows new cards in creation order, ties by id', () => {
		const fresh = [
			queueCard('b', State.New, T0),
			queueCard('c', State.New, T0 - 1),
			queueCard('a', State.New, T0),
			queueCard('B', State.New, T0)
		];
		expect(buildQueue(fresh, none, T0, settings, dayStart).map((card) => card.id)).toEqual(['c', 'B', 'a', 'b']);
	});

	it("shows the user's own words before the built-in deck's new cards, and keeps to the limit", () => {
		const fresh = [
			queueCard('deck1', State.New, T0 - 3),
			queueCard('deck2', State.New, T0 - 2),
			queueCard('mine2', State.New, T0, { entryId: 'user:供应' }),
			queueCard('mine1', State.New, T0 - 1, { entryId: 'user:算力' })
		];
		expect(buildQueue(fresh, none, T0, limited, dayStart).map((card) => card.id)).toEqual(['mine1', 'mine2']);
		expect(buildQueue(fresh, none, T0, settings, dayStart).map((card) => card.id)).toEqual([
			'mine1',
			'mine2',
			'deck1',
			'deck2'
		]);
	});

	it('puts ranked new cards (reading order) first, lowest rank first, the user’s words still ahead', () => {
		const fresh = [
			queueCard('deck1', State.New, T0 - 4),
			queueCard('deck2', State.New, T0 - 3),
			queueCard('deck3', State.New, T0 - 2),
			queueCard('mine1', State.New, T0 - 1, { entryId: 'user:算力' }),
			queueCard('mine2', State.New, T0, { entryId: 'user:供应' })
		];
		const newRanks = new Map([
			['user:供应', 0],
			['deck3', 1],
			['deck2', 2]
		]);
		const order = (perDay: number) =>
			buildQueue(fresh, none, T0, { ...settings, newCardsPerDay: perDay }, dayStart, { newRanks }).map(
				(card) => card.id
			);
		expect(order(20)).toEqual(['mine2', 'mine1', 'deck3', 'deck2', 'deck1']);
		// The day's limit still holds: it cuts the queue in reading order.
		expect(order(3)).toEqual(['mine2', 'mine1', 'deck3']);
	});

	it('hides suspended, buried and disabled-direction cards, and they use no limit', () => {
		const hidden = [
			queueCard('s', State.New, T0 - 4, { suspended: 1 }),
			queueCard('b', State.New, T0 - 3, { buriedUntil: T0 + DAY }),
			queueCard('z', State.New, T0 - 2, { direction: 'zh2en' }),
			queueCard('thawed', State.New, T0 - 1, { buriedUntil: T0 }),
			queueCard('ok', State.New, T0),
			queueCard('later', State.New, T0 + 1)
		];
		expect(buildQueue(hidden, none, T0, { ...limited, directions: 'en2zh' }, dayStart).map((card) => card.id)).toEqual([
			'thawed',
			'ok'
		]);
		expect(buildQueue(hidden, none, T0, { ...settings, directions: 'zh2en' }, dayStart).map((card) => card.id)).toEqual(
			['z']
		);
	});
});

describe('counts, the next learning card and custom study', () => {
	const limited = { ...settings, newCardsPerDay: 2, reviewsPerDay: 3 };
	const none = { newIntroduced: 0, reviewsDone: 0 };
	const dayStart = dayStartFor(T0);
	const cards = [
		queueCard('n1', State.New, T0 - 2),
		queueCard('n2', State.New, T0 - 1),
		queueCard('r1', State.Review, T0 - DAY),
		queueCard('r2', State.Review, nextDayStart(T0) + HOUR),
		queueCard('r3', State.Review, nextDayStart(T0) + 3 * DAY),
		queueCard('l1', State.Learning, T0 - MIN),
		queueCard('l2', State.Learning, T0 + 10 * MIN),
		queueCard('l3', State.Relearning, T0 + 3 * MIN),
		queueCard('l4', State.Relearning, nextDayStart(T0) + MIN),
		queueCard('buried', State.Learning, T0 + 5 * MIN, { suspended: 1 })
	];

	it('counts every (re)learning card due today, as Anki does, not only those due now', () => {
		const queue = buildQueue(cards, none, T0, limited, dayStart);
		expect(queue.map((card) => card.id)).toEqual(['l1', 'r1', 'n1', 'n2']);
		expect(countDue(queue, cards, T0, limited, dayStart)).toEqual({ new: 2, learning: 3, review: 1 });
	});

	it('names when the next learning card comes back today, and none once all are due', () => {
		expect(nextLearningDue(cards, T0, limited, dayStart)).toBe(T0 + 3 * MIN);
		expect(nextLearningDue(cards, T0 + 3 * MIN, limited, dayStart)).toBe(T0 + 10 * MIN);
		expect(nextLearningDue(cards, T0 + 10 * MIN, limited, dayStart)).toBeNull();
	});

	it('studies ahead: review cards due up to the horizon, after today’s, beyond the review limit, new cards within it', () => {
		const ahead = buildQueue(cards, { newIntroduced: 1, reviewsDone: 3 }, T0, limited, dayStart, {
			reviewsUntil: nextDayStart(nextDayStart(T0))
		});
		// Today's review limit is used up (r1 stays out); tomorrow's r2 is in; r3, due in four days, is not.
		expect(ahead.map((card) => card.id)).toEqual(['l1', 'r2', 'n1']);
		// A card reviewed today is not studied ahead again, though due within the horizon.
		const reviewedToday = cards.map((card) => (card.id === 'r2' ? { ...card, last_review: T0 - MIN } : card));
		const again = buildQueue(reviewedToday, none, T0, limited, dayStart, {
			reviewsUntil: nextDayStart(nextDayStart(T0))
		});
		expect(again.map((card) => card.id)).toEqual(['l1', 'r1', 'n1', 'n2']);
	});

	it('narrows every part of the queue to the cards a custom study includes', () => {
		const only = buildQueue(cards, none, T0, limited, dayStart, { include: (card) => card.id.endsWith('1') });
		expect(only.map((card) => card.id)).toEqual(['l1', 'r1', 'n1']);
		const include = (card: QueueCard) => card.id !== 'l2';
		expect(countDue(only, cards, T0, limited, dayStart, { include }).learning).toBe(2);
	});

	it('predicts a grade exactly as the grade is worked out when it is written', () => {
		const card = { ...queueCard('e|en2zh', State.New, T0 - 1, { entryId: 'e' }), leech: 0 as const };
		const sibling = { ...queueCard('e|zh2en', State.New, T0, { entryId: 'e' }), leech: 0 as const };
		const predicted = predictGrade(card, [card, sibling], Rating.Good, T0, settings);
		const { after } = gradeCard(card, Rating.Good, T0, settings);
		expect(predicted.card).toEqual({ ...card, ...after, leech: 0 });
		expect(predicted.buried).toEqual([{ ...sibling, buriedUntil: nextDayStart(T0) }]);
		expect(predicted.stateBefore).toBe(State.New);
	});
});

describe('cloze cards', () => {
	const builtIn = 'huang-2025:数据中心';
	const mine = userEntryId('数据中心');

	it('keeps the built-in deck’s cloze cards out of the queue until the setting is on; the user’s own always show', () => {
		const cards = [
			queueCard(`${builtIn}|clozeZh`, State.New, T0 - 2, { entryId: builtIn, direction: 'clozeZh' }),
			queueCard(`${mine}|clozeEn`, State.New, T0 - 1, { entryId: mine, direction: 'clozeEn' })
		];
		const none = { newIntroduced: 0, reviewsDone: 0 };
		expect(buildQueue(cards, none, T0, settings).map((card) => card.direction)).toEqual(['clozeEn']);
		expect(buildQueue(cards, none, T0, { ...settings, builtInCloze: true }).map((card) => card.id)).toEqual([
			`${mine}|clozeEn`,
			`${builtIn}|clozeZh`
		]);
	});

	it('shows cloze cards whichever flashcard direction is chosen', () => {
		const only = { ...settings, directions: 'en2zh' as const, builtInCloze: true };
		expect(cardEnabled({ entryId: builtIn, direction: 'clozeZh' }, only)).toBe(true);
		expect(cardEnabled({ entryId: builtIn, direction: 'zh2en' }, only)).toBe(false);
		expect(cardEnabled({ entryId: builtIn, direction: 'en2zh' }, only)).toBe(true);
	});

	it('reads the setting from storage, off when absent or not a boolean', () => {
		expect(validateSchedulerSettings({}).builtInCloze).toBe(false);
		expect(validateSchedulerSettings({ builtInCloze: 'yes' }).builtInCloze).toBe(false);
		expect(validateSchedulerSettings({ builtInCloze: true }).builtInCloze).toBe(true);
	});

	it('are buried with the word’s flashcards, as siblings', () => {
		const graded = { id: 'e|en2zh', entryId: 'e' };
		const siblings = ['e|zh2en', 'e|clozeZh', 'e|clozeEn'].map((id) => ({
			id,
			entryId: 'e',
			state: State.New,
			last_review: null,
			buriedUntil: 0
		}));
		expect(siblingsToBury(graded, siblings, T0).cards.map((card) => card.id)).toEqual([
			'e|zh2en',
			'e|clozeZh',
			'e|clozeEn'
		]);
		expect(siblingsToBury({ id: 'e|clozeZh', entryId: 'e' }, siblings, T0).cards.map((c) => c.id)).toEqual([
			'e|zh2en',
			'e|clozeEn'
		]);
	});
});

describe('sibling burying', () => {
	const sibling = (
		id: string,
		state: State,
		extra: Partial<{ last_review: number | null; buriedUntil: number; entryId: string }> = {}
	) => ({
		id,
		entryId: 'e',
		state,
		last_review: null,
		buriedUntil: 0,
		...extra
	});

	it('buries new and review siblings until the next day starts', () => {
		const graded = { id: 'e|en2zh', entryId: 'e' };
		const result = siblingsToBury(
			graded,
			[sibling('e|en2zh', State.New), sibling('e|zh2en', State.Review, { last_review: T0 - 3 * DAY })],
			T0
		);
		expect(result.until).toBe(nextDayStart(T0));
		expect(result.cards.map((card) => card.id)).toEqual(['e|zh2en']);
	});

	it('leaves siblings reviewed today, learning, already buried or of other entries alone', () => {
		const graded = { id: 'e|en2zh', entryId: 'e' };
		const siblings = [
			sibling('e|zh2en', State.Review, { last_review: dayStartFor(T0) + MIN }),
			sibling('e|x', State.Learning, { last_review: T0 - DAY }),
			sibling('e|y', State.New, { buriedUntil: nextDayStart(T0) }),
			sibling('f|zh2en', State.New, { entryId: 'f' })
		];
		expect(siblingsToBury(graded, siblings, T0).cards).toEqual([]);
	});
});

/**
 * A small in-memory copy of what the stores do with the pure functions, so long histories run fast:
 * grading writes the card, the log, the leech flag and buried siblings; undo puts them back.
 */
interface SimCard extends QueueCard {
	entryId: string;
	leech: 0 | 1;
}
interface SimLog extends GradeLog {
	id: number;
	cardId: string;
	leechBefore: 0 | 1;
	buried: { id: string; buriedUntil: number }[];
}

function simulator(entryCount: number, createdAt: number) {
	const cards = new Map<string, SimCard>();
	const logs: SimLog[] = [];
	let nextId = 1;
	for (let i = 0; i < entryCount; i++) {
		for (const direction of ['en2zh', 'zh2en'] as const) {
			const id = `e${i}|${direction}`;
			const at = createdAt + cards.size;
			cards.set(id, {
				...newCardState(at),
				id,
				entryId: `e${i}`,
				direction,
				suspended: 0,
				buriedUntil: 0,
				leech: 0,
				createdAt: at
			});
		}
	}
	return {
		cards,
		logs,
		review(id: string, rating: Grade, now: number, current: SchedulerSettings) {
			const card = cards.get(id)!;
			const { after, log } = gradeCard(card, rating, now, current);
			const burial = siblingsToBury(card, [...cards.values()], now);
			logs.push({
				...log,
				id: nextId++,
				cardId: id,
				leechBefore: card.leech,
				buried: burial.cards.map((c) => ({ id: c.id, buriedUntil: c.buriedUntil }))
			});
			cards.set(id, { ...card, ...after, leech: leechAfterGrade(card.leech, rating, log.before, after) });
			for (const buried of burial.cards) cards.set(buried.id, { ...buried, buriedUntil: burial.until });
		},
		/** The work done in [from, to) as the review store counts it (reviewsOnDay in db/reviews.ts). */
		doneBetween(from: number, to: number): DoneToday {
			const day = logs.filter((log) => log.reviewedAt >= from && log.reviewedAt < to);
			return {
				newIntroduced: new Set(day.filter((log) => log.before.state === State.New).map((log) => log.cardId)).size,
				reviewsDone: day.filter((log) => log.before.state === State.Review).length
			};
		},
		undo() {
			const log = logs.pop();
			if (!log) return;
			cards.set(log.cardId, { ...cards.get(log.cardId)!, ...log.before, leech: log.leechBefore });
			for (const buried of log.buried)
				cards.set(buried.id, { ...cards.get(buried.id)!, buriedUntil: buried.buriedUntil });
		},
		logsByCard() {
			const byCard = new Map<string, SimLog[]>();
			for (const log of logs) byCard.set(log.cardId, [...(byCard.get(log.cardId) ?? []), log]);
			return byCard;
		}
	};
}

describe('replay', () => {
	it('rebuilds a state from its log, fuzz included', () => {
		let state = newCardState(T0);
		const logs: { rating: number; reviewedAt: number }[] = [];
		let now = T0;
		for (const rating of [3, 3, 3, 3, 1, 3, 4, 2, 3] as const) {
			state = gradeCard(state, rating, now, settings).after;
			logs.push({ rating, reviewedAt: now });
			now = state.due + HOUR;
		}
		expect(replayCard(newCardState(T0), logs, settings)).toStrictEqual(state);
	});

	it('applies logs in the order they were written, even if the clock went back', () => {
		const first = gradeCard(newCardState(T0), 3, T0, settings).after;
		const second = gradeCard(first, 1, T0 - HOUR, settings).after;
		const logs = [
			{ id: 2, rating: 1, reviewedAt: T0 - HOUR },
			{ id: 1, rating: 3, reviewedAt: T0 }
		];
		expect(replayCard(newCardState(T0), logs, settings)).toStrictEqual(second);
	});

	it('finds no difference after a long random history with undos and a change of settings', () => {
		const random = seededRandom(20261129);
		const sim = simulator(10, T0 - 5 * DAY);
		let current: SchedulerSettings = settings;
		let graded = 0;
		let undone = 0;
		for (let day = 0; day < 150; day++) {
			if (day === 70)
				current = {
					...settings,
					desiredRetention: 0.85,
					learningSteps: ['2m', '15m', '1h'],
					relearningSteps: ['5m', '30m']
				};
			if (day === 110) current = { ...current, enableFuzz: false, maximumIntervalDays: 20 };
			const sessions = 1 + Math.floor(random() * 3);
			for (let session = 0; session < sessions; session++) {
				// Sessions at random times, some after midnight but before the 4 am rollover.
				let now = T0 + day * DAY + Math.floor(random() * 20 * HOUR);
				const dayStart = dayStartFor(now);
				for (let step = 0; step < 40; step++) {
					const done = sim.doneBetween(dayStart, nextDayStart(now));
					const queue = buildQueue([...sim.cards.values()], done, now, current, dayStart);
					// Now and then the user studies a card out of turn, as the card page allows.
					const pick = random() < 0.1 ? [...sim.cards.keys()][Math.floor(random() * sim.cards.size)] : queue[0]?.id;
					if (!pick) break;
					sim.review(pick, (1 + Math.floor(random() * 4)) as Grade, now, current);
					graded++;
					if (random() < 0.08) {
						sim.undo();
						undone++;
					}
					now += Math.floor(random() * 3 * MIN);
				}
			}
		}
		expect(graded).toBeGreaterThan(500);
		expect(undone).toBeGreaterThan(20);
		expect(sim.logs.length).toBe(graded - undone);
		expect(new Set(sim.logs.map((log) => log.cardId)).size).toBe(20);
		expect(Math.max(...[...sim.cards.values()].map((card) => card.lapses))).toBeGreaterThan(0);
		expect(checkConsistency(sim.cards.values(), sim.logsByCard(), current)).toEqual([]);
	});

	it('reports a stored card that does not match its log', () => {
		const sim = simulator(3, T0);
		let now = T0;
		for (let i = 0; i < 30; i++) {
			sim.review(`e${i % 3}|en2zh`, ((i % 4) + 1) as Grade, now, settings);
			now += 5 * HOUR;
		}
		expect(checkConsistency(sim.cards.values(), sim.logsByCard(), settings)).toEqual([]);

		const victim = sim.cards.get('e1|en2zh')!;
		sim.cards.set(victim.id, { ...victim, stability: victim.stability + 1, due: victim.due + DAY });
		expect(checkConsistency(sim.cards.values(), sim.logsByCard(), settings)).toEqual([
			{ cardId: victim.id, field: 'due', stored: victim.due + DAY, replayed: victim.due },
			{ cardId: victim.id, field: 'stability', stored: victim.stability + 1, replayed: victim.stability }
		]);

		// A lost log row shows too: the card has one more review than its history.
		const byCard = sim.logsByCard();
		byCard.set('e2|en2zh', byCard.get('e2|en2zh')!.slice(0, -1));
		sim.cards.set(victim.id, victim);
		const differences = checkConsistency(sim.cards.values(), byCard, settings);
		expect(differences.map((difference) => difference.cardId)).toContain('e2|en2zh');
		expect(differences).toContainEqual(expect.objectContaining({ cardId: 'e2|en2zh', field: 'reps' }));
	});

	it('replays each log with the settings stored in it, not the current ones', () => {
		const sim = simulator(1, T0);
		let now = T0;
		for (let i = 0; i < 8; i++) {
			sim.review('e0|en2zh', 3, now, settings);
			now = sim.cards.get('e0|en2zh')!.due + HOUR;
		}
		const changed = { ...settings, desiredRetention: 0.8 };
		expect(checkConsistency(sim.cards.values(), sim.logsByCard(), changed)).toEqual([]);
		// Without the stored parameters the current settings are used, which is where replay would go wrong.
		const bare = new Map(
			[...sim.logsByCard()].map(([id, logs]) => [
				id,
				logs.map((log) => ({ rating: log.rating, reviewedAt: log.reviewedAt }))
			])
		);
		expect(checkConsistency(sim.cards.values(), bare, changed).length).toBeGreaterThan(0);
	});
});

describe('optimised parameters', () => {
	const own = [...default_w].map((w, index) => (index === 4 ? w * 1.3 : index < 4 ? w * 3 : w));

	it('accepts a full set of 21 finite numbers and nothing else', () => {
		expect(default_w).toHaveLength(FSRS_PARAMETER_COUNT);
		expect(validWeights(own)).toEqual(own);
		expect(validWeights(own.slice(0, 19))).toBeNull();
		expect(validWeights([...own.slice(0, 20), Number.NaN])).toBeNull();
		expect(validWeights([...own.slice(0, 20), '1'])).toBeNull();
		expect(validateSchedulerSettings({ weights: own.slice(0, 19) }).weights).toBeNull();
		expect(validateSchedulerSettings({ optimisation: { at: 'x' } }).optimisation).toBeNull();
	});

	it('schedule with the user’s parameters, keep them in the log, and replay with them', () => {
		const mine = { ...settings, enableFuzz: false, weights: own };
		const card = newCardState(T0);
		const first = gradeCard(card, Rating.Good, T0, mine);
		const second = gradeCard(first.after, Rating.Good, T0 + 10 * MIN, mine);
		const withDefaults = gradeCard(
			gradeCard(card, Rating.Good, T0, { ...mine, weights: null }).after,
			Rating.Good,
			T0 + 10 * MIN,
			{ ...mine, weights: null }
		);
		expect(second.after.stability).not.toBeCloseTo(withDefaults.after.stability, 3);
		expect(second.log.parameters.weights).toEqual(own);
		expect(withDefaults.log.parameters).not.toHaveProperty('weights');
		const replayed = replayCard(
			card,
			[
				{ id: 1, rating: Rating.Good, reviewedAt: T0, parameters: first.log.parameters },
				{ id: 2, rating: Rating.Good, reviewedAt: T0 + 10 * MIN, parameters: second.log.parameters }
			],
			settings
		);
		expect(replayed).toEqual(second.after);
	});
});
