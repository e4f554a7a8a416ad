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
 * An automatic backup right before an import, as before a Replace, when there is something to keep and the
 * collection is small enough to copy without holding the screen. An import only adds, so one that cannot be
 * taken (no room: the import's own headroom check then refuses too) does not stop it.
 */
export async function snapshotBeforeImport(rows: number, take: () => Promise<unknown>): Promise<void> {
	if (rows === 0 || rows > SNAPSHOT_MAX_ROWS) return;
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
			const { backup } = await loadStores();
			await snapshotBeforeImport(learnerRows(await backup.tableCounts()), () =>
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
		async addWords(articleId, words) {
			const { articles } = await loadStores();
			const { added } = await articles.addImportedWords(articleId, words.map(importedWord));
			return added.length;
		},
		cancel: () => client.cancel()
	};
}

export { ImportCancelled };
