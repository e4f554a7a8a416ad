import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Plugin } from 'vite';
import { parseArticle, type Segmenter } from './parse.ts';
import { parseVocab, type PinyinOf } from './vocab.ts';
import { summariseArticle, type Article } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';

/** Everything the app ships from content/, parsed and validated. */
export interface ContentBundle {
	articles: Article[];
	vocab: VocabEntry[];
}

export interface ContentTools {
	segmenterFor: (extraWords: string[]) => Segmenter;
	pinyinOf: PinyinOf;
}

export function loadContent(contentDir: string, tools: ContentTools): ContentBundle {
	const articlesDir = join(contentDir, 'articles');
	const folders = readdirSync(articlesDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
	const articles: Article[] = [];
	const vocab: VocabEntry[] = [];
	// The dictionary alone, without any deck's terms: what words a deck term kept whole is made of.
	const dictionaryWords = tools.segmenterFor([]);
	const splitWord = (word: string) => dictionaryWords(word).map((token) => token.s);
	for (const folder of folders) {
		const articleFile = join(articlesDir, folder, 'article.md');
		const vocabFile = join(articlesDir, folder, 'vocab.yaml');
		const display = (file: string) => relative(process.cwd(), file);
		const vocabSource = existsSync(vocabFile) ? readFileSync(vocabFile, 'utf8') : '[]';
		// The deck's own terms count as words, so "full-stack Nvidia solution" or 芯片扩散规则 come out whole.
		const deckTerms = [...vocabSource.matchAll(/^\s*-?\s*zh:\s*["']?([^"'\n#]+)/gm)].map((m) => (m[1] ?? '').trim());
		const article = parseArticle(
			readFileSync(articleFile, 'utf8'),
			display(articleFile),
			tools.segmenterFor(deckTerms)
		);
		if (article.meta.id !== folder)
			throw new Error(`${display(articleFile)}:2: id "${article.meta.id}" must match its folder name "${folder}"`);
		articles.push(article);
		vocab.push(...parseVocab(vocabSource, display(vocabFile), article, tools.pinyinOf, splitWord));
	}
	return { articles, vocab };
}

const PREFIX = 'virtual:duka/';

/** JSON.parse of a string literal parses faster than the same data as a JS object literal. */
function jsonModule(data: unknown): string {
	return `export default JSON.parse(${JSON.stringify(JSON.stringify(data))});`;
}

/**
 * Maps each article id to a lazy import of `<kind>/<id>`, so a screen loads only the article it shows
 * (and the reader only that article's pinyin).
 */
function loadersModule(kind: string, names: string[]): string {
	const lines = names
		.filter((name) => name.startsWith(`${kind}/`))
		.map((name) => `\t${JSON.stringify(name.slice(kind.length + 1))}: () => import(${JSON.stringify(PREFIX + name)}),`);
	return `export default {\n${lines.join('\n')}\n};`;
}

export interface ContentPluginOptions {
	contentDir: string;
	/** Loaded lazily so that tools which only type-check never pay for the dictionary. */
	tools: () => Promise<ContentTools & { extraModules?: (bundle: ContentBundle) => Record<string, unknown> }>;
}

/**
 * Serves content/ as virtual modules: `virtual:duka/catalog` (summaries), `virtual:duka/article/<id>`,
 * `virtual:duka/loaders` (lazy imports of the articles), `virtual:duka/ruby-loaders` (lazy imports of
 * each article's pinyin ruby), `virtual:duka/vocab` and its ids `virtual:duka/vocab-ids`, plus whatever
 * extra modules the tools derive (dictionary, ruby).
 */
export function dukaContent(options: ContentPluginOptions): Plugin {
	let modules: Map<string, unknown> | undefined;
	const build = async () => {
		const tools = await options.tools();
		const bundle = loadContent(options.contentDir, tools);
		const next = new Map<string, unknown>();
		next.set('catalog', bundle.articles.map(summariseArticle));
		for (const article of bundle.articles) next.set(`article/${article.meta.id}`, article);
		next.set('vocab', bundle.vocab);
		// The ids alone (about 1 KB), for home's check that every built-in word has its cards: the whole deck is 23 KB.
		next.set(
			'vocab-ids',
			bundle.vocab.map((entry) => entry.id)
		);
		for (const [name, data] of Object.entries(tools.extraModules?.(bundle) ?? {})) next.set(name, data);
		return next;
	};
	return {
		name: 'duka-content',
		async buildStart() {
			modules = await build();
			this.addWatchFile(options.contentDir);
		},
		resolveId(id) {
			return id.startsWith(PREFIX) ? '\0' + id : undefined;
		},
		async load(id) {
			if (!id.startsWith('\0' + PREFIX)) return undefined;
			modules ??= await build();
			const name = id.slice(PREFIX.length + 1);
			if (name === 'loaders') return loadersModule('article', [...modules.keys()]);
			if (name === 'ruby-loaders') return loadersModule('ruby', [...modules.keys()]);
			if (!modules.has(name)) throw new Error(`unknown content module ${id.slice(1)}`);
			return jsonModule(modules.get(name));
		},
		handleHotUpdate({ file, server }) {
			if (!file.startsWith(options.contentDir)) return;
			modules = undefined;
			server.ws.send({ type: 'full-reload' });
		}
	};
}
