import { articleMarkdownFileName, articleToMarkdown } from '../backup/articleMarkdown.ts';
import { saveFile, type SaveOutcome } from '../backup/files.ts';
import type { DeletedArticle } from '../db/articles.ts';
import { stores, type Stores } from '../db/lazy.ts';
import { forgetSnapshots } from '../reader/cardSnapshot.ts';
import { LiveQuery, type LiveStatus } from '../ui/live.svelte.ts';
import { libraryEntries, loadAnyArticle, type LibraryEntry } from './library.ts';

type LoadStores = () => Promise<Stores>;
type SaveFile = (file: File) => Promise<SaveOutcome>;

export type RenameOutcome = 'renamed' | 'empty' | 'too-long' | 'missing';

/**
 * The contents screen's library: every article, built-in and imported, live (an import or a rename in another tab
 * shows here too), with what can be done to an imported one: rename, delete with undo, export its text.
 */
export class Library {
	/** What the last deletion removed, so the screen can offer to put it back. */
	undo = $state.raw<DeletedArticle | null>(null);
	readonly #stores: LoadStores;
	readonly #save: SaveFile;
	readonly #live: LiveQuery<LibraryEntry[]>;

	/** `save` hands a file to the user (a test passes its own). */
	constructor(loadStores: LoadStores = stores, save: SaveFile = saveFile) {
		this.#stores = loadStores;
		this.#save = save;
		this.#live = new LiveQuery(
			async ({ articles }) => libraryEntries(await articles.listImportedSummaries()),
			// The built-in articles show at once; the imported ones join them when the database answers.
			libraryEntries([]),
			loadStores
		);
	}

	get entries(): LibraryEntry[] {
		return this.#live.current;
	}

	get status(): LiveStatus {
		return this.#live.status;
	}

	async rename(articleId: string, title: string): Promise<RenameOutcome> {
		const { articles } = await this.#stores();
		try {
			return (await articles.renameArticle(articleId, title)) ? 'renamed' : 'missing';
		} catch (error) {
			if (error instanceof articles.InvalidTitleError) return error.reason;
			throw error;
		}
	}

	/** How many words the deck has from this article, for the question whether to keep them. */
	async wordCount(articleId: string): Promise<number> {
		const { articles } = await this.#stores();
		return articles.countWordsOf(articleId);
	}

	async remove(articleId: string, { keepWords }: { keepWords: boolean }): Promise<void> {
		const { articles } = await this.#stores();
		this.undo = (await articles.deleteArticle(articleId, { keepWords })) ?? null;
		// Its early-paint copies go with it: an undo brings the text back, and its cards are copied again when read.
		forgetSnapshots(articleId);
	}

	/** Puts back what was deleted last, exactly as it was. */
	async restore(): Promise<void> {
		const deleted = this.undo;
		this.undo = null;
		if (!deleted) return;
		const { articles } = await this.#stores();
		await articles.restoreDeletedArticle(deleted);
	}

	dismissUndo(): void {
		this.undo = null;
	}

	/** Hands the article's text to the user as a Markdown file. */
	async exportMarkdown(articleId: string): Promise<SaveOutcome> {
		const article = await loadAnyArticle(articleId, this.#stores);
		const file = new File([articleToMarkdown(article)], articleMarkdownFileName(article), { type: 'text/markdown' });
		return this.#save(file);
	}
}
