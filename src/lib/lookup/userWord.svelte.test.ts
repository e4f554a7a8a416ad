import { beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../db/lazy.ts';
import type { NewUserEntry } from '../db/userEntries.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { UserWord } from './userWord.svelte.ts';

const WORD: NewUserEntry = {
	zh: '算力',
	pinyin: 'suàn lì',
	en: 'computing power',
	defEn: 'computing power',
	defZh: '',
	example: '算力很贵。',
	articleId: 'test',
	paragraphId: 'p0001'
};

beforeEach(() => {
	freshDatabase();
});

/** Waits until the check holds (the lookup answers asynchronously). */
async function until(check: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
	expect(check()).toBe(true);
}

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
});
