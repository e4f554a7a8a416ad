import { describe, expect, it } from 'vitest';
import type { Article, Paragraph } from '../model/articles.ts';
import type { BookmarkRow, HighlightRow, NoteRow } from '../model/notes.ts';
import { makeAnchor } from './anchor.ts';
import { collectNotes, filterNotes, notesEntries, notesExportInput } from './collect.ts';
import { notesToMarkdown } from './export.ts';
import { searchNotes } from './search.ts';

const paragraph = (id: string, text: string): Paragraph => ({
	id,
	speaker: 'ben',
	text,
	tokens: [{ s: text, k: 'zh' }]
});

const P1 = '欢迎回到 Stratechery。';
const P2 = '我们是一家基础设施公司,不是芯片公司。';
const P3 = '中国市场很重要。';

const ARTICLE: Article = {
	meta: {
		id: 'huang',
		titleZh: '老黄访谈',
		titleEn: 'Jensen Huang',
		author: 'Ben Thompson',
		publication: 'Stratechery',
		sourceTitle: '',
		published: '2025-05-01',
		speakers: [{ id: 'ben', zh: '本', en: 'Ben', colour: 1, label: true }]
	},
	parts: [
		{ id: 'intro', titleZh: '导读', titleEn: 'Introduction', included: true, cardIds: ['c1'] },
		{ id: 'part-1', n: 1, titleZh: '基础设施', titleEn: 'Infrastructure', included: true, cardIds: ['c2', 'c3'] }
	],
	cards: [
		{ id: 'c1', partId: 'intro', titleZh: '开场', titleEn: 'Opening', paragraphs: [paragraph('p0001', P1)] },
		{ id: 'c2', partId: 'part-1', titleZh: '公司', titleEn: 'The company', paragraphs: [paragraph('p0002', P2)] },
		{ id: 'c3', partId: 'part-1', titleZh: '中国', titleEn: 'China', paragraphs: [paragraph('p0003', P3)] }
	]
};

const bookmark = (paragraphId: string, createdAt = 1): BookmarkRow => ({
	key: `huang/${paragraphId}`,
	articleId: 'huang',
	paragraphId,
	createdAt
});

function highlight(
	id: string,
	paragraphId: string,
	text: string,
	start: number,
	end: number,
	createdAt = 1
): HighlightRow {
	return {
		id,
		articleId: 'huang',
		paragraphId,
		...makeAnchor(text, start, end),
		color: 'blue',
		createdAt,
		updatedAt: createdAt
	};
}

const note = (id: string, paragraphId: string, highlightId: string | null, text: string, createdAt = 1): NoteRow => ({
	id,
	articleId: 'huang',
	paragraphId,
	highlightId,
	text,
	createdAt,
	updatedAt: createdAt
});

describe('collectNotes', () => {
	it('groups by part and card in reading order, and orders entries within a paragraph', () => {
		const notes = collectNotes(ARTICLE, {
			bookmarks: [bookmark('p0003'), bookmark('p0002', 5)],
			highlights: [highlight('late', 'p0002', P2, 14, 18, 2), highlight('early', 'p0002', P2, 5, 9, 3)],
			notes: [note('n1', 'p0002', null, '段落笔记'), note('n2', 'p0002', 'early', '**基础**设施')]
		});
		expect(notes.parts.map((part) => [part.partId, part.cards.map((card) => card.cardId)])).toEqual([
			['part-1', ['c2', 'c3']]
		]);
		// The bookmark of p0002 goes with the note on that paragraph: one entry, not two.
		expect(notesEntries(notes).map((entry) => entry.key)).toEqual([
			'note:n1',
			'highlight:early',
			'highlight:late',
			'bookmark:huang/p0003'
		]);
		expect(notesEntries(notes)[0]).toMatchObject({ kind: 'note', bookmark: { key: 'huang/p0002' } });
		expect(notesEntries(notes).at(-1)).toMatchObject({ kind: 'bookmark', paragraphId: 'p0003' });
		const early = notesEntries(notes).find((entry) => entry.key === 'highlight:early');
		expect(early).toMatchObject({
			kind: 'highlight',
			quote: '基础设施',
			noteText: '基础设施',
			detached: false,
			cardId: 'c2',
			cardTitleEn: 'The company'
		});
		expect(notes.counts).toEqual({ bookmarks: 2, highlights: 2, notes: 2 });
	});

	it('makes a bookmark and the notes on its paragraph one entry: the first note carries the bookmark', () => {
		const entries = notesEntries(
			collectNotes(ARTICLE, {
				bookmarks: [bookmark('p0001', 9)],
				highlights: [],
				notes: [note('b', 'p0001', null, '第二条', 3), note('a', 'p0001', null, '第一条', 2)]
			})
		);
		expect(entries.map((entry) => [entry.key, entry.kind === 'note' ? entry.bookmark?.key : undefined])).toEqual([
			['note:a', 'huang/p0001'],
			['note:b', undefined]
		]);
	});

	it('keeps a highlight whose words were edited away, marked detached with its old quote', () => {
		const gone = { ...highlight('gone', 'p0003', P3, 2, 4), quote: '美国市场', prefix: 'xx', suffix: 'yy' };
		const [entry] = notesEntries(collectNotes(ARTICLE, { bookmarks: [], highlights: [gone], notes: [] }));
		expect(entry).toMatchObject({ kind: 'highlight', detached: true, quote: '美国市场', cardId: 'c3' });
	});

	it('treats a note whose highlight is gone as a note on the paragraph', () => {
		const entries = notesEntries(
			collectNotes(ARTICLE, { bookmarks: [], highlights: [], notes: [note('n', 'p0001', 'deleted', '还在')] })
		);
		expect(entries).toMatchObject([{ kind: 'note', key: 'note:n', quote: P1 }]);
	});

	it('lists annotations on paragraphs no longer in the article apart, never dropping them', () => {
		const notes = collectNotes(ARTICLE, {
			bookmarks: [bookmark('p0999')],
			highlights: [],
			notes: [note('n', 'p0998', null, 'orphan')]
		});
		expect(notes.parts).toEqual([]);
		expect(notes.unplaced.map((entry) => [entry.key, entry.cardId])).toEqual([
			['bookmark:huang/p0999', null],
			['note:n', null]
		]);
	});

	it('filters to search results, dropping empty cards and parts', () => {
		const notes = collectNotes(ARTICLE, {
			bookmarks: [bookmark('p0001')],
			highlights: [highlight('h', 'p0002', P2, 5, 9)],
			notes: [note('n', 'p0002', 'h', 'Infrastructure **company**')]
		});
		const results = searchNotes(notesEntries(notes), 'COMPANY');
		const filtered = filterNotes(notes, new Set(results.map((result) => result.item.key)));
		expect(filtered.parts.map((part) => part.partId)).toEqual(['part-1']);
		expect(notesEntries(filtered).map((entry) => entry.key)).toEqual(['highlight:h']);
	});
});

describe('notesExportInput', () => {
	it('feeds the export with quotes, notes and reader links into the article', () => {
		const notes = collectNotes(ARTICLE, {
			bookmarks: [bookmark('p0002')],
			highlights: [highlight('h', 'p0002', P2, 5, 9)],
			notes: [note('n', 'p0002', 'h', '**重要** <script>x</script> 🚀'), note('m', 'p0002', null, '整段')]
		});
		const markdown = notesToMarkdown(notesExportInput(notes, 'https://duka.example', new Date(2025, 0, 2)));
		expect(markdown).toContain('## 基础设施 · Infrastructure');
		expect(markdown).toContain('### 公司 · The company');
		expect(markdown).toContain('🔖 **书签 Bookmark** · [打开 Open](https://duka.example/read/huang/c2#p0002)');
		expect(markdown).toContain('> 基础设施');
		expect(markdown).toContain('**重要** \\<script\\>x\\</script\\> 🚀');
		expect(markdown).toContain('整段');
		expect(markdown.match(/Bookmark/g)).toHaveLength(1);
	});
});
