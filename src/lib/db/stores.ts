// Every store, in one chunk with Dexie: screens reach it through `stores()` in lazy.ts, so the first
// screen paints and hydrates before the 30 KB database library arrives.
export * as reading from './reading.ts';
export * as settings from './settings.ts';
export * as cards from './cards.ts';
export * as reviews from './reviews.ts';
export * as userEntries from './userEntries.ts';
export * as deckEdits from './deckEdits.ts';
export * as notes from './notes.ts';
export * as backup from './backup.ts';
export * as articles from './articles.ts';
export * as journal from './journalReplay.ts';
export * as memory from './memory.ts';
export { watch } from './watch.ts';
export { onUpgradeElsewhere, stepAsideFromNewer } from './db.ts';
