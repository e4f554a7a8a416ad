import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { Rating } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildBackup, serialiseBackup } from '../backup/export.ts';
import { parseBackup } from '../backup/schema.ts';
import { BACKUP_FORMAT, TABLE_NAMES, type BackupFile, type BackupTables, type RowBatch } from '../backup/tables.ts';
import { IMPORTED_ID, importedRows, sampleImportedText, sampleTables } from '../backup/testFixtures.ts';
import { exportAll, exportInParts, restore, RestoreError, tableCounts, type RestoreProgress } from './backup.ts';
import type { DukaDatabase } from './db.ts';
import type { ReviewLogRow } from '../model/reviews.ts';
import { summariseArticle, type Article, type Paragraph, type Token } from '../model/articles.ts';
import type { StoredFsrsState } from '../model/cards.ts';
import type { ArticleTextRow } from '../model/imported.ts';
import { freshDatabase } from './testDatabase.ts';
import { listImportedSummaries, loadImportedArticle, saveImportedArticle } from './articles.ts';
import { markCardRead } from './reading.ts';
import { recordReview } from './reviews.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';

const NOW = Date.UTC(2026, 11, 1);
let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

afterEach(() => {
	vi.restoreAllMocks();
	database.close();
});

async function seed(tables: BackupTables): Promise<void> {
	await database.transaction('rw', database.tables, async () => {
		for (const name of TABLE_NAMES) await database.table(name).bulkAdd(tables[name]);
	});
}

const backupOf = (tables: BackupTables): BackupFile => buildBackup(tables, NOW);

/** Every table in key order, to compare whole databases. */
const snapshot = async () => buildBackup(await exportAll(), NOW).tables;

// Arbitrary rows that a valid backup may hold: any Unicode (lone surrogates too), edge numbers, optional keys.
const text = fc.string({ unit: 'binary', maxLength: 24 });
const key = fc.string({ unit: 'binary', minLength: 1, maxLength: 16 });
const time = fc.integer({ min: 0, max: 4_102_444_800_000 });
const count = fc.nat({ max: 10_000 });
const amount = fc.double({ min: 0, max: 1e9, noNaN: true }).map((x) => (x === 0 ? 0 : x));
const fsrs: fc.Arbitrary<StoredFsrsState> = fc.record({
	due: time,
	stability: amount,
	difficulty: amount,
	elapsed_days: amount,
	scheduled_days: amount,
	learning_steps: count,
	reps: count,
	lapses: count,
	state: fc.constantFrom(0, 1, 2, 3),
	last_review: fc.option(time, { nil: null })
});
const flag = fc.constantFrom<0 | 1>(0, 1);
const few = { maxLength: 6 };

// Valibot's record leaves out keys that could reach a prototype; Duka's ruby and dictionary keys are never those.
const recordKey = key.filter((name) => !['__proto__', 'constructor', 'prototype'].includes(name));

/** Imported articles as the import makes them: tokens that join to their paragraph, a listing derived from the body. */
const importedArbitrary: fc.Arbitrary<Pick<BackupTables, 'articles' | 'articleTexts'>> = fc
	.uniqueArray(
		fc.record({
			id: fc.stringMatching(/^text-[a-z0-9]{1,12}$/),
			titleZh: text,
			titleEn: text,
			speakers: fc.uniqueArray(
				fc.record({ id: key, zh: text, en: text, colour: fc.integer({ min: 0, max: 4 }), label: fc.boolean() }),
				{ minLength: 1, maxLength: 3, selector: (speaker) => speaker.id }
			),
			// Parts of cards of paragraphs of tokens.
			parts: fc.array(
				fc.array(
					fc.array(
						fc.array(fc.record({ s: text, k: fc.constantFrom<Token['k']>('zh', 'en', 'p') }), { maxLength: 4 }),
						{
							minLength: 1,
							maxLength: 3
						}
					),
					{ minLength: 1, maxLength: 2 }
				),
				{ minLength: 1, maxLength: 2 }
			),
			dictionary: fc.dictionary(recordKey, fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 2 }), {
				maxKeys: 3
			}),
			importedAt: time,
			updatedAt: time
		}),
		{ maxLength: 2, selector: (row) => row.id }
	)
	.map((rows) => {
		const texts = rows.map((row): ArticleTextRow => {
			let paragraphs = 0;
			const article: Article = {
				meta: {
					id: row.id,
					titleZh: row.titleZh,
					titleEn: row.titleEn,
					author: '',
					publication: '',
					sourceTitle: '',
					published: '2026-12-01',
					speakers: row.speakers
				},
				parts: [],
				cards: []
			};
			const ruby: ArticleTextRow['ruby'] = {};
			row.parts.forEach((cards, partIndex) => {
				const partId = `part${partIndex + 1}`;
				const cardIds = cards.map((_, cardIndex) => `${partId}-0${cardIndex + 1}`);
				article.parts.push({ id: partId, titleZh: partId, titleEn: '', included: true, cardIds });
				cards.forEach((cardParagraphs, cardIndex) => {
					const card = { id: cardIds[cardIndex]!, partId, titleZh: '', titleEn: '', paragraphs: [] as Paragraph[] };
					for (const tokens of cardParagraphs) {
						const id = `p${String(++paragraphs).padStart(4, '0')}`;
						const speaker = row.speakers[paragraphs % row.speakers.length]!.id;
						card.paragraphs.push({ id, speaker, text: tokens.map((token) => token.s).join(''), tokens });
						ruby[id] = tokens.map((token) => (token.k === 'zh' ? Array.from(token.s, () => 'a') : null));
					}
					article.cards.push(card);
				});
			});
			return { id: row.id, article, ruby, dictionary: row.dictionary };
		});
		return {
			articles: texts.map((body, index) => ({
				id: body.id,
				summary: summariseArticle(body.article),
				importedAt: rows[index]!.importedAt,
				updatedAt: rows[index]!.updatedAt
			})),
			articleTexts: texts
		};
	});

const tablesArbitrary: fc.Arbitrary<BackupTables> = fc
	.record({
		kv: fc.uniqueArray(
			fc.record({
				key,
				value: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.parse(JSON.stringify(value)) as unknown)
			}),
			{ ...few, selector: (row) => row.key }
		),
		reading: fc.uniqueArray(
			fc
				.record({ articleId: key, cardId: key, readAt: time })
				.map((row) => ({ ...row, key: `${row.articleId}/${row.cardId}` })),
			{ ...few, selector: (row) => row.key }
		),
		cards: fc.uniqueArray(
			fc
				.record({
					state: fsrs,
					entryId: key,
					direction: fc.constantFrom<'en2zh' | 'zh2en'>('en2zh', 'zh2en'),
					suspended: flag,
					buriedUntil: time,
					leech: flag,
					createdAt: time
				})
				.map(({ state, ...card }) => ({ ...state, ...card, id: `${card.entryId}|${card.direction}` })),
			{ ...few, selector: (row) => row.id }
		),
		reviews: fc.uniqueArray(
			fc.record(
				{
					id: fc.integer({ min: 1, max: 2 ** 40 }),
					cardId: key,
					rating: fc.constantFrom(1, 2, 3, 4),
					reviewedAt: time,
					durationMs: count,
					before: fsrs,
					after: fsrs,
					sideEffects: fc.record({
						leechBefore: flag,
						buriedSiblings: fc.array(fc.record({ id: key, buriedUntil: time }), { maxLength: 2 })
					}),
					parameters: fc.record({
						desiredRetention: fc.double({ min: 0.7, max: 0.99, noNaN: true }),
						maximumIntervalDays: fc.integer({ min: 1, max: 36_500 }),
						learningSteps: fc.array(fc.constantFrom('1m', '10m', '1h', '1d'), { maxLength: 3 }),
						relearningSteps: fc.array(fc.constantFrom('10m', '1h'), { maxLength: 2 }),
						enableFuzz: fc.boolean()
					})
				},
				{ requiredKeys: ['id', 'cardId', 'rating', 'reviewedAt', 'durationMs', 'before', 'after'] }
			),
			{ maxLength: 10, selector: (row) => row.id }
		),
		userEntries: fc.uniqueArray(
			fc.record({
				id: key,
				zh: text,
				pinyin: text,
				en: text,
				defEn: text,
				defZh: text,
				example: text,
				articleId: key,
				paragraphId: key,
				createdAt: time
			}),
			{ ...few, selector: (row) => row.id }
		),
		bookmarks: fc.uniqueArray(
			fc
				.record({ articleId: key, paragraphId: key, createdAt: time })
				.map((row) => ({ ...row, key: `${row.articleId}/${row.paragraphId}` })),
			{ ...few, selector: (row) => row.key }
		),
		highlights: fc.uniqueArray(
			fc
				.record({
					id: key,
					articleId: key,
					paragraphId: key,
					a: count,
					b: count,
					quote: text,
					prefix: text,
					suffix: text,
					color: fc.constantFrom<'yellow' | 'green' | 'blue' | 'pink'>('yellow', 'green', 'blue', 'pink'),
					createdAt: time,
					updatedAt: time
				})
				.map(({ a, b, ...row }) => ({ ...row, start: Math.min(a, b), end: Math.max(a, b) })),
			{ ...few, selector: (row) => row.id }
		),
		notes: fc.uniqueArray(
			fc.record({
				id: key,
				articleId: key,
				paragraphId: key,
				highlightId: fc.option(key, { nil: null }),
				text: fc.string({ unit: 'binary', maxLength: 200 }),
				createdAt: time,
				updatedAt: time
			}),
			{ ...few, selector: (row) => row.id }
		)
	})
	.chain((tables) => importedArbitrary.map((imported) => ({ ...tables, ...imported })))
	// Every review is of a card the backup holds, as Duka writes them (the file is refused otherwise).
	.map((tables) => ({
		...tables,
		reviews: tables.cards.length
			? tables.reviews.map((review, i) => ({ ...review, cardId: tables.cards[i % tables.cards.length]!.id }))
			: []
	}));

describe('backup store', () => {
	it('export → file → wipe → restore (replace) gives back identical tables, for any valid data', async () => {
		await fc.assert(
			fc.asyncProperty(tablesArbitrary, async (tables) => {
				database.close();
				database = freshDatabase();
				await seed(tables);
				const before = await snapshot();
				const file = serialiseBackup(buildBackup(await exportAll(), NOW));
				const parsed = parseBackup(file);
				if (!parsed.ok) throw new Error(parsed.reason.message);

				// The wipe leaves stray rows behind too: replace must not keep them.
				for (const name of TABLE_NAMES) await database.table(name).clear();
				await database.kv.put({ key: 'stray', value: 1 });
				await restore(parsed.backup, 'replace');

				expect(await snapshot()).toEqual(before);
				expect(serialiseBackup(buildBackup(await exportAll(), NOW))).toBe(file);
			}),
			{ numRuns: 40 }
		);
	});

	it('lists the reviews card by card, each card’s in the order made and the card right after them, every review once, one of no card too', async () => {
		const base = sampleTables();
		const cardTemplate = base.cards[0]!;
		const reviewTemplate = base.reviews[0]!;
		// 450 cards reviewed in turn, as a device writes them (ids in time order), one card 300 more times (more than
		// a range's first read), and reviews
		// whose card is gone, sorting before, among and after the cards.
		const cards = Array.from({ length: 450 }, (_, i) => ({
			...cardTemplate,
			id: `c${String(i).padStart(4, '0')}|en2zh`
		}));
		const cardsReviewed = [
			...cards.map((card) => card.id),
			...Array<string>(300).fill(cards[7]!.id),
			'a-gone',
			'c0100-gone',
			'z-gone'
		];
		const reviews = [1, 2].flatMap((round) =>
			cardsReviewed.map((cardIdValue, i) => ({
				...reviewTemplate,
				id: undefined,
				cardId: cardIdValue,
				reviewedAt: NOW + round * 1e6 + i
			}))
		);
		await seed({ ...base, cards, reviews: [] });
		await database.reviews.bulkAdd(reviews);
		const listed: { table: string; rows: object[] }[] = [];
		// Each run of rows of one table, in the order written, and the pages they came in.
		const runs: { table: string; rows: object[] }[] = [];
		await exportInParts(
			{
				start: () => {},
				rows: (table, rows) => {
					listed.push({ table, rows });
					runs.push({ table, rows });
				},
				runs: (page) => {
					listed.push({ table: 'cards and reviews', rows: page.flatMap((run) => run.rows) });
					runs.push(...page);
				}
			},
			50
		);
		const listedInOrder = runs.flatMap(({ table, rows }) => rows.map((row) => ({ table, row })));
		const listedReviews = listedInOrder
			.filter((entry) => entry.table === 'reviews')
			.map((entry) => entry.row) as ReviewLogRow[];
		const ascending = (ids: unknown[]) => ids.map(Number).sort((a, b) => a - b);
		expect(ascending(listedReviews.map((review) => review.id))).toEqual(
			ascending(await database.reviews.toCollection().primaryKeys())
		);
		expect(listedReviews.map((review) => review.cardId)).toEqual([...cardsReviewed, ...cardsReviewed].sort());
		for (let i = 1; i < listedReviews.length; i++)
			if (listedReviews[i]!.cardId === listedReviews[i - 1]!.cardId)
				expect(listedReviews[i]!.id).toBeGreaterThan(listedReviews[i - 1]!.id!);
		// Up to four pages of reviews, and a page of cards, at a time.
		expect(listed.every((page) => page.rows.length <= 5 * 50)).toBe(true);
		expect(listedInOrder.filter((entry) => entry.table === 'cards').map((entry) => entry.row)).toEqual(cards);
		// Each card comes right after its own reviews (gzip then finds its state in the last one's), before the next
		// card's.
		listedInOrder.forEach((entry, at) => {
			if (entry.table !== 'cards') return;
			const id = (entry.row as { id: string }).id;
			const next = listedInOrder[at + 1];
			if (next?.table === 'reviews') expect((next.row as ReviewLogRow).cardId > id).toBe(true);
			const before = listedInOrder[at - 1];
			expect(before?.table === 'reviews' && (before.row as ReviewLogRow).cardId).toBe(id);
		});
	});

	it('lists a deck with more cards than reviews a page of cards at a time', async () => {
		const base = sampleTables();
		const cards = Array.from({ length: 120 }, (_, i) => ({
			...base.cards[0]!,
			id: `c${String(i).padStart(4, '0')}|en2zh`
		}));
		await seed({ ...base, cards, reviews: [{ ...base.reviews[0]!, id: undefined, cardId: cards[60]!.id }] });
		const pages: RowBatch[][] = [];
		await exportInParts(
			{
				start: () => {},
				rows: (table, rows) => void pages.push([{ table, rows }]),
				runs: (page) => void pages.push(page)
			},
			50
		);
		expect(pages.every((page) => page.reduce((sum, run) => sum + run.rows.length, 0) <= 51)).toBe(true);
		const listed = pages.flat();
		expect(listed.filter((run) => run.table === 'cards').flatMap((run) => run.rows)).toEqual(cards);
		expect(listed.filter((run) => run.table === 'reviews').flatMap((run) => run.rows)).toHaveLength(1);
	});

	it('counts every table', async () => {
		await seed(sampleTables());
		expect(await tableCounts()).toEqual({
			kv: 2,
			reading: 1,
			cards: 2,
			reviews: 1,
			userEntries: 1,
			bookmarks: 1,
			highlights: 1,
			notes: 2,
			articles: 0,
			articleTexts: 0
		});
	});

	it('merge keeps what is here, adds new keys, and adds each review once with a fresh id', async () => {
		const here = sampleTables();
		await seed(here);
		const incoming = sampleTables();
		incoming.kv[0]!.value = { textScale: 90, theme: 'light', language: 'zh' };
		incoming.notes[1]!.text = 'changed elsewhere';
		incoming.notes.push({ ...incoming.notes[1]!, id: 'n-3', text: 'new note' });
		const review = incoming.reviews[0]!;
		// Same review under another id (made on this device, restored elsewhere): not a new review.
		incoming.reviews = [
			{ ...review, id: 77 },
			{ ...review, id: 1, reviewedAt: review.reviewedAt + 60_000, rating: 4 }
		];

		const result = await restore(backupOf(incoming), 'merge');
		expect(result.added).toEqual({
			kv: 0,
			reading: 0,
			cards: 0,
			reviews: 1,
			userEntries: 0,
			bookmarks: 0,
			highlights: 0,
			notes: 1,
			articles: 0,
			articleTexts: 0
		});
		expect(result.kept.reviews).toBe(1);
		expect(result.kept.notes).toBe(2);

		expect((await database.kv.get('settings:display'))?.value).toEqual(here.kv[0]!.value);
		expect((await database.notes.get('n-2'))?.text).toBe('段落笔记');
		expect((await database.notes.get('n-3'))?.text).toBe('new note');
		const reviews = await database.reviews.orderBy('id').toArray();
		expect(reviews.map((row) => [row.id, row.rating])).toEqual([
			[1, 3],
			[2, 4]
		]);
		expect(await database.cards.toArray()).toEqual(here.cards);

		// Merging the same file again adds nothing.
		const again = await restore(backupOf(incoming), 'merge');
		expect(Object.values(again.added).every((n) => n === 0)).toBe(true);
	});

	it('reports progress in chunks of 1,000 rows', async () => {
		const tables = sampleTables();
		const note = tables.notes[0]!;
		tables.notes = Array.from({ length: 2_500 }, (_, i) => ({ ...note, id: `n-${String(i).padStart(4, '0')}` }));
		const progress: RestoreProgress[] = [];
		await restore(backupOf(tables), 'replace', (step) => progress.push(step));
		const total = 2_500 + 9;
		expect(progress[0]).toEqual({ done: 0, total });
		expect(progress.at(-1)).toEqual({ done: total, total });
		expect(progress.filter((step) => step.done > 9).map((step) => step.done)).toEqual([1_009, 2_009, 2_509]);
		expect(await database.notes.count()).toBe(2_500);
	});

	it('a restore that fails halfway changes nothing, in replace or merge', async () => {
		await seed(sampleTables());
		const before = await snapshot();
		const big = sampleTables();
		big.reviews = Array.from({ length: 3_000 }, (_, i) => ({
			...big.reviews[0]!,
			id: i + 1,
			reviewedAt: big.reviews[0]!.reviewedAt + i
		}));

		// A failure after the tables were emptied and the first chunk written.
		let calls = 0;
		const failing = () => {
			if (++calls === 3) throw new Error('interrupted');
		};
		await expect(restore(backupOf(big), 'replace', failing)).rejects.toMatchObject({
			name: 'RestoreError',
			kind: 'failed'
		});
		expect(await snapshot()).toEqual(before);

		// A row that breaks a unique key (two new user entries with one id), after other tables were written.
		const clash = sampleTables();
		clash.notes.push({ ...clash.notes[0]!, id: 'n-new' });
		const word = { ...clash.userEntries[0]!, id: 'user:新词' };
		clash.userEntries.push(word, { ...word, zh: 'other' });
		const error = await restore(backupOf(clash), 'merge').catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(RestoreError);
		expect((error as RestoreError).kind).toBe('failed');
		expect(await snapshot()).toEqual(before);
	});

	it('a full disk is reported as such, with nothing written', async () => {
		await seed(sampleTables());
		const before = await snapshot();
		vi.spyOn(database.table('notes'), 'bulkAdd').mockImplementation(
			() => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')) as never
		);
		const error = await restore(backupOf(sampleTables()), 'replace').catch((caught: unknown) => caught);
		expect(error).toMatchObject({ name: 'RestoreError', kind: 'quota' });
		expect((error as Error).message).toMatch(/storage space/);
		vi.restoreAllMocks();
		expect(await snapshot()).toEqual(before);
	});

	it('restores a backup of the previous format, made before imported articles', async () => {
		const file = readFileSync(new URL('../backup/fixtures/backup-format-1.json', import.meta.url), 'utf8');
		const parsed = parseBackup(file);
		if (!parsed.ok) throw new Error(parsed.reason.message);
		expect(parsed.backup.format).toBe(BACKUP_FORMAT);
		await restore(parsed.backup, 'replace');
		expect(await snapshot()).toEqual(buildBackup(sampleTables(), NOW).tables);
	});

	it('backup → wipe → restore gives back an imported article with its words, cards and reviews', async () => {
		const text = sampleImportedText();
		const word = {
			zh: '算力',
			pinyin: 'suàn lì',
			en: 'computing power',
			defEn: 'computing power',
			defZh: '',
			example: '算力是核心。',
			paragraphId: 'p0003'
		};
		const saved = await saveImportedArticle(text, [word], {
			now: NOW,
			estimate: async () => undefined
		});
		expect(saved.saved).toBe(true);
		await recordReview('user:算力|en2zh', Rating.Good, NOW + 60_000, 2000, DEFAULT_SCHEDULER_SETTINGS);
		await markCardRead(IMPORTED_ID, 'part2-01', NOW + 70_000);
		const before = await snapshot();
		const tallies = { cards: await database.cardTally.toArray(), reviews: await database.reviewTally.toArray() };

		const parsed = parseBackup(serialiseBackup(buildBackup(await exportAll(), NOW)));
		if (!parsed.ok) throw new Error(parsed.reason.message);
		for (const table of database.tables) await table.clear();
		await restore(parsed.backup, 'replace');

		expect(await snapshot()).toEqual(before);
		expect(await loadImportedArticle(IMPORTED_ID)).toEqual(text.article);
		expect((await listImportedSummaries()).map((row) => row.id)).toEqual([IMPORTED_ID]);
		expect((await database.reviews.toArray()).map((log) => [log.cardId, log.rating])).toEqual([
			['user:算力|en2zh', Rating.Good]
		]);
		expect({ cards: await database.cardTally.toArray(), reviews: await database.reviewTally.toArray() }).toEqual(
			tallies
		);
	});

	it('merge adds an imported article the device lacks and keeps the one it has', async () => {
		const here = { ...sampleTables(), ...importedRows(sampleImportedText(), NOW) };
		await seed(here);
		const other = sampleImportedText('text-other');
		const incoming = sampleTables();
		const renamed = importedRows(sampleImportedText(), NOW + 1);
		renamed.articles[0]!.summary.meta.titleZh = '别处改过';
		const extra = importedRows(other, NOW + 2);
		incoming.articles = [...renamed.articles, ...extra.articles];
		incoming.articleTexts = [...renamed.articleTexts, ...extra.articleTexts];

		const result = await restore(backupOf(incoming), 'merge');
		expect(result.added).toMatchObject({ articles: 1, articleTexts: 1 });
		expect(result.kept).toMatchObject({ articles: 1, articleTexts: 1 });
		expect((await database.articles.get(IMPORTED_ID))?.summary.meta.titleZh).toBe('英伟达的全栈解决方案');
		expect(await database.articleTexts.get('text-other')).toEqual(extra.articleTexts[0]);
	});
});
