import { catalog } from '$lib/content/library.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ summaries: catalog });
