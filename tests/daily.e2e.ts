import { open, readTables, writeRows } from './browser.ts';
import { expect, test } from './fixtures.ts';

interface CardRow {
	id: string;
	entryId: string;
	suspended: 0 | 1;
}

test.afterEach(({ app }) => {
	expect(app.errors).toEqual([]);
	expect(app.foreign).toEqual([]);
});

test.describe('daily use offline', () => {
	test('lists each word once with both cards, sorts, and suspends a selection with undo', async ({
		app: { page, origin }
	}) => {
		await open(page, `${origin}/deck`);
		await page.getByTestId('deck-row').first().waitFor();
		const cards = (await readTables<CardRow>(page, ['cards'])).cards ?? [];
		const words = new Set(cards.map((card) => card.entryId)).size;
		expect(cards.length).toBe(2 * words);
		await expect(page.getByTestId('deck-count').textContent()).resolves.toBe(`${words} words`);
		const rows = page.getByTestId('deck-row');
		await expect(rows.count()).resolves.toBe(Math.min(100, words));
		await expect(rows.first().getByTestId('deck-row-card').count()).resolves.toBe(2);

		await page.getByTestId('deck-sort').selectOption('alphabetical');
		const firstEntries = async () =>
			(await rows.evaluateAll((links) => links.slice(0, 3).map((link) => link.getAttribute('data-entry-id')))).join();
		const alphabetical = await firstEntries();
		await page.getByTestId('deck-sort').selectOption('added');
		await expect.poll(firstEntries).not.toBe(alphabetical);

		await page.getByTestId('deck-select').click();
		const picks = page.getByTestId('deck-pick');
		await picks.nth(0).check();
		await picks.nth(1).check();
		const chosen = await rows.evaluateAll((links) =>
			links.slice(0, 2).map((link) => link.getAttribute('data-entry-id'))
		);
		await page.getByTestId('bulk-suspend').click();
		await expect.poll(() => page.getByTestId('undo-toast').textContent()).toContain('Suspended 2 words');
		const suspendedIds = async () =>
			((await readTables<CardRow>(page, ['cards'])).cards ?? [])
				.filter((card) => card.suspended === 1)
				.map((card) => card.entryId)
				.sort();
		expect(await suspendedIds()).toEqual([...chosen, ...chosen].sort());
		await page.getByTestId('undo-delete').click();
		await expect.poll(suspendedIds).toEqual([]);
	});

	test('shows a card’s direction, its other direction, its sentence and the way to its passage', async ({
		app: { page, origin }
	}) => {
		await open(page, `${origin}/deck`);
		await page.getByTestId('deck-row').first().click();
		await page.waitForURL((url) => url.pathname === '/deck/card' && url.search.includes('en2zh'));
		await expect(page.getByTestId('card-direction').textContent()).resolves.toBe('English → Chinese');
		await expect.poll(() => page.getByTestId('card-example').locator('mark').count()).toBe(1);
		const passage = await page.getByTestId('card-passage').getAttribute('href');
		expect(passage).toMatch(/^\/read\/huang-2025\/.+#p\d{4}$/);
		await page.getByTestId('card-other-direction').click();
		await page.waitForURL((url) => url.search.includes('zh2en'));
		await expect.poll(() => page.getByTestId('card-direction').textContent()).toBe('Chinese → English');
	});

	test('makes a bookmark and a note on one paragraph one entry, tags a highlight, and comes back from the passage', async ({
		app: { page, origin }
	}) => {
		const now = Date.now();
		await writeRows(page, {
			bookmarks: [{ key: 'huang-2025/p0019', articleId: 'huang-2025', paragraphId: 'p0019', createdAt: now }],
			notes: [
				{
					id: 'n-1',
					articleId: 'huang-2025',
					paragraphId: 'p0019',
					highlightId: null,
					text: 'opening line',
					createdAt: now,
					updatedAt: now
				}
			],
			highlights: [
				{
					id: 'h-1',
					articleId: 'huang-2025',
					paragraphId: 'p0020',
					start: 0,
					end: 5,
					quote: '很高兴见到',
					prefix: '',
					suffix: '你',
					color: 'yellow',
					createdAt: now,
					updatedAt: now
				}
			]
		});
		await open(page, `${origin}/notes`);
		const entries = page.getByTestId('notes-entry');
		await expect.poll(() => entries.count()).toBe(2);
		await expect(entries.first().textContent()).resolves.toContain('Bookmark and note');

		const highlight = page.locator('[data-testid="notes-entry"][data-kind="highlight"]');
		await highlight.getByTestId('edit-tags').click();
		await page.getByTestId('tag-input').fill('x'.repeat(41));
		await page.getByTestId('tag-save').click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('at most 40 characters');
		await page.getByTestId('tag-input').fill('#greeting, policy');
		await page.getByTestId('tag-save').click();
		await expect.poll(() => page.getByTestId('entry-tag').allTextContents()).toEqual(['#greeting', '#policy']);
		const stored = await readTables<{ tags?: string[] }>(page, ['highlights']);
		expect(stored.highlights?.[0]?.tags).toEqual(['greeting', 'policy']);

		await page.getByTestId('tag-filter').filter({ hasText: '#policy' }).click();
		await expect.poll(() => entries.count()).toBe(1);
		await expect(entries.first().getAttribute('data-kind')).resolves.toBe('highlight');

		await entries.first().getByTestId('jump').click();
		await page.waitForURL((url) => url.pathname.startsWith('/read/') && url.searchParams.get('from') === 'notes');
		await page.getByTestId('back-to-notes').click();
		await page.waitForURL((url) => url.pathname === '/notes');
		await expect.poll(() => entries.count()).toBe(2);
	});

	test('labels the stats, with no stray number when nothing is scheduled, and the count of a tapped day', async ({
		app: { page, origin }
	}) => {
		await open(page, `${origin}/stats`);
		await expect.poll(() => page.getByTestId('stats-today').textContent()).toContain('no reviews yet');
		await expect(page.getByTestId('forecast-empty').isVisible()).resolves.toBe(true);
		await expect(page.getByTestId('forecast').count()).resolves.toBe(0);
		const cells = page.getByTestId('heatmap').locator('button');
		await expect(cells.count()).resolves.toBe(84);
		await cells.nth(3).click();
		await expect.poll(() => page.getByTestId('heatmap-count').textContent()).toMatch(/: 0 reviews$/);
		const labels = await page.getByTestId('heatmap').textContent();
		for (const day of ['Mon', 'Wed', 'Fri']) expect(labels).toContain(day);
	});

	test('refuses a desired retention out of range beside the field, keeping the saved one', async ({
		app: { page, origin }
	}) => {
		await open(page, `${origin}/settings`);
		const field = page.locator('[data-field="desiredRetention"]');
		await expect(field.textContent()).resolves.toContain('0.70 to 0.99');
		await field.locator('input').fill('1.5');
		await field.locator('input').press('Tab');
		await expect
			.poll(() => field.getByTestId('study-refused').textContent())
			.toBe('1.5 is not allowed here; 0.9 is kept.');
		await expect(field.locator('input').inputValue()).resolves.toBe('0.9');
		await expect(field.locator('input').getAttribute('aria-invalid')).resolves.toBe('true');
	});
});
