/**
 * The CC-CEDICT attribution, on its own so the About screen can show it without pulling cedict.ts
 * (which reads the dictionary with node:fs) into the browser bundle.
 * CC BY-SA 4.0 requires the attribution, the licence and a note of changes.
 */
export const CEDICT_CREDIT =
	'Chinese–English definitions from CC-CEDICT (https://cc-cedict.org/), © MDBG and the CC-CEDICT contributors, ' +
	'based on CEDICT by Paul Andrew Denisowski, licensed under Creative Commons Attribution-ShareAlike 4.0 International ' +
	'(CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/). ' +
	'Duka ships a subset with shortened definitions and tone-marked pinyin; that subset is shared under the same licence.';
