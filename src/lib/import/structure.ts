/**
 * From blocks to the draft of an article: title, parts, paragraphs with stable ids, speakers and cards.
 * The draft does not depend on the speaker choice: labels are kept in the text with where they end, so
 * the same paragraphs and cards come out whether the user keeps the speakers or not.
 */
import { groupIntoCards, splitLongParagraph } from './cards.ts';
import { headingNumber } from './headings.ts';
import { codePointLength, shortTitle } from './sentences.ts';
import { findSpeakers, speakerLabel } from './speakers.ts';
import type { Block, DraftCard, DraftParagraph, DraftPart, PreparedImport, ReadDocument } from './types.ts';

/** A first line this short that does not end like a sentence is the title. */
const MAX_TITLE_LINE_CHARS = 60;
const MAX_DERIVED_TITLE_CHARS = 24;
const MAX_PART_LEVEL = 3;
/** A "heading" longer than this is a paragraph marked up oddly: it is read as one. */
const MAX_HEADING_CHARS = 120;
const ENDS_LIKE_TEXT = /[。；，、：,;:…]$/u;
/**
 * A line of page furniture such as `发布时间:2025-05-20 19:58  浏览量:2` or `作者：李明  来源：新华社`: only short
 * `label: value` pairs, with a figure in it or more than one pair. It is kept in the text but never names a card.
 */
const LABEL = String.raw`[\p{Script=Han}A-Za-z]{1,8}\s*[:：]`;
const METADATA_LINE = new RegExp(String.raw`^(?:\s*${LABEL}[^。！？!?]*?(?=\s+${LABEL}|\s*$))+\s*$`, 'u');
const MAX_METADATA_CHARS = 60;

export function isMetadataLine(text: string): boolean {
	if (codePointLength(text) > MAX_METADATA_CHARS || !METADATA_LINE.test(text)) return false;
	return /\d/.test(text) || (text.match(new RegExp(LABEL, 'gu'))?.length ?? 0) > 1;
}

interface Section {
	title: string;
	n?: number;
	fromHeading: boolean;
	/** The heading as written, when the part starts at one. */
	heading?: string;
	isIntro?: boolean;
	paragraphs: { text: string; heading?: boolean }[];
}

export type Draft = PreparedImport['draft'];

function isTitleLine(block: Block | undefined): boolean {
	if (!block || block.kind !== 'paragraph') return false;
	return (
		codePointLength(block.text) <= MAX_TITLE_LINE_CHARS &&
		!ENDS_LIKE_TEXT.test(block.text) &&
		!block.text.includes('。')
	);
}

function partTitle(text: string): { n?: number; title: string } {
	const { n, title } = headingNumber(text);
	return title ? { n, title } : { title: text };
}

/** Sections of a document without chapters: headings of the top level used start parts. */
function sectionsOfBlocks(
	blocks: readonly Block[],
	fallbackTitle: string | undefined
): { title: string; sections: Section[] } {
	let rest = blocks;
	let title: string | undefined;
	const first = rest[0];
	// A first heading is the title, unless a heading of its level or above follows: then it starts a part.
	const isTitleHeading =
		first?.kind === 'heading' && !rest.slice(1).some((block) => block.kind === 'heading' && block.level <= first.level);
	if (isTitleHeading || (first?.kind === 'paragraph' && isTitleLine(first) && rest.length > 1)) {
		title = first?.kind === 'heading' ? partTitle(first.text).title : first?.text;
		rest = rest.slice(1);
	}
	const headingLevels = rest.flatMap((block) =>
		block.kind === 'heading' && block.level <= MAX_PART_LEVEL ? [block.level] : []
	);
	const partLevel = headingLevels.length > 0 ? Math.min(...headingLevels) : undefined;
	title ??=
		fallbackTitle ??
		rest.find((block) => block.kind === 'heading')?.text ??
		shortTitle(rest[0]?.text ?? '', MAX_DERIVED_TITLE_CHARS);

	const sections: Section[] = [{ title, fromHeading: false, isIntro: true, paragraphs: [] }];
	for (const block of rest) {
		if (block.kind === 'heading' && block.level === partLevel) {
			sections.push({ ...partTitle(block.text), fromHeading: true, heading: block.text, paragraphs: [] });
			continue;
		}
		sections
			.at(-1)
			?.paragraphs.push(block.kind === 'heading' ? { text: block.text, heading: true } : { text: block.text });
	}
	return { title, sections };
}

function sectionsOfChapters(chapters: NonNullable<ReadDocument['chapters']>, documentTitle: string | undefined) {
	const sections: Section[] = chapters.map((chapter) => {
		const paragraphs = chapter.blocks.map((block) =>
			block.kind === 'heading' ? { text: block.text, heading: true } : { text: block.text }
		);
		const firstText = paragraphs.find((paragraph) => !paragraph.heading)?.text ?? '';
		return chapter.title
			? { title: chapter.title, fromHeading: true, paragraphs }
			: { title: shortTitle(firstText, MAX_DERIVED_TITLE_CHARS), fromHeading: false, paragraphs };
	});
	return { title: documentTitle ?? sections[0]?.title ?? '', sections };
}

/**
 * A part with no text of its own (two headings in a row) is not kept empty: the part after it takes its
 * title, and its own heading becomes the first paragraph (so the order of the text holds). Headings at the
 * very end become the last paragraphs of the part before.
 */
function foldEmptySections(sections: Section[]): Section[] {
	const kept: Section[] = [];
	let pending: Section[] = [];
	for (const section of sections) {
		if (section.paragraphs.length === 0) {
			if (section.fromHeading) pending.push(section);
			continue;
		}
		const [first, ...others] = pending;
		pending = [];
		if (!first) {
			kept.push(section);
			continue;
		}
		const headings = [...others, ...(section.fromHeading ? [section] : [])].map((folded) => ({
			text: folded.heading ?? folded.title,
			heading: true
		}));
		kept.push({ ...first, paragraphs: [...headings, ...section.paragraphs] });
	}
	const last = kept.at(-1);
	for (const folded of pending) last?.paragraphs.push({ text: folded.heading ?? folded.title, heading: true });
	return kept;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The draft of an article from a document as read; undefined when it has no text at all. */
export function structureDocument(document: ReadDocument): Draft | undefined {
	const asRead = (blocks: readonly Block[]) =>
		blocks.map((block): Block =>
			block.kind === 'heading' && codePointLength(block.text) > MAX_HEADING_CHARS
				? { kind: 'paragraph', text: block.text }
				: block
		);
	const { title, sections } = document.chapters
		? sectionsOfChapters(
				document.chapters.map((chapter) => ({ ...chapter, blocks: asRead(chapter.blocks) })),
				document.source.documentTitle
			)
		: sectionsOfBlocks(asRead(document.blocks ?? []), document.source.documentTitle);
	const kept = foldEmptySections(sections);
	if (kept.length === 0) return undefined;

	const speakers = findSpeakers(
		kept.flatMap((section) => section.paragraphs.filter((p) => !p.heading).map((p) => p.text))
	);
	const speakerLabels = new Set(speakers.map((speaker) => speaker.label));

	const parts: DraftPart[] = [];
	const cards: DraftCard[] = [];
	let paragraphNumber = 0;
	kept.forEach((section, sectionIndex) => {
		const partId = `part${sectionIndex + 1}`;
		const paragraphs: DraftParagraph[] = [];
		for (const source of section.paragraphs) {
			const found = source.heading ? undefined : speakerLabel(source.text);
			const label = found && speakerLabels.has(found.label) ? found : undefined;
			splitLongParagraph(source.text).forEach((text, piece) => {
				const paragraph: DraftParagraph = { id: `p${pad(++paragraphNumber, 4)}`, text };
				if (piece === 0 && label) {
					paragraph.label = label.label;
					paragraph.labelEnd = label.end;
				}
				if (source.heading) paragraph.heading = true;
				paragraphs.push(paragraph);
			});
		}
		const starts = groupIntoCards(
			paragraphs.map((paragraph) => ({
				length: codePointLength(paragraph.text),
				breakBefore: paragraph.heading,
				turn: paragraph.label !== undefined
			}))
		);
		const part: DraftPart = { id: partId, titleZh: section.title, cardIds: [] };
		if (section.n !== undefined) part.n = section.n;
		if (section.isIntro) part.isIntro = true;
		starts.forEach((start, cardIndex) => {
			const cardParagraphs = paragraphs.slice(start, starts[cardIndex + 1] ?? paragraphs.length);
			const id = `${partId}-${pad(cardIndex + 1, 2)}`;
			part.cardIds.push(id);
			cards.push({ id, partId, titleZh: cardTitle(section, cardParagraphs, cardIndex), paragraphs: cardParagraphs });
		});
		parts.push(part);
	});
	return { title, source: document.source, parts, cards, speakers };
}

/**
 * A heading that starts the card, the part's own title for its first card, else the start of its first sentence
 * (past a line of page furniture such as a publication date, when the card goes on after it).
 */
function cardTitle(section: Section, paragraphs: readonly DraftParagraph[], cardIndex: number): string {
	const first = paragraphs.find((paragraph) => paragraph.heading || !isMetadataLine(paragraph.text)) ?? paragraphs[0];
	if (!first) return section.title;
	if (first.heading) return shortTitle(first.text, MAX_DERIVED_TITLE_CHARS);
	if (cardIndex === 0 && section.fromHeading) return shortTitle(section.title, MAX_DERIVED_TITLE_CHARS);
	return shortTitle(first.text.slice(first.labelEnd ?? 0));
}
