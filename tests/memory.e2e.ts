import type { Page } from 'playwright-core';
import { open, readTables, rowCount, SHOWN_CARD, tapText, writeRows } from './browser.ts';
import { expect, test } from './fixtures.ts';

const DAY = 24 * 60 * 60_000;

interface CardRow {
	id: string;
	entryId: string;
	[field: string]: unknown;
}

// The first card: 老黄真是忙啊，…穿梭于大陆、美国和台湾之间，… (p0001), 美国政府刚刚同阿联酋和沙特签下了… (p0002).
const CARD = '/read/huang-2025/intro-1';
const PARAGRAPH = 'p0001';
const NEXT_PARAGRAPH = 'p0002';
const KNOWN = 'huang-2025:大陆';
const WEAK = 'huang-2025:台湾';
const LEECH = 'huang-2025:老黄';

/** The classes of the deck words' spans in the paragraph, by their text. */
const marks = (page: Page, paragraphId = PARAGRAPH) =>
	page.evaluate((id) => {
		const spans = document.querySelectorAll(`[data-paragraph-id="${id}"] > p .recall`);
		return Object.fromEntries(
			[...spans].map((span) => {
				const base = [...span.childNodes].filter((node) => !(node instanceof Element && node.matches('rt')));
				const text = base.map((node) => (node instanceof Element ? node.firstChild?.textContent : node.textContent));
				return [text.join('') || span.textContent, [...span.classList].find((c) => c.startsWith('recall-'))];
			})
		);
	}, paragraphId);

/** The words of the paragraph that show pinyin over them. */
const wordsWithPinyin = (page: Page, paragraphId = PARAGRAPH) =>
	page.evaluate((id) => {
		const words = document.querySelectorAll(`[data-paragraph-id="${id}"] > p .word`);
		return [...words]
			.filter((word) => word.querySelector('rt'))
			.map((word) => [...word.querySelectorAll('ruby')].map((ruby) => ruby.firstChild?.textContent).join(''));
	}, paragraphId);

async function closeSheet(page: Page): Promise<void> {
	await page.getByTestId('word-sheet-close').click();
	await expect.poll(() => page.getByTestId('word-sheet').count()).toBe(0);
}

/** Waits until the display settings are saved as `expected`: a page opened sooner would read the ones before. */
async function saved(page: Page, expected: Record<string, boolean>): Promise<void> {
	const stored = async () =>
		((await readTables<{ key: string; value: unknown }>(page, ['kv'])).kv ?? []).find(
			(row) => row.key === 'settings:display'
		)?.value;
	await expect.poll(stored).toMatchObject(expected);
}

/** Reviewed cards, written behind the app's back: as a long history would have left them. */
async function seedReviews(page: Page): Promise<void> {
	await expect.poll(() => rowCount(page, 'cards'), { timeout: 10_000 }).toBeGreaterThan(0);
	const now = Date.now();
	const cards = ((await readTables<CardRow>(page, ['cards'])).cards ?? []).filter((card) =>
		[KNOWN, WEAK, LEECH].includes(card.entryId)
	);
	expect(cards).toHaveLength(6);
	const reviewed = (card: CardRow, stability: number, lastReview: number, extra: Partial<CardRow> = {}) => ({
		...card,
		state: 2,
		stability,
		difficulty: 5,
		reps: 3,
		lapses: 0,
		elapsed_days: 0,
		scheduled_days: Math.round(stability),
		learning_steps: 0,
		last_review: lastReview,
		due: lastReview + Math.round(stability) * DAY,
		...extra
	});
	const rows = cards.map((card) =>
		card.entryId === KNOWN
			? reviewed(card, 200, now - DAY)
			: card.entryId === WEAK
				? reviewed(card, 1, now - 20 * DAY, { lapses: 1 })
				: reviewed(card, 30, now - 2 * DAY, { leech: 1, lapses: 8 })
	);
	const log = (cardId: string, rating: number, reviewedAt: number) => ({
		cardId,
		rating,
		reviewedAt,
		durationMs: 4000,
		before: rows[0],
		after: rows[0]
	});
	await writeRows(page, {
		cards: rows,
		reviews: [
			log(`${WEAK}|en2zh`, 3, now - 30 * DAY),
			log(`${WEAK}|zh2en`, 3, now - 29 * DAY),
			log(`${WEAK}|en2zh`, 1, now - 20 * DAY)
		]
	});
}

test.afterEach(({ app }) => {
	expect(app.errors).toEqual([]);
	expect(app.foreign).toEqual([]);
});

test.describe('your memory, in the text, offline', () => {
	test('underlines the deck’s words by how well they are known, and the sheet says it', async ({
		app: { page, origin }
	}) => {
		await open(page, origin + '/');
		await seedReviews(page);
		await open(page, origin + CARD);
		await expect
			.poll(() => marks(page))
			.toMatchObject({
				大陆: 'recall-known',
				台湾: 'recall-weak',
				老黄: 'recall-leech'
			});
		await expect.poll(() => marks(page, NEXT_PARAGRAPH)).toMatchObject({ 阿联酋: 'recall-new' });
		// Words not in the deck are text as before.
		expect(Object.keys(await marks(page))).not.toContain('美国');

		await tapText(page, PARAGRAPH, '台湾');
		await page.getByTestId('word-recall').waitFor();
		await expect.poll(() => page.getByTestId('word-recall-strength').textContent()).toBe('Weak');
		expect(await page.getByTestId('word-recall-line').textContent()).toMatch(/^\d{1,2} % — review due now$/);
		expect(await page.getByTestId('word-history-line').textContent()).toBe(
			'3 reviews · 2 lapses · last Again 20 days ago'
		);
		await closeSheet(page);

		await tapText(page, PARAGRAPH, '大陆');
		await expect
			.poll(() => page.getByTestId('word-recall-line').textContent())
			.toMatch(/^(99|100) % — next review in \d+(\.\d)? months$/);
		await closeSheet(page);

		await tapText(page, NEXT_PARAGRAPH, '阿联酋');
		await expect.poll(() => page.getByTestId('word-recall-strength').textContent()).toBe('New: not studied yet');
		expect(await page.getByTestId('word-history-line').textContent()).toBe('No reviews yet');
	});

	test('the switch takes the underline away, and pinyin can show only over the words not known yet', async ({
		app: { page, origin }
	}) => {
		await open(page, origin + '/');
		await seedReviews(page);
		await open(page, origin + '/settings');
		const showMemory = page.getByTestId('show-memory');
		expect(await showMemory.isChecked()).toBe(true);
		await showMemory.click();
		await page.getByTestId('pinyin-only-unknown').click();
		await saved(page, { showMemory: false, pinyinOnlyUnknown: true });
		await open(page, origin + CARD);
		await page.locator(`[data-paragraph-id="${PARAGRAPH}"] > p`).waitFor();
		expect(await page.locator('[data-card-id] .recall').count()).toBe(0);

		await page.getByTestId('pinyin-toggle').click();
		await expect.poll(() => wordsWithPinyin(page)).toEqual(['台湾', '海外总部']);
		// Still no underline: the two switches are apart.
		expect(await page.locator('[data-card-id] .recall').count()).toBe(0);

		await open(page, origin + '/settings');
		await page.getByTestId('pinyin-only-unknown').click();
		await page.getByTestId('show-memory').click();
		await saved(page, { showMemory: true, pinyinOnlyUnknown: false });
		await open(page, origin + CARD);
		await expect.poll(async () => (await wordsWithPinyin(page)).length).toBeGreaterThan(10);
		await expect.poll(() => marks(page)).toMatchObject({ 台湾: 'recall-weak', 海外总部: 'recall-new' });
		await expect.poll(() => marks(page, NEXT_PARAGRAPH)).toMatchObject({ 阿联酋: 'recall-new' });
	});

	test('marks the words added from an imported text in it too', async ({ app: { page, origin } }) => {
		await open(page, origin + '/read');
		await page.getByTestId('add-text').click();
		await page
			.getByTestId('import-paste')
			.fill(
				'边缘与云\n阿笨：我们谈到了边缘计算edge computing。\n老黄：边缘计算会越来越重要，量子纠错quantum error correction也是。'
			);
		await page.getByTestId('import-preview').click();
		await page.getByTestId('import-confirm').click();
		const words = page.getByTestId('import-words');
		await words.waitFor({ timeout: 30_000 });
		await words.getByRole('button', { name: 'Choose none' }).click();
		await words.locator('[data-word="边缘计算"]').check();
		await page.getByTestId('import-add-words').click();
		await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('1 word added to your deck.');
		await page.getByTestId('import-start').click();

		const marked = () =>
			page.evaluate(() =>
				[...document.querySelectorAll('[data-slot="shown"] > article.card .recall')].map((span) => [
					span.textContent,
					span.className
				])
			);
		await expect.poll(marked).toEqual([['边缘计算', expect.stringContaining('recall-new')]]);
		const paragraphId = await page
			.locator(`${SHOWN_CARD} > article.card [data-paragraph-id]`)
			.filter({ hasText: '我们谈到了' })
			.getAttribute('data-paragraph-id');
		await tapText(page, paragraphId ?? '', '边缘计算');
		await expect.poll(() => page.getByTestId('word-recall-strength').textContent()).toBe('New: not studied yet');
	});
});
