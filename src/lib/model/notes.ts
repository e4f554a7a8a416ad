export interface BookmarkRow {
	/** `${articleId}/${paragraphId}` */
	key: string;
	articleId: string;
	paragraphId: string;
	createdAt: number;
}

export interface HighlightRow {
	id: string;
	articleId: string;
	paragraphId: string;
	start: number;
	end: number;
	/** The highlighted text, and some text either side, to re-anchor after the paragraph is corrected. */
	quote: string;
	prefix: string;
	suffix: string;
	color: 'yellow' | 'green' | 'blue' | 'pink';
	/** The user's own labels (notes/tags.ts); absent on highlights that never had any. Not indexed. */
	tags?: string[];
	createdAt: number;
	updatedAt: number;
}

export interface NoteRow {
	id: string;
	articleId: string;
	paragraphId: string;
	/** Set when the note belongs to a highlight rather than the whole paragraph. */
	highlightId: string | null;
	text: string;
	createdAt: number;
	updatedAt: number;
}
