/** Shared by the tests of this folder only: the seed article, as the content pipeline will see it. */
import { readFileSync } from 'node:fs';

/** The unedited source kept beside the article made from it. */
export const SEED_FILE = 'content/articles/huang-2025/source.txt';

/** The seed spaces some names to dodge filters; the content normalises them so look-up works. */
export function normaliseSeed(text: string): string {
	return text.replace(/台 湾/g, '台湾').replace(/华 为/g, '华为').replace(/台 北/g, '台北');
}

export function seedParagraphs(): string[] {
	return normaliseSeed(readFileSync(SEED_FILE, 'utf8'))
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line.length > 0);
}
