import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
	importMarkdown,
	installApp,
	open,
	readTables,
	rowCount,
	SHOWN_CARD,
	tapText,
	wipeDatabase
} from './browser.ts';
import { expect, test as base } from './fixtures.ts';

// The built-in article's source as a user would paste it. The deck has that article's words already, so its
// pairs are not suggested again: a closing paragraph brings two pairs the deck lacks.
const SOURCE =
	readFileSync('content/articles/huang-2025/source.txt', 'utf8') +
	'\n阿笨：最后我们还谈到了边缘计算edge computing，以及量子纠错quantum error correction。\n';
const FIXTURES = 'src/lib/import/fixtures';
const TABLES = ['articles', 'articleTexts', 'userEntries', 'cards', 'reviews', 'reading'];

/** How many entries a cache holds in the page (0 when it does not exist yet). */
const cacheEntries = (page: Page, name: string) =>
	page.evaluate(async (cacheName) => (await (await caches.open(cacheName)).keys()).length, name);

const test = base
	/**
	 * The app after one visit online, long enough for the dictionary and the import worker to join the offline
	 * set; then the server is stopped and the network cut, as in airplane mode.
	 */
	.extend('offline', async ({ server, context, page, errors }) => {
		await installApp(page, server.origin);
		expect(await cacheEntries(page, 'duka-dictionary')).toBe(1);
		expect(await cacheEntries(page, 'duka-import')).toBe(1);
		await server.close();
		await context.setOffline(true);
		return { origin: server.origin, page, errors };
	})
	.extend('downloads', ({ onTestFinished }) => {
		const folder = mkdtempSync(join(tmpdir(), 'duka-import-'));
		onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
		return folder;
	});

async function openAddText(page: Page, origin: string): Promise<void> {
	await open(page, origin + '/read');
	await page.getByTestId('add-text').click();
	await page.getByTestId('import-paste').waitFor();
}

test.describe('your own texts, offline', () => {
	test("shows the speakers' names in the preview in a colour of their own, in both themes", async ({
		offline: { origin, page, errors }
	}) => {
		// Each speaker twice: a label counts as a speaker from its second paragraph (import/speakers.ts).
		const text = [
			'主持人：欢迎回来。',
			'黄仁勋：我们正在建造的不是数据中心，而是AI工厂。',
			'主持人：这很有意思，能多讲讲吗？',
			'黄仁勋：当然可以。'
		].join('\n\n');
		for (const theme of ['light', 'dark'] as const) {
			await page.emulateMedia({ colorScheme: theme });
			await openAddText(page, origin);
			await page.getByTestId('import-paste').fill(text);
			await page.getByTestId('import-preview').click();
			const name = page.getByTestId('import-first-card').locator('.speaker').first();
			await expect(name.innerText()).resolves.toBe('主持人');
			// Once drawn in the colour of text on a button, white on the white card: gone.
			// Its contrast with the card, by WCAG's formula: at least 3:1, as for bold text this size.
			const contrast = await name.evaluate((element) => {
				const luminance = (colour: string) => {
					const [r = 0, g = 0, b = 0] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((channel) => {
						const c = channel / 255;
						return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
					});
					return 0.2126 * r + 0.7152 * g + 0.0722 * b;
				};
				const text = luminance(getComputedStyle(element).color);
				const card = luminance(getComputedStyle(element.closest('article')!).backgroundColor);
				return (Math.max(text, card) + 0.05) / (Math.min(text, card) + 0.05);
			});
			expect(contrast, theme).toBeGreaterThanOrEqual(3);
		}
		expect(errors).toEqual([]);
	});

	test('pastes an article, imports it, reads it, studies two of its pairs, and keeps it through a backup', async ({
		offline: { origin, page, errors },
		downloads
	}) => {
		await openAddText(page, origin);
		await page.getByTestId('import-paste').fill(SOURCE);
		await page.getByTestId('import-preview').click();

		const panel = page.getByTestId('import-preview-panel');
		await panel.waitFor();
		await expect(page.getByTestId('import-title').inputValue()).resolves.toContain('中国的AI水平是世界级的');
		const speakers = await page
			.getByTestId('import-speaker')
			.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
		expect(speakers).toEqual(expect.arrayContaining(['阿笨', '老黄']));
		await page.getByTestId('import-speaker').first().fill('Ben');
		await expect(page.getByTestId('import-first-card').innerText()).resolves.toContain('老黄');

		await page.getByTestId('import-confirm').click();
		const words = page.getByTestId('import-words');
		await words.waitFor({ timeout: 30_000 });
		const stored = await readTables<{ summary: { cards: unknown[] } }>(page, ['articles']);
		expect(stored.articles).toHaveLength(1);
		const cardCount = stored.articles![0]!.summary.cards.length;
		expect(cardCount).toBeGreaterThan(10);

		// Two of the text's own bilingual pairs, nothing else.
		await words.getByRole('button', { name: 'Choose none' }).click();
		const pairs = words.locator('li').filter({ hasText: 'in the text' }).getByTestId('import-word');
		const chosen = await pairs.evaluateAll((boxes) => boxes.map((box) => box.getAttribute('data-word')));
		expect(chosen).toEqual(expect.arrayContaining(['边缘计算', '量子纠错']));
		chosen.splice(0, chosen.length, '边缘计算', '量子纠错');
		for (const zh of chosen) await words.locator(`[data-word="${zh}"]`).check();
		await page.getByTestId('import-add-words').click();
		await expect.poll(() => page.getByTestId('import-done').innerText()).toContain('2 words added to your deck.');

		// Read card 3, and look a word up there.
		await page.getByTestId('import-start').click();
		await expect.poll(() => page.getByTestId('card-position').textContent()).toBe(`Card 1 of ${cardCount}`);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => page.getByTestId('card-position').textContent()).toBe(`Card 2 of ${cardCount}`);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => page.getByTestId('card-position').textContent()).toBe(`Card 3 of ${cardCount}`);
		expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
		// The first Chinese character of the card: its word is what the sheet shows.
		const paragraph = page.locator(`${SHOWN_CARD} > article.card [data-paragraph-id]`).first();
		const paragraphId = (await paragraph.getAttribute('data-paragraph-id')) ?? '';
		const text = (await paragraph.locator(':scope > p').textContent()) ?? '';
		const character = /\p{Script=Han}/u.exec(text)?.[0] ?? '';
		await tapText(page, paragraphId, character);
		await page.getByTestId('word-sheet').waitFor();
		const word = (await page.getByTestId('word-sheet-word').textContent()) ?? '';
		expect(word).toContain(character);
		expect(text).toContain(word);
		await expect.poll(() => page.getByTestId('word-sheet-pinyin').textContent()).toMatch(/\p{L}/u);
		await page.getByTestId('word-sheet-close').click();

		// The two words come first among the new cards.
		await open(page, origin + '/review');
		for (let index = 0; index < 2; index++) {
			const card = page.getByTestId('flashcard');
			await card.waitFor();
			const shown = await card.getAttribute('data-card-id');
			expect(chosen.some((zh) => shown?.startsWith(`user:${zh}|`))).toBe(true);
			await page.keyboard.press('Space');
			await page.getByTestId('answer').waitFor();
			await page.keyboard.press('3');
			await expect.poll(() => card.getAttribute('data-card-id')).not.toBe(shown);
			// The next card shows before the grade is committed: a grade counts as made once it is.
			await page.locator('main[data-committing="false"]').waitFor();
		}

		await page.reload();
		await open(page, origin + '/read');
		await expect.poll(() => page.getByTestId('your-text').count()).toBe(1);
		const before = await readTables(page, TABLES);
		expect(before.reviews).toHaveLength(2);
		expect(before.userEntries).toHaveLength(2);

		await open(page, origin + '/settings');
		const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup').click()]);
		const backupPath = join(downloads, file.suggestedFilename());
		await file.saveAs(backupPath);
		// The backup has settled (its date is kept and shown): a wipe before would fail that step, as a closed
		// database does.
		await expect.poll(() => page.getByTestId('backup-age').innerText()).toBe('Last backup: today.');
		await wipeDatabase(page);
		await open(page, origin + '/settings');
		await expect.poll(() => rowCount(page, 'articles')).toBe(0);
		await page.getByTestId('restore-input').setInputFiles(backupPath);
		await page.getByTestId('restore-replace').click();
		await page.getByTestId('replace-confirm-yes').click();
		await page.getByTestId('restore-done').waitFor({ timeout: 20_000 });
		expect(await readTables(page, TABLES)).toEqual(before);

		await open(page, origin + '/read');
		await page.getByTestId('your-text').first().getByRole('link').click();
		await page.getByTestId('contents-card').nth(2).click();
		await expect.poll(() => page.getByTestId('card-position').textContent()).toBe(`Card 3 of ${cardCount}`);
		expect(errors).toEqual([]);
	}, 180_000);

	test('takes a text shared from another app, as the manifest’s share target sends it', async ({
		offline: { origin, page, errors }
	}) => {
		const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
		expect(manifest.share_target).toEqual({
			action: '/read/add',
			method: 'GET',
			params: { title: 'title', text: 'text', url: 'url' }
		});
		const query = new URLSearchParams({ title: '芯片与中国', text: '老黄：芯片禁运反而加速了中国AI的进步。' });
		await open(page, `${origin}/read/add?${query.toString()}`);
		await expect(page.getByTestId('import-paste').inputValue()).resolves.toBe(
			'芯片与中国\n老黄：芯片禁运反而加速了中国AI的进步。'
		);
		await page.getByTestId('import-preview').click();
		await expect(page.getByTestId('import-title').inputValue()).resolves.toBe('芯片与中国');
		expect(errors).toEqual([]);
	});

	test('names a text once in its contents: its opening part, under no heading of its own, shows no second title', async ({
		offline: { origin, page, errors }
	}) => {
		const text =
			'# 我的笔记：GPU 与 CUDA\n\n英伟达的 GPU 和 CUDA 生态是 AI 训练的基础。\n\n## 第二节\n\n推理需要更低的延迟。\n';
		await importMarkdown(page, origin, text);
		await open(page, `${origin}/read`);
		await page.getByTestId('your-text').first().getByRole('link').click();
		const titles = page.getByTestId('contents-part-title');
		await expect.poll(() => titles.count()).toBe(2);
		// The opening part keeps its name for screen readers; the one with a heading of its own shows it.
		await expect(titles.nth(0).textContent()).resolves.toContain('我的笔记：GPU 与 CUDA');
		expect(await titles.nth(0).evaluate((title) => title.classList.contains('visually-hidden'))).toBe(true);
		await expect(titles.nth(1).innerText()).resolves.toContain('第二节');
		expect(await titles.nth(1).evaluate((title) => title.classList.contains('visually-hidden'))).toBe(false);
		expect(errors).toEqual([]);
	});

	test('opens a GBK text file with its Chinese intact', async ({ offline: { origin, page, errors } }) => {
		await openAddText(page, origin);
		await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'gbk-sample.txt'));
		await page.getByTestId('import-preview-panel').waitFor();
		await expect(page.getByTestId('import-first-card').innerText()).resolves.toContain(
			'这是一个用GBK编码保存的文本文件'
		);
		// A plain text has no speakers, and the figures do not count them.
		await expect(page.getByTestId('import-facts').locator('dt').allInnerTexts()).resolves.toEqual([
			'Parts',
			'Cards',
			'Characters'
		]);
		expect(errors).toEqual([]);
	});

	test('shows only the text and headings of a hostile HTML file, and runs none of it', async ({
		offline: { origin, page, errors }
	}) => {
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		await openAddText(page, origin);
		await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'hostile.html'));
		await page.getByTestId('import-preview-panel').waitFor();
		await page.getByTestId('import-confirm').click();
		await page.getByTestId('import-words').waitFor({ timeout: 30_000 });
		await page.getByTestId('import-add-words').click();
		await page.getByTestId('import-start').click();
		const card = page.locator(`${SHOWN_CARD} > article.card`);
		await card.waitFor();
		const text = await card.innerText();
		expect(text).toContain('链接的文字');
		for (const hidden of ['脚本里的字', '样式里的字', '框架里的字', '模板里的字', '矢量图里的字'])
			expect(text).not.toContain(hidden);
		expect(await card.locator('script, iframe, img, object, form, a[href^="javascript"]').count()).toBe(0);
		expect(dialogs).toEqual([]);
		expect(errors).toEqual([]);
	});

	test('keeps a long paste out of the text box, shows its length, and reads it as pasted', async ({
		offline: { origin, page, errors },
		context
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
		await openAddText(page, origin);
		const long = Array.from({ length: 16 }, () => SOURCE.trim()).join('\n\n');
		await page.evaluate((text) => navigator.clipboard.writeText(text), long);
		await page.getByTestId('import-paste').focus();
		await page.keyboard.press('ControlOrMeta+V');

		const kept = page.getByTestId('import-long-paste');
		await expect.poll(() => kept.innerText()).toContain(`Pasted ${long.length.toLocaleString('en')} characters`);
		expect(await page.getByTestId('import-paste').count()).toBe(0);
		await page.getByTestId('import-clear-paste').click();
		await expect(page.getByTestId('import-paste').inputValue()).resolves.toBe('');
		await expect(page.getByTestId('import-preview').isDisabled()).resolves.toBe(true);

		await page.getByTestId('import-paste').focus();
		await page.keyboard.press('ControlOrMeta+V');
		await kept.waitFor();
		await page.getByTestId('import-preview').click();
		await page.getByTestId('import-preview-panel').waitFor();
		// All sixteen copies were read: each brings at least two parts.
		const parts = await page.getByTestId('import-facts').locator('dd').first().innerText();
		expect(Number(parts)).toBeGreaterThanOrEqual(16 * 2);
		expect(errors).toEqual([]);
	});

	test('refuses a PNG renamed .txt, an empty paste and a text with no Chinese, storing nothing', async ({
		offline: { origin, page },
		downloads
	}) => {
		await openAddText(page, origin);
		await page.getByTestId('import-file').setInputFiles(join(FIXTURES, 'png-renamed.txt'));
		await expect
			.poll(() => page.getByTestId('import-problem').innerText())
			.toBe('This file is an image, not a text. Nothing was stored.');

		await page.getByTestId('import-paste').fill('   \n  ');
		await expect(page.getByTestId('import-preview').isDisabled()).resolves.toBe(true);

		await page.getByTestId('import-paste').fill('Only English words here, none of them Chinese.');
		await page.getByTestId('import-preview').click();
		await expect
			.poll(() => page.getByTestId('import-problem').innerText())
			.toBe('This text has no Chinese in it. Nothing was stored.');

		const tooLong = join(downloads, 'long.txt');
		writeFileSync(tooLong, '中文'.repeat(400_000));
		await page.getByTestId('import-file').setInputFiles(tooLong);
		await expect.poll(() => page.getByTestId('import-problem').innerText()).toMatch(/up to 2\.0 MB of text/);
		expect(await rowCount(page, 'articles')).toBeLessThanOrEqual(0);
	});
});
