import { error } from '@sveltejs/kit';
import { catalog, cardIndex, findCard, findSummary, loadArticle } from '$lib/content/library.ts';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () =>
	catalog.flatMap((summary) => summary.cards.map((card) => ({ article: summary.meta.id, card: card.id })));

export const load: PageLoad = async ({ params }) => {
	const summary = findSummary(params.article);
	if (!summary) error(404, 'No such article');
	const article = await loadArticle(params.article);
	const card = findCard(article, params.card);
	if (!card) error(404, 'No such card');
	const index = cardIndex(summary, card.id);
	return {
		summary,
		article,
		card,
		index,
		previousId: summary.cards[index - 1]?.id,
		nextId: summary.cards[index + 1]?.id
	};
};
