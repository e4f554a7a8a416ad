// New words in reading order, offline on a phone: the words of the cards read come first in review, the end of a
// card offers to learn the next card's new words (within the day's new-card limit), and the deck-order setting
// brings back the deck's own order.
import type { Page } from 'playwright-core';
import { beforeAll } from 'vitest';
import { loadContent } from '../src/lib/content/plugin.ts';
import { contentTools } from '../src/lib/content/tools.ts';
import { importMarkdown, open, readTables, SHOWN_CARD } from './browser.ts';
import { expect, test } from './fixtures.ts';

const ARTICLE = 'huang-2025';
/** A text of three short sections, one card each: a pair of the text's own on the first, two on the second. */
const IMPORTED = [
	'# 芯片小记',
	'## 第一节',
	'阿笨：我们先谈谈云计算cloud computing的成本，这是今天访谈的第一个话题。',
	'## 第二节',
	'老黄：然后是边缘计算edge computing，以及量子纠错quantum error correction，这两样都很重要。',
	'## 第三节',
	'阿笨：谢谢你抽出时间接受这次访谈。'
].join('\n\n');
let wordsOn: (cardId: string) => Set<string>;
let deckOrder: string[];

beforeAll(async () => {
	const { vocab } = loadContent('content', await contentTools());
	deckOrder = vocab.map((entry) => entry.id);
	wordsOn = (cardId) =>
		new Set(
			vocab
				.filter((entry) => entry.occurrences.some((occurrence) => occurrence.cardId === cardId))
				.map((entry) => entry.id)
		);
}, 60_000);

test.afterEach(({ app }) => {
	expect(app.errors).toEqual([]);
});

const entryOf = (cardId: string | null) => cardId?.slice(0, cardId.lastIndexOf('|')) ?? '';

/** Grades the flashcard on screen Easy (its sibling is buried till tomorrow) and returns its word. */
async function learnShown(page: Page): Promise<string> {
	const card = page.getByTestId('flashcard');
	const before = await card.getAttribute('data-card-id');
	await page.getByTestId('show-answer').click();
	await page.getByTestId('grade-4').click();
	await expect
		.poll(async () => ((await card.count()) === 0 ? 'done' : await card.getAttribute('data-card-id')))
		.not.toBe(before);
	await page.locator('main[data-committing="false"]').waitFor();
	return entryOf(before);
}

/** Reads a card to its end and turns to the next one, as a reader does; returns once the card counts as read. */
async function readAndTurn(page: Page, cardId: string): Promise<void> {
	await page.locator(`${SHOWN_CARD} > article.card[data-card-id="${cardId}"]`).waitFor();
	await page.keyboard.press('ArrowRight');
	await expect
		.poll(async () => ((await readTables<{ cardId: string }>(page, ['reading'])).reading ?? []).map((r) => r.cardId))
		.toContain(cardId);
}

test.describe('new words in reading order, offline at 390×844', () => {
	test('reviews the words of the cards read first; deck order brings the deck’s order back', async ({
		app: { page, origin }
	}) => {
		await open(page, `${origin}/read/${ARTICLE}/p2-01`);
		await readAndTurn(page, 'p2-01');
		await readAndTurn(page, 'p2-02');

		await open(page, `${origin}/review`);
		await page.getByTestId('flashcard').waitFor();
		const first = wordsOn('p2-01');
		const learnt: string[] = [];
		for (let i = 0; i <= first.size; i++) learnt.push(await learnShown(page));
		// The words of the card read first, all of them, then one of the second card's.
		expect(new Set(learnt.slice(0, first.size))).toEqual(first);
		expect(wordsOn('p2-02').has(learnt[first.size]!)).toBe(true);
		// The deck's own first word is on neither card, so reading order did move it back.
		expect(wordsOn('p2-01').has(deckOrder[0]!) || wordsOn('p2-02').has(deckOrder[0]!)).toBe(false);
		expect(learnt).not.toContain(deckOrder[0]);

		await open(page, `${origin}/settings`);
		await page.getByTestId('new-card-order').selectOption('deck');
		await expect
			.poll(async () => {
				const { kv } = await readTables<{ key: string; value: { newCardOrder?: string } }>(page, ['kv']);
				return kv?.find((row) => row.key === 'settings:scheduler')?.value.newCardOrder;
			})
			.toBe('deck');
		await open(page, `${origin}/review`);
		await page.getByTestId('flashcard').waitFor();
		// In deck order, the first word of the deck not studied yet: the deck's very first one.
		expect(entryOf(await page.getByTestId('flashcard').getAttribute('data-card-id'))).toBe(deckOrder[0]);
	});

	test('offers the next card’s new words at the end of a card and studies exactly those, within the day’s limit', async ({
		app: { page, origin }
	}) => {
		await open(page, `${origin}/read/${ARTICLE}/p2-03`);
		const offer = page.getByTestId('prepare-next');
		await offer.waitFor();
		const next = wordsOn('p3-01');
		expect(Number(await offer.getAttribute('data-words'))).toBe(next.size);
		await expect(page.getByTestId('prepare-next-start').textContent()).resolves.toBe(
			`Learn the ${next.size} new words of the next card`
		);
		expect(await page.getByTestId('prepare-next-note').getAttribute('data-limit')).toBe('false');

		await page.getByTestId('prepare-next-start').click();
		await page.waitForURL((url) => url.pathname === '/review' && url.search === `?card=${ARTICLE}%2Fp3-01`);
		await expect(page.getByTestId('custom-active').textContent()).resolves.toMatch(
			/Learning the new words of a reading card/
		);
		await page.getByTestId('flashcard').waitFor();
		const learnt: string[] = [];
		while ((await page.getByTestId('flashcard').count()) > 0) learnt.push(await learnShown(page));
		expect(new Set(learnt)).toEqual(next);
		expect(learnt).toHaveLength(next.size);
		await page.getByTestId('review-done').waitFor();

		// Learnt: once worked out, no offer for that card any more.
		await open(page, `${origin}/read/${ARTICLE}/p2-03`);
		await page.locator('main[data-prepare-checked="p3-01"]').waitFor();
		expect(await offer.count()).toBe(0);

		// 20 new cards a day, and the session above took one a word: the next offer says what the limit holds back.
		await open(page, `${origin}/read/${ARTICLE}/p2-02`);
		await offer.waitFor();
		const note = page.getByTestId('prepare-next-note');
		expect(await note.getAttribute('data-limit')).toBe('true');
		await expect(note.textContent()).resolves.toBe(`Today’s new-card limit leaves room for ${20 - next.size} of them.`);
	});

	test('offers the next card’s new words of an imported text too', async ({ app: { page, origin } }) => {
		const words = await importMarkdown(page, origin, IMPORTED);
		await words.getByRole('button', { name: 'Choose none' }).click();
		for (const zh of ['云计算', '边缘计算', '量子纠错']) await words.locator(`[data-word="${zh}"]`).check();
		await page.getByTestId('import-add-words').click();
		await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('3 words added to your deck.');
		await page.getByTestId('import-start').click();

		// On the first card, the offer is for the second card's two words.
		const offer = page.getByTestId('prepare-next');
		await offer.waitFor();
		expect(Number(await offer.getAttribute('data-words'))).toBe(2);
		await page.getByTestId('prepare-next-start').click();
		await page.waitForURL((url) => url.pathname === '/review' && url.searchParams.has('card'));
		await page.getByTestId('flashcard').waitFor();
		const learnt: string[] = [];
		while ((await page.getByTestId('flashcard').count()) > 0) learnt.push(await learnShown(page));
		expect(learnt).toEqual(['user:边缘计算', 'user:量子纠错']);
	});
});
