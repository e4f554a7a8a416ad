/**
 * HSK levels (the HSK 2.0 word list, levels 1–6, as the `chinese-lexicon` package ships it), in the shapes the
 * build bakes (hskPlugin.ts) and the browser reads (hsk.svelte.ts). No Node or package imports: this runs in
 * the browser too.
 */

export type HskLevel = 1 | 2 | 3 | 4 | 5 | 6;

/** The word list as shipped to the browser: entry i holds level i + 1's words, separated by single spaces. */
export type HskWordList = readonly string[];

/** Built-in deck headword → its level, for the headwords the list has. */
export type DeckHskLevels = Readonly<Record<string, HskLevel>>;

export function isHskLevel(value: unknown): value is HskLevel {
	return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 6;
}

/**
 * The shipped list from the package's per-level word arrays: trimmed, each word once, at the lowest level it
 * appears in (the package lists 还 and 得 at two levels; a learner meets them at the first).
 */
export function compactHskList(levels: readonly (readonly string[])[]): string[] {
	if (levels.length !== 6) throw new Error(`The HSK list must have 6 levels, not ${levels.length}`);
	const seen = new Set<string>();
	return levels.map((words) =>
		words
			.map((word) => word.trim())
			.filter((word) => word !== '' && !/\s/.test(word) && !seen.has(word) && seen.add(word))
			.join(' ')
	);
}

/** Word → level, from the shipped list. */
export function indexHskList(list: HskWordList): ReadonlyMap<string, HskLevel> {
	const index = new Map<string, HskLevel>();
	list.forEach((words, position) => {
		const level = position + 1;
		if (!isHskLevel(level)) return;
		for (const word of words.split(' ')) if (word && !index.has(word)) index.set(word, level);
	});
	return index;
}

/** The levels of the words the list has, keyed by word; words it lacks are left out. */
export function levelsOf(words: Iterable<string>, index: ReadonlyMap<string, HskLevel>): Record<string, HskLevel> {
	const levels: Record<string, HskLevel> = {};
	for (const word of words) {
		const level = index.get(word.trim());
		if (level) levels[word.trim()] = level;
	}
	return levels;
}
