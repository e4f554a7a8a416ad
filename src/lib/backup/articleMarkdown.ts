/**
 * An article's text as Markdown, to read or keep elsewhere: `# title`, `## part`, one paragraph per block, a
 * speaker's name in bold where the speaker changes. The text is escaped, so nothing in it becomes a heading, list,
 * link or HTML; imported again, the file gives back the same parts, paragraphs and speakers.
 */

import type { Article, Speaker } from '../model/articles.ts';
import { bilingualTitle, escapeInline, escapeLineStart } from '../notes/export.ts';

export function articleToMarkdown(article: Article): string {
	const speakers = new Map(article.meta.speakers.map((speaker) => [speaker.id, speaker]));
	const cards = new Map(article.cards.map((card) => [card.id, card]));
	const blocks = [`# ${bilingualTitle(article.meta.titleZh, article.meta.titleEn) || escapeInline(article.meta.id)}`];
	// A label starts each run of one speaker's paragraphs, as in the texts Duka imports; narration shows none.
	let previousSpeaker: string | undefined;
	for (const part of article.parts) {
		const paragraphs = part.cardIds.flatMap((cardId) => cards.get(cardId)?.paragraphs ?? []);
		if (paragraphs.length === 0) continue;
		const title = bilingualTitle(part.titleZh, part.titleEn);
		if (title) blocks.push(`## ${title}`);
		for (const paragraph of paragraphs) {
			const speaker = speakers.get(paragraph.speaker);
			const label = speaker?.label && paragraph.speaker !== previousSpeaker ? speakerLabel(speaker) : '';
			previousSpeaker = paragraph.speaker;
			const lines = paragraph.text
				.split(/\r\n?|\n/)
				.map((line) => line.trim())
				.filter((line) => line.length > 0)
				.map((line) => escapeInline(line));
			if (lines.length === 0) continue;
			const [first, ...rest] = lines;
			blocks.push([label ? `${label} ${first}` : escapeLineStart(first!), ...rest.map(escapeLineStart)].join('\n'));
		}
	}
	return blocks.join('\n\n') + '\n';
}

const speakerLabel = (speaker: Speaker) => {
	const name = (speaker.zh || speaker.en).replace(/\s+/g, ' ').trim();
	return name ? `**${escapeInline(name)}:**` : '';
};

/** `<title>.md`, safe on every file system; the article id where the title leaves nothing. */
export function articleMarkdownFileName(article: Article): string {
	const safe = article.meta.titleZh
		.replace(/[^\p{L}\p{N}_ -]+/gu, '-')
		.replace(/\s+/g, ' ')
		.replace(/^[\s-]+|[\s-]+$/g, '')
		.slice(0, 80);
	return `${safe || article.meta.id}.md`;
}
