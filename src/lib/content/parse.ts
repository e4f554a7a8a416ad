import { parse as parseYaml } from 'yaml';
import type { Article, ArticleMeta, Paragraph, Part, ReadingCard, Speaker, Token } from '../model/articles.ts';
import { normaliseText } from './normalise.ts';

/** A card longer than this no longer fits the "one screen to three minutes" reading unit. */
export const MAX_CARD_CHARS = 1200;

/** How many speaker colours the reader has (besides the neutral 0). */
export const SPEAKER_COLOURS = 4;

export class ContentError extends Error {
	constructor(
		readonly file: string,
		readonly line: number,
		readonly reason: string
	) {
		super(`${file}:${line}: ${reason}`);
		this.name = 'ContentError';
	}
}

export type Segmenter = (text: string) => Token[];

const PART_LINE = /^#\s+part\s+(\S+)\s*$/;
const CARD_LINE = /^##\s+card\s+(\S+)\s*\|([^|]*)\|([^|]*)$/;
const PARAGRAPH_LINE = /^(p\d{4})\s+([a-z]+)\s*:\s*(.*)$/;

interface FrontMatterPart {
	id: string;
	n?: number;
	titleZh: string;
	titleEn: string;
	included?: boolean;
}

function requireString(value: unknown, name: string, fail: (reason: string) => never): string {
	if (typeof value !== 'string' && typeof value !== 'number') fail(`front matter: "${name}" is missing or not text`);
	const text = String(value).trim();
	if (!text) fail(`front matter: "${name}" is empty`);
	return text;
}

function parseFrontMatter(
	source: string,
	file: string
): { meta: ArticleMeta; parts: FrontMatterPart[]; bodyStartLine: number } {
	const lines = source.split('\n');
	if (lines[0]?.trim() !== '---')
		throw new ContentError(file, 1, 'the file must start with a "---" front matter block');
	const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
	if (end < 0) throw new ContentError(file, 1, 'the front matter block is not closed with "---"');
	const fail = (reason: string): never => {
		throw new ContentError(file, 2, reason);
	};
	let data: Record<string, unknown>;
	try {
		data = parseYaml(lines.slice(1, end).join('\n')) as Record<string, unknown>;
	} catch (error) {
		const linePos = (error as { linePos?: { line: number }[] }).linePos?.[0]?.line ?? 0;
		throw new ContentError(
			file,
			linePos + 1,
			`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`
		);
	}
	if (!data || typeof data !== 'object') fail('front matter is empty');

	const speakers = parseSpeakers(data.speakers, fail);

	const meta: ArticleMeta = {
		id: requireString(data.id, 'id', fail),
		titleZh: normaliseText(requireString(data.titleZh, 'titleZh', fail)),
		titleEn: requireString(data.titleEn, 'titleEn', fail),
		author: requireString(data.author, 'author', fail),
		publication: requireString(data.publication, 'publication', fail),
		sourceTitle: requireString(data.sourceTitle, 'sourceTitle', fail),
		published: requireString(data.published, 'published', fail),
		speakers
	};
	if (data.sourceUrl) meta.sourceUrl = requireString(data.sourceUrl, 'sourceUrl', fail);
	if (data.translator) meta.translator = requireString(data.translator, 'translator', fail);

	if (!Array.isArray(data.parts) || data.parts.length === 0)
		fail('front matter: "parts" must list the article\'s parts');
	const parts = (data.parts as Record<string, unknown>[]).map((raw, i) => {
		const part: FrontMatterPart = {
			id: requireString(raw.id, `parts[${i}].id`, fail),
			titleZh: normaliseText(requireString(raw.titleZh, `parts[${i}].titleZh`, fail)),
			titleEn: requireString(raw.titleEn, `parts[${i}].titleEn`, fail),
			included: raw.included !== false
		};
		if (typeof raw.n === 'number') part.n = raw.n;
		return part;
	});
	return { meta, parts, bodyStartLine: end + 1 };
}

/**
 * Speakers are listed in the front matter, in the order of their colours:
 * `- { id: ben, zh: 阿笨, en: Ben Thompson, colour: 1 }`; `label: false` for narration that shows no name.
 */
function parseSpeakers(value: unknown, fail: (reason: string) => never): Speaker[] {
	if (!Array.isArray(value) || value.length === 0) fail('front matter: "speakers" must list who speaks');
	const speakers = (value as Record<string, unknown>[]).map((raw, i): Speaker => {
		const id = requireString(raw?.id, `speakers[${i}].id`, fail);
		if (!/^[a-z][a-z0-9-]*$/.test(id)) fail(`front matter: speaker id "${id}" must be lower-case letters, digits or -`);
		const colour = raw.colour ?? 0;
		if (typeof colour !== 'number' || !Number.isInteger(colour) || colour < 0 || colour > SPEAKER_COLOURS)
			fail(`front matter: speakers[${i}].colour must be a whole number from 0 to ${SPEAKER_COLOURS}`);
		return {
			id,
			zh: requireString(raw.zh, `speakers[${i}].zh`, fail),
			en: requireString(raw.en, `speakers[${i}].en`, fail),
			colour: colour as number,
			label: raw.label !== false
		};
	});
	const seen = new Set<string>();
	for (const speaker of speakers) {
		if (seen.has(speaker.id)) fail(`front matter: speaker "${speaker.id}" is listed twice`);
		seen.add(speaker.id);
	}
	return speakers;
}

/** Parses and validates one article.md into typed data; every mistake is reported with its file:line. */
export function parseArticle(source: string, file: string, segmentText: Segmenter): Article {
	const normalised = source.replace(/\r\n?/g, '\n');
	const { meta, parts: declaredParts, bodyStartLine } = parseFrontMatter(normalised, file);
	const lines = normalised.split('\n');

	const parts: Part[] = [];
	const cards: ReadingCard[] = [];
	const cardLines = new Map<string, number>();
	const paragraphLines = new Map<string, number>();
	let part: Part | undefined;
	let card: ReadingCard | undefined;
	let cardChars = 0;

	const closeCard = () => {
		if (!card) return;
		const line = cardLines.get(card.id) ?? 0;
		if (card.paragraphs.length === 0)
			throw new ContentError(file, line, `card "${card.id}" is empty: give it at least one paragraph`);
		if (cardChars > MAX_CARD_CHARS)
			throw new ContentError(
				file,
				line,
				`card "${card.id}" has ${cardChars} characters, over the ${MAX_CARD_CHARS} that fit a phone: split it`
			);
	};

	for (let index = bodyStartLine; index < lines.length; index++) {
		const lineNumber = index + 1;
		const line = (lines[index] ?? '').trim();
		if (!line || line.startsWith('<!--')) continue;

		const partMatch = PART_LINE.exec(line);
		if (partMatch) {
			closeCard();
			card = undefined;
			const id = partMatch[1] ?? '';
			const declared = declaredParts.find((p) => p.id === id);
			if (!declared) throw new ContentError(file, lineNumber, `part "${id}" is not listed in the front matter`);
			if (!declared.included)
				throw new ContentError(file, lineNumber, `part "${id}" is marked "included: false" but has text`);
			if (parts.some((p) => p.id === id)) throw new ContentError(file, lineNumber, `part "${id}" appears twice`);
			part = { id, titleZh: declared.titleZh, titleEn: declared.titleEn, included: true, cardIds: [] };
			if (declared.n !== undefined) part.n = declared.n;
			parts.push(part);
			continue;
		}

		const cardMatch = CARD_LINE.exec(line);
		if (cardMatch) {
			if (!part) throw new ContentError(file, lineNumber, 'a card must come after a "# part" line');
			closeCard();
			const id = cardMatch[1] ?? '';
			const titleZh = normaliseText(cardMatch[2] ?? '');
			const titleEn = (cardMatch[3] ?? '').trim();
			if (cardLines.has(id))
				throw new ContentError(file, lineNumber, `card id "${id}" is already used at line ${cardLines.get(id)}`);
			if (!titleZh || !titleEn)
				throw new ContentError(
					file,
					lineNumber,
					`card "${id}" needs a Chinese and an English title: "## card id | 中文 | English"`
				);
			cardLines.set(id, lineNumber);
			card = { id, partId: part.id, titleZh, titleEn, paragraphs: [] };
			cardChars = 0;
			part.cardIds.push(id);
			cards.push(card);
			continue;
		}

		const paragraphMatch = PARAGRAPH_LINE.exec(line);
		if (paragraphMatch) {
			const [, id = '', speaker = '', rawText = ''] = paragraphMatch;
			if (!card) throw new ContentError(file, lineNumber, `paragraph "${id}" must be inside a "## card" section`);
			if (!meta.speakers.some((known) => known.id === speaker))
				throw new ContentError(
					file,
					lineNumber,
					`unknown speaker "${speaker}": use one of ${meta.speakers.map((known) => known.id).join(', ')}`
				);
			if (paragraphLines.has(id))
				throw new ContentError(
					file,
					lineNumber,
					`duplicate paragraph id "${id}" (first used at line ${paragraphLines.get(id)})`
				);
			// The text as imports set it (full-width punctuation between Chinese characters, no stray spaces):
			// the source's ASCII commas and colons are an artefact of its conversion, not the author's.
			const text = normaliseText(rawText);
			if (!text) throw new ContentError(file, lineNumber, `paragraph "${id}" has no text`);
			paragraphLines.set(id, lineNumber);
			const paragraph: Paragraph = { id, speaker, text, tokens: segmentText(text) };
			card.paragraphs.push(paragraph);
			cardChars += [...text].length;
			continue;
		}

		if (/^p\d/.test(line) || /^[a-z]+\s*:/.test(line))
			throw new ContentError(file, lineNumber, 'a paragraph needs an id like "p0001" and a speaker: "p0001 ben: text"');
		throw new ContentError(
			file,
			lineNumber,
			`cannot read this line; expected "# part", "## card" or "p0001 speaker: text"`
		);
	}
	closeCard();

	const expected = declaredParts.filter((p) => p.included).map((p) => p.id);
	const found = parts.map((p) => p.id);
	if (expected.join() !== found.join())
		throw new ContentError(
			file,
			bodyStartLine + 1,
			`parts must appear in front matter order: expected ${expected.join(', ')}, found ${found.join(', ') || 'none'}`
		);

	const allParts: Part[] = declaredParts.map((declared) => {
		const withText = parts.find((p) => p.id === declared.id);
		if (withText) return withText;
		const missing: Part = {
			id: declared.id,
			titleZh: declared.titleZh,
			titleEn: declared.titleEn,
			included: false,
			cardIds: []
		};
		if (declared.n !== undefined) missing.n = declared.n;
		return missing;
	});
	if (cards.length === 0) throw new ContentError(file, bodyStartLine + 1, 'the article has no cards');
	return { meta, parts: allParts, cards };
}
