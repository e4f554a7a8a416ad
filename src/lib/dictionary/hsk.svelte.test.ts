import { describe, expect, it, vi } from 'vitest';
import { hskLevelOf, loadHskLevels } from './hsk.svelte.ts';

// The modules hskPlugin.ts bakes (tested in hsk.test.ts), small and independent of the deck's content.
const loaded = vi.hoisted(() => ({ deck: 0, words: 0 }));
vi.mock('virtual:duka/hsk-deck', () => {
	loaded.deck++;
	return { default: { 竞争: 4, 机会: 3 } };
});
vi.mock('virtual:duka/hsk-words', () => {
	loaded.words++;
	return { default: ['的 我们', '还 得', '机会', '竞争 总统', '说服', '卓越 立场'] };
});

describe('HSK levels in the browser', () => {
	it('knows no level before its module is loaded, then the built-in deck’s, without the whole list', async () => {
		const deckWord = { zh: '竞争' };
		expect(hskLevelOf(deckWord)).toBeUndefined();
		await loadHskLevels([deckWord, { zh: '算力' }]);
		expect(hskLevelOf(deckWord)).toBe(4);
		expect(hskLevelOf({ zh: '算力' })).toBeUndefined();
		expect(loaded).toEqual({ deck: 1, words: 0 });
		expect(hskLevelOf({ zh: '立场', userMade: true })).toBeUndefined();
	});

	it('gives a word the user added its level from the whole list, and none to a word the list lacks', async () => {
		await loadHskLevels([{ zh: '立场', userMade: true }]);
		await loadHskLevels([{ zh: '说服', userMade: true }, { zh: '竞争' }]);
		expect(hskLevelOf({ zh: '立场', userMade: true })).toBe(6);
		expect(hskLevelOf({ zh: '说服', userMade: true })).toBe(5);
		expect(hskLevelOf({ zh: '芯片', userMade: true })).toBeUndefined();
		// Each module is fetched once.
		expect(loaded).toEqual({ deck: 1, words: 1 });
	});
});
