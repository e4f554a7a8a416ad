/**
 * Headings in plain text, and the numbers headings carry: `一、…`, `1、…`, `第二部分…`, `Part 2…`.
 */

const CHINESE_DIGITS: Record<string, number> = {
	零: 0,
	〇: 0,
	一: 1,
	二: 2,
	两: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9
};
const CHINESE_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百千]+';

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; undefined for anything else. */
export function chineseNumeral(text: string): number | undefined {
	if (!new RegExp(`^${CHINESE_NUMERAL}$`, 'u').test(text)) return undefined;
	let total = 0;
	let digit: number | undefined;
	for (const character of text) {
		const unit = CHINESE_UNITS[character];
		if (unit !== undefined) {
			total += (digit ?? 1) * unit;
			digit = undefined;
		} else {
			digit = CHINESE_DIGITS[character];
		}
	}
	return total + (digit ?? 0);
}

// Lines that end like a sentence or a clause are text, not a heading. A heading may ask a question.
const ENDS_LIKE_TEXT = /[。；，、：,;:…]$/u;
const HAS_FULL_STOP = /。/u;
const MAX_HEADING_CHARS = 50;
const MAX_NUMBERED_ITEM_CHARS = 40;
const MAX_MARKDOWN_HEADING_CHARS = 100;

// The title may follow at once (第二部分中国: normalising takes the space out); a bare 部 needs a break
// after it, or 第一部电影… would read as a heading.
const CHAPTER_LINE = new RegExp(
	`^第\\s*(?:${CHINESE_NUMERAL}|\\d{1,3})\\s*(?:(?:部分|篇|章|卷|编|回|讲|幕)|部(?:[\\s：:、.．]|$))`,
	'u'
);
const ENGLISH_PART_LINE =
	/^(?:part|chapter|book|section)\s+(?:\d{1,3}|[ivxlc]{1,6}|one|two|three|four|five|six|seven|eight|nine|ten)\b/iu;
const CHINESE_NUMBERED_LINE = new RegExp(`^(${CHINESE_NUMERAL})、\\s*\\S`, 'u');
const DIGIT_NUMBERED_LINE = /^(\d{1,2})(?:、|[.．](?!\d))\s*\S/u;
const MARKDOWN_HEADING = /^(#{1,6})\s+(.*?)\s*#*$/u;

export interface HeadingLine {
	level: number;
	text: string;
	/** Whether it is a numbered list-style line (`一、`, `1.`): a run of them with nothing between is a list. */
	numbered: boolean;
}

/**
 * A plain-text line that reads as a heading: Markdown `#`, `第二部分…`/`Part 2` (level 1), `一、…` (level 2),
 * `1、…`/`1. …` (level 3), when short and not ending like a sentence.
 */
export function headingLine(line: string): HeadingLine | undefined {
	const length = Array.from(line).length;
	const markdown = MARKDOWN_HEADING.exec(line);
	if (markdown && length <= MAX_MARKDOWN_HEADING_CHARS) {
		const text = markdown[2] ?? '';
		return text ? { level: Math.min(markdown[1]?.length ?? 1, 4), text, numbered: false } : undefined;
	}
	if (length > MAX_HEADING_CHARS || ENDS_LIKE_TEXT.test(line) || HAS_FULL_STOP.test(line)) return undefined;
	if (CHAPTER_LINE.test(line) || ENGLISH_PART_LINE.test(line)) return { level: 1, text: line, numbered: false };
	if (CHINESE_NUMBERED_LINE.test(line)) return { level: 2, text: line, numbered: true };
	if (DIGIT_NUMBERED_LINE.test(line) && length <= MAX_NUMBERED_ITEM_CHARS)
		return { level: 3, text: line, numbered: true };
	return undefined;
}

/** `一、Arab AI…` → { n: 1, title: 'Arab AI…' }; headings without a list-style number keep their text whole. */
export function headingNumber(text: string): { n?: number; title: string } {
	const chinese = new RegExp(`^(${CHINESE_NUMERAL})、\\s*(.+)$`, 'u').exec(text);
	if (chinese) {
		const n = chineseNumeral(chinese[1] ?? '');
		if (n !== undefined && n > 0) return { n, title: chinese[2] ?? '' };
	}
	const digits = /^(\d{1,2})(?:、|[.．](?!\d))\s*(.+)$/u.exec(text);
	if (digits) {
		const n = Number(digits[1]);
		if (n > 0) return { n, title: digits[2] ?? '' };
	}
	return { title: text };
}
