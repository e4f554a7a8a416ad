// The browser killed mid-note, as a phone killing the app would: SIGKILL, no shutdown, no pagehide, 150 ms
// after the last keystroke. A note's save starts at the first key, and what is typed during one is written
// when it ends (notes/draft.ts), so each one must be there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Page } from 'playwright-core';
import { launchOnProfile, open, readTables, SHOWN_CARD, type ProfileBrowser } from './browser.ts';
import { expect, test as appTest } from './fixtures.ts';

const ARTICLE = 'huang-2025';
const CARDS = ['p1-01', 'p1-02', 'p1-03'];
const NOTES = 20;
const KILL_AFTER_MS = 150;

interface NoteRow {
	paragraphId: string;
	highlightId: string | null;
	text: string;
}

/** Chromium on a profile of the test's own, launched again after each kill; killed for good when the test ends. */
interface Phone {
	launch(): Promise<Page>;
	kill(): Promise<void>;
}

const test = appTest
	// eslint-disable-next-line no-empty-pattern -- vitest reads a fixture's needs from this pattern: none
	.extend('profile', ({}, { onCleanup }) => {
		const folder = mkdtempSync(join(tmpdir(), 'duka-crash-'));
		onCleanup(() => rmSync(folder, { recursive: true, force: true }));
		return folder;
	})
	.extend('phone', ({ profile }, { onCleanup }): Phone => {
		let current: ProfileBrowser | undefined;
		const kill = async () => {
			await current?.kill();
			current = undefined;
		};
		onCleanup(kill);
		return {
			launch: async () => {
				await kill();
				current = await launchOnProfile(profile);
				return current.newPage();
			},
			kill
		};
	});

/** Whether the note is stored; polled, as a note Duka kept in its journal instead is saved once the reader starts. */
async function noteStored(page: Page, paragraphId: string, text: string): Promise<boolean> {
	const stored = async () => {
		const { notes } = await readTables<NoteRow>(page, ['notes']);
		return notes!.some((row) => row.paragraphId === paragraphId && row.highlightId === null && row.text === text);
	};
	try {
		await expect.poll(stored).toBe(true);
		return true;
	} catch {
		return false;
	}
}

async function openCard(page: Page, origin: string, card: string): Promise<void> {
	await open(page, `${origin}/read/${ARTICLE}/${card}`);
	await page.locator(`${SHOWN_CARD} [data-paragraph-id]`).first().waitFor();
}

test('keeps every note typed up to 150 ms before the browser was killed, 20 times out of 20', async ({
	server,
	phone,
	annotate
}) => {
	let page = await phone.launch();
	let card = 0;
	let paragraph = 0;
	await openCard(page, server.origin, CARDS[card]!);
	const lost: string[] = [];
	for (let note = 0; note < NOTES; note++) {
		// A paragraph with no note yet: the next one, on the next card once this card's are used.
		while (paragraph >= (await page.locator(`${SHOWN_CARD} [data-paragraph-id]`).count())) {
			card++;
			paragraph = 0;
			await openCard(page, server.origin, CARDS[card]!);
		}
		const section = page.locator(`${SHOWN_CARD} [data-paragraph-id]`).nth(paragraph++);
		const paragraphId = (await section.getAttribute('data-paragraph-id')) ?? '';
		await section.getByTestId('bookmark').click();
		await section.getByTestId('paragraph-note').click();
		const text = `Note ${note + 1}: 数据中心 needs ${1000 + note} GPUs 🚀 — ${Date.now().toString(36)}`;
		await page.getByTestId('note-input').pressSequentially(text);
		await sleep(KILL_AFTER_MS);
		await phone.kill();

		page = await phone.launch();
		await openCard(page, server.origin, CARDS[card]!);
		if (!(await noteStored(page, paragraphId, text))) lost.push(text);
	}
	await annotate(`${NOTES - lost.length} of ${NOTES} notes kept`);
	expect(lost).toEqual([]);
}, 150_000);
