import { LineCounter, parseDocument, isSeq, isMap } from 'yaml';
import { ContentError } from './parse.ts';
import { PARTS_OF_SPEECH, type Occurrence, type PartOfSpeech, type VocabEntry } from '../model/words.ts';
import type { Article } from '../model/articles.ts';

export type PinyinOf = (zh: string) => string;

const REQUIRED_TEXT = ['zh', 'en', 'defEn', 'defZh'] as const;

function isPartOfSpeech(value: unknown): value is PartOfSpeech {
	return typeof value === 'string' && (PARTS_OF_SPEECH as readonly string[]).includes(value);
}

/** Latin forms must match whole words so "AI" does not match inside "FAIR". */
function formPattern(form: string): RegExp {
	const escaped = form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
	return /[A-Za-z0-9]/.test(form) ? new RegExp(`(?<![A-Za-z0-9])${escaped}(?![A-Za-z0-9])`, 'i') : new RegExp(escaped);
}

export function findOccurrences(article: Article, forms: string[]): Occurrence[] {
	const patterns = forms.map(formPattern);
	const found: Occurrence[] = [];
	for (const card of article.cards)
		for (const paragraph of card.paragraphs)
			if (patterns.some((pattern) => pattern.test(paragraph.text)))
				found.push({ cardId: card.id, paragraphId: paragraph.id });
	return found;
}

/** Parses and validates an article's vocab.yaml; pinyin comes from `pinyinOf` unless the entry overrides it. */
export function parseVocab(source: string, file: string, article: Article, pinyinOf: PinyinOf): VocabEntry[] {
	const lineCounter = new LineCounter();
	const document = parseDocument(source, { lineCounter });
	const firstError = document.errors[0];
	if (firstError)
		throw new ContentError(
			file,
			lineCounter.linePos(firstError.pos[0]).line,
			`not valid YAML: ${firstError.message.split('\n')[0]}`
		);
	if (!isSeq(document.contents)) throw new ContentError(file, 1, 'the vocabulary must be a YAML list of entries');

	const entries: VocabEntry[] = [];
	const seen = new Map<string, number>();
	for (const node of document.contents.items) {
		const line = lineCounter.linePos(isMap(node) && node.range ? node.range[0] : 0).line;
		const fail = (reason: string): never => {
			throw new ContentError(file, line, reason);
		};
		if (!isMap(node)) fail('each entry must be a mapping with zh, en, defEn, defZh, pos and tags');
		const raw = (node as { toJSON(): unknown }).toJSON() as Record<string, unknown>;
		for (const key of REQUIRED_TEXT)
			if (typeof raw[key] !== 'string' || !(raw[key] as string).trim()) fail(`entry needs "${key}"`);
		const zh = (raw.zh as string).trim();
		if (seen.has(zh)) fail(`"${zh}" is already an entry at line ${seen.get(zh)}`);
		seen.set(zh, line);
		if (!isPartOfSpeech(raw.pos)) fail(`"${zh}": pos must be one of ${PARTS_OF_SPEECH.join(', ')}`);
		const tags = raw.tags;
		if (!Array.isArray(tags) || tags.length === 0 || !tags.every((t) => typeof t === 'string'))
			fail(`"${zh}": tags must be a list of words`);
		const extra = raw.match === undefined ? [] : raw.match;
		if (!Array.isArray(extra) || !extra.every((m) => typeof m === 'string' && m.trim()))
			fail(`"${zh}": match must be a list of spellings`);
		if (raw.pinyin !== undefined && (typeof raw.pinyin !== 'string' || !raw.pinyin.trim()))
			fail(`"${zh}": pinyin override must be text`);

		const en = (raw.en as string).trim();
		const forms = [...new Set([zh, en, ...(extra as string[]).map((m) => m.trim())])];
		const occurrences = findOccurrences(article, forms);
		if (occurrences.length === 0)
			fail(`"${zh}" (${en}) occurs nowhere in the article: fix the spelling or add a "match" form`);

		entries.push({
			id: `${article.meta.id}:${zh}`,
			articleId: article.meta.id,
			zh,
			pinyin: typeof raw.pinyin === 'string' ? raw.pinyin.trim() : pinyinOf(zh),
			en,
			defEn: (raw.defEn as string).trim(),
			defZh: (raw.defZh as string).trim(),
			pos: raw.pos as PartOfSpeech,
			tags: tags as string[],
			forms,
			occurrences
		});
	}
	return entries;
}
