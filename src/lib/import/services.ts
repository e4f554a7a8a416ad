/**
 * The import screen's services as the app runs them: the import worker, the dictionary download and the
 * database. Loaded with the "Add a text" screen only.
 */
import { AutoBackups, learnerRows, SNAPSHOT_MAX_ROWS } from '../backup/autoBackups.svelte.ts';
import { stores, type Stores } from '../db/lazy.ts';
import { loadBuiltInVocab } from '../deck/entries.ts';
import { importedWord } from '../library/words.ts';
import { importedArticleId } from '../model/ids.ts';
import { dictionaryDownload } from '../storage/dictionaryDownload.svelte.ts';
import { createImportClient, ImportCancelled, type ImportClient } from './importClient.ts';
import type { ImportServices } from './importFlow.svelte.ts';

type LoadStores = () => Promise<Stores>;

/** The Chinese words the deck has already, built-in or the user's own: they are not suggested again. */
async function deckWords(loadStores: LoadStores): Promise<string[]> {
	const [{ userEntries }, vocab] = await Promise.all([loadStores(), loadBuiltInVocab()]);
	const own = await userEntries.listUserEntries();
	return [...new Set([...vocab.map((entry) => entry.zh), ...own.map((entry) => entry.zh)])];
}

/**
 * Above this many characters of imported texts the backup before an import is left to the daily one: the
 * snapshot copies every imported text on the page, with its words and pinyin (about 40 bytes of JSON a
 * character), and with a 2 MB text already imported that held the page for 300–400 ms at every later import,
 * against 50 ms allowed. Four texts of 20,000 characters stay under 50 ms (measured in the import bench).
 */
export const SNAPSHOT_MAX_IMPORTED_CHARACTERS = 100_000;

/**
 * An automatic backup right before an import, as before a Replace, when there is something to keep and the
 * collection is small enough to copy without holding the screen. Otherwise the daily backup and the review
 * journal keep what they keep. An import only adds, so one that cannot be taken (no room: the import's own
 * headroom check then refuses too) does not stop it.
 */
export async function snapshotBeforeImport(
	collection: { rows: number; importedCharacters: number },
	take: () => Promise<unknown>
): Promise<void> {
	const { rows, importedCharacters } = collection;
	if (rows === 0 || rows > SNAPSHOT_MAX_ROWS || importedCharacters > SNAPSHOT_MAX_IMPORTED_CHARACTERS) return;
	try {
		await take();
	} catch (error) {
		console.warn('no automatic backup before this import', error);
	}
}

export function importServices(
	client: ImportClient = createImportClient(),
	loadStores: LoadStores = stores
): ImportServices {
	return {
		prepare: (input, onProgress) => client.prepare(input, onProgress),
		async hasDictionary() {
			await dictionaryDownload.refresh();
			return dictionaryDownload.state.kind === 'ready';
		},
		dictionaryReady: () => dictionaryDownload.whenReady(),
		async build(choices, onProgress) {
			const { backup, articles } = await loadStores();
			const [counts, imported] = await Promise.all([backup.tableCounts(), articles.listImportedSummaries()]);
			const importedCharacters = imported.reduce(
				(total, row) => total + row.summary.cards.reduce((sum, card) => sum + card.chars, 0),
				0
			);
			await snapshotBeforeImport({ rows: learnerRows(counts), importedCharacters }, () =>
				new AutoBackups(loadStores).take('before-import')
			);
			// The worker stores the article itself: the page never holds the whole of it (workerHost.ts).
			return client.buildAndStore(
				{
					...choices,
					articleId: importedArticleId(),
					importedAt: Date.now(),
					deckWords: await deckWords(loadStores)
				},
				{ dictionaryReady: () => dictionaryDownload.whenReady(), onProgress }
			);
		},
		async addWords(articleId, words, options) {
			const { articles } = await loadStores();
			const { added } = await articles.addImportedWords(articleId, words.map(importedWord), Date.now(), options);
			return added.length;
		},
		async loadClozeChoice() {
			return (await loadStores()).settings.loadClozeForNewWords();
		},
		async saveClozeChoice(on) {
			await (await loadStores()).settings.saveClozeForNewWords(on);
		},
		cancel: () => client.cancel()
	};
}

export { ImportCancelled };
