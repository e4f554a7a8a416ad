// Names the database layer and its Dexie-free readers (quickRead.ts) share: kept apart from db.ts, which loads Dexie.

export const DB_NAME = 'duka';

/**
 * The schema version db.ts declares last (its `this.version(n)` blocks); a test holds the two together. Dexie
 * opens IndexedDB at ten times it, so a reader that finds another version leaves the database to Dexie's upgrade.
 */
export const SCHEMA_VERSION = 5;
export const INDEXEDDB_VERSION = SCHEMA_VERSION * 10;
/** The lowest version a newer schema opens at: below it, Dexie's own patches of this one (51, 52…). */
export const NEWER_INDEXEDDB_VERSION = (SCHEMA_VERSION + 1) * 10;

export const DISPLAY_SETTINGS_KEY = 'settings:display';
export const SCHEDULER_SETTINGS_KEY = 'settings:scheduler';

/** Where the built-in deck this device last checked its cards against is noted (cards.ts). */
export const CHECKED_DECK_KEY = 'deck:checkedBuiltIn';

/** How the built-in deck is noted under CHECKED_DECK_KEY: its entry ids, sorted. */
export const deckFingerprint = (builtInEntryIds: readonly string[]) => [...builtInEntryIds].sort().join('\n');

/**
 * The BroadcastChannel on which Dexie tells other tabs of the changes this one commits (its
 * STORAGE_MUTATED_DOM_EVENT_NAME, dexie 4): a page that has not loaded Dexie listens to learn that another tab
 * changed the data (lazy.ts). The two-tab e2e test in safety.e2e.ts holds it to Dexie's.
 */
export const DEXIE_CHANGES_CHANNEL = 'x-storagemutated-1';
