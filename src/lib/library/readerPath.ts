import { isImportedArticleId } from '../model/ids.ts';

/** What else a reader link may carry: where the reader was opened from, and the paragraph to scroll to. */
export interface ReaderPathOptions {
	/** `review` brings the reader's back button back to the review; `notes`, a link back to the Notes screen. */
	from?: 'review' | 'notes';
	paragraphId?: string;
	/** The word to mark in that paragraph (the one a flashcard is about). */
	word?: string;
	/** The flashcard the reader was opened from: back in the review, it shows again with its answer. */
	reviewCard?: string;
}

/**
 * The reader's address of an article (its contents) or of one of its cards, before the app's base path. Built-in
 * articles have prerendered pages of their own (`/read/<article>/<card>`); an imported text lives only on the device,
 * so one prerendered page reads every one of them from its query (`/read/text?id=<article>&card=<card>`).
 */
export function readerPath(
	articleId: string,
	cardId?: string,
	{ from, paragraphId, word, reviewCard }: ReaderPathOptions = {}
): `/read/${string}` {
	const query = new URLSearchParams();
	let path: `/read/${string}`;
	if (isImportedArticleId(articleId)) {
		query.set('id', articleId);
		if (cardId !== undefined) query.set('card', cardId);
		path = '/read/text';
	} else {
		const article = encodeURIComponent(articleId);
		path = cardId === undefined ? `/read/${article}` : `/read/${article}/${encodeURIComponent(cardId)}`;
	}
	if (from) query.set('from', from);
	if (word) query.set('word', word);
	if (reviewCard) query.set('card-shown', reviewCard);
	const search = query.toString();
	const hash = paragraphId === undefined ? '' : `#${encodeURIComponent(paragraphId)}`;
	return `${path}${search ? `?${search}` : ''}${hash}`;
}
