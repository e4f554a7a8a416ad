import Dexie, { type EntityTable } from 'dexie';
import { USER_ENTRY_ID_RANGE } from '../deck/entryIds.ts';
import { fillTally, tallyMiddleware, type CardTallyRow, type ReviewTallyRow } from './tally.ts';
import { userMadeMiddleware } from './userMade.ts';

/** FSRS memory state of a card as stored: dates are epoch milliseconds so rows index and clone cheaply. */
export interface StoredFsrsState {
	due: number;
	stability: number;
	difficulty: number;
	elapsed_days: number;
	scheduled_days: number;
	learning_steps: number;
	reps: number;
	lapses: number;
	/** ts-fsrs `State`: 0 new, 1 learning, 2 review, 3 relearning. */
	state: number;
	last_review: number | null;
}

export type CardDirection = 'en2zh' | 'zh2en';

export interface StudyCardRow extends StoredFsrsState {
	/** `${entryId}|${direction}` */
	id: string;
	entryId: string;
	direction: CardDirection;
	/** 1 when suspended; numbers, not booleans, so Dexie can index them. */
	suspended: 0 | 1;
	/** Epoch ms until which the card is hidden because its sibling was reviewed; 0 when not buried. */
	buriedUntil: number;
	leech: 0 | 1;
	createdAt: number;
	/** 1 on the cards of a word the user added, absent otherwise; set by userMadeMiddleware (userMade.ts). */
	userMade?: 1;
}

/** The settings a grade was computed with; replay needs them, because the user may change settings later. */
export interface GradingParameters {
	desiredRetention: number;
	maximumIntervalDays: number;
	learningSteps: string[];
	relearningSteps: string[];
	enableFuzz: boolean;
}

export interface ReviewLogRow {
	id?: number;
	cardId: string;
	/** ts-fsrs `Rating`: 1 again, 2 hard, 3 good, 4 easy. */
	rating: number;
	reviewedAt: number;
	durationMs: number;
	before: StoredFsrsState;
	after: StoredFsrsState;
	/** What else the review changed, so undo can put it back exactly. */
	sideEffects?: { leechBefore: 0 | 1; buriedSiblings: { id: string; buriedUntil: number }[] };
	/** Absent on logs written before it existed; replay then uses the current settings. */
	parameters?: GradingParameters;
}

/** A word the user added from the reader; built-in entries come from content/ instead. */
export interface UserEntryRow {
	id: string;
	zh: string;
	pinyin: string;
	en: string;
	defEn: string;
	defZh: string;
	/** The article sentence the word was taken from, and where. */
	example: string;
	articleId: string;
	paragraphId: string;
	createdAt: number;
}

export interface ReadingStateRow {
	/** `${articleId}/${cardId}` */
	key: string;
	articleId: string;
	cardId: string;
	readAt: number;
}

export interface KeyValueRow {
	key: string;
	value: unknown;
}

export interface BookmarkRow {
	/** `${articleId}/${paragraphId}` */
	key: string;
	articleId: string;
	paragraphId: string;
	createdAt: number;
}

export interface HighlightRow {
	id: string;
	articleId: string;
	paragraphId: string;
	start: number;
	end: number;
	/** The highlighted text, and some text either side, to re-anchor after the paragraph is corrected. */
	quote: string;
	prefix: string;
	suffix: string;
	color: 'yellow' | 'green' | 'blue' | 'pink';
	createdAt: number;
	updatedAt: number;
}

export interface NoteRow {
	id: string;
	articleId: string;
	paragraphId: string;
	/** Set when the note belongs to a highlight rather than the whole paragraph. */
	highlightId: string | null;
	text: string;
	createdAt: number;
	updatedAt: number;
}

export const DB_NAME = 'duka';

export class DukaDatabase extends Dexie {
	kv!: EntityTable<KeyValueRow, 'key'>;
	reading!: EntityTable<ReadingStateRow, 'key'>;
	cards!: EntityTable<StudyCardRow, 'id'>;
	reviews!: EntityTable<ReviewLogRow, 'id'>;
	userEntries!: EntityTable<UserEntryRow, 'id'>;
	bookmarks!: EntityTable<BookmarkRow, 'key'>;
	highlights!: EntityTable<HighlightRow, 'id'>;
	notes!: EntityTable<NoteRow, 'id'>;
	/** Derived from the reviews and the cards, kept in step by tallyMiddleware (tally.ts); not backed up. */
	reviewTally!: EntityTable<ReviewTallyRow, 'slot'>;
	cardTally!: EntityTable<CardTallyRow, 'key'>;

	constructor(name = DB_NAME) {
		super(name, { chromeTransactionDurability: 'strict' });
		this.version(1).stores({
			kv: '&key',
			reading: '&key, articleId',
			cards: '&id, entryId, [state+due], due, leech',
			reviews: '++id, cardId, reviewedAt',
			userEntries: '&id, createdAt',
			bookmarks: '&key, articleId, createdAt',
			highlights: '&id, articleId, paragraphId, createdAt',
			notes: '&id, articleId, paragraphId, highlightId, updatedAt'
		});
		// Version 2 keeps every row and adds what the home and stats screens count on at 500,000 reviews:
		// indexes for suspended cards and for reviews by state before, grade and time (today's limits, true
		// retention), and the tallies (tally.ts), filled here once from the rows already there.
		// Frozen fixture of version 1: fixtures/schema-v1.json.
		this.version(2)
			.stores({
				cards: '&id, entryId, [state+due], due, leech, suspended',
				reviews: '++id, cardId, reviewedAt, [before.state+rating+reviewedAt]',
				reviewTally: '&slot',
				cardTally: '&key'
			})
			.upgrade(async (transaction) => {
				await fillTally(transaction, 'reviews');
				await fillTally(transaction, 'cards');
			});
		// Version 3 marks the cards of the user's own words and indexes them apart, so the queue introduces
		// those words first (userMade.ts). Frozen fixture of version 2: fixtures/schema-v2.json.
		this.version(3)
			.stores({
				cards: '&id, entryId, [state+due], due, leech, suspended, [state+userMade+due]'
			})
			.upgrade((transaction) =>
				transaction
					.table('cards')
					.where('entryId')
					.between(USER_ENTRY_ID_RANGE[0], USER_ENTRY_ID_RANGE[1], true, true)
					.modify({ userMade: 1 })
			);
		this.use(tallyMiddleware);
		this.use(userMadeMiddleware);
	}
}

const upgradeListeners = new Set<() => void>();

/** Another tab opened a newer schema: this tab must let go of the database and ask the user to reload. */
export function onUpgradeElsewhere(listener: () => void): () => void {
	upgradeListeners.add(listener);
	return () => upgradeListeners.delete(listener);
}

let instance: DukaDatabase | undefined;

/** The app's one database connection, opened on first use (never during prerendering). */
export function db(): DukaDatabase {
	if (!instance) {
		const database = new DukaDatabase();
		// Closing at once lets the newer tab's upgrade run instead of blocking; this tab then offers a reload.
		database.on('versionchange', () => {
			database.close();
			for (const listener of upgradeListeners) listener();
			return false;
		});
		instance = database;
	}
	return instance;
}

/** Tests swap in a fresh database per case. */
export function useDatabase(next: DukaDatabase): void {
	instance = next;
}
