declare module 'virtual:duka/catalog' {
	const catalog: import('./lib/model/articles.ts').ArticleSummary[];
	export default catalog;
}
declare module 'virtual:duka/loaders' {
	const loaders: Record<string, () => Promise<{ default: import('./lib/model/articles.ts').Article }>>;
	export default loaders;
}
declare module 'virtual:duka/vocab' {
	const vocab: import('./lib/model/words.ts').VocabEntry[];
	export default vocab;
}
/** The built-in deck's entry ids, in deck order. */
declare module 'virtual:duka/vocab-ids' {
	const ids: string[];
	export default ids;
}
declare module 'virtual:duka/dictionary' {
	const dictionary: import('./lib/dictionary/lookup.ts').SubsetDictionary;
	export default dictionary;
}
/** Paragraph id → for each token, its syllables (one per character) if it is Chinese, else null. */
declare module 'virtual:duka/ruby/*' {
	const ruby: Record<string, (string[] | null)[]>;
	export default ruby;
}
declare module 'virtual:duka/ruby-loaders' {
	const loaders: Record<string, () => Promise<{ default: Record<string, (string[] | null)[]> }>>;
	export default loaders;
}
/** The full dictionary file of this build (fullPlugin.ts): its address on Duka's origin and its size in bytes. */
declare module 'virtual:duka/full-dictionary' {
	const asset: import('./lib/dictionary/fullFormat.ts').FullDictionaryAsset;
	export default asset;
}
/** The built-in deck's headwords with their HSK level (hskPlugin.ts); headwords the HSK list lacks are absent. */
declare module 'virtual:duka/hsk-deck' {
	const levels: import('./lib/dictionary/hsk.ts').DeckHskLevels;
	export default levels;
}
/** The HSK list's words that occur in the built-in texts, one space-separated string per level (hsk.ts). */
declare module 'virtual:duka/hsk-words' {
	const list: import('./lib/dictionary/hsk.ts').HskWordList;
	export default list;
}
