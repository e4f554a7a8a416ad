import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stores } from '../db/lazy.ts';
import { COMPUTING_POWER as WORD } from '../db/testWords.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { UserWord } from './userWord.svelte.ts';
import { until } from '../test/until.ts';
import type { DraftContext } from './gloss.ts';
import { lookUp } from './word.ts';

const TEXT = '他说服了客户。';
const SUBSET = {
	说服: [['shuō fú', 'to persuade; to convince', 'to talk sb over'] as [string, ...string[]]],
	客户: [['kè hù', 'client; customer', 'CL:個|个[gè]'] as [string, ...string[]]]
};
const lookupOf = (word: string) =>
	lookUp(SUBSET, TEXT, { start: TEXT.indexOf(word), end: TEXT.indexOf(word) + word.length });
const context: DraftContext = {
	where: { articleId: 'test', paragraphId: 'p0001', text: TEXT },
	pinyinOf: (zh) => `py(${zh})`,
	inDeck: () => false
};

beforeEach(() => {
	freshDatabase();
});

describe('UserWord', () => {
	it('adds the selected word once, then says it is already in the deck', async () => {
		const word = new UserWord(stores);
		word.select('算力');
		await word.add(WORD);
		expect(word.addState).toBe('added');
		expect(word.mine?.zh).toBe('算力');
		await word.add(WORD);
		expect(word.addState).toBe('exists');
	});

	it('finds a word added before, and forgets it when another is selected', async () => {
		const { userEntries } = await stores();
		await userEntries.addUserEntry(WORD);
		const word = new UserWord(stores);
		word.select('算力');
		await until(() => word.mine !== undefined);
		expect(word.mine?.en).toBe('computing power');
		word.select('芯片');
		expect(word.mine).toBeUndefined();
		expect(word.addState).toBe('idle');
		// The answer for a word no longer selected does not come back.
		word.select('算力');
		word.select('');
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(word.mine).toBeUndefined();
	});

	it('reports a word that could not be added', async () => {
		const word = new UserWord(stores);
		await word.add({ ...WORD, zh: ' ' });
		expect(word.addState).toBe('error');
	});

	it('makes a card of the first sense, cut short, and adds it with the sense the user picked and edited', async () => {
		const word = new UserWord(stores);
		const lookup = lookupOf('说服');
		word.select('说服');
		expect(word.startDraft(lookup)).toBe(true);
		expect(word.draft).toEqual({ zh: '说服', en: 'to persuade', sense: { reading: 'shuō fú', definition: 0 } });
		word.pick(lookup, { reading: 'shuō fú', definition: 1 });
		expect(word.draft?.en).toBe('to talk sb over');
		word.edit('en', 'to talk someone round');
		await word.addDraft(lookup, context);
		expect(word.addState).toBe('added');
		expect(word.draft).toBeUndefined();
		const { userEntries } = await stores();
		expect(await userEntries.getUserEntry('说服')).toMatchObject({
			zh: '说服',
			pinyin: 'shuō fú',
			en: 'to talk someone round',
			defEn: 'to persuade; to convince; to talk sb over',
			example: '他说服了客户。'
		});
		expect(word.shown('说服')?.en).toBe('to talk someone round');
	});

	it('keeps the draft and says what is wrong until both sides are right', async () => {
		const word = new UserWord(stores);
		const lookup = lookupOf('客户');
		word.select('客户');
		word.startDraft(lookup);
		word.edit('zh', '');
		word.edit('en', ' ');
		await word.addDraft(lookup, context);
		expect(word.problems.map((problem) => `${problem.field}:${problem.kind}`)).toEqual(['zh:required', 'en:required']);
		expect(word.addState).toBe('idle');
		// Editing a side clears its problem; picking a sense fills the English again.
		word.edit('zh', '客户');
		expect(word.problems.map((problem) => problem.field)).toEqual(['en']);
		word.pick(lookup, { reading: 'kè hù', definition: 0 });
		expect(word.problems).toEqual([]);
		await word.addDraft(lookup, context);
		expect(word.addState).toBe('added');
		expect(word.mine?.en).toBe('client');
		const { userEntries } = await stores();
		expect((await userEntries.listUserEntries()).map((entry) => entry.zh)).toEqual(['客户']);
	});

	it('shows the word just added under the Chinese the user gave it', async () => {
		const word = new UserWord(stores);
		const lookup = lookupOf('说服');
		word.select('说服');
		word.startDraft(lookup);
		word.edit('zh', '说服客户');
		await word.addDraft(lookup, context);
		expect(word.mine).toMatchObject({ zh: '说服客户', pinyin: 'py(说服客户)', defEn: '' });
		expect(word.shown('说服')?.zh).toBe('说服客户');
	});

	it('gives up the draft on cancel and when another word is selected', () => {
		const word = new UserWord(stores);
		word.select('说服');
		word.startDraft(lookupOf('说服'));
		word.cancelDraft();
		expect(word.draft).toBeUndefined();
		word.startDraft(lookupOf('说服'));
		word.select('客户');
		expect(word.draft).toBeUndefined();
		expect(word.startDraft(lookUp({ 了: [['le']] }, '了', { start: 0, end: 1 }))).toBe(false);
	});

	it('adds a cloze card on the word’s sentence when asked, and offers the same choice for the next word', async () => {
		const word = new UserWord(stores);
		const lookup = lookupOf('说服');
		word.select('说服');
		word.startDraft(lookup);
		expect(word.cloze).toBe(false);
		word.setCloze(true);
		await word.addDraft(lookup, context);
		const { cards, settings } = await stores();
		const made = (await cards.listCards()).filter((card) => card.entryId === 'user:说服');
		expect(made.map((card) => card.direction).sort()).toEqual(['clozeZh', 'en2zh', 'zh2en']);
		await vi.waitFor(async () => expect(await settings.loadClozeForNewWords()).toBe(true));

		const next = new UserWord(stores);
		next.select('客户');
		next.startDraft(lookupOf('客户'));
		await until(() => next.cloze);
	});

	it('says when a cloze card was asked for but the sentence does not hold the word as the user wrote it', async () => {
		const word = new UserWord(stores);
		const lookup = lookupOf('说服');
		word.select('说服');
		word.startDraft(lookup);
		word.setCloze(true);
		word.edit('zh', '说服力');
		await word.addDraft(lookup, context);
		expect(word.addState).toBe('added');
		expect(word.clozeMissed).toBe(true);
		const { cards } = await stores();
		expect((await cards.listCards()).map((card) => card.direction).sort()).toEqual(['en2zh', 'zh2en']);
	});
});
