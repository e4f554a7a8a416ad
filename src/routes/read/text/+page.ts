import { error } from '@sveltejs/kit';
import { cardIndex, findCard } from '$lib/content/library.ts';
import { findAnySummary, openArticle } from '$lib/library/library.ts';
import type { PageLoad } from './$types';

// An imported text exists only on the device: the page is prerendered empty and reads its query in the browser.
export const ssr = false;

export const load: PageLoad = async ({ url }) => {
	const articleId = url.searchParams.get('id') ?? '';
	const cardId = url.searchParams.get('card');
	if (!cardId) {
		const summary = await findAnySummary(articleId);
		if (!summary) error(404, 'No such article');
		return { summary, reading: undefined };
	}
	// A card turn reads the listing once, for the summary and the (cached) body alike.
	const opened = await openArticle(articleId);
	if (!opened) error(404, 'No such article');
	const { summary, article } = opened;
	const card = findCard(article, cardId);
	if (!card) error(404, 'No such card');
	const index = cardIndex(summary, card.id);
	return {
		summary,
		reading: {
			article,
			card,
			index,
			previousId: summary.cards[index - 1]?.id,
			nextId: summary.cards[index + 1]?.id
		}
	};
};
