import { describe, expect, it, vi } from 'vitest';
import { sampleImportedText } from '../backup/testFixtures.ts';
import { summariseArticle, type ArticleSummary } from '../model/articles.ts';
import type { VocabEntry } from '../model/words.ts';
import { deckParts, entryParts, partIndex, partKey } from './parts.ts';

const imported = sampleImportedText();
const importedSummary = summariseArticle(imported.article);
const builtIn: ArticleSummary = {
	meta: { ...importedSummary.meta, id: 'huang-2025', titleZh: '老黄访谈' },
	parts: [
		{ id: 'part1', titleZh: '芯片', titleEn: 'Chips', included: true, cardIds: ['p1-01'] },
		{ id: 'part9', titleZh: '未收录', titleEn: 'Not here', included: false, cardIds: [] }
	],
	cards: [{ id: 'p1-01', partId: 'part1', titleZh: '', titleEn: '', chars: 10 }]
};

const entry = (articleId: string, occurrence: VocabEntry['occurrences'][number]): VocabEntry => ({
	id: `${articleId}:词`,
	articleId,
	zh: '词',
	pinyin: 'cí',
	en: 'word',
	defEn: 'word',
	defZh: '',
	pos: 'noun',
	tags: [],
	forms: ['词'],
	occurrences: [occurrence]
});

describe('deck parts', () => {
	it('lists the parts that hold cards, each named with its article', () => {
		expect(deckParts([builtIn, importedSummary]).map((part) => [part.key, part.articleTitle])).toEqual([
			['huang-2025/part1', '老黄访谈'],
			[`${imported.article.meta.id}/part1`, '英伟达的全栈解决方案'],
			[`${imported.article.meta.id}/part2`, '英伟达的全栈解决方案']
		]);
	});

	it('finds the part of a card, and of a paragraph, reading only the articles that need it', async () => {
		const id = imported.article.meta.id;
		const byCard = entry('huang-2025', { cardId: 'p1-01', paragraphId: 'p0001' });
		const byParagraph = entry(id, { paragraphId: 'p0003' });
		const loadArticle = vi.fn(async () => imported.article);
		const index = await partIndex([builtIn, importedSummary], [byCard, byParagraph], loadArticle);
		expect(loadArticle.mock.calls).toEqual([[id]]);
		expect(entryParts(byCard, index)).toEqual([partKey('huang-2025', 'part1')]);
		expect(entryParts(byParagraph, index)).toEqual([partKey(id, 'part2')]);
		// The same card id in another article is another card.
		expect(entryParts(entry(id, { cardId: 'p1-01', paragraphId: 'p0001' }), index)).toEqual([]);
	});

	it('leaves out the paragraphs of an article that cannot be read', async () => {
		const byParagraph = entry('huang-2025', { paragraphId: 'p0001' });
		const index = await partIndex([builtIn], [byParagraph], () => Promise.reject(new Error('offline')));
		expect(entryParts(byParagraph, index)).toEqual([]);
	});
});
