import type { UserEntryRow } from '../model/words.ts';

/** What the user may change about a word they added; the Chinese is its identity and stays. */
export type UserWordFields = Pick<UserEntryRow, 'en' | 'pinyin' | 'defEn' | 'defZh'>;

export const USER_WORD_LIMITS: Readonly<Record<keyof UserWordFields, number>> = {
	en: 120,
	pinyin: 120,
	defEn: 1000,
	defZh: 1000
};

export type UserWordProblem =
	{ field: keyof UserWordFields; kind: 'required' } | { field: keyof UserWordFields; kind: 'tooLong'; limit: number };

export type CleanedUserWord = { ok: true; fields: UserWordFields } | { ok: false; problems: UserWordProblem[] };

const FIELDS = ['en', 'pinyin', 'defEn', 'defZh'] as const;

// Control characters would be invisible in the deck and the exports; newlines are kept for definitions.
const clean = (text: string) => text.replace(/(?!\n)\p{Cc}/gu, '').trim();

/**
 * The edited fields as they will be stored, or every problem with them. Text is stored and shown as plain
 * text (never parsed as markup), so only emptiness and length are refused.
 */
export function cleanUserWordFields(input: UserWordFields): CleanedUserWord {
	const fields = {
		en: clean(input.en),
		pinyin: clean(input.pinyin),
		defEn: clean(input.defEn),
		defZh: clean(input.defZh)
	};
	const problems: UserWordProblem[] = [];
	if (!fields.en) problems.push({ field: 'en', kind: 'required' });
	for (const field of FIELDS)
		if (fields[field].length > USER_WORD_LIMITS[field])
			problems.push({ field, kind: 'tooLong', limit: USER_WORD_LIMITS[field] });
	return problems.length > 0 ? { ok: false, problems } : { ok: true, fields };
}
