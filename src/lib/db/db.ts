import Dexie, { type EntityTable, type Table } from 'dexie';
import type { StudyCardRow } from '../model/cards.ts';
import type { BookmarkRow, HighlightRow, NoteRow } from '../model/notes.ts';
import type { ArticleTextRow, ImportedArticleRow } from '../model/imported.ts';
import type { ReadingStateRow } from '../model/reading.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import type { UserEntryRow } from '../model/words.ts';
import { USER_ENTRY_ID_RANGE } from '../model/ids.ts';
import { fillTally, tallyMiddleware, type CardTallyRow, type ReviewTallyRow } from './tally.ts';
import { userMadeMiddleware } from './userMade.ts';
import { outboxMiddleware, type OutboxRow } from './outbox.ts';
import type { SyncRevRow, SyncStateRow } from './syncState.ts';

export interface KeyValueRow {
	key: string;
	value: unknown;
}

import { DB_NAME, NEWER_INDEXEDDB_VERSION } from './keys.ts';

export { DB_NAME };

export class DukaDatabase extends Dexie {
	kv!: EntityTable<KeyValueRow, 'key'>;
	reading!: EntityTable<ReadingStateRow, 'key'>;
	cards!: EntityTable<StudyCardRow, 'id'>;
	reviews!: EntityTable<ReviewLogRow, 'id'>;
	userEntries!: EntityTable<UserEntryRow, 'id'>;
	bookmarks!: EntityTable<BookmarkRow, 'key'>;
	highlights!: EntityTable<HighlightRow, 'id'>;
	notes!: EntityTable<NoteRow, 'id'>;
	/** Imported articles: the small rows lists read, and the bodies, read only when an article opens. */
	articles!: EntityTable<ImportedArticleRow, 'id'>;
	articleTexts!: EntityTable<ArticleTextRow, 'id'>;
	/** Derived from the reviews and the cards, kept in step by tallyMiddleware (tally.ts); not backed up. */
	reviewTally!: EntityTable<ReviewTallyRow, 'slot'>;
	cardTally!: EntityTable<CardTallyRow, 'key'>;
	/** Sync's own (outbox.ts, syncState.ts): this device's changes waiting, its id, account and checkpoint. */
	outbox!: EntityTable<OutboxRow, 'docId'>;
	syncState!: Table<SyncStateRow, SyncStateRow['key'], SyncStateRow>;
	syncRevs!: EntityTable<SyncRevRow, 'docId'>;

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
		// Version 4 keeps every row and adds imported articles (articles.ts), and indexes the user's words by
		// article so deleting an article can take its words along. Frozen fixture of version 3: fixtures/schema-v3.json.
		this.version(4).stores({
			userEntries: '&id, createdAt, articleId',
			articles: '&id, importedAt, updatedAt',
			articleTexts: '&id'
		});
		// Version 5 keeps every row and adds sync's tables: the outbox the database fills with each change while sync is
		// on (outbox.ts), this device's id, account and checkpoint, and the server's revision of each document.
		// Frozen fixture of version 4: fixtures/schema-v4.json.
		this.version(5).stores({
			outbox: '&docId, hlc',
			syncState: '&key',
			syncRevs: '&docId'
		});
		this.use(tallyMiddleware);
		this.use(userMadeMiddleware);
		this.use(outboxMiddleware);
	}
}

const upgradeListeners = new Set<() => void>();
let upgradedElsewhere = false;

function stepAside(): void {
	upgradedElsewhere = true;
	for (const listener of upgradeListeners) listener();
}

/**
 * Another tab opened a newer schema: this tab must let go of the database and ask the user to reload. A listener
 * that comes after it happened is told at once.
 */
export function onUpgradeElsewhere(listener: () => void): () => void {
	upgradeListeners.add(listener);
	if (upgradedElsewhere) listener();
	return () => upgradeListeners.delete(listener);
}

/**
 * Before this page first uses the database: a newer Duka's database (a higher schema version, opened by a newer
 * tab while this page had not yet opened it, as home does not) is left alone, since Dexie would open it anyway and
 * even add this version's stores to it; the page steps aside as when the upgrade comes while it is open.
 */
export async function stepAsideFromNewer(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<void> {
	if (!factory || typeof factory.databases !== 'function') return;
	const listed = (await factory.databases().catch(() => [])).find((info) => info.name === DB_NAME);
	if ((listed?.version ?? 0) < NEWER_INDEXEDDB_VERSION) return;
	db().close({ disableAutoOpen: true });
	stepAside();
}

let instance: DukaDatabase | undefined;

/** The app's one database connection, opened on first use (never during prerendering). */
export function db(): DukaDatabase {
	if (!instance) {
		const database = new DukaDatabase();
		// Closing at once lets the newer tab's upgrade run instead of blocking; this tab then offers a reload.
		database.on('versionchange', () => {
			database.close();
			stepAside();
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
