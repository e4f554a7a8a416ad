declare module 'virtual:duka/catalog' {
	const catalog: import('$lib/content/types').ArticleSummary[];
	export default catalog;
}
declare module 'virtual:duka/loaders' {
	const loaders: Record<string, () => Promise<{ default: import('$lib/content/types').Article }>>;
	export default loaders;
}
declare module 'virtual:duka/vocab' {
	const vocab: import('$lib/content/types').VocabEntry[];
	export default vocab;
}
