// The benchmarks' collection, made the same on every run (seeded): user entries with two cards each, part of them
// with a real FSRS history graded by the app's own scheduler, so every row has the shape the app writes. Shared by
// the scale page (bench/scale.ts) and sync's bench.
import { Rating, State, type Grade } from 'ts-fsrs';
import type { ReviewLogRow } from '../src/lib/model/reviews.ts';
import type { StudyCardRow } from '../src/lib/model/cards.ts';
import type { UserEntryRow } from '../src/lib/model/words.ts';
import { DEFAULT_SCHEDULER_SETTINGS, dayStartFor, gradeCard, newCardState } from '../src/lib/scheduling/scheduler.ts';
import { userEntryId } from '../src/lib/model/ids.ts';
import { seededRandom } from '../src/lib/test/random.ts';
import { firstAtOrAfter } from '../src/lib/db/indexReads.ts';

const DAY = 86_400_000;
const HOUR = 3_600_000;

const HANZI =
	'数据中心芯片模型训练推理算力平台生态系统软件硬件网络公司产品市场客户工程架构加速计算机器学习人工智能开发者云服务';
const SYLLABLES = [
	'shù',
	'jù',
	'zhōng',
	'xīn',
	'xīn',
	'piàn',
	'mó',
	'xíng',
	'xùn',
	'liàn',
	'tuī',
	'lǐ',
	'suàn',
	'lì',
	'píng',
	'tái'
];
const WORDS = [
	'data',
	'center',
	'chip',
	'model',
	'training',
	'inference',
	'compute',
	'platform',
	'ecosystem',
	'software',
	'network',
	'market',
	'customer',
	'architecture',
	'accelerated',
	'learning'
];

function entryRow(index: number, next: () => number, now: number): UserEntryRow {
	const length = 2 + Math.floor(next() * 3);
	let zh = '';
	const pinyin: string[] = [];
	for (let i = 0; i < length; i++) {
		const at = Math.floor(next() * HANZI.length);
		zh += HANZI[at];
		pinyin.push(SYLLABLES[at % SYLLABLES.length]!);
	}
	// The index keeps ids (and so the Chinese) unique, as the deck requires.
	zh += String(index);
	const en = `${WORDS[Math.floor(next() * WORDS.length)]} ${WORDS[Math.floor(next() * WORDS.length)]} ${index}`;
	return {
		id: userEntryId(zh),
		zh,
		pinyin: pinyin.join(' '),
		en,
		defEn: `${en}; a term from the article`,
		defZh: `${zh}的解释`,
		example: `我们在${zh}上做了很多工作。`,
		articleId: 'huang-2025',
		paragraphId: `p${String(1 + (index % 400)).padStart(4, '0')}`,
		createdAt: now - 1000 * DAY + index
	};
}

/** The same local day's morning (8:00) or evening (20:00) session, some minutes in. */
function inSession(time: number, next: () => number): number {
	const date = new Date(time);
	return (
		new Date(date.getFullYear(), date.getMonth(), date.getDate(), next() < 0.6 ? 8 : 20).getTime() +
		Math.floor(next() * 40 * 60_000)
	);
}

function pickRating(next: () => number, last: boolean): Grade {
	const r = next();
	// Few cards end on Again, so (re)learning cards due now stay at a realistic hundred or so.
	if (r < (last ? 0.003 : 0.08)) return Rating.Again;
	if (r < 0.18) return Rating.Hard;
	if (r < 0.9) return Rating.Good;
	return Rating.Easy;
}

export interface SeedOptions {
	entries: number;
	/** Cards with a review history; the rest of the 2 × entries cards stay new. */
	reviewedCards: number;
	reviews: number;
	now: number;
}

export interface CollectionChunk {
	entries: UserEntryRow[];
	cards: StudyCardRow[];
	logs: ReviewLogRow[];
	/** Of `logs`, those made today. */
	reviewsToday: number;
}

/**
 * The collection in chunks of `chunk` entries (their cards and reviews), so a caller writes it without holding it
 * whole: `reviewedCards` of the 2 × entries cards have a history spread over the last ~1000 days, plus a few
 * reviews today; the rest stay new.
 */
export function* collectionChunks(options: SeedOptions, chunk = 2_000): Generator<CollectionChunk> {
	// Seeded, so every run generates the same collection.
	const next = seededRandom(20251129);
	const { now } = options;
	const dayStart = dayStartFor(now);
	const settings = DEFAULT_SCHEDULER_SETTINGS;
	const baseReviews = Math.floor(options.reviews / options.reviewedCards);
	const extra = options.reviews - baseReviews * options.reviewedCards;

	for (let start = 0; start < options.entries; start += chunk) {
		const entries: UserEntryRow[] = [];
		const cards: StudyCardRow[] = [];
		const logs: ReviewLogRow[] = [];
		let reviewsToday = 0;
		for (let e = start; e < Math.min(options.entries, start + chunk); e++) {
			const entry = entryRow(e, next, now);
			entries.push(entry);
			for (const direction of ['en2zh', 'zh2en'] as const) {
				const index = cards.length + start * 2;
				const reviewed = index < options.reviewedCards;
				const createdAt = Math.round(reviewed ? now - (60 + next() * 940) * DAY : now - next() * 60 * DAY);
				let state = newCardState(createdAt);
				if (reviewed) {
					const count = baseReviews + (index < extra ? 1 : 0);
					// Most histories end before today: the collection as it is in the morning, a few reviews
					// done (one history in 4,000 ends today) and the day's reviews still due.
					const today = next() < 1 / 4000;
					const lastAt = Math.round(
						today ? dayStart + next() * Math.max(1, now - dayStart - HOUR) : now - (1 + next() * 59) * DAY
					);
					let previous = -Infinity;
					for (let k = 0; k < count; k++) {
						const spread = Math.round(createdAt + HOUR + ((lastAt - createdAt - HOUR) * k) / Math.max(1, count - 1));
						// People review in a session or two a day, not around the clock.
						const at = Math.min(now - 1, Math.max(previous + 60_000, inSession(spread, next)));
						previous = at;
						let rating = pickRating(next, k === count - 1);
						// A (re)learning step is due minutes later and people take it in the same session;
						// a history that stops inside one would leave hundreds of cards due "now".
						if (
							k === count - 1 &&
							rating !== Rating.Again &&
							(state.state === State.Learning || state.state === State.Relearning)
						)
							rating = Rating.Easy;
						const { after, log } = gradeCard(state, rating, at, settings);
						logs.push({
							cardId: `${entry.id}|${direction}`,
							rating,
							reviewedAt: at,
							durationMs: Math.round(2000 + next() * 8000),
							before: log.before,
							after,
							sideEffects: { leechBefore: 0, buriedSiblings: [] },
							parameters: log.parameters
						});
						if (at >= dayStart) reviewsToday++;
						state = after;
					}
				}
				const roll = next();
				cards.push({
					...state,
					id: `${entry.id}|${direction}`,
					entryId: entry.id,
					direction,
					suspended: roll < 0.01 ? 1 : 0,
					buriedUntil: 0,
					leech: roll > 0.996 ? 1 : 0,
					createdAt
				});
			}
		}
		yield { entries, cards, logs, reviewsToday };
	}
}

/**
 * `collectionChunks` with each review given the id a device gives it: reviews are written as they are made, so a
 * device's ids follow time (a backup lists them so, and a sync pushes them so). Generated twice, the same both times
 * (seeded): once for the times alone, to rank them, then for the rows.
 */
export function* collectionChunksInTimeOrder(options: SeedOptions, chunk = 2_000): Generator<CollectionChunk> {
	const times: number[] = [];
	for (const { logs } of collectionChunks(options, chunk)) for (const log of logs) times.push(log.reviewedAt);
	const sorted = Float64Array.from(times).sort();
	// Reviews at the same millisecond (of different cards) take the ids after the first, in the order made.
	const sameTimeTaken = new Map<number, number>();
	for (const part of collectionChunks(options, chunk)) {
		for (const log of part.logs) {
			const time = log.reviewedAt;
			let rank = firstAtOrAfter(sorted, time);
			if (sorted[rank + 1] === time) {
				const taken = sameTimeTaken.get(time) ?? 0;
				sameTimeTaken.set(time, taken + 1);
				rank += taken;
			}
			log.id = rank + 1;
		}
		yield part;
	}
}
