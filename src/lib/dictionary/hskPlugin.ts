/**
 * Vite plugin: HSK levels baked at build time, as two small modules loaded only by the screens that show them.
 * `virtual:duka/hsk-deck` → the built-in deck's headwords with their level (a few hundred bytes);
 * `virtual:duka/hsk-words` → the list's words that occur in the built-in texts (about 3 KB gzipped), which are
 * the words the user can add from them, loaded only once such a word is shown. The whole list (20 KB) would
 * not fit the offline set's budget. Node only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { parse } from 'yaml';
import { compactHskList, indexHskList, levelsOf, type HskWordList } from './hsk.ts';

export const HSK_DECK_MODULE = 'virtual:duka/hsk-deck';
export const HSK_WORDS_MODULE = 'virtual:duka/hsk-words';

/**
 * The package's per-level word arrays. It exports only a function that guesses a level from the characters
 * for a word not in the list (人工智能 → 5), which would show levels the exam never gave; so the list itself
 * is read, as data, from the module's source.
 */
export function readPackageHskLevels(): string[][] {
	const file = createRequire(import.meta.url).resolve('chinese-lexicon/statistics/hsk.js');
	const source = readFileSync(file, 'utf8');
	const list = /^let hsk = (\[[\s\S]*?\n\]);/m.exec(source)?.[1];
	if (!list) throw new Error(`${file}: the HSK word list was not found; has the package changed its layout?`);
	const levels: unknown = JSON.parse(list);
	if (
		!Array.isArray(levels) ||
		!levels.every((level) => Array.isArray(level) && level.every((w) => typeof w === 'string'))
	)
		throw new Error(`${file}: the HSK word list is not a list of word lists`);
	return levels as string[][];
}

/** The headword (`zh`) of every entry of every article's vocab.yaml under `contentDir`. */
/** The text of every built-in article (its whole article.md: a word found in the front matter costs little). */
export function builtInTexts(contentDir: string): string[] {
	return articleFiles(contentDir, 'article.md').map((file) => readFileSync(file, 'utf8'));
}

/** The list cut to the words that occur in `texts`, level by level. */
export function hskWordsIn(list: HskWordList, texts: readonly string[]): string[] {
	return list.map((words) =>
		words
			.split(' ')
			.filter((word) => word && texts.some((text) => text.includes(word)))
			.join(' ')
	);
}

export function deckHeadwords(contentDir: string): string[] {
	const words: string[] = [];
	for (const file of articleFiles(contentDir, 'vocab.yaml')) {
		// The content plugin validates the file and fails the build on a bad one; here a headword is all we need.
		const entries: unknown = parse(readFileSync(file, 'utf8'));
		if (!Array.isArray(entries)) continue;
		for (const entry of entries as unknown[]) {
			const zh = (entry as { zh?: unknown } | null)?.zh;
			if (typeof zh === 'string' && zh.trim()) words.push(zh.trim());
		}
	}
	return words;
}

export interface HskPluginOptions {
	contentDir: string;
	/** The per-level word arrays; the package's by default. Tests hand in a small list. */
	levels?: () => string[][];
}

export function dukaHsk(options: HskPluginOptions): Plugin {
	let list: HskWordList | undefined;
	const wordList = () => (list ??= compactHskList((options.levels ?? readPackageHskLevels)()));
	const modules: Record<string, () => unknown> = {
		[HSK_DECK_MODULE]: () => levelsOf(deckHeadwords(options.contentDir), indexHskList(wordList())),
		[HSK_WORDS_MODULE]: () => hskWordsIn(wordList(), builtInTexts(options.contentDir))
	};
	return {
		name: 'duka-hsk',
		resolveId(id) {
			return Object.hasOwn(modules, id) ? '\0' + id : undefined;
		},
		load(id) {
			const name = id.startsWith('\0') ? id.slice(1) : undefined;
			const data = name && Object.hasOwn(modules, name) ? modules[name]!() : undefined;
			if (data === undefined) return undefined;
			const watched = name === HSK_DECK_MODULE ? 'vocab.yaml' : 'article.md';
			for (const file of articleFiles(options.contentDir, watched)) this.addWatchFile(file);
			// JSON.parse of a string literal parses faster than the same data as a JS literal.
			return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
		}
	};
}

function articleFiles(contentDir: string, name: 'vocab.yaml' | 'article.md'): string[] {
	const articlesDir = join(contentDir, 'articles');
	if (!existsSync(articlesDir)) return [];
	return readdirSync(articlesDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => join(articlesDir, entry.name, name))
		.filter((file) => existsSync(file));
}
