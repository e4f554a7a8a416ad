import type { Page } from 'playwright-core';
import { cardOfParagraph, open, readTables, SHOWN_CARD, tapText, textBox } from './browser.ts';
import { expect, test as appTest } from './fixtures.ts';

// 每天都如此,构建供应链、扩展生态…: 供应链 is a deck word with a CC-CEDICT entry; 供应 is in neither deck.
const SUPPLY_CHAIN = { paragraphId: 'p0052', word: '供应链' };
// …数据中心级的企业data center scale company…
const TERM = { paragraphId: 'p0025', term: 'data center scale company' };

/** The text of the keyboard's word cursor, as the reader draws it. */
const cursorText = (page: Page) =>
	page.evaluate(() => {
		const cursor = CSS.highlights.get('duka-word-cursor');
		return cursor ? [...cursor].map((range) => range.toString()).join('') : null;
	});

/**
 * Tab until focus is on the card's one paragraph tab stop. Asked in one step in the page: the paragraphs may be
 * rendered anew between finding the element and comparing it (the marks of the first read arriving).
 */
async function tabToTheWords(page: Page): Promise<void> {
	const onTheWords = () =>
		page.evaluate(
			() =>
				!!document.activeElement?.matches('[data-slot="shown"] > article.card [data-paragraph-id] > p[tabindex="0"]')
		);
	for (let tabs = 0; tabs < 12 && !(await onTheWords()); tabs++) await page.keyboard.press('Tab');
	expect(await onTheWords()).toBe(true);
}

/** The paragraph that has focus, by id. */
const focusedParagraph = (page: Page) =>
	page.evaluate(() => (document.activeElement?.parentElement as HTMLElement | null)?.dataset.paragraphId ?? null);

const sheet = (page: Page) => page.getByTestId('word-sheet');

/** Opens the card with 供应链 and taps the word, leaving its sheet open. */
async function tapSupplyChain(page: Page, origin: string): Promise<void> {
	await open(page, `${origin}/read/huang-2025/${cardOfParagraph(SUPPLY_CHAIN.paragraphId)}`);
	await tapText(page, SUPPLY_CHAIN.paragraphId, SUPPLY_CHAIN.word);
	await sheet(page).waitFor();
}

const test = appTest
	/** 供应 (供应链 narrowed by one character) added to the deck from its sheet, which is still open. */
	.extend('added', async ({ app }) => {
		await tapSupplyChain(app.page, app.origin);
		await app.page.getByTestId('drop-last').click();
		await expect.poll(() => app.page.getByTestId('word-sheet-word').textContent()).toBe('供应');
		await app.page.getByTestId('add-to-deck').click();
		await app.page.getByTestId('word-draft-add').click();
		await expect.poll(() => app.page.getByTestId('word-add-status').textContent()).toBe('Added to your deck.');
		return app;
	})
	/** …and its English-to-Chinese card reviewed once (Good), as on the first day. */
	.extend('reviewed', async ({ added }) => {
		const { page, origin } = added;
		await open(page, `${origin}/review`);
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).toBe('user:供应|en2zh');
		await page.keyboard.press('Space');
		await page.getByTestId('answer').waitFor();
		await page.getByTestId('grade-3').click();
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).not.toMatch(/^user:/);
		// The next card shows before the grade is committed: a grade counts as made once it is.
		await page.locator('main[data-committing="false"]').waitFor();
		return added;
	})
	/** The card whose paragraph has the inline term, open offline. */
	.extend('termCard', async ({ app }) => {
		await open(app.page, `${app.origin}/read/huang-2025/${cardOfParagraph(TERM.paragraphId)}`);
		await app.page.locator(`${SHOWN_CARD} > article.card [data-paragraph-id] > p`).first().waitFor();
		return app;
	});

test.afterEach(({ app }) => {
	expect(app.foreign).toEqual([]);
	expect(app.errors).toEqual([]);
});

test.describe('offline word look-up', () => {
	test('taps a word: the sheet shows it highlighted, with pinyin, senses and its deck entry', async ({
		app: { page, origin }
	}) => {
		await open(page, `${origin}/read/huang-2025/${cardOfParagraph(SUPPLY_CHAIN.paragraphId)}`);
		// The paragraphs are text: a few nodes each, not an element per word.
		await expect(page.locator(`[data-paragraph-id="${SUPPLY_CHAIN.paragraphId}"] > p *`).count()).resolves.toBeLessThan(
			10
		);
		await tapText(page, SUPPLY_CHAIN.paragraphId, SUPPLY_CHAIN.word);
		await sheet(page).waitFor();
		await expect(page.getByTestId('word-sheet-word').textContent()).resolves.toBe('供应链');
		await expect.poll(() => page.getByTestId('word-sheet-pinyin').textContent()).toBe('gōng yìng liàn');
		await expect.poll(() => page.getByTestId('word-senses').textContent()).toContain('supply chain');
		await expect.poll(() => page.getByTestId('word-deck-entry').textContent()).toContain('In the built-in deck');
		await expect(
			page.evaluate(() => [...(CSS.highlights.get('duka-lookup') ?? [])].map((range) => range.toString()).join(''))
		).resolves.toBe('供应链');
		// The word is not hidden under the sheet.
		await expect
			.poll(async () => {
				const [word, panel] = await Promise.all([
					textBox(page, SUPPLY_CHAIN.paragraphId, SUPPLY_CHAIN.word),
					sheet(page).boundingBox()
				]);
				return word !== null && panel !== null && word.y + word.height <= panel.y;
			})
			.toBe(true);
	});

	test('narrows the selection, adds the word with both cards, and keeps it across a reload', async ({
		app: { page, origin }
	}) => {
		await tapSupplyChain(page, origin);
		await page.getByTestId('drop-last').click();
		await expect(page.getByTestId('word-sheet-word').textContent()).resolves.toBe('供应');
		await expect.poll(() => page.getByTestId('word-senses').textContent()).toContain('to supply');
		await page.getByTestId('add-to-deck').click();
		// The card starts from the first sense, cut to its first clause, with the English ready to edit.
		await expect.poll(() => page.getByTestId('word-draft-en').inputValue()).toBe('to supply');
		await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
			'word-draft-en'
		);
		// All of it selected, to type over, and shown from its start (select() scrolled a long gloss to its end).
		await expect(
			page
				.getByTestId('word-draft-en')
				.evaluate((input: HTMLInputElement) => [
					input.selectionStart,
					input.selectionEnd,
					input.selectionDirection,
					input.scrollLeft
				])
		).resolves.toEqual([0, 'to supply'.length, 'backward', 0]);
		await page.getByTestId('word-draft-add').click();
		await expect.poll(() => page.getByTestId('word-add-status').textContent()).toBe('Added to your deck.');
		await expect(page.getByTestId('word-deck-entry').textContent()).resolves.toContain('Added by you');

		const tables = await readTables<{
			id: string;
			entryId?: string;
			zh?: string;
			example?: string;
			paragraphId?: string;
		}>(page, ['userEntries', 'cards']);
		expect(tables.userEntries).toEqual([
			expect.objectContaining({
				id: 'user:供应',
				zh: '供应',
				paragraphId: SUPPLY_CHAIN.paragraphId,
				example: expect.stringContaining('构建供应链')
			})
		]);
		expect(
			tables.cards
				?.filter((card) => card.entryId === 'user:供应')
				.map((card) => card.id)
				.sort()
		).toEqual(['user:供应|en2zh', 'user:供应|zh2en']);

		// Escape closes the sheet and gives focus back to the word.
		await page.keyboard.press('Escape');
		await sheet(page).waitFor({ state: 'detached' });
		await expect(focusedParagraph(page)).resolves.toBe(SUPPLY_CHAIN.paragraphId);
		await expect(cursorText(page)).resolves.toBe(SUPPLY_CHAIN.word);
		await expect(page.evaluate(() => CSS.highlights.has('duka-lookup'))).resolves.toBe(false);

		await page.reload();
		await page.waitForSelector('html[data-hydrated="true"]');
		await tapText(page, SUPPLY_CHAIN.paragraphId, SUPPLY_CHAIN.word);
		await page.getByTestId('drop-last').click();
		await expect.poll(() => page.getByTestId('word-deck-entry').textContent()).toContain('Added by you');
		await expect(page.getByTestId('add-to-deck').count()).resolves.toBe(0);
	});

	test('lists the new word in the deck', async ({ added: { page, origin } }) => {
		await open(page, `${origin}/deck`);
		await page.getByTestId('deck-search').fill('供应');
		await expect.poll(() => page.getByTestId('deck-row').filter({ hasText: 'to supply' }).count()).toBe(1);
	});

	test("finds the new word first in today's review, with its sentence and a way back to the passage", async ({
		added: { page, origin }
	}) => {
		await open(page, `${origin}/review`);
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).toBe('user:供应|en2zh');
		await expect(page.getByTestId('flashcard').textContent()).resolves.toContain('to supply');
		await page.keyboard.press('Space');
		await expect(page.getByTestId('answer').textContent()).resolves.toContain('供应');
		await expect(page.getByTestId('pinyin').textContent()).resolves.toBe('gōng yìng');
		await expect.poll(() => page.getByTestId('example').textContent()).toContain('构建供应链');
		await page.getByTestId('in-context').click();
		await page.waitForURL((url) => url.hash === `#${SUPPLY_CHAIN.paragraphId}`);
		// The word itself is marked in its paragraph.
		await expect
			.poll(() =>
				page.evaluate(() =>
					[...(CSS.highlights.get('duka-review-word') ?? [])].map((range) => range.toString()).join('')
				)
			)
			.toBe('供应');
		// "Back to review" is a row of the footer: over no text, and clear of "Next card".
		const [back, next, footer] = await Promise.all([
			page.getByTestId('back-to-review').boundingBox(),
			page.getByTestId('next-card').boundingBox(),
			page.locator('footer').last().boundingBox()
		]);
		expect(back && next && footer).toBeTruthy();
		expect(back!.y + back!.height).toBeLessThanOrEqual(next!.y);
		expect(back!.y).toBeGreaterThanOrEqual(footer!.y);
		await page.getByTestId('back-to-review').click();
		await page.waitForURL((url) => url.pathname === '/review');
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).toBe('user:供应|en2zh');
		// The answer is still shown, as it was when the passage was opened.
		await page.getByTestId('answer').waitFor();
		await page.getByTestId('grade-3').click();
		// Its other direction is buried until tomorrow, as for any word; the built-in deck follows.
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).not.toMatch(/^user:/);
		// The next card shows before the grade is committed: a grade counts as made once it is.
		await page.locator('main[data-committing="false"]').waitFor();
	});

	test('edits the word from the deck, refusing an empty gloss, then deletes it with undo', async ({
		reviewed: { page, origin }
	}) => {
		await open(page, `${origin}/deck`);
		await page.getByTestId('deck-search').fill('供应');
		await page.getByTestId('deck-row').filter({ hasText: 'to supply' }).first().click();
		await page.getByTestId('edit-word').click();
		await page.getByTestId('word-field-en').fill('   ');
		await page.getByTestId('save-word').click();
		await expect(page.getByRole('alert').textContent()).resolves.toBe('English is needed.');
		await page.getByTestId('word-field-en').fill('to supply (goods)');
		await page.getByTestId('word-field-defZh').fill('<b>提供</b>');
		await page.getByTestId('save-word').click();
		await expect.poll(() => page.locator('h1 .en').textContent()).toBe('to supply (goods)');
		await expect(page.locator('main').textContent()).resolves.toContain('<b>提供</b>');
		const edited = await readTables<{ id: string; en?: string; defZh?: string }>(page, ['userEntries']);
		expect(edited.userEntries).toEqual([
			expect.objectContaining({ id: 'user:供应', en: 'to supply (goods)', defZh: '<b>提供</b>' })
		]);

		const before = await readTables(page, ['userEntries', 'cards', 'reviews']);
		await page.getByTestId('delete-word').click();
		await expect.poll(() => page.getByTestId('word-deleted').textContent()).toContain('1 review');
		const gone = await readTables<{ id: string; entryId?: string; cardId?: string }>(page, [
			'userEntries',
			'cards',
			'reviews'
		]);
		expect(gone.userEntries).toEqual([]);
		expect(gone.cards?.some((card) => card.entryId === 'user:供应')).toBe(false);
		expect(gone.reviews?.some((log) => log.cardId?.startsWith('user:'))).toBe(false);
		await page.getByTestId('undo-delete-word').click();
		await expect.poll(() => page.locator('h1 .en').textContent()).toBe('to supply (goods)');
		expect(await readTables(page, ['userEntries', 'cards', 'reviews'])).toEqual(before);
		// The page's address carries the card in its query; loaded afresh offline, it still opens that card.
		await page.reload();
		await page.waitForSelector('html[data-hydrated="true"]');
		await expect.poll(() => page.locator('h1 .en').textContent()).toBe('to supply (goods)');
	});

	test('taps an inline English term: its Chinese in the text and its deck entry', async ({ app: { page, origin } }) => {
		await open(page, `${origin}/read/huang-2025/${cardOfParagraph(TERM.paragraphId)}`);
		await page
			.locator(`[data-paragraph-id="${TERM.paragraphId}"] span.term[lang="en"]`)
			.filter({ hasText: TERM.term })
			.tap();
		await sheet(page).waitFor();
		await expect.poll(() => page.getByTestId('term-rendering').textContent()).toContain('数据中心级的企业');
		await expect(page.getByTestId('word-deck-entry').textContent()).resolves.toContain('data center scale company');
		// A press elsewhere closes it.
		await page.locator(`${SHOWN_CARD} > article.card h1`).tap();
		await sheet(page).waitFor({ state: 'detached' });
	});

	test('the selection chips say what they do: 面对面 leaves out its first or its last 面', async ({
		app: { page, origin }
	}) => {
		// 咱两终于能面对面交流了…
		await open(page, `${origin}/read/huang-2025/${cardOfParagraph('p0021')}`);
		await tapText(page, 'p0021', '面对面');
		await expect.poll(() => page.getByTestId('word-sheet-word').textContent()).toBe('面对面');
		const dropFirst = page.getByTestId('drop-first');
		const dropLast = page.getByTestId('drop-last');
		await expect.poll(() => dropFirst.locator('.result').textContent()).toBe('对面');
		await expect(dropLast.locator('.result').textContent()).resolves.toBe('面对');
		const names = await Promise.all([dropFirst, dropLast].map((chip) => chip.evaluate((b) => b.textContent?.trim())));
		expect(names[0]).toContain('Leave out the first 面');
		expect(names[1]).toContain('Leave out the last 面');
		await dropFirst.click();
		await expect.poll(() => page.getByTestId('word-sheet-word').textContent()).toBe('对面');
	});

	test('reaches the words with one tab stop and the arrow keys, without changing card', async ({
		termCard: { page }
	}) => {
		const url = page.url();
		const stop = page.locator(`${SHOWN_CARD} > article.card [data-paragraph-id] > p[tabindex="0"]`);
		await expect(stop.count()).resolves.toBe(1);
		await tabToTheWords(page);
		const first = await cursorText(page);
		expect(first).toBeTruthy();
		await page.keyboard.press('ArrowRight');
		const second = await cursorText(page);
		expect(second).toBeTruthy();
		expect(second).not.toBe(first);
		await expect(page.getByTestId('word-cursor-announcement').textContent()).resolves.toBe(second);
		expect(page.url()).toBe(url);
		await page.keyboard.press('Enter');
		await sheet(page).waitFor();
		await expect(page.getByTestId('word-sheet-word').textContent()).resolves.toBe(second);
		await page.keyboard.press('Escape');
		await sheet(page).waitFor({ state: 'detached' });
		await expect(cursorText(page)).resolves.toBe(second);

		// End goes to the paragraph's last word, and → from there into the next paragraph.
		const paragraph = await focusedParagraph(page);
		await page.keyboard.press('End');
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => focusedParagraph(page)).not.toBe(paragraph);
		await expect(stop.count()).resolves.toBe(1);
		expect(page.url()).toBe(url);
		// Leaving the paragraph hides the cursor.
		await page.locator(`${SHOWN_CARD} > article.card h1`).click();
		await expect.poll(() => cursorText(page)).toBeNull();
	});

	test('keeps focus and the word cursor when a review in another tab renders the paragraphs anew', async ({
		termCard: { page }
	}) => {
		await tabToTheWords(page);
		await page.keyboard.press('ArrowRight');
		const word = await cursorText(page);
		expect(word).toBeTruthy();
		const paragraph = await focusedParagraph(page);
		await page.evaluate(() => document.activeElement?.setAttribute('data-before-render', ''));

		// The card was just read, so the first new word reviewed is one of its words: its mark changes here.
		const other = await page.context().newPage();
		await open(other, new URL('/review', page.url()).href);
		await other.getByTestId('show-answer').click();
		await other.getByTestId('grade-3').click();
		await expect
			.poll(() => page.locator(`${SHOWN_CARD} > article.card p[data-before-render]`).count(), { timeout: 15_000 })
			.toBe(0);
		expect(await focusedParagraph(page)).toBe(paragraph);
		await expect.poll(() => cursorText(page)).toBe(word);
		await other.close();
	});

	test('shows pinyin over the text, offline, and keeps the setting', async ({ termCard: { page } }) => {
		await page.getByTestId('pinyin-toggle').click();
		await expect.poll(() => page.locator(`[data-paragraph-id="${TERM.paragraphId}"] rt`).count()).toBeGreaterThan(20);
		const secondWord = await page
			.locator(`[data-paragraph-id="${TERM.paragraphId}"] > p .word`)
			.nth(1)
			.locator('rt')
			.allTextContents();
		expect(secondWord).toEqual(['zhòng', 'yào']);
		await page.reload();
		await page.waitForSelector('html[data-hydrated="true"]');
		await expect.poll(() => page.getByTestId('pinyin-toggle').getAttribute('aria-pressed')).toBe('true');
		await expect.poll(() => page.locator(`${SHOWN_CARD} > article.card rt`).count()).toBeGreaterThan(20);
		// Look-up still works over ruby, and reads the word without its pinyin.
		await tapText(page, TERM.paragraphId, '重要');
		await expect.poll(() => page.getByTestId('word-sheet-word').textContent()).toBe('重要');
		// A tap on a syllable of pinyin looks up its character's word.
		await page.getByTestId('word-sheet-close').click();
		await page.locator(`[data-paragraph-id="${TERM.paragraphId}"] > p .word`).nth(1).locator('rt').first().tap();
		await expect.poll(() => page.getByTestId('word-sheet-word').textContent()).toBe('重要');
		await page.getByTestId('word-sheet-close').click();
		await page.getByTestId('pinyin-toggle').click();
		await expect.poll(() => page.locator(`${SHOWN_CARD} > article.card rt`).count()).toBe(0);
	});

	test('made no request beyond the app’s own origin and no errors', async ({
		reviewed: { page, origin, foreign, errors }
	}) => {
		// A whole look-up round: tapped, added, reviewed (above); then the deck and the term, all offline.
		await open(page, `${origin}/deck`);
		await page.getByTestId('deck-search').fill('供应');
		await expect.poll(() => page.getByTestId('deck-row').filter({ hasText: 'to supply' }).count()).toBe(1);
		await open(page, `${origin}/read/huang-2025/${cardOfParagraph(TERM.paragraphId)}`);
		await page
			.locator(`[data-paragraph-id="${TERM.paragraphId}"] span.term[lang="en"]`)
			.filter({ hasText: TERM.term })
			.tap();
		await sheet(page).waitFor();
		expect(foreign).toEqual([]);
		expect(errors).toEqual([]);
	});
});
