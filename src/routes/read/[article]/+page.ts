import { error } from '@sveltejs/kit';
import { catalog, findSummary } from '$lib/content/library.ts';
import type { EntryGenerator, PageLoad } from './$types';

export const entries: EntryGenerator = () => catalog.map((summary) => ({ article: summary.meta.id }));

export const load: PageLoad = ({ params }) => {
	const summary = findSummary(params.article);
	if (!summary) error(404, 'No such article');
	return { summary };
};
