import { stores, type Stores } from '../db/lazy.ts';
import { libraryEntries, loadAnyArticle } from '../library/library.ts';
import type { ArticleSummary } from '../model/articles.ts';
import type { DeletedAnnotations } from '../db/notes.ts';
import { LiveQuery, type LiveStatus } from '../ui/live.svelte.ts';
import {
	collectNotes,
	filterNotes,
	notesEntries,
	type AnnotationRows,
	type ArticleNotes,
	type NotesEntry
} from './collect.ts';
import { recoverNoteDrafts } from './reader.svelte.ts';
import { searchNotes } from './search.ts';
import { allTags, hasTag, parseTags, type TagsParse } from './tags.ts';

/** What was just deleted, so the screen can offer to put it back; `note-bookmark` is a note with its bookmark. */
export interface NotesUndo {
	kind: NotesEntry['kind'] | 'note-bookmark';
	deleted: DeletedAnnotations;
}

/** Every annotation grouped by article in the library's order, each in reading order; only articles that have some. */
async function groupByArticle(
	rows: AnnotationRows,
	summaries: readonly ArticleSummary[],
	loadStores: () => Promise<Stores>
): Promise<ArticleNotes[]> {
	const result: ArticleNotes[] = [];
	for (const summary of summaries) {
		const id = summary.meta.id;
		const own = {
			bookmarks: rows.bookmarks.filter((row) => row.articleId === id),
			highlights: rows.highlights.filter((row) => row.articleId === id),
			notes: rows.notes.filter((row) => row.articleId === id)
		};
		if (own.bookmarks.length + own.highlights.length + own.notes.length === 0) continue;
		result.push(collectNotes(await loadAnyArticle(id, loadStores), own));
	}
	return result;
}

/** Each article's entries that match the query, and those open for editing whatever they say. */
function searchArticles(articles: readonly ArticleNotes[], query: string, editing: readonly string[]): ArticleNotes[] {
	return articles.map((notes) =>
		filterNotes(
			notes,
			new Set([...editing, ...searchNotes(notesEntries(notes), query).map((result) => result.item.key)])
		)
	);
}

/** Each article's highlights that carry the tag (and the entries open for editing). */
function withTag(articles: readonly ArticleNotes[], tag: string, editing: readonly string[]): ArticleNotes[] {
	return articles.map((notes) =>
		filterNotes(
			notes,
			new Set([
				...editing,
				...notesEntries(notes)
					.filter((entry) => entry.kind === 'highlight' && hasTag(entry.highlight.tags, tag))
					.map((entry) => entry.key)
			])
		)
	);
}

const entryCount = (articles: readonly ArticleNotes[]) =>
	articles.reduce((sum, notes) => sum + notesEntries(notes).length, 0);

/**
 * The Notes screen: every bookmark, highlight and note, live (an edit in another tab shows here too),
 * searchable, with deletions that can be undone. Watched only while the screen reads it.
 */
export class NotesScreen {
	query = $state('');
	/** The tag the list is narrowed to; '' for every entry. */
	tag = $state('');
	undo = $state.raw<NotesUndo | null>(null);
	// Entries open for editing stay listed even when an edit stops them matching the search.
	#editingKeys = $state.raw<string[]>([]);
	readonly #stores: () => Promise<Stores>;
	readonly #live: LiveQuery<ArticleNotes[]>;

	constructor(loadStores: () => Promise<Stores> = stores) {
		this.#stores = loadStores;
		// Notes typed just before a tab closed are saved first, so they are listed with the rest.
		const afterRecovery = () =>
			recoverNoteDrafts()
				.catch(() => 0)
				.then(loadStores);
		this.#live = new LiveQuery(
			async ({ notes, articles }) => {
				const [rows, imported] = await Promise.all([notes.allAnnotations(), articles.listImportedSummaries()]);
				const summaries = libraryEntries(imported).map((entry) => entry.summary);
				// The built-in articles' text is not in the database: other async work in a live query goes through
				// Promise.resolve, as Dexie asks (https://dexie.org/docs/dexie-react-hooks/useLiveQuery()).
				return Promise.resolve(groupByArticle(rows, summaries, loadStores));
			},
			[],
			afterRecovery
		);
	}

	get status(): LiveStatus {
		return this.#live.status;
	}

	/** Every article that has annotations, whatever the search. */
	get articles(): ArticleNotes[] {
		return this.#live.current;
	}

	// Getters, not $derived: a derived read outside an effect (in an event handler, say) would start a watch
	// of the live query that nothing ever stops (createSubscriber), and these are quick to compute.

	get searching(): boolean {
		return this.query.trim() !== '' || this.tag !== '';
	}

	/** Every tag on a highlight, for the tag filter. */
	tags(lang: string): string[] {
		return allTags(
			this.articles.flatMap((notes) =>
				notesEntries(notes).map((entry) => (entry.kind === 'highlight' ? entry.highlight.tags : undefined))
			),
			lang
		);
	}

	/** The articles' annotations as the search and the tag filter leave them. */
	get shown(): ArticleNotes[] {
		const tagged = this.tag ? withTag(this.articles, this.tag, this.#editingKeys) : this.articles;
		return this.query.trim() !== '' ? searchArticles(tagged, this.query, this.#editingKeys) : tagged;
	}

	/** Entries the search leaves. */
	get matches(): number {
		return entryCount(this.shown);
	}

	get total(): number {
		return entryCount(this.articles);
	}

	get counts(): ArticleNotes['counts'] {
		return this.articles.reduce(
			(sum, notes) => ({
				bookmarks: sum.bookmarks + notes.counts.bookmarks,
				highlights: sum.highlights + notes.counts.highlights,
				notes: sum.notes + notes.counts.notes
			}),
			{ bookmarks: 0, highlights: 0, notes: 0 }
		);
	}

	/** Deletes the entry whole: a note on a bookmarked paragraph goes with its bookmark. */
	async remove(entry: NotesEntry): Promise<void> {
		const { notes } = await this.#stores();
		const deleted =
			entry.kind === 'bookmark'
				? await notes.deleteBookmark(entry.articleId, entry.paragraphId)
				: entry.kind === 'note'
					? await notes.deleteNoteWithBookmark(entry.note.id, entry.bookmark)
					: await notes.deleteHighlight(entry.highlight.id);
		this.undo = { kind: entry.kind === 'note' && entry.bookmark ? 'note-bookmark' : entry.kind, deleted };
	}

	/** Takes the bookmark off a paragraph and keeps its note. */
	async removeBookmark(entry: NotesEntry): Promise<void> {
		const { notes } = await this.#stores();
		this.undo = { kind: 'bookmark', deleted: await notes.deleteBookmark(entry.articleId, entry.paragraphId) };
	}

	/** Gives a highlight the tags typed; what cannot be tags is refused and nothing is written. */
	async setTags(entry: NotesEntry, typed: string): Promise<TagsParse> {
		const parsed = parseTags(typed);
		if (!parsed.ok || entry.kind !== 'highlight') return parsed;
		const { notes } = await this.#stores();
		await notes.setHighlightTags(entry.highlight.id, parsed.tags);
		return parsed;
	}

	/** Puts back what was deleted last. */
	async restore(): Promise<void> {
		const deleted = this.undo?.deleted;
		this.undo = null;
		if (!deleted) return;
		const { notes } = await this.#stores();
		await notes.restoreAnnotations(deleted);
	}

	dismissUndo(): void {
		this.undo = null;
	}

	setEditing(key: string, editing: boolean): void {
		this.#editingKeys = editing ? [...this.#editingKeys, key] : this.#editingKeys.filter((other) => other !== key);
	}
}
