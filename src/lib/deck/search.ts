import type { VocabEntry } from '../model/words.ts';

/** "shù jù zhōng xīn" → "shujuzhongxin"; ü and v both become "v" so either spelling finds it. */
export function tonelessPinyin(pinyin: string): string {
	return pinyin
		.normalize('NFD')
		.replace(/u\u0308/gi, 'v')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/u:/g, 'v')
		.replace(/[^a-z]/g, '');
}

export interface SearchableEntry {
	entry: VocabEntry;
	/** Lower-cased text to search: Chinese, English, definitions. */
	text: string;
	pinyinKey: string;
}

export function indexEntry(entry: VocabEntry): SearchableEntry {
	return {
		entry,
		text: [entry.zh, entry.en, entry.defEn, entry.defZh, ...entry.forms].join('\n').toLowerCase(),
		pinyinKey: tonelessPinyin(entry.pinyin)
	};
}

/** Matches Chinese or English anywhere, and pinyin typed with or without tones and spaces. */
export function matchesQuery(item: SearchableEntry, query: string): boolean {
	const needle = query.trim().toLowerCase();
	if (!needle) return true;
	if (item.text.includes(needle)) return true;
	const pinyinNeedle = tonelessPinyin(needle);
	return (
		pinyinNeedle.length > 0 &&
		/^[a-zü\s\u0300-\u036f:0-9]+$/i.test(needle.normalize('NFD')) &&
		item.pinyinKey.includes(pinyinNeedle)
	);
}

export function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const name = key(item);
		const group = groups.get(name);
		if (group) group.push(item);
		else groups.set(name, [item]);
	}
	return groups;
}
