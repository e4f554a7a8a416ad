import { catalog, loadArticle } from '../content/library.ts';
import type { Article } from '../model/articles.ts';
import { stores } from '../db/lazy.ts';
import { loadBuiltInVocab, userEntryToVocab } from '../deck/entries.ts';
import { deckToAnki, exampleFor, reviewsToCsv, type AnkiNote } from './anki.ts';
import { backupFileName, buildBackup, serialiseBackup } from './export.ts';

/** The backup of everything on the device, as a file named for today. */
export async function backupFile(now = new Date()): Promise<File> {
	const { backup } = await stores();
	const text = serialiseBackup(buildBackup(await backup.exportAll(), now));
	return new File([text], backupFileName(now), { type: 'application/json' });
}

/** One Anki file per article that has words: the curated deck and the words the user added. */
export async function ankiFiles(): Promise<File[]> {
	const { userEntries } = await stores();
	const [builtIn, mine] = await Promise.all([loadBuiltInVocab(), userEntries.listUserEntries()]);
	const notes: AnkiNote[] = builtIn.map((entry) => ({ entry }));
	notes.push(...mine.map((row) => ({ entry: userEntryToVocab(row), example: row.example || undefined })));
	const files: File[] = [];
	for (const summary of catalog) {
		const articleId = summary.meta.id;
		const ofArticle = notes.filter((note) => note.entry.articleId === articleId);
		if (ofArticle.length === 0) continue;
		const article: Article | undefined = await loadArticle(articleId).catch(() => undefined);
		const withExamples = ofArticle.map((note) => ({
			...note,
			example: note.example ?? exampleFor(note.entry, article)
		}));
		files.push(new File([deckToAnki(articleId, withExamples)], `duka-${articleId}-anki.txt`, { type: 'text/plain' }));
	}
	return files;
}

/** The review history; the byte-order mark lets Excel read the Chinese as UTF-8. */
export async function reviewsCsvFile(now = new Date()): Promise<File> {
	const { backup } = await stores();
	const csv = reviewsToCsv(await backup.listReviews());
	return new File(['\ufeff' + csv], backupFileName(now, 'reviews', 'csv'), { type: 'text/csv' });
}
