/**
 * HSK levels in the browser, fetched on first use by the screens that show them (the deck list, a card's page),
 * never by the first screen. The built-in deck's levels are a tiny module; the list's words in the built-in texts,
 * needed only for the words the user added, load only once such a word is shown.
 */
import type { VocabEntry } from '../model/words.ts';
import { indexHskList, type DeckHskLevels, type HskLevel } from './hsk.ts';

type Leveled = Pick<VocabEntry, 'zh' | 'userMade'>;

let deck = $state.raw<DeckHskLevels | undefined>();
let words = $state.raw<ReadonlyMap<string, HskLevel> | undefined>();
let deckLoading: Promise<void> | undefined;
let wordsLoading: Promise<void> | undefined;

/**
 * The entry's HSK level, once its levels are loaded (loadHskLevels); undefined for a word the list lacks, and for
 * now for a word the user added from an imported text that no built-in text has.
 */
export function hskLevelOf(entry: Leveled): HskLevel | undefined {
	if (entry.userMade) return words?.get(entry.zh.trim());
	return deck && Object.hasOwn(deck, entry.zh) ? deck[entry.zh] : undefined;
}

/** Loads what these entries' levels need, each module once (again after a failure: offline before it was cached). */
export function loadHskLevels(entries: readonly Leveled[]): Promise<void> {
	const loads: Promise<void>[] = [];
	if (entries.some((entry) => !entry.userMade))
		loads.push(
			(deckLoading ??= import('virtual:duka/hsk-deck').then(
				(module) => {
					deck = module.default;
				},
				(error: unknown) => {
					deckLoading = undefined;
					throw error;
				}
			))
		);
	if (entries.some((entry) => entry.userMade))
		loads.push(
			(wordsLoading ??= import('virtual:duka/hsk-words').then(
				(module) => {
					words = indexHskList(module.default);
				},
				(error: unknown) => {
					wordsLoading = undefined;
					throw error;
				}
			))
		);
	return Promise.all(loads).then(() => undefined);
}
