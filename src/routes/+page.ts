import { catalog } from '$lib/content/library';
import type { PageLoad } from './$types';

export const load: PageLoad = () => ({ summaries: catalog });
