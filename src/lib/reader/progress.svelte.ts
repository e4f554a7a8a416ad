import { markCardRead, readCardIds, savePosition, type ReadingPosition, lastPosition } from '../db/reading';

const readByArticle = $state<Record<string, string[]>>({});
let last = $state<ReadingPosition | undefined>();

/** Reading progress shared by the contents, home and card screens; IndexedDB is the source of truth. */
export const progress = {
	readIds(articleId: string): string[] {
		return readByArticle[articleId] ?? [];
	},
	isRead(articleId: string, cardId: string): boolean {
		return (readByArticle[articleId] ?? []).includes(cardId);
	},
	get last(): ReadingPosition | undefined {
		return last;
	},
	async load(articleId: string): Promise<void> {
		readByArticle[articleId] = [...(await readCardIds(articleId))];
	},
	async loadLast(): Promise<void> {
		last = await lastPosition();
	},
	async markRead(articleId: string, cardId: string): Promise<void> {
		if (progress.isRead(articleId, cardId)) return;
		readByArticle[articleId] = [...(readByArticle[articleId] ?? []), cardId];
		await markCardRead(articleId, cardId);
	},
	async visit(articleId: string, cardId: string): Promise<void> {
		const position = { articleId, cardId, at: Date.now() };
		last = position;
		await savePosition(articleId, cardId, position.at);
	}
};
