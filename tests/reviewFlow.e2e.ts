// The review flow past the last due card, offline on a phone: the done screen follows the clock (the page's
// clock is Playwright's, moved on by the test), the session summary, study ahead, and home with nothing due.
import type { Page } from 'playwright-core';
import { open, readTables } from './browser.ts';
import { expect, test } from './fixtures.ts';

/** A due date a few days on, as review/when.ts says it: "in 3 days", or "Dec 9" from a week on. */
const SOME_DAYS_ON = /in [2-6] days|[A-Z][a-z]{2} \d{1,2}\b/;

test.afterEach(({ app }) => {
	expect(app.errors).toEqual([]);
});

/** Stores study settings as the settings screen would (validated again when read). */
function studySettings(page: Page, newCardsPerDay: number): Promise<void> {
	return page.evaluate(
		(perDay) =>
			new Promise<void>((resolve, reject) => {
				const request = indexedDB.open('duka');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const transaction = request.result.transaction('kv', 'readwrite');
					transaction
						.objectStore('kv')
						.put({ key: 'settings:scheduler', value: { newCardsPerDay: perDay, learningSteps: ['1m', '10m'] } });
					transaction.oncomplete = () => {
						request.result.close();
						resolve();
					};
					transaction.onerror = () => reject(transaction.error);
				};
			}),
		newCardsPerDay
	);
}

/** The header's new · learning · review counts, as the screen shows them. */
const headerCounts = async (page: Page) => {
	const counts = page.getByTestId('review-counts');
	const parts = await Promise.all(['new', 'learning', 'due'].map((kind) => counts.locator(`.${kind}`).textContent()));
	return parts.join('·');
};

async function gradeShown(page: Page, grade: number): Promise<void> {
	const card = page.getByTestId('flashcard');
	const before = await card.getAttribute('data-card-id');
	await page.getByTestId('show-answer').click();
	await page.getByTestId(`grade-${grade}`).click();
	await expect
		.poll(async () => ((await card.count()) === 0 ? 'done' : await card.getAttribute('data-card-id')))
		.not.toBe(before);
	// The next card shows before the grade is committed: a grade counts as made once it is.
	await page.locator('main[data-committing="false"]').waitFor();
}

const storedReviews = async (page: Page) => (await readTables(page, ['reviews'])).reviews?.length ?? 0;

test.describe('the review flow, offline at 390×844', () => {
	test('the done screen counts down and brings learning cards back by itself, with a summary', async ({
		app: { page, origin }
	}) => {
		await studySettings(page, 2);
		await page.clock.install();
		await open(page, origin + '/review');
		await page.getByTestId('flashcard').waitFor();
		await gradeShown(page, 3);
		await gradeShown(page, 1);

		// Both cards are learning: one again in a minute, one in ten; both count as learning today.
		const done = page.getByTestId('review-done');
		await done.waitFor();
		await expect.poll(() => headerCounts(page)).toBe('0·2·0');
		await expect.poll(() => page.getByTestId('next-due').textContent()).toMatch(/in 1 minute/);
		await expect.poll(() => page.getByTestId('summary-cards').textContent()).toBe('2 cards');
		await expect.poll(() => page.getByTestId('session-summary').textContent()).toMatch(/50% Again/);

		// A minute on, the failed card is back, without a reload.
		await page.clock.fastForward('01:05');
		await page.getByTestId('flashcard').waitFor();
		await gradeShown(page, 3);
		await done.waitFor();
		await expect.poll(() => page.getByTestId('next-due').textContent()).toMatch(/in (9|10) minutes/);

		// The countdown moves with the clock.
		await page.clock.fastForward('05:00');
		await expect.poll(() => page.getByTestId('next-due').textContent()).toMatch(/in (4|5) minutes/);
		await page.clock.fastForward('05:00');
		await page.getByTestId('flashcard').waitFor();
		await expect.poll(() => headerCounts(page)).toBe('0·2·0');
		expect(await storedReviews(page)).toBe(3);
	});

	test('home with nothing due says when the next card is, and study ahead reviews it now', async ({
		app: { page, origin }
	}) => {
		await studySettings(page, 1);
		await page.clock.install();
		await open(page, origin + '/review');
		await page.getByTestId('flashcard').waitFor();
		const cardId = await page.getByTestId('flashcard').getAttribute('data-card-id');
		await gradeShown(page, 3);
		await page.clock.fastForward('10:05');
		await page.getByTestId('flashcard').waitFor();
		await gradeShown(page, 3);
		// Graduated: due again in about a week. FSRS's fuzz (seeded by the review's time) puts it either side of a
		// week, so it is said either way: "in 6 days", or its date from a week on (a run near midnight had "Dec 9").
		await page.getByTestId('review-done').waitFor();
		await expect.poll(() => page.getByTestId('next-due').textContent()).toMatch(SOME_DAYS_ON);
		// Nothing is due by the end of tomorrow: no "Review tomorrow's cards now", only the custom study's form.
		await expect
			.poll(() => page.getByTestId('due-tomorrow').textContent())
			.toBe('Nothing else is due by the end of tomorrow.');
		await page.getByTestId('custom-study').waitFor();
		expect(await page.getByTestId('study-ahead').count()).toBe(0);

		await open(page, origin + '/');
		await page.getByTestId('home-idle').waitFor();
		expect(await page.getByTestId('start-review').count()).toBe(0);
		await expect.poll(() => page.getByTestId('home-next-due').textContent()).toMatch(SOME_DAYS_ON);
		expect(await page.getByTestId('home-read').getAttribute('href')).toBe('/read');
		await page.getByTestId('home-study-ahead').click();
		await page.waitForURL((url) => url.pathname === '/review' && url.search === '?ahead=1');
		await page.getByTestId('custom-active').waitFor();
		// The card was reviewed today: not studied ahead again today.
		await page.getByTestId('none-match').waitFor();

		// The next day (with no new cards), back to today's queue: nothing is due, so custom study is offered.
		await studySettings(page, 0);
		await page.clock.fastForward('24:00:00');
		await page.getByTestId('back-to-today').click();
		await page.waitForURL((url) => url.pathname === '/review' && url.search === '');
		await expect.poll(() => page.getByTestId('custom-active').count()).toBe(0);
		await page.getByTestId('review-done').waitFor();
		// With no new cards a day, the screen says so (not that today's new cards are done) and where to change it.
		await expect
			.poll(() => page.getByTestId('new-cards-off').textContent())
			.toMatch(/new cards per day is 0\.\s*Change it in Settings/);
		expect(await page.getByTestId('new-cards-off').getByRole('link').getAttribute('href')).toBe('/settings');

		// Custom study: all cards due in the next seven days.
		await page.getByTestId('study-within').selectOption('7');
		await page.getByTestId('study-start').click();
		await page.waitForURL((url) => url.search === '?ahead=7');
		await page.getByTestId('flashcard').waitFor();
		expect(await page.getByTestId('flashcard').getAttribute('data-card-id')).toBe(cardId);
		await gradeShown(page, 3);
		await page.getByTestId('review-done').waitFor();
		expect(await storedReviews(page)).toBe(3);
		// Reviewed early, the card is scheduled from now: not due again within the day.
		const [card] = ((await readTables<{ id: string; due: number }>(page, ['cards'])).cards ?? []).filter(
			(row) => row.id === cardId
		);
		const now = await page.evaluate(() => Date.now());
		expect(card!.due).toBeGreaterThan(now + 24 * 60 * 60_000);
	});
});
