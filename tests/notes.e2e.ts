import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { open, readTables, SHOWN_CARD } from './browser.ts';
import { expect, test as appTest } from './fixtures.ts';

const ARTICLE = 'huang-2025';
const CARD = 'p1-01';
const NOTE = '**bold** point <script>window.__x=1</script> <img src=x onerror="window.__x=2"> 🚀🇹🇼 数据中心';

interface HighlightRow {
	id: string;
	paragraphId: string;
	quote: string;
	color: string;
}
interface NoteRow {
	id: string;
	highlightId: string | null;
	text: string;
}

const tables = (page: Page) =>
	readTables(page, ['bookmarks', 'highlights', 'notes']) as Promise<{
		bookmarks: { paragraphId: string }[];
		highlights: HighlightRow[];
		notes: NoteRow[];
	}>;

/**
 * Selects [start, end) of a paragraph's text (pinyin left out) with a DOM Range, as a finger or mouse selection
 * would.
 */
async function selectText(page: Page, id: string, start: number, end: number): Promise<void> {
	await page.evaluate(
		({ id, start, end }) => {
			const root = document.querySelector(`[data-paragraph-id="${id}"] > p`);
			if (!root) throw new Error(`no paragraph ${id}`);
			const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
			const range = document.createRange();
			let offset = 0;
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				if (node.parentElement?.closest('rt')) continue; // pinyin is not part of the text
				const length = (node as Text).length;
				if (start >= offset && start <= offset + length && range.startContainer === document)
					range.setStart(node, start - offset);
				if (end >= offset && end <= offset + length) {
					range.setEnd(node, end - offset);
					break;
				}
				offset += length;
			}
			const selection = document.getSelection();
			selection?.removeAllRanges();
			selection?.addRange(range);
		},
		{ id, start, end }
	);
}

/** The passage the tests mark: the first paragraph of the card with a GPU in it, and its words from 希望 to GPU. */
async function findPassage(page: Page, origin: string): Promise<{ paragraphId: string; quote: string }> {
	await open(page, `${origin}/read/${ARTICLE}/${CARD}`);
	const sections = page.locator(`${SHOWN_CARD} [data-paragraph-id]`);
	await sections.first().waitFor();
	// The first paragraph with a GPU in it: the highlight later spans Chinese and an English term.
	const ids = await sections.evaluateAll((elements) =>
		elements.map((element): [string, string] => [
			element.getAttribute('data-paragraph-id') ?? '',
			element.querySelector(':scope > p')?.textContent ?? ''
		])
	);
	const [paragraphId, text] = ids.find(([, text]) => text.includes('GPU')) ?? ['', ''];
	const start = text.indexOf('希望');
	const quote = text.slice(start, text.indexOf('GPU') + 3);
	return { paragraphId, quote };
}

/** Highlights the passage in blue by selecting its words, as a finger would. */
async function highlight(page: Page, paragraphId: string, quote: string): Promise<void> {
	const text = (await page.locator(`[data-paragraph-id="${paragraphId}"] > p`).textContent()) ?? '';
	const start = text.indexOf(quote);
	await selectText(page, paragraphId, start, start + quote.length);
	await page.getByTestId('selection-toolbar').waitFor();
	await page.getByTestId('highlight-blue').click();
	await expect
		.poll(async () => (await page.locator(`[data-paragraph-id="${paragraphId}"] mark`).allTextContents()).join(''))
		.toBe(quote);
}

/** Writes a note on the paragraph's highlight and closes the editor with Done. */
async function writeNote(page: Page, paragraphId: string, text: string): Promise<void> {
	await page.locator(`[data-paragraph-id="${paragraphId}"] mark`).first().click();
	await page.getByTestId('highlight-toolbar').waitFor();
	await page.getByTestId('highlight-note').click();
	await page.getByTestId('note-sheet').waitFor();
	await page.getByTestId('note-input').fill(text);
	await page.getByTestId('note-done').click();
	await page.getByTestId('note-sheet').waitFor({ state: 'detached' });
	await expect.poll(async () => (await tables(page)).notes.map((note) => note.text)).toEqual([text]);
}

/** A highlight whose words are no longer in its paragraph (the article was edited), written behind Dexie's back. */
async function putDetachedHighlight(page: Page, paragraphId: string): Promise<void> {
	await page.evaluate(
		({ paragraphId }) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('duka');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const transaction = request.result.transaction('highlights', 'readwrite');
					transaction.objectStore('highlights').put({
						id: 'h-gone',
						articleId: 'huang-2025',
						paragraphId,
						start: 0,
						end: 4,
						quote: '消失的字',
						prefix: '',
						suffix: '',
						color: 'pink',
						createdAt: 1,
						updatedAt: 1
					});
					transaction.oncomplete = () => {
						request.result.close();
						resolve();
					};
				};
			}),
		{ paragraphId }
	);
}

const test = appTest
	/** The passage found on its card, offline, with nothing marked yet. */
	.extend('passage', async ({ app }) => ({ ...app, ...(await findPassage(app.page, app.origin)) }))
	/** …bookmarked with its ribbon. */
	.extend('bookmarked', async ({ passage }) => {
		const ribbon = passage.page.locator(`[data-paragraph-id="${passage.paragraphId}"]`).getByTestId('bookmark');
		await ribbon.click();
		await expect.poll(() => ribbon.getAttribute('aria-pressed')).toBe('true');
		return passage;
	})
	/** …and its words highlighted in blue with NOTE on them: the card is still open. */
	.extend('marked', async ({ bookmarked }) => {
		const { page, paragraphId, quote } = bookmarked;
		await highlight(page, paragraphId, quote);
		await writeNote(page, paragraphId, NOTE);
		return bookmarked;
	});

test.afterEach(({ app }) => {
	expect(app.errors).toEqual([]);
});

test.describe('bookmarks, highlights and notes offline', () => {
	test('shows a clear empty state before anything is marked', async ({ app: { page, origin } }) => {
		await open(page, `${origin}/notes`);
		await expect(page.getByTestId('notes-empty').textContent()).resolves.toMatch(/No notes yet/);
	});

	test('bookmarks a paragraph with one tap on its ribbon', async ({ app: { page, origin } }) => {
		const { paragraphId, quote } = await findPassage(page, origin);
		expect(quote).toMatch(/^希望.*GPU$/);

		const ribbon = page.locator(`[data-paragraph-id="${paragraphId}"]`).getByTestId('bookmark');
		await expect(ribbon.getAttribute('aria-label')).resolves.toBe('Bookmark this paragraph');
		const box = await ribbon.boundingBox();
		expect(box?.width).toBeGreaterThanOrEqual(44);
		expect(box?.height).toBeGreaterThanOrEqual(44);
		await ribbon.click();
		await expect.poll(() => ribbon.getAttribute('aria-pressed')).toBe('true');
		await expect.poll(async () => (await tables(page)).bookmarks.map((row) => row.paragraphId)).toEqual([paragraphId]);
	});

	test('highlights selected words and writes a note on them, kept across a reload', async ({
		bookmarked: { page, paragraphId, quote }
	}) => {
		const text = (await page.locator(`[data-paragraph-id="${paragraphId}"] > p`).textContent()) ?? '';
		const start = text.indexOf(quote);
		await selectText(page, paragraphId, start, start + quote.length);
		await page.getByTestId('selection-toolbar').waitFor();
		await page.getByTestId('highlight-blue').click();

		const marks = page.locator(`[data-paragraph-id="${paragraphId}"] mark`);
		await expect.poll(async () => (await marks.allTextContents()).join('')).toBe(quote);
		await expect(marks.first().getAttribute('data-color')).resolves.toBe('blue');
		// The paragraph reads exactly as before: marks wrap text, they add none.
		await expect(page.locator(`[data-paragraph-id="${paragraphId}"] > p`).textContent()).resolves.toBe(text);

		await marks.first().click();
		await page.getByTestId('highlight-toolbar').waitFor();
		await page.getByTestId('highlight-note').click();
		await page.getByTestId('note-sheet').waitFor();
		await page.getByTestId('note-input').fill(NOTE);
		// No Done, no pause: the tab is reloaded while the save may still be pending.
		await page.reload();
		await page.waitForSelector('html[data-hydrated="true"]');

		await expect.poll(async () => (await tables(page)).notes.map((note) => note.text)).toEqual([NOTE]);
		const { highlights, notes } = await tables(page);
		expect(highlights).toMatchObject([{ paragraphId, quote, color: 'blue' }]);
		expect(notes[0]?.highlightId).toBe(highlights[0]?.id);
		await expect.poll(async () => (await marks.allTextContents()).join('')).toBe(quote);
		await expect(
			page.locator(`[data-paragraph-id="${paragraphId}"]`).getByTestId('note-chip').textContent()
		).resolves.toContain('<script>window.__x=1</script>');
		await expect(
			page.locator(`[data-paragraph-id="${paragraphId}"]`).getByTestId('bookmark').getAttribute('aria-pressed')
		).resolves.toBe('true');
	});

	test('refuses a note over 100,000 characters with a message, keeping the text in the editor', async ({
		marked: { page, paragraphId }
	}) => {
		await page.locator(`[data-paragraph-id="${paragraphId}"]`).getByTestId('note-chip').click();
		const input = page.getByTestId('note-input');
		await expect(input.inputValue()).resolves.toBe(NOTE);
		const tooLong = NOTE + 'x'.repeat(100_001 - NOTE.length);
		await input.fill(tooLong);
		await expect(page.getByTestId('note-too-long').textContent()).resolves.toMatch(/over the limit of 100,000/);
		await expect(page.getByTestId('note-counter').textContent()).resolves.toMatch(/100,001 \/ 100,000/);
		await page.getByTestId('note-done').click();
		await expect(page.getByTestId('note-sheet').isVisible()).resolves.toBe(true);
		await expect(input.inputValue()).resolves.toBe(tooLong);
		await page.waitForTimeout(600);
		expect((await tables(page)).notes.map((note) => note.text)).toEqual([NOTE]);

		await input.fill(NOTE);
		await page.getByTestId('note-done').click();
		await page.getByTestId('note-sheet').waitFor({ state: 'detached' });
	});

	test('finds the note by search on the Notes screen, showing its markup as text', async ({
		marked: { page, origin, quote }
	}) => {
		await open(page, `${origin}/notes`);
		const entries = page.getByTestId('notes-entry');
		await expect.poll(() => entries.count()).toBe(2);
		await page.getByTestId('notes-search').fill('BOLD 数据');
		await expect.poll(() => entries.count()).toBe(1);
		await expect(page.getByTestId('notes-matches').textContent()).resolves.toBe('1 match');

		const entry = entries.first();
		await expect(entry.getAttribute('data-kind')).resolves.toBe('highlight');
		await expect(entry.locator('mark').textContent()).resolves.toBe(quote);
		const note = entry.getByTestId('note-text');
		await expect(note.locator('strong').textContent()).resolves.toBe('bold');
		await expect(note.textContent()).resolves.toContain(
			'<script>window.__x=1</script> <img src=x onerror="window.__x=2"> 🚀🇹🇼 数据中心'
		);
		await expect(note.locator('script, img').count()).resolves.toBe(0);
		expect(await page.evaluate(() => (window as unknown as { __x?: number }).__x)).toBeUndefined();

		await page.getByTestId('notes-search').fill('');
		await expect.poll(() => entries.count()).toBe(2);
		await page.getByTestId('notes-search').fill('no such words');
		await expect(page.getByTestId('notes-matches').textContent()).resolves.toBe('Nothing matches your search.');
	});

	test('jumps back to the passage', async ({ marked: { page, origin, paragraphId, quote } }) => {
		await open(page, `${origin}/notes`);
		await page.getByTestId('notes-search').fill('bold');
		await page.getByTestId('notes-entry').getByTestId('jump').click();
		await page.waitForURL((url) => url.pathname === `/read/${ARTICLE}/${CARD}` && url.hash === `#${paragraphId}`);
		const paragraph = page.locator(`[data-paragraph-id="${paragraphId}"]`);
		await expect
			.poll(() =>
				paragraph.evaluate(
					(element) =>
						element.getBoundingClientRect().top >= 0 && element.getBoundingClientRect().top < window.innerHeight
				)
			)
			.toBe(true);
		await expect.poll(async () => (await paragraph.locator('mark').allTextContents()).join('')).toBe(quote);
	});

	test('deletes a highlight from the reader, and Undo brings it back with its note', async ({
		marked: { page, paragraphId, quote }
	}) => {
		const before = await tables(page);
		const marks = page.locator(`[data-paragraph-id="${paragraphId}"] mark`);
		await marks.first().click();
		await page.getByTestId('highlight-delete').click();
		await expect.poll(() => marks.count()).toBe(0);
		await expect.poll(async () => (await tables(page)).notes.length).toBe(0);
		await page.getByTestId('undo-delete').click();
		await expect.poll(async () => (await marks.allTextContents()).join('')).toBe(quote);
		expect(await tables(page)).toEqual(before);
	});

	test('opens a highlight from the keyboard and gives focus back on Escape', async ({
		marked: { page, paragraphId }
	}) => {
		const mark = page.locator(`[data-paragraph-id="${paragraphId}"] mark[tabindex="0"]`);
		await expect(mark.count()).resolves.toBe(1);
		await mark.focus();
		await page.keyboard.press('Enter');
		await page.getByTestId('highlight-toolbar').waitFor();
		await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe(
			'highlight-blue'
		);
		await page.keyboard.press('Escape');
		await page.getByTestId('highlight-toolbar').waitFor({ state: 'detached' });
		await expect(mark.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
	});

	test('edits a note in place on the Notes screen', async ({ marked: { page, origin } }) => {
		await open(page, `${origin}/notes`);
		const highlight = page.locator('[data-testid="notes-entry"][data-kind="highlight"]');
		await highlight.getByTestId('edit-note').click();
		const input = highlight.getByTestId('note-input');
		await expect(input.inputValue()).resolves.toBe(NOTE);
		await input.fill(`${NOTE}\n\n- *also* this`);
		await highlight.getByTestId('edit-done').click();
		await expect
			.poll(async () => (await tables(page)).notes.map((note) => note.text))
			.toEqual([`${NOTE}\n\n- *also* this`]);
		await expect(highlight.getByTestId('note-text').locator('li em').textContent()).resolves.toBe('also');
	});

	test('deletes a highlight with its note, and Undo puts both back exactly', async ({ marked: { page, origin } }) => {
		await open(page, `${origin}/notes`);
		const before = await tables(page);
		const highlight = page.locator('[data-testid="notes-entry"][data-kind="highlight"]');
		await highlight.getByTestId('delete-entry').click();
		await expect.poll(() => highlight.count()).toBe(0);
		await expect.poll(async () => (await tables(page)).notes.length).toBe(0);
		expect((await tables(page)).highlights).toEqual([]);

		await page.getByTestId('undo-delete').click();
		await expect.poll(() => highlight.count()).toBe(1);
		expect(await tables(page)).toEqual(before);
	});

	test('lists a highlight whose words were edited out of the paragraph as detached, not lost', async ({
		passage: { page, origin, paragraphId }
	}) => {
		await open(page, `${origin}/notes`);
		await putDetachedHighlight(page, paragraphId);
		// Written behind Dexie's back, so nothing announces it: a reload reads it.
		await page.reload();
		await page.waitForSelector('html[data-hydrated="true"]');
		const detached = page.getByTestId('detached');
		await expect.poll(() => detached.count()).toBe(1);
		await expect(
			page.locator('[data-testid="notes-entry"]', { has: detached }).locator('blockquote').textContent()
		).resolves.toContain('消失的字');
	});

	test('exports the quotes and notes as a Markdown file', async ({ marked: { page, origin, paragraphId, quote } }) => {
		await open(page, `${origin}/notes`);
		const highlightEntry = page.locator('[data-testid="notes-entry"][data-kind="highlight"]');
		await highlightEntry.getByTestId('edit-note').click();
		await highlightEntry.getByTestId('note-input').fill(`${NOTE}\n\n- *also* this`);
		await highlightEntry.getByTestId('edit-done').click();
		await expect
			.poll(async () => (await tables(page)).notes.map((note) => note.text))
			.toEqual([`${NOTE}\n\n- *also* this`]);
		await putDetachedHighlight(page, paragraphId);
		await page.reload();
		await page.waitForSelector('html[data-hydrated="true"]');
		await page.getByTestId('detached').waitFor();
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-notes').click()]);
		expect(download.suggestedFilename()).toMatch(/^duka-notes-huang-2025-\d{4}-\d{2}-\d{2}\.md$/);
		const markdown = readFileSync((await download.path()) ?? '', 'utf8');
		expect(markdown).toContain(`> ${quote}`);
		expect(markdown).toContain('**bold** point \\<script\\>window.\\_\\_x=1\\</script\\>');
		expect(markdown).toContain('🚀🇹🇼 数据中心');
		expect(markdown).toContain('- *also* this');
		expect(markdown).toContain(`/read/${ARTICLE}/${CARD}#${paragraphId})`);
		expect(markdown).toContain('🔖 **书签 Bookmark**');
		expect(markdown).toContain('> 消失的字');
	});

	test('anchors a highlight to the text, not the pinyin, when ruby is shown', async ({ app: { page, origin } }) => {
		await open(page, `${origin}/read/${ARTICLE}/${CARD}`);
		const first = page.locator(`${SHOWN_CARD} [data-paragraph-id]`).first();
		const id = (await first.getAttribute('data-paragraph-id')) ?? '';
		const text = (await first.locator(':scope > p').textContent()) ?? '';
		// Pinyin over every Chinese character, as the reader's ruby option renders it.
		await first.locator(':scope > p').evaluate((paragraph) => {
			// The paragraph is text; each Han character of it gets a ruby of its own.
			const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
			const texts: Text[] = [];
			for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node as Text);
			for (const node of texts) {
				if (!/\p{Script=Han}/u.test(node.data) || node.parentElement?.closest('.term')) continue;
				node.replaceWith(
					...Array.from(node.data, (character) => {
						if (!/\p{Script=Han}/u.test(character)) return character;
						const ruby = document.createElement('ruby');
						const rt = document.createElement('rt');
						rt.textContent = 'pīn';
						ruby.append(character, rt);
						return ruby;
					})
				);
			}
		});
		await expect(first.locator('rt').count()).resolves.toBeGreaterThan(3);
		await selectText(page, id, 1, 5);
		await page.getByTestId('selection-toolbar').waitFor();
		await page.getByTestId('highlight-pink').click();
		await expect
			.poll(async () => (await tables(page)).highlights.find((row) => row.paragraphId === id)?.quote)
			.toBe(text.slice(1, 5));
		// The row is stored before the marks are drawn: wait for them.
		const marked = () => first.locator('mark').evaluateAll((marks) => marks.map((mark) => mark.textContent).join(''));
		await expect.poll(marked).toBe(text.slice(1, 5));
	});
});
