import { beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../db/lazy.ts';
import { COMPUTING_POWER as WORD } from '../db/testWords.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { UserWord } from './userWord.svelte.ts';
import { until } from '../test/until.ts';

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
});
