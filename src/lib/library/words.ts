import type { ImportedWord } from '../db/articles.ts';
import type { WordSuggestion } from '../import/types.ts';

/**
 * A suggested word as the user's own, like a word added from the reader: the short gloss on the card's front, every
 * sense on its back, and the sentence of the text it came from.
 */
export function importedWord(suggestion: WordSuggestion): ImportedWord {
	return {
		zh: suggestion.zh,
		pinyin: suggestion.pinyin,
		en: suggestion.gloss,
		defEn: suggestion.definitions.join('; ') || suggestion.gloss,
		defZh: '',
		example: suggestion.sentence,
		paragraphId: suggestion.paragraphId
	};
}
