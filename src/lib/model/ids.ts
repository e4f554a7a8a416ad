/**
 * Entry ids: the built-in deck's are `<articleId>:<word>`, the user's own words `user:<word>` (one entry
 * per word, so adding a word twice finds the first one).
 */
const USER_PREFIX = 'user:';

export const userEntryId = (zh: string) => `${USER_PREFIX}${zh}`;

export const isUserEntryId = (entryId: string) => entryId.startsWith(USER_PREFIX);

/** The [lower, upper] bounds of the user's entry ids in IndexedDB key order. */
export const USER_ENTRY_ID_RANGE = [USER_PREFIX, `${USER_PREFIX}\uffff`] as const;
