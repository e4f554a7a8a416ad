import type { Page } from 'playwright-core';
import { cardOfParagraph, importMarkdown, open, readTables, tapText } from './browser.ts';
import { expect, test } from './fixtures.ts';

// 每天都如此,构建供应链、扩展生态…: 供应 (供应链 narrowed by one character) is in neither deck.
const SUPPLY_CHAIN = { paragraphId: 'p0052', word: '供应链' };

const cardIds = async (page: Page, entryId: string) =>
	(await readTables<{ id: string; entryId: string }>(page, ['cards']))
		.cards!.filter((card) => card.entryId === entryId)
		.map((card) => card.id)
		.sort();

/** Suspends a card from its page in the deck, as a user would to study another card of the word now. */
async function suspendCard(page: Page, origin: string, id: string): Promise<void> {
	await open(page, `${origin}/deck/card?id=${encodeURIComponent(id)}`);
	await page.getByTestId('suspend').click();
	await expect.poll(() => page.getByTestId('suspend').textContent()).toContain('Unsuspend');
}

test.afterEach(({ app }) => {
	expect(app.foreign).toEqual([]);
	expect(app.errors).toEqual([]);
});

test.describe('cloze cards on the article’s own sentences', () => {
	test('adds a word with a cloze card from the reader, then reviews the blank and its answer', async ({
		app: { page, origin }
	}) => {
		await open(page, `${origin}/read/huang-2025/${cardOfParagraph(SUPPLY_CHAIN.paragraphId)}`);
		await tapText(page, SUPPLY_CHAIN.paragraphId, SUPPLY_CHAIN.word);
		await page.getByTestId('word-sheet').waitFor();
		await page.getByTestId('drop-last').click();
		await expect.poll(() => page.getByTestId('word-sheet-word').textContent()).toBe('供应');
		await page.getByTestId('add-to-deck').click();
		const cloze = page.getByTestId('word-draft-cloze');
		await expect(cloze.isChecked()).resolves.toBe(false);
		// A thumb-sized target on the phone.
		const box = await page.locator('label', { has: cloze }).boundingBox();
		expect(box!.height).toBeGreaterThanOrEqual(44);
		await cloze.check();
		await page.getByTestId('word-draft-add').click();
		await expect.poll(() => page.getByTestId('word-add-status').textContent()).toBe('Added to your deck.');
		await expect
			.poll(() => cardIds(page, 'user:供应'))
			.toEqual(['user:供应|clozeZh', 'user:供应|en2zh', 'user:供应|zh2en']);

		// The choice is remembered for the next word.
		await tapText(page, SUPPLY_CHAIN.paragraphId, '生态');
		await expect.poll(() => page.getByTestId('word-sheet-word').textContent()).toBe('生态');
		await page.getByTestId('add-to-deck').click();
		await expect.poll(() => page.getByTestId('word-draft-cloze').isChecked()).toBe(true);

		// The word's flashcards come first and would bury their sibling: put them aside to meet the cloze today.
		await suspendCard(page, origin, 'user:供应|en2zh');
		await suspendCard(page, origin, 'user:供应|zh2en');
		await open(page, `${origin}/review`);
		const flashcard = page.getByTestId('flashcard');
		await expect.poll(() => flashcard.getAttribute('data-card-id')).toBe('user:供应|clozeZh');
		await expect.poll(() => flashcard.textContent()).toContain('Cloze: Chinese');
		const sentence = page.getByTestId('cloze-sentence');
		await expect.poll(() => sentence.textContent()).toContain('构建链、扩展生态');
		await expect(page.getByTestId('cloze-blank').count()).resolves.toBe(1);
		await expect(page.getByTestId('cloze-clue').textContent()).resolves.toContain('to supply');
		await expect(sentence.textContent()).resolves.not.toContain('供应');

		await page.keyboard.press('Space');
		await page.getByTestId('answer').waitFor();
		await expect(page.getByTestId('cloze-answer').textContent()).resolves.toBe('供应');
		await expect(sentence.textContent()).resolves.toContain('构建供应链、扩展生态');
		await expect(page.getByTestId('pinyin').textContent()).resolves.toBe('gōng yìng');
		// The card shows its sentence already: only the way to its passage is added.
		await expect(page.getByTestId('example').count()).resolves.toBe(0);
		await expect(page.getByTestId('in-context').isVisible()).resolves.toBe(true);
		await page.getByTestId('grade-3').click();
		await expect.poll(() => flashcard.getAttribute('data-card-id')).not.toBe('user:供应|clozeZh');
		await page.locator('main[data-committing="false"]').waitFor();
	});

	test('makes the built-in deck’s cloze cards from the study setting, shown by type in the deck and stats', async ({
		app: { page, origin }
	}) => {
		// None yet: the deck's cloze filter says where they come from, and there is nothing to select.
		await open(page, `${origin}/deck`);
		await page.getByTestId('deck-kind').selectOption('cloze');
		await expect.poll(() => page.getByTestId('deck-count').textContent()).toBe('0 words');
		await expect(page.getByTestId('deck-empty-hint').textContent()).resolves.toContain('Settings → Study');
		await expect(page.getByTestId('deck-select').isDisabled()).resolves.toBe(true);

		await open(page, `${origin}/settings`);
		const setting = page.getByTestId('built-in-cloze');
		await expect(setting.isChecked()).resolves.toBe(false);
		await setting.check();
		await expect.poll(() => page.getByTestId('cloze-made').textContent()).toMatch(/^\d+ cloze cards made\.$/);
		const made = Number((await page.getByTestId('cloze-made').textContent())!.split(' ')[0]);
		expect(made).toBeGreaterThan(100);

		await open(page, `${origin}/deck`);
		await page.getByTestId('deck-kind').selectOption('cloze');
		await expect.poll(() => page.getByTestId('deck-count').textContent()).not.toBe('0 words');
		await page.getByTestId('deck-search').fill('IT预算');
		const row = page.getByTestId('deck-row').filter({ hasText: 'IT budget' });
		await expect.poll(() => row.count()).toBe(1);
		// Both ways: the sentence “IT预算 IT budget” holds the English term as well.
		await expect
			.poll(() =>
				row
					.getByTestId('deck-row-card')
					.evaluateAll((cards) => cards.map((card) => (card as HTMLElement).dataset.direction))
			)
			.toEqual(['en2zh', 'zh2en', 'clozeZh', 'clozeEn']);
		await expect(row.textContent()).resolves.toContain('Cloze EN');

		await open(page, `${origin}/stats`);
		await expect.poll(() => page.getByTestId('stats-cloze').textContent()).toBe(`of them, ${made} cloze cards`);

		// Turned off, the cards stay (with any reviews) but wait; on again, none is made twice.
		await open(page, `${origin}/settings`);
		await page.getByTestId('built-in-cloze').uncheck();
		const stored = async () =>
			(await readTables<{ key: string; value: { builtInCloze?: boolean } }>(page, ['kv'])).kv!.find(
				(row) => row.key === 'settings:scheduler'
			)?.value.builtInCloze;
		await expect.poll(stored).toBe(false);
		await expect.poll(async () => (await readTables(page, ['cards'])).cards!.length).toBeGreaterThan(made);
		await page.getByTestId('built-in-cloze').check();
		await expect.poll(() => page.getByTestId('cloze-made').textContent()).toBe('0 cloze cards made.');
	});

	test('makes cloze cards for the words of an imported text, and reviews one', async ({ app: { page, origin } }) => {
		const text = [
			'# 芯片小记',
			'阿笨：我们先谈谈云计算cloud computing的成本，这是今天访谈的第一个话题。',
			'老黄：成本每年都在下降，这是好事。'
		].join('\n\n');
		const words = await importMarkdown(page, origin, text);
		await words.getByRole('button', { name: 'Choose none' }).click();
		await words.locator('[data-word="云计算"]').check();
		await page.getByTestId('import-words-cloze').check();
		await page.getByTestId('import-add-words').click();
		await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('1 word added to your deck.');
		// The sentence holds the pair, so both ways: the Chinese blanked, and the English.
		await expect
			.poll(() => cardIds(page, 'user:云计算'))
			.toEqual(['user:云计算|clozeEn', 'user:云计算|clozeZh', 'user:云计算|en2zh', 'user:云计算|zh2en']);

		for (const id of ['user:云计算|en2zh', 'user:云计算|zh2en', 'user:云计算|clozeEn'])
			await suspendCard(page, origin, id);
		await open(page, `${origin}/review`);
		const flashcard = page.getByTestId('flashcard');
		await expect.poll(() => flashcard.getAttribute('data-card-id')).toBe('user:云计算|clozeZh');
		const sentence = page.getByTestId('cloze-sentence');
		await expect(sentence.textContent()).resolves.not.toContain('云计算');
		await expect(page.getByTestId('cloze-blank').count()).resolves.toBe(1);
		await page.keyboard.press('Space');
		await expect(page.getByTestId('cloze-answer').textContent()).resolves.toBe('云计算');
		await page.getByTestId('grade-3').click();
		await page.locator('main[data-committing="false"]').waitFor();
	});
});
