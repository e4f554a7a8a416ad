/**
 * Speakers from labels at the start of paragraphs: `阿笨：…`, `Ben Thompson: …`, `主持人：…`. A label
 * counts as a speaker once two or more paragraphs start with it.
 */
import { codePointLength } from './sentences.ts';
import type { FoundSpeaker } from './types.ts';

export const MAX_LABEL_CHARS = 20;
const MAX_LABEL_WORDS = 4;
export const MIN_SPEAKER_PARAGRAPHS = 2;
/** The reader has four speaker colours; speakers after the fourth share the neutral one. */
export const SPEAKER_COLOURS = 4;

// Letters (Han or Latin), digits and what names hold (spaces, ·, ., ', -); no sentence punctuation.
const LABEL_TEXT = /^[\p{L}\p{N} ·.'’-]+$/u;
const HAS_LETTER = /\p{L}/u;
const COLON = /[：:]/u;
const ADDRESS_SCHEMES = new Set(['http', 'https', 'ftp', 'mailto', 'file', 'data', 'javascript']);

export interface SpeakerLabel {
	label: string;
	/** Index in the text where the words after the label start. */
	end: number;
}

/** The label a paragraph starts with, if it has one that could name a speaker. */
export function speakerLabel(text: string): SpeakerLabel | undefined {
	const colon = COLON.exec(text.slice(0, MAX_LABEL_CHARS * 2 + 2));
	if (!colon || colon.index === 0) return undefined;
	const label = text.slice(0, colon.index).trim();
	if (codePointLength(label) > MAX_LABEL_CHARS || !LABEL_TEXT.test(label) || !HAS_LETTER.test(label)) return undefined;
	if (label.split(' ').length > MAX_LABEL_WORDS || ADDRESS_SCHEMES.has(label.toLowerCase())) return undefined;
	let end = colon.index + colon[0].length;
	while (text[end] === ' ') end++;
	if (end >= text.length) return undefined;
	return { label, end };
}

/** Labels used by two or more paragraphs, in order of first use, with ids s1, s2… and colours 1–4 then 0. */
export function findSpeakers(paragraphTexts: Iterable<string>): FoundSpeaker[] {
	const counts = new Map<string, number>();
	for (const text of paragraphTexts) {
		const found = speakerLabel(text);
		if (found) counts.set(found.label, (counts.get(found.label) ?? 0) + 1);
	}
	const speakers: FoundSpeaker[] = [];
	for (const [label, count] of counts) {
		if (count < MIN_SPEAKER_PARAGRAPHS) continue;
		const index = speakers.length;
		speakers.push({ id: `s${index + 1}`, label, count, colour: index < SPEAKER_COLOURS ? index + 1 : 0 });
	}
	return speakers;
}
