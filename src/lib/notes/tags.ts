/**
 * Tags on highlights: short labels the user types ("#芯片 policy, 待查"), kept as written but compared without
 * case, so "AI" and "ai" are one tag.
 */

export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS = 20;

export type TagsParse = { ok: true; tags: string[] } | { ok: false; problem: 'too-long' | 'too-many'; tag?: string };

const sameTag = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();

/**
 * The tags in what was typed: separated by commas (either width), semicolons or spaces, a leading # dropped,
 * each once. A tag over MAX_TAG_LENGTH characters, or more than MAX_TAGS of them, is refused, never cut.
 */
export function parseTags(typed: string): TagsParse {
	const tags: string[] = [];
	for (const piece of typed.split(/[,，;；、\s]+/u)) {
		const tag = piece.replace(/^[#＃]+/u, '').trim();
		if (!tag) continue;
		if ([...tag].length > MAX_TAG_LENGTH) return { ok: false, problem: 'too-long', tag };
		if (!tags.some((kept) => sameTag(kept, tag))) tags.push(tag);
	}
	if (tags.length > MAX_TAGS) return { ok: false, problem: 'too-many' };
	return { ok: true, tags };
}

/** Every tag in use, each once (the first spelling met), in the order of the interface language. */
export function allTags(tagLists: Iterable<readonly string[] | undefined>, lang: string): string[] {
	const found: string[] = [];
	for (const list of tagLists)
		for (const tag of list ?? []) if (!found.some((kept) => sameTag(kept, tag))) found.push(tag);
	return found.sort((a, b) => a.localeCompare(b, lang));
}

export function hasTag(tags: readonly string[] | undefined, tag: string): boolean {
	return (tags ?? []).some((own) => sameTag(own, tag));
}
