import { stores } from '../db/lazy.ts';
import { quickLastPosition, quickReadCardIds } from '../db/quickRead.ts';
import type { ReadingPosition } from '../db/reading.ts';

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
	// Read without the database library where it can be (quickRead.ts): home shows where to continue without it.
	async load(articleId: string): Promise<void> {
		const read = (await quickReadCardIds(articleId))?.value ?? (await (await stores()).reading.readCardIds(articleId));
		readByArticle[articleId] = [...read];
	},
	async loadLast(): Promise<void> {
		const quick = await quickLastPosition();
		last = quick ? quick.value : await (await stores()).reading.lastPosition();
	},
	async markRead(articleId: string, cardId: string): Promise<void> {
		if (progress.isRead(articleId, cardId)) return;
		readByArticle[articleId] = [...(readByArticle[articleId] ?? []), cardId];
		const { reading } = await stores();
		await reading.markCardRead(articleId, cardId);
	},
	async visit(articleId: string, cardId: string): Promise<void> {
		const position = { articleId, cardId, at: Date.now() };
		last = position;
		const { reading } = await stores();
		await reading.savePosition(articleId, cardId, position.at);
	}
};
