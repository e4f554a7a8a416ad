/**
 * For tests only: what the import worker gets from the full dictionary, made from the Node CC-CEDICT
 * loader, a small traditional-to-simplified table (the real file has traditional headwords of its own)
 * and commonness figures given by the test.
 */
import { loadCedict } from '../dictionary/cedict.ts';
import type { ImportDictionary } from './types.ts';

const SIMPLIFIED: Record<string, string> = {
	臺: '台',
	灣: '湾',
	資: '资',
	輝: '辉',
	達: '达',
	顯: '显',
	這: '这',
	個: '个',
	製: '制',
	體: '体',
	與: '与',
	晶: '晶',
	電: '电',
	積: '积',
	創: '创',
	業: '业',
	們: '们',
	發: '发',
	處: '处',
	產: '产',
	語: '语',
	說: '说',
	禁: '禁',
	運: '运'
};

const toSimplified = (word: string) => Array.from(word, (character) => SIMPLIFIED[character] ?? character).join('');

export async function testDictionary(commonness: Record<string, number> = {}): Promise<ImportDictionary> {
	const cedict = await loadCedict();
	return {
		has: (word) => cedict.has(word) || cedict.has(toSimplified(word)),
		get: (word) => cedict.get(word) ?? cedict.get(toSimplified(word)),
		maxWordLength: cedict.maxWordLength,
		wordCount: cedict.wordCount,
		commonness: (word) => commonness[word] ?? commonness[toSimplified(word)]
	};
}
