import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { intervalSpan } from '../scheduling/scheduler.ts';
import { en } from './en.ts';
import { enScreens } from './enScreens.ts';
import { zh } from './zh.ts';
import { zhScreens } from './zhScreens.ts';

type Catalogue = { [key: string]: unknown };

/**
 * Each argument list a message is tried with: numbers (1 and many, for the plural branches) and Chinese words,
 * so that a mark written beside an argument is judged by what stands next to it on the screen.
 */
const SAMPLE_ARGUMENTS: readonly unknown[] = [1, 12, '文章'];

/** Every message of a catalogue as shown, a function's under each sample argument, with its path. */
function shownMessages(catalogue: Catalogue, path: string[] = []): { path: string; text: string }[] {
	return Object.entries(catalogue).flatMap(([key, value]) => {
		const here = [...path, key];
		if (typeof value === 'string') return [{ path: here.join('.'), text: value }];
		if (typeof value === 'function')
			return SAMPLE_ARGUMENTS.map((sample) => ({
				path: here.join('.'),
				text: String((value as (...args: unknown[]) => unknown)(...Array<unknown>(value.length).fill(sample)))
			}));
		return value && typeof value === 'object' ? shownMessages(value as Catalogue, here) : [];
	});
}

const HAN = String.raw`\p{Script=Han}`;
/** An ASCII mark with a Chinese character on either side: Chinese text takes the full-width forms. */
const HALF_WIDTH_BESIDE_HAN = new RegExp(`${HAN}[,:;?!()]|[,:;?!()]${HAN}`, 'u');

describe('the Chinese interface', () => {
	const messages = shownMessages({ ...zh, ...zhScreens });

	it('is tried on every message', () => {
		expect(messages.length).toBeGreaterThan(400);
	});

	it('uses full-width punctuation beside Chinese characters', () => {
		const halfWidth = messages.filter(({ text }) => HALF_WIDTH_BESIDE_HAN.test(text));
		expect([...new Set(halfWidth.map(({ path, text }) => `${path}: ${text}`))]).toEqual([]);
	});

	it('catches a half-width mark on either side, and leaves Latin text alone', () => {
		expect(HALF_WIDTH_BESIDE_HAN.test('第 1 张,共 12 张')).toBe(true);
		expect(HALF_WIDTH_BESIDE_HAN.test('记录:今天')).toBe(true);
		expect(HALF_WIDTH_BESIDE_HAN.test('(英文)')).toBe(true);
		expect(HALF_WIDTH_BESIDE_HAN.test('第 1 张，共 12 张')).toBe(false);
		expect(HALF_WIDTH_BESIDE_HAN.test('Duka::<文章>, 1m 10m 1h')).toBe(false);
	});
});

describe('the deck in both languages', () => {
	const MINUTE = 60_000;
	const DAY = 24 * 60 * MINUTE;
	const shown = (intervals: typeof en.review.intervals, ms: number) => {
		const { unit, amount } = intervalSpan(ms);
		return intervals[unit](amount);
	};

	it('writes grade intervals as Anki does in English, and in Chinese units in Chinese', () => {
		const spans = [30_000, 10 * MINUTE, 3 * 60 * MINUTE, 4 * DAY, 97.4 * DAY, 548 * DAY];
		expect(spans.map((ms) => shown(en.review.intervals, ms))).toEqual(['<1m', '10m', '3h', '4d', '3.2mo', '1.5y']);
		expect(spans.map((ms) => shown(zh.review.intervals, ms))).toEqual([
			'<1 分钟',
			'10 分钟',
			'3 小时',
			'4 天',
			'3.2 个月',
			'1.5 年'
		]);
	});

	it('names every tag of the built-in articles, and the tag of the words the user adds', () => {
		const articles = join(import.meta.dirname, '..', '..', '..', 'content', 'articles');
		const tags = new Set(['mine']);
		for (const article of readdirSync(articles)) {
			const entries = parse(readFileSync(join(articles, article, 'vocab.yaml'), 'utf8')) as { tags?: string[] }[];
			for (const entry of entries) for (const tag of entry.tags ?? []) tags.add(tag);
		}
		const unnamed = [...tags].filter((tag) => !Object.hasOwn(enScreens.deck.tagNames, tag));
		expect(unnamed).toEqual([]);
		expect(Object.keys(zhScreens.deck.tagNames)).toEqual(Object.keys(enScreens.deck.tagNames));
	});
});

describe('pinyin over the text', () => {
	const css = readFileSync(join(import.meta.dirname, '..', '..', 'app.css'), 'utf8');
	const declared = new Map(
		[...css.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map(([, name, value]) => [name, value?.trim()])
	);

	type Theme = 'light' | 'dark';
	const THEMES: Theme[] = ['light', 'dark'];

	/** A colour variable's light and dark values, through `var()` and `light-dark()`. */
	function colour(name: string): Record<Theme, string> {
		const value = declared.get(name) ?? '';
		const alias = /^var\((--[\w-]+)\)$/.exec(value)?.[1];
		if (alias) return colour(alias);
		const pair = /^light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)$/i.exec(value);
		if (pair?.[1] && pair[2]) return { light: pair[1], dark: pair[2] };
		if (/^#[0-9a-f]{6}$/i.test(value)) return { light: value, dark: value };
		throw new Error(`${name} is not a colour: ${value}`);
	}

	const luminance = (hex: string) => {
		const [r = 0, g = 0, b = 0] = [1, 3, 5].map((at) => {
			const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
			return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const contrast = (a: string, b: string) => {
		const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
		return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
	};

	it('keeps 4.5:1 for every pinyin colour on the page, a panel and a targeted paragraph, in both themes', () => {
		const inks = ['--muted', '--tone-1', '--tone-2', '--tone-3', '--tone-4', '--tone-5'];
		const grounds = ['--bg', '--surface', '--accent-soft'];
		const weak = inks.flatMap((ink) =>
			grounds.flatMap((ground) =>
				THEMES.flatMap((theme) => {
					const ratio = contrast(colour(ink)[theme], colour(ground)[theme]);
					return ratio < 4.5 ? [`${ink} on ${ground} (${theme}): ${ratio.toFixed(2)}`] : [];
				})
			)
		);
		expect(weak).toEqual([]);
	});

	it('gives each tone a colour of its own in each theme', () => {
		for (const theme of THEMES) {
			const tones = [1, 2, 3, 4, 5].map((tone) => colour(`--tone-${tone}`)[theme]);
			expect(new Set(tones).size).toBe(5);
		}
	});
});
