/**
 * Entry ids: the built-in deck's are `<articleId>:<word>`, the user's own words `user:<word>` (one entry
 * per word, so adding a word twice finds the first one).
 */
const USER_PREFIX = 'user:';

export const userEntryId = (zh: string) => `${USER_PREFIX}${zh}`;

export const isUserEntryId = (entryId: string) => entryId.startsWith(USER_PREFIX);

/** The [lower, upper] bounds of the user's entry ids in IndexedDB key order. */
export const USER_ENTRY_ID_RANGE = [USER_PREFIX, `${USER_PREFIX}\uffff`] as const;

/**
 * Imported articles' ids start `text-`, which no built-in article's folder name may (a test checks content/),
 * and hold no `/`: reading, bookmark and note keys join an article id and another id with one.
 */
const IMPORTED_PREFIX = 'text-';

const randomWord = () => crypto.getRandomValues(new Uint32Array(1))[0]!;

/** A new imported article's id: the time and a random part, so two imports (or two devices) never share one. */
export function importedArticleId(now = Date.now(), random = randomWord): string {
	return `${IMPORTED_PREFIX}${now.toString(36)}-${(random() % 36 ** 6).toString(36).padStart(6, '0')}`;
}

export const isImportedArticleId = (articleId: string) => articleId.startsWith(IMPORTED_PREFIX);
