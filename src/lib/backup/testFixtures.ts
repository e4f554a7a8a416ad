import { summariseArticle, type Article } from '../model/articles.ts';
import type { StoredFsrsState } from '../model/cards.ts';
import type { ImportedArticleText } from '../model/imported.ts';
import { canonicalJson } from './export.ts';
import { TABLE_NAMES, type BackupFile, type BackupTables } from './tables.ts';

/** Small tables with one or two realistic rows of each kind, for tests. */
export function sampleTables(): BackupTables {
	const T0 = Date.UTC(2026, 10, 29, 9);
	const fresh: StoredFsrsState = {
		due: T0,
		stability: 0,
		difficulty: 0,
		elapsed_days: 0,
		scheduled_days: 0,
		learning_steps: 0,
		reps: 0,
		lapses: 0,
		state: 0,
		last_review: null
	};
	const learnt: StoredFsrsState = {
		...fresh,
		due: T0 + 600_000,
		stability: 2.3065,
		difficulty: 2.11810397,
		learning_steps: 1,
		reps: 1,
		state: 1,
		last_review: T0
	};
	return {
		kv: [
			{ key: 'settings:display', value: { textScale: 110, theme: 'dark', language: 'auto' } },
			{ key: 'reading:last', value: { articleId: 'huang-2025', cardId: 'c003', at: T0 } }
		],
		reading: [{ key: 'huang-2025/c001', articleId: 'huang-2025', cardId: 'c001', readAt: T0 - 1000 }],
		cards: [
			{
				...learnt,
				id: 'huang-2025:加速计算|en2zh',
				entryId: 'huang-2025:加速计算',
				direction: 'en2zh',
				suspended: 0,
				buriedUntil: 0,
				leech: 0,
				createdAt: T0 - 5000
			},
			{
				...fresh,
				id: 'huang-2025:加速计算|zh2en',
				entryId: 'huang-2025:加速计算',
				direction: 'zh2en',
				suspended: 0,
				buriedUntil: T0 + 86_400_000,
				leech: 0,
				createdAt: T0 - 4999
			}
		],
		reviews: [
			{
				id: 1,
				cardId: 'huang-2025:加速计算|en2zh',
				rating: 3,
				reviewedAt: T0,
				durationMs: 4200,
				before: fresh,
				after: learnt,
				sideEffects: { leechBefore: 0, buriedSiblings: [{ id: 'huang-2025:加速计算|zh2en', buriedUntil: 0 }] }
			}
		],
		userEntries: [
			{
				id: 'user:供应链',
				zh: '供应链',
				pinyin: 'gōng yìng liàn',
				en: 'supply chain',
				defEn: 'supply chain',
				defZh: '',
				example: '供应链很长。',
				articleId: 'huang-2025',
				paragraphId: 'p0042',
				createdAt: T0 - 3000
			}
		],
		bookmarks: [{ key: 'huang-2025/p0001', articleId: 'huang-2025', paragraphId: 'p0001', createdAt: T0 - 2000 }],
		highlights: [
			{
				id: 'h-1',
				articleId: 'huang-2025',
				paragraphId: 'p0002',
				start: 3,
				end: 7,
				quote: '加速计算',
				prefix: '我们的',
				suffix: '已经',
				color: 'yellow',
				createdAt: T0 - 1500,
				updatedAt: T0 - 1500
			}
		],
		notes: [
			{
				id: 'n-1',
				articleId: 'huang-2025',
				paragraphId: 'p0002',
				highlightId: 'h-1',
				text: '**Key** idea <script>alert(1)</script>',
				createdAt: T0 - 1400,
				updatedAt: T0 - 1300
			},
			{
				id: 'n-2',
				articleId: 'huang-2025',
				paragraphId: 'p0003',
				highlightId: null,
				text: '段落笔记',
				createdAt: T0 - 1200,
				updatedAt: T0 - 1200
			}
		],
		articles: [],
		articleTexts: []
	};
}

export const IMPORTED_ID = 'text-mf3k2a1b-00abcd';

/** A small imported text as the import makes it: two parts, a dialogue with two speakers, pinyin and a dictionary. */
export function sampleImportedText(id = IMPORTED_ID): ImportedArticleText {
	const article: Article = {
		meta: {
			id,
			titleZh: '英伟达的全栈解决方案',
			titleEn: '',
			author: '',
			publication: '',
			sourceTitle: 'interview.txt',
			published: '2026-12-01',
			speakers: [
				{ id: 'narrator', zh: '', en: '', colour: 0, label: false },
				{ id: 's1', zh: '主持人', en: '主持人', colour: 1, label: true },
				{ id: 's2', zh: 'Ben Thompson', en: 'Ben Thompson', colour: 2, label: true }
			]
		},
		parts: [
			{ id: 'part1', titleZh: '一、开场', titleEn: '', included: true, cardIds: ['part1-01'] },
			{ id: 'part2', titleZh: '二、算力', titleEn: '', included: true, cardIds: ['part2-01'] }
		],
		cards: [
			{
				id: 'part1-01',
				partId: 'part1',
				titleZh: '一、开场',
				titleEn: '',
				paragraphs: [
					{
						id: 'p0001',
						speaker: 's1',
						text: '欢迎收听。',
						tokens: [
							{ s: '欢迎', k: 'zh' },
							{ s: '收听', k: 'zh' },
							{ s: '。', k: 'p' }
						]
					},
					{
						id: 'p0002',
						speaker: 's2',
						text: '谢谢,很高兴来。',
						tokens: [
							{ s: '谢谢', k: 'zh' },
							{ s: ',', k: 'p' },
							{ s: '很', k: 'zh' },
							{ s: '高兴', k: 'zh' },
							{ s: '来', k: 'zh' },
							{ s: '。', k: 'p' }
						]
					}
				]
			},
			{
				id: 'part2-01',
				partId: 'part2',
				titleZh: '二、算力',
				titleEn: '',
				paragraphs: [
					{
						id: 'p0003',
						speaker: 's1',
						text: '算力是Nvidia全栈解决方案full-stack Nvidia solution的核心。',
						tokens: [
							{ s: '算力', k: 'zh' },
							{ s: '是', k: 'zh' },
							{ s: 'Nvidia', k: 'en' },
							{ s: '全栈', k: 'zh' },
							{ s: '解决方案', k: 'zh' },
							{ s: 'full-stack Nvidia solution', k: 'en' },
							{ s: '的', k: 'zh' },
							{ s: '核心', k: 'zh' },
							{ s: '。', k: 'p' }
						]
					}
				]
			}
		]
	};
	return {
		article,
		ruby: {
			p0001: [['huān', 'yíng'], ['shōu', 'tīng'], null],
			p0002: [['xiè', 'xie'], null, ['hěn'], ['gāo', 'xìng'], ['lái'], null],
			p0003: [
				['suàn', 'lì'],
				['shì'],
				null,
				['quán', 'zhàn'],
				['jiě', 'jué', 'fāng', 'àn'],
				null,
				['de'],
				['hé', 'xīn'],
				null
			]
		},
		dictionary: {
			算力: [['suàn lì', 'computing power']],
			解决方案: [['jiě jué fāng àn', 'solution', 'plan']],
			核心: [['hé xīn', 'core', 'nucleus']]
		}
	};
}

/** The rows an imported text is stored as, imported at `importedAt`. */
export function importedRows(
	text: ImportedArticleText,
	importedAt: number
): Pick<BackupTables, 'articles' | 'articleTexts'> {
	const id = text.article.meta.id;
	return {
		articles: [{ id, summary: summariseArticle(text.article), importedAt, updatedAt: importedAt }],
		articleTexts: [{ id, article: text.article, ruby: text.ruby, dictionary: text.dictionary }]
	};
}

/** A backup as format 2 wrote it (one JSON object, a row per line), to check that such files still restore. */
export function formatTwoText(backup: BackupFile): string {
	const lines = [`{"app":"duka","format":2,"exportedAt":${JSON.stringify(backup.exportedAt)},"tables":{`];
	TABLE_NAMES.forEach((name, index) => {
		const rows = backup.tables[name] as object[];
		const last = index === TABLE_NAMES.length - 1;
		if (rows.length === 0) {
			lines.push(`${JSON.stringify(name)}:[]${last ? '' : ','}`);
			return;
		}
		lines.push(`${JSON.stringify(name)}:[`);
		rows.forEach((row, rowIndex) => lines.push(canonicalJson(row) + (rowIndex === rows.length - 1 ? '' : ',')));
		lines.push(`]${last ? '' : ','}`);
	});
	lines.push('}}');
	return lines.join('\n') + '\n';
}
