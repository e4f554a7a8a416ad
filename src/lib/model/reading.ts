export interface ReadingStateRow {
	/** `${articleId}/${cardId}` */
	key: string;
	articleId: string;
	cardId: string;
	readAt: number;
}
