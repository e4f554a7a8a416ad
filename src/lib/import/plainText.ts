/**
 * Plain text to blocks: one paragraph per non-empty line; short lines such as `一、…`, `第二部分…` or
 * `# …` are headings, except in a run of numbered lines with no text between (a list or a table of
 * contents, which stays text).
 */
import { normaliseText } from '../content/normalise.ts';
import { headingLine, type HeadingLine } from './headings.ts';
import type { Block } from './types.ts';

const LINE_BREAK = /\r\n?|\n|\u2028|\u2029/u;

export function readPlainText(text: string): Block[] {
	const lines: { text: string; heading?: HeadingLine }[] = [];
	for (const raw of text.split(LINE_BREAK)) {
		const line = normaliseText(raw);
		if (line) lines.push({ text: line, heading: headingLine(line) });
	}
	return lines.map((line, index): Block => {
		const heading = line.heading;
		if (!heading || (heading.numbered && isInList(lines, index))) return { kind: 'paragraph', text: line.text };
		return { kind: 'heading', level: heading.level, text: heading.text };
	});
}

/** Two or more numbered lines of the same kind in a row, with no text between, make a list. */
function isInList(lines: readonly { heading?: HeadingLine }[], index: number): boolean {
	const level = lines[index]?.heading?.level;
	const sameKind = (at: number) => {
		const heading = lines[at]?.heading;
		return heading !== undefined && heading.numbered && heading.level === level;
	};
	return sameKind(index - 1) || sameKind(index + 1);
}
