import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The reader's colours, read from the stylesheet, in both themes: text and icons at WCAG AA (4.5:1), the progress
// bar and the focus ring as graphics (3:1).
const css = readFileSync(new URL('../../app.css', import.meta.url), 'utf8');
const colours: Record<string, [string, string]> = {};
for (const match of css.matchAll(/--([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/g))
	colours[match[1]!] = [match[2]!, match[3]!];
for (const match of css.matchAll(/--([\w-]+):\s*var\(--([\w-]+)\)/g))
	if (colours[match[2]!]) colours[match[1]!] = colours[match[2]!]!;

function luminance(hex: string): number {
	const [r, g, b] = [1, 3, 5]
		.map((at) => parseInt(hex.slice(at, at + 2), 16) / 255)
		.map((value) => (value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
	return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
	const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return (light! + 0.05) / (dark! + 0.05);
}

const PAIRS: [foreground: string, background: string, needed: number, what: string][] = [
	['text', 'bg', 4.5, 'paragraph text'],
	['muted', 'bg', 4.5, 'part title, swipe hint, empty bookmark ribbon'],
	['muted', 'surface', 4.5, 'contents: a card not read yet'],
	['muted', 'surface-2', 4.5, 'word sheet: the change on a selection chip'],
	['text', 'surface-2', 4.5, 'word sheet: the word on a selection chip'],
	['accent', 'bg', 4.5, 'a bookmarked ribbon, the pinyin switch'],
	['accent', 'accent-soft', 4.5, 'the pinyin switch, on'],
	['accent', 'surface', 4.5, 'contents: a card read'],
	['accent-text', 'accent', 4.5, 'Next card, Back to review'],
	['en', 'en-bg', 4.5, 'an inline English term'],
	['speaker-1', 'bg', 4.5, 'a speaker name'],
	['speaker-2', 'bg', 4.5, 'a speaker name'],
	['speaker-3', 'bg', 4.5, 'a speaker name'],
	['speaker-4', 'bg', 4.5, 'a speaker name'],
	['accent', 'surface-2', 3, 'the position bar on its track'],
	['focus', 'bg', 3, 'the focus ring'],
	['recall', 'bg', 3, 'the underline of a weak word'],
	['recall', 'en-bg', 3, 'the underline of a weak English term'],
	['recall-new', 'bg', 3, 'the underline of a new word'],
	['recall-leech', 'bg', 3, 'the underline of a leech']
];

describe('reader colours', () => {
	for (const [theme, side] of [
		['light', 0],
		['dark', 1]
	] as const) {
		it.each(PAIRS)(`${theme}: --%s on --%s reaches %d:1 (%s)`, (foreground, background, needed) => {
			const [fg, bg] = [colours[foreground]?.[side], colours[background]?.[side]];
			expect(fg, foreground).toBeDefined();
			expect(bg, background).toBeDefined();
			expect(contrast(fg!, bg!)).toBeGreaterThanOrEqual(needed);
		});
	}
});
