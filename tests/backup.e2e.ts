import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { buildBackup, serialiseBackup } from '../src/lib/backup/export.ts';
import type { BackupTables } from '../src/lib/backup/tables.ts';
import type { ReviewLogRow } from '../src/lib/model/reviews.ts';
import type { Page } from 'playwright-core';
import { TABLE_NAMES } from '../src/lib/backup/tables.ts';
import { open, readTables, rowCount, wipeDatabase } from './browser.ts';
import { expect, test as appTest } from './fixtures.ts';

/** Every table a backup holds, imported texts among them. */
const TABLES: string[] = [...TABLE_NAMES];

interface Download {
	name: string;
	path: string;
	text: string;
}

/** Clicks a button that produces a file and keeps the file in `folder`. */
async function download(page: Page, folder: string, testId: string): Promise<Download> {
	const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
	const name = file.suggestedFilename();
	const path = join(folder, name);
	await file.saveAs(path);
	const bytes = readFileSync(path);
	return { name, path, text: (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8') };
}

async function openSettings(page: Page, origin: string): Promise<void> {
	await open(page, origin + '/settings');
	await page.getByTestId('backup').waitFor();
}

/** Five reviews with mixed grades on the review screen, each waiting for the next card. */
async function reviewFive(page: Page, origin: string): Promise<void> {
	await open(page, origin + '/review');
	await page.getByTestId('flashcard').waitFor();
	for (const grade of [3, 1, 4, 3, 2]) {
		const shown = await page.getByTestId('flashcard').getAttribute('data-card-id');
		await page.keyboard.press('Space');
		await page.getByTestId('answer').waitFor();
		await page.keyboard.press(String(grade));
		await expect.poll(() => page.getByTestId('flashcard').getAttribute('data-card-id')).not.toBe(shown);
		// The next card shows before the grade is committed: a grade counts as made once it is.
		await page.locator('main[data-committing="false"]').waitFor();
	}
}

const test = appTest
	/** A folder of its own for the files a test downloads. */
	.extend('downloads', ({ onTestFinished }) => {
		const folder = mkdtempSync(join(tmpdir(), 'duka-backup-'));
		onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
		return folder;
	})
	/** Five reviews made offline and backed up, with the Settings screen open: what a restore starts from. */
	.extend('backedUp', async ({ app, downloads }) => {
		await reviewFive(app.page, app.origin);
		await openSettings(app.page, app.origin);
		const backup = await download(app.page, downloads, 'backup');
		// After the download, which notes when the last backup left the device.
		const before = await readTables(app.page, TABLES);
		return { ...app, before, backup };
	});

test.afterEach(({ app }) => {
	expect(app.errors).toEqual([]);
});

test.describe('backing up and restoring offline', () => {
	test('backs up after some reviews, wipes the device, and restores identical tables', async ({ app, downloads }) => {
		const { page, origin } = app;
		await reviewFive(page, origin);
		const countsBefore = await page.getByTestId('review-counts').textContent();
		const before = await readTables(page, TABLES);
		expect(before.reviews).toHaveLength(5);

		await openSettings(page, origin);
		const workers: string[] = [];
		page.on('worker', (worker) => workers.push(new URL(worker.url()).pathname));
		const backup = await download(page, downloads, 'backup');
		// Written in the backup's worker, which the offline app has with it.
		expect(workers.filter((path) => path.includes('/backupWorker-'))).toHaveLength(1);
		expect(backup.name).toMatch(/^duka-backup-\d{4}-\d{2}-\d{2}\.ndjson\.gz$/);
		const [header, ...lines] = backup.text.trimEnd().split('\n');
		expect(JSON.parse(header!)).toMatchObject({ app: 'duka', format: 3, tables: { reviews: 5 } });
		const rows = lines.map((line) => JSON.parse(line) as [string, unknown]);
		expect(rows.filter(([table]) => table === 'reviews')).toHaveLength(5);
		expect(rows.filter(([table]) => table === 'cards')).toHaveLength(before.cards!.length);
		await expect.poll(() => page.getByTestId('backup-age').innerText()).toBe('Last backup: today.');

		await wipeDatabase(page);
		await openSettings(page, origin);
		await expect.poll(() => rowCount(page, 'reviews')).toBe(0);
		expect(await rowCount(page, 'cards')).toBe(0);

		await page.getByTestId('restore-input').setInputFiles(backup.path);
		await page.getByTestId('restore-summary').waitFor();
		expect(await page.getByTestId('summary-reviews').textContent()).toBe('5');
		expect(await page.getByTestId('summary-cards').textContent()).toBe(String(before.cards!.length));
		await page.getByTestId('restore-replace').click();
		await page.getByTestId('replace-confirm-yes').click();
		await expect
			.poll(async () => (await page.getByTestId('restore-done').innerText()).trim(), { timeout: 10_000 })
			.toMatch(/^Replaced: [\d,]+ rows from the backup; the previous data is kept as an automatic backup\.$/);

		expect(await readTables(page, TABLES)).toEqual(before);
		await open(page, origin + '/review');
		await page.getByTestId('flashcard').waitFor();
		await expect.poll(() => page.getByTestId('review-counts').textContent()).toBe(countsBefore);
	});

	test('refuses a cut-off file and a foreign JSON file with a clear message, changing nothing', async ({
		backedUp: { page, before, backup }
	}) => {
		const full = readFileSync(backup.path);
		const cases = [
			{
				name: 'cut.ndjson.gz',
				body: full.subarray(0, Math.floor(full.length / 2)),
				message: /^This backup is damaged: its compressed data cannot be read\..*Nothing on this device was changed\.$/
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
			// The message as it reads on screen: innerText, not the markup's line breaks and indentation.
			await expect.poll(() => page.getByTestId('restore-error').innerText()).toMatch(message);
			expect(await page.getByTestId('restore-summary').count()).toBe(0);
			expect(await readTables(page, TABLES)).toEqual(before);
		}
	});

	test('Replace everything names what it deletes, keeps it as an automatic backup, and that restores from the same screen', async ({
		backedUp: { page, origin, before, backup }
	}) => {
		await reviewFive(page, origin);
		const afterMore = await readTables(page, TABLES);
		await openSettings(page, origin);
		await page.getByTestId('restore-input').setInputFiles(backup.path);
		await page.getByTestId('restore-replace').click();
		const question = await page.getByTestId('replace-confirm').innerText();
		expect(question).toContain(`Reviews: ${afterMore.reviews!.length}`);
		expect(question).toContain(`Flashcards: ${afterMore.cards!.length}`);
		await page.getByTestId('replace-confirm-yes').click();
		await page.getByTestId('restore-done').waitFor();
		expect((await readTables(page, TABLES)).reviews).toEqual(before.reviews);

		// The automatic backup taken first gives back the ten reviews.
		const saved = page.getByTestId('auto-backups').getByRole('listitem').filter({ hasText: 'Before Replace' });
		await saved.getByTestId('auto-backup-restore').click();
		await page.getByTestId('restore-summary').waitFor();
		expect(await page.getByTestId('summary-reviews').textContent()).toBe(String(afterMore.reviews!.length));
		await page.getByTestId('restore-merge').click();
		await page.getByTestId('restore-done').waitFor();
		expect((await readTables(page, TABLES)).reviews!.length).toBe(afterMore.reviews!.length);
	});

	test('a restore cut short by closing the tab changes nothing', async ({
		backedUp: { page, context, origin, before }
	}) => {
		// The device's data with 30,000 made-up reviews of its cards: a file that takes a while to restore.
		const tables = before as unknown as BackupTables;
		const [template] = tables.reviews;
		const made: ReviewLogRow[] = Array.from({ length: 30_000 }, (_, index) => ({
			...template!,
			id: 100_000 + index,
			cardId: tables.cards[index % tables.cards.length]!.id,
			reviewedAt: template!.reviewedAt - (index + 1) * 60_000
		}));
		const text = serialiseBackup(buildBackup({ ...tables, reviews: [...tables.reviews, ...made] }, Date.now()));
		await page.getByTestId('restore-input').setInputFiles({
			name: 'duka-backup-big.ndjson.gz',
			mimeType: 'application/gzip',
			buffer: gzipSync(text)
		});
		await page.getByTestId('restore-summary').waitFor({ timeout: 30_000 });
		await page.getByTestId('restore-merge').click();
		// Closed while under way: some rows written, far from all of them.
		const progress = page.getByTestId('restore-progress');
		await expect
			.poll(async () => Number(await progress.getAttribute('data-rows')), { timeout: 30_000 })
			.toBeGreaterThan(0);
		expect(Number(await progress.getAttribute('data-rows'))).toBeLessThan(made.length / 2);
		await page.close();

		const again = await context.newPage();
		await open(again, origin + '/settings');
		await again.getByTestId('backup').waitFor();
		expect(await readTables(again, TABLES)).toEqual(before);
	});

	test('merging the same backup again adds nothing', async ({ backedUp: { page, before, backup } }) => {
		await page.getByTestId('restore-input').setInputFiles(backup.path);
		await page.getByTestId('restore-summary').waitFor();
		await page.getByTestId('restore-merge').click();
		await expect
			.poll(async () => (await page.getByTestId('restore-done').innerText()).trim())
			.toMatch(/^Restored: 0 records added; [\d,]+ were already here\.$/);
		expect(await readTables(page, TABLES)).toEqual(before);
	});

	test('exports the deck for Anki and the review history as CSV', async ({ app, downloads }) => {
		const { page, origin } = app;
		await reviewFive(page, origin);
		await openSettings(page, origin);
		const anki = await download(page, downloads, 'export-anki');
		expect(anki.name).toMatch(/^duka-[\w-]+-anki\.txt$/);
		const lines = anki.text.trimEnd().split('\n');
		expect(lines.slice(0, 3)).toEqual(['#separator:tab', '#html:true', '#notetype:Basic (and reversed card)']);
		const notes = lines.filter((line) => !line.startsWith('#'));
		expect(notes.length).toBeGreaterThan(10);
		for (const note of notes) expect(note.split('\t')).toHaveLength(5);

		const csv = await download(page, downloads, 'export-reviews');
		expect(csv.name).toMatch(/^duka-reviews-\d{4}-\d{2}-\d{2}\.csv$/);
		const rows = csv.text
			.replace(/^\ufeff/, '')
			.trimEnd()
			.split('\r\n');
		expect(rows[0]).toBe(
			'card_id,entry,direction,rating,rating_name,reviewed_at,duration_ms,state_before,state_after,due_after'
		);
		expect(rows).toHaveLength(6);
	});
});
