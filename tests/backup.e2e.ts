import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, open, openOfflineApp, readTables, type AppServer } from './browser.ts';

const TABLES = ['kv', 'reading', 'cards', 'reviews', 'userEntries', 'bookmarks', 'highlights', 'notes'];

let browser: Browser;
let server: AppServer;
let page: Page;
let errors: string[];
const downloads = mkdtempSync(join(tmpdir(), 'duka-backup-'));
let backupPath = '';

beforeAll(async () => {
	browser = await launchBrowser();
	({ server, page, errors } = await openOfflineApp(browser));
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
});

/** Clicks a button that produces a file and keeps the file. */
async function download(testId: string): Promise<{ name: string; path: string; text: string }> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
	const name = file.suggestedFilename();
	const path = join(downloads, name);
	await file.saveAs(path);
	return { name, path, text: readFileSync(path, 'utf8') };
}

/** Rows in a table, or -1 while the app has not created the database yet. */
async function rowCount(table: string): Promise<number> {
	try {
		return (await readTables(page, [table]))[table]?.length ?? 0;
	} catch {
		return -1;
	}
}

async function openSettings(): Promise<void> {
	await open(page, server.origin + '/settings');
	await page.getByTestId('backup').waitFor();
}

describe('backing up and restoring offline', () => {
	let before: Record<string, unknown[]>;
	let countsBefore: string | null;

	it('backs up after some reviews, wipes the device, and restores identical tables', async () => {
		await open(page, server.origin + '/review');
		await page.getByTestId('flashcard').waitFor();
		for (const grade of [3, 1, 4, 3, 2]) {
			const shown = await page.getByTestId('flashcard').getAttribute('data-card-id');
			await page.keyboard.press('Space');
			await page.getByTestId('answer').waitFor();
			await page.keyboard.press(String(grade));
			await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).not.toBe(shown);
		}
		countsBefore = await page.getByTestId('review-counts').textContent();
		before = await readTables(page, TABLES);
		expect(before.reviews).toHaveLength(5);

		await openSettings();
		const backup = await download('backup');
		backupPath = backup.path;
		expect(backup.name).toMatch(/^duka-backup-\d{4}-\d{2}-\d{2}\.json$/);
		const file = JSON.parse(backup.text) as { app: string; format: number; tables: Record<string, unknown[]> };
		expect(file).toMatchObject({ app: 'duka', format: 1 });
		expect(file.tables.reviews).toHaveLength(5);
		expect(file.tables.cards).toHaveLength(before.cards!.length);

		// Wipe: the app's open connection lets go on versionchange, so the deletion is not blocked.
		await page.evaluate(
			() =>
				new Promise<void>((resolve, reject) => {
					const request = indexedDB.deleteDatabase('duka');
					request.onsuccess = () => resolve();
					request.onerror = () => reject(request.error);
				})
		);
		await openSettings();
		await expect.poll(() => rowCount('reviews')).toBe(0);
		expect(await rowCount('cards')).toBe(0);

		await page.getByTestId('restore-input').setInputFiles(backupPath);
		await page.getByTestId('restore-summary').waitFor();
		expect(await page.getByTestId('summary-reviews').textContent()).toBe('5');
		expect(await page.getByTestId('summary-cards').textContent()).toBe(String(before.cards!.length));
		await page.getByTestId('restore-replace').click();
		await expect
			.poll(() => page.getByTestId('restore-done').textContent(), { timeout: 10_000 })
			.toMatch(/^Restored: \d+ records added\.$/);

		expect(await readTables(page, TABLES)).toEqual(before);
		await open(page, server.origin + '/review');
		await page.getByTestId('flashcard').waitFor();
		await expect.poll(() => page.getByTestId('review-counts').textContent()).toBe(countsBefore);
	});

	it('refuses a cut-off file and a foreign JSON file with a clear message, changing nothing', async () => {
		await openSettings();
		const full = readFileSync(backupPath);
		const cases = [
			{
				name: 'cut.json',
				body: full.subarray(0, Math.floor(full.length / 2)),
				message: /^This backup is incomplete: the file ends too early\..*Nothing on this device was changed\.$/
			},
			{
				name: 'package.json',
				body: Buffer.from('{"name":"my-package","version":"1.0.0"}'),
				message: /^This file is not a Duka backup\. Nothing on this device was changed\.$/
			},
			{ name: 'photo.json', body: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), message: /not a JSON file/ }
		];
		for (const { name, body, message } of cases) {
			await page.getByTestId('restore-input').setInputFiles({ name, mimeType: 'application/json', buffer: body });
			await expect.poll(() => page.getByTestId('restore-error').textContent()).toMatch(message);
			expect(await page.getByTestId('restore-summary').count()).toBe(0);
			expect(await readTables(page, TABLES)).toEqual(before);
		}
	});

	it('merging the same backup again adds nothing', async () => {
		await page.getByTestId('restore-input').setInputFiles(backupPath);
		await page.getByTestId('restore-summary').waitFor();
		await page.getByTestId('restore-merge').click();
		await expect
			.poll(() => page.getByTestId('restore-done').textContent())
			.toMatch(/^Restored: 0 records added; \d+ were already here\.$/);
		expect(await readTables(page, TABLES)).toEqual(before);
	});

	it('exports the deck for Anki and the review history as CSV', async () => {
		const anki = await download('export-anki');
		expect(anki.name).toMatch(/^duka-[\w-]+-anki\.txt$/);
		const lines = anki.text.trimEnd().split('\n');
		expect(lines.slice(0, 3)).toEqual(['#separator:tab', '#html:true', '#notetype:Basic (and reversed card)']);
		const notes = lines.filter((line) => !line.startsWith('#'));
		expect(notes.length).toBeGreaterThan(10);
		for (const note of notes) expect(note.split('\t')).toHaveLength(5);

		const csv = await download('export-reviews');
		expect(csv.name).toMatch(/^duka-reviews-\d{4}-\d{2}-\d{2}\.csv$/);
		const rows = csv.text
			.replace(/^\ufeff/, '')
			.trimEnd()
			.split('\r\n');
		expect(rows[0]).toBe(
			'card_id,entry,direction,rating,rating_name,reviewed_at,duration_ms,state_before,state_after,due_after'
		);
		expect(rows).toHaveLength(6);
		expect(errors).toEqual([]);
	});
});
