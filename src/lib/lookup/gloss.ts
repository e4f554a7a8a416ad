/**
 * The card a looked-up word becomes when the user adds it: one of CC-CEDICT's senses as a short gloss (the
 * first, cut to its first clause, unless the user picks another) and both sides editable before adding.
 */
import type { NewUserEntry } from '../db/userEntries.ts';
import { cleanUserWordFields, USER_WORD_LIMITS } from '../deck/userWordEdit.ts';
import type { WordSense } from '../dictionary/lookup.ts';
import { sentenceAround, type WordLookup } from './word.ts';

/**
 * A definition of the lookup: its reading's pinyin, and its place among that reading's definitions. By pinyin,
 * not position, because the readings are reordered when the text's pinyin arrives.
 */
export interface SenseKey {
	reading: string;
	definition: number;
}

export interface GlossDraft {
	/** The Chinese side: the selection, unless the user changed it. */
	zh: string;
	/** The English side: the picked sense's first clause, unless the user changed it. */
	en: string;
	sense: SenseKey | undefined;
}

export type DraftField = 'zh' | 'en';

export type DraftProblem =
	| { field: DraftField; kind: 'required' | 'notChinese' | 'inDeck' }
	| { field: DraftField; kind: 'tooLong'; limit: number };

/** Code points: room for a long idiom or name, and for its pinyin within the store's limit. */
export const ZH_LIMIT = 20;

// Notes on a reading rather than meanings: a classifier, another pronunciation.
const NOTE = /^(CL:|(Taiwan|also|old) pr\.)/;

/** Whether a definition is a meaning worth learning (not a classifier or pronunciation note). */
export function isChoosable(definition: string): boolean {
	return definition.trim() !== '' && !NOTE.test(definition.trim());
}

/** Every choosable definition of the lookup, reading by reading, in order. */
export function senseKeys(lookup: WordLookup): SenseKey[] {
	return lookup.senses.flatMap((sense) =>
		sense.definitions.flatMap((text, definition) => (isChoosable(text) ? [{ reading: sense.pinyin, definition }] : []))
	);
}

export function sameSense(a: SenseKey | undefined, b: SenseKey | undefined): boolean {
	return a !== undefined && b !== undefined && a.reading === b.reading && a.definition === b.definition;
}

function readingOf(lookup: WordLookup, key: SenseKey): WordSense | undefined {
	return lookup.senses.find((sense) => sense.pinyin === key.reading);
}

function definitionAt(lookup: WordLookup, key: SenseKey): string | undefined {
	return readingOf(lookup, key)?.definitions[key.definition];
}

// Register labels that say how a sense is used, not what it means: a card needs the meaning.
const LEADING_LABEL = /^\((bound form|literary|coll\.|colloquial|Tw|old|archaic|dialect|formal|slang|idiom)\)\s*/i;
const TRAILING_LABEL = /\s*\((idiom|coll\.|literary|Tw|old|archaic|dialect|formal|slang)\)$/i;

/**
 * The definition up to its first `;` or `,` outside brackets, without a leading or trailing register label:
 * "client; customer" → "client", "(bound form) row; line" → "row", "Taipei, capital of Taiwan" → "Taipei".
 */
export function firstClause(definition: string): string {
	let depth = 0;
	let end = definition.length;
	// The brackets and separators are all single UTF-16 units, so plain indexes are safe.
	for (let index = 0; index < definition.length && end === definition.length; index++) {
		const character = definition[index]!;
		if ('([（'.includes(character)) depth++;
		else if (')]）'.includes(character)) depth = Math.max(0, depth - 1);
		else if (depth === 0 && (character === ';' || character === ',')) end = index;
	}
	const clause = definition.slice(0, end).trim();
	const unlabelled = clause.replace(LEADING_LABEL, '').replace(TRAILING_LABEL, '').trim();
	return unlabelled || clause;
}

/** The draft a word starts from: the first sense, cut to its first clause; undefined when there is none. */
export function startDraft(lookup: WordLookup): GlossDraft | undefined {
	const first = senseKeys(lookup)[0];
	const definition = first && definitionAt(lookup, first);
	if (!first || definition === undefined) return undefined;
	return { zh: lookup.word, en: firstClause(definition), sense: first };
}

/** The draft with another sense picked: its first clause becomes the English side. */
export function pickSense(draft: GlossDraft, lookup: WordLookup, key: SenseKey): GlossDraft {
	const definition = definitionAt(lookup, key);
	if (definition === undefined || !isChoosable(definition)) return draft;
	return { ...draft, en: firstClause(definition), sense: key };
}

export interface DraftContext {
	/** Where the word was looked up. */
	where: { articleId: string; paragraphId: string; text: string };
	/** The reading of a Chinese side the user typed (the selection's own reading is known). */
	pinyinOf: (zh: string) => string;
	/** Whether the built-in deck has this headword already. */
	inDeck: (zh: string) => boolean;
}

export type DraftResult = { ok: true; entry: NewUserEntry } | { ok: false; problems: DraftProblem[] };

const HAN = /\p{Script=Han}/u;
// Control characters would be invisible on a card.
const clean = (text: string) => text.replace(/\p{Cc}/gu, '').trim();

/**
 * The entry to store, or what is wrong with the draft. The pinyin is the picked sense's reading (the one
 * read in the text when that is the sense), or, for a Chinese side the user changed, its dictionary reading;
 * the longer English is the picked reading's definitions, kept only while the Chinese is the word looked up.
 */
export function entryFromDraft(draft: GlossDraft, lookup: WordLookup, context: DraftContext): DraftResult {
	const zh = clean(draft.zh);
	const problems: DraftProblem[] = [];
	if (!zh) problems.push({ field: 'zh', kind: 'required' });
	else if (!HAN.test(zh)) problems.push({ field: 'zh', kind: 'notChinese' });
	else if (Array.from(zh).length > ZH_LIMIT) problems.push({ field: 'zh', kind: 'tooLong', limit: ZH_LIMIT });
	else if (context.inDeck(zh)) problems.push({ field: 'zh', kind: 'inDeck' });

	const asLookedUp = zh === lookup.word;
	const reading = asLookedUp && draft.sense ? readingOf(lookup, draft.sense) : undefined;
	// The text's own reading (lookup.pinyin) comes first among the senses; another reading is the user's pick.
	const pinyin = !asLookedUp
		? context.pinyinOf(zh)
		: reading && reading !== lookup.senses[0]
			? reading.pinyin
			: lookup.pinyin;
	// A long reading is cut to what the store takes, not refused: the user did not write it.
	const defEn = reading ? reading.definitions.filter(isChoosable).join('; ').slice(0, USER_WORD_LIMITS.defEn) : '';
	const fields = cleanUserWordFields({ en: draft.en, pinyin: pinyin || zh, defEn, defZh: '' });
	if (!fields.ok)
		for (const problem of fields.problems) {
			if (problem.field === 'en')
				problems.push(
					problem.kind === 'tooLong'
						? { field: 'en', kind: 'tooLong', limit: problem.limit }
						: { field: 'en', kind: 'required' }
				);
			// Only a very long Chinese side gives a reading too long to store.
			else if (problem.field === 'pinyin' && !problems.some((known) => known.field === 'zh'))
				problems.push({ field: 'zh', kind: 'tooLong', limit: ZH_LIMIT });
		}
	if (problems.length > 0 || !fields.ok) return { ok: false, problems };
	return {
		ok: true,
		entry: {
			zh,
			pinyin: fields.fields.pinyin,
			en: fields.fields.en,
			defEn: fields.fields.defEn,
			defZh: '',
			example: sentenceAround(context.where.text, lookup.range),
			articleId: context.where.articleId,
			paragraphId: context.where.paragraphId
		}
	};
}
