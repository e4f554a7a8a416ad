import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stores } from '../db/lazy.ts';
import type { DukaDatabase } from '../db/db.ts';
import { freshDatabase } from '../db/testDatabase.ts';
import { COMPUTING_POWER } from '../db/testWords.ts';
import type { VocabEntry } from '../model/words.ts';
import { DEFAULT_SCHEDULER_SETTINGS } from '../scheduling/scheduler.ts';
import { BackupRestore, DataExport, DatabaseChecker } from './backupState.svelte.ts';
import { buildBackup, serialiseBackup } from './export.ts';
import { openBackup } from './backupReader.ts';
import { exportAll } from '../db/backup.ts';
import { AutoBackups } from './autoBackups.svelte.ts';
import { listSnapshots, memoryFolder, readSnapshot } from './snapshots.ts';
import { IMPORTED_ID, sampleImportedText, sampleTables } from './testFixtures.ts';
import { SNAPSHOT_KEY } from '../boot/earlyPaint.ts';
import { memoryStorage } from '../test/memoryStorage.ts';

const builtIn: VocabEntry = {
	id: 'test:芯片',
	articleId: 'test',
	zh: '芯片',
	pinyin: 'xīn piàn',
	en: 'chip',
	defEn: 'chip',
	defZh: '',
	pos: 'noun',
	tags: [],
	forms: ['芯片'],
	occurrences: []
};

vi.mock('virtual:duka/vocab', () => ({ default: [builtIn] }));
vi.mock('virtual:duka/catalog', () => ({ default: [{ meta: { id: 'test' }, parts: [], cards: [] }] }));
// No article text: the Anki export then goes without example sentences.
vi.mock('virtual:duka/loaders', () => ({ default: {} }));

let database: DukaDatabase;

beforeEach(() => {
	database = freshDatabase();
});

async function addWord(): Promise<void> {
	const { userEntries } = await stores();
	await userEntries.addUserEntry(COMPUTING_POWER);
}

const backupText = () => serialiseBackup(buildBackup(sampleTables(), new Date(2026, 10, 30)));
const rowsIn = (tables: Record<string, unknown[]>) => Object.values(tables).reduce((sum, rows) => sum + rows.length, 0);

describe('DataExport', () => {
	it('saves a backup of everything, offered to the share sheet', async () => {
		await addWord();
		const saved: { file: File; share: boolean }[] = [];
		const exporting = new DataExport(stores, async (file, { share }) => {
			saved.push({ file, share });
			return 'downloaded';
		});
		await exporting.run('backup');
		expect(exporting.busy).toBeNull();
		expect(saved).toHaveLength(1);
		expect(saved[0]!.share).toBe(true);
		expect(exporting.outcome).toEqual({ kind: 'saved', names: [saved[0]!.file.name] });
		expect(saved[0]!.file.name).toMatch(/^duka-backup-\d{4}-\d\d-\d\d\.ndjson\.gz$/);
		const opened = await openBackup(saved[0]!.file);
		expect(opened.streamed).toBe(true);
		expect(opened.summary.counts.userEntries).toBe(1);
		const rows = [];
		for await (const batch of opened.rows()) rows.push(...batch.rows);
		// Every row, but the note of when this backup left the device, written after it.
		expect(rows).toHaveLength(rowsIn((await exportAll()) as unknown as Record<string, unknown[]>) - 1);
		// The backup's age is kept, and a fresh one earns no reminder.
		expect(exporting.status).toEqual({ days: 0, remind: false });
	});

	it('writes one Anki file per article with the built-in and the added words', async () => {
		await addWord();
		const files = await new DataExport(stores).files('anki');
		expect(files.map((file) => file.name)).toEqual(['duka-test-anki.txt']);
		const text = await files[0]!.text();
		expect(text).toContain('<b>芯片</b>');
		// The user's word keeps the sentence it was taken from.
		expect(text).toContain('<b>算力</b>很贵。');
	});

	it('writes the words with cloze cards to a Cloze file beside the article’s', async () => {
		const { userEntries } = await stores();
		await userEntries.addUserEntry(COMPUTING_POWER, Date.now(), { cloze: true });
		const files = await new DataExport(stores).files('anki');
		expect(files.map((file) => file.name)).toEqual(['duka-test-anki.txt', 'duka-test-anki-cloze.txt']);
		const text = await files[1]!.text();
		expect(text).toContain('#notetype:Cloze');
		expect(text).toContain('{{c1::算力::computing power}}很贵。');
	});

	it("exports an imported text's words in a deck named after it, with their sentences from the text", async () => {
		const { articles, userEntries } = await stores();
		await articles.saveImportedArticle(sampleImportedText(), [], { estimate: async () => undefined });
		await articles.addImportedWords(IMPORTED_ID, [
			{ ...COMPUTING_POWER, example: '', paragraphId: 'p0003' },
			{ ...COMPUTING_POWER, zh: '核心', en: 'core', example: '', paragraphId: 'p0003' }
		]);
		// A word kept after its article was deleted still goes out, in a deck of its own.
		await userEntries.addUserEntry({ ...COMPUTING_POWER, zh: '模型', articleId: 'text-deleted' });
		const files = await new DataExport(stores).files('anki');
		expect(files.map((file) => file.name)).toEqual([
			'duka-test-anki.txt',
			`duka-${IMPORTED_ID}-anki.txt`,
			'duka-text-deleted-anki.txt'
		]);
		const text = await files[1]!.text();
		expect(text).toContain('#deck:Duka::英伟达的全栈解决方案');
		expect(text).toContain('<b>算力</b>是Nvidia全栈解决方案full-stack Nvidia solution的核心。');
		expect(text).toContain('<b>核心</b>。');
		expect(await files[2]!.text()).toContain('#deck:Duka::text-deleted');
	});

	it('tells the time left of a long backup once a few seconds have passed', async () => {
		// Sixty cards of a hundred reviews each: read in ranges of cards, a page of reviews at a time.
		const { cards, reviews } = sampleTables();
		const cardIds = Array.from({ length: 60 }, (_, i) => `c${String(i).padStart(2, '0')}|en2zh`);
		await database.cards.bulkAdd(cardIds.map((id) => ({ ...cards[0]!, id })));
		await database.reviews.bulkAdd(
			Array.from({ length: 6_000 }, (_, i) => ({
				...reviews[0]!,
				id: i + 1,
				cardId: cardIds[i % cardIds.length]!,
				reviewedAt: reviews[0]!.reviewedAt + i
			}))
		);
		let now = 0;
		const shown: ({ leftMs?: number } | null)[] = [];
		const exporting = new DataExport(
			stores,
			async () => 'downloaded',
			() => {
				shown.push(exporting.progress);
				return (now += 10_000);
			}
		);
		await exporting.run('backup');
		expect(exporting.progress).toBeNull();
		const told = shown.flatMap((progress) => (progress?.leftMs === undefined ? [] : [progress.leftMs]));
		expect(told.length).toBeGreaterThan(0);
		expect(told.every((left) => left > 0)).toBe(true);
	});

	it('says when the backup went to the share sheet, and when making a file failed', async () => {
		const shared = new DataExport(stores, async () => 'shared');
		await shared.run('backup');
		expect(shared.outcome).toEqual({ kind: 'shared' });

		const broken = new DataExport(
			() => Promise.reject(new Error('no database')),
			async () => 'downloaded'
		);
		vi.spyOn(console, 'error').mockImplementationOnce(() => {});
		await broken.run('reviews');
		expect(broken.outcome).toEqual({ kind: 'failed' });
		expect(broken.busy).toBeNull();
	});
});

describe('BackupRestore', () => {
	it('shows what a file holds, restores it on confirmation and reports the rows', async () => {
		const onRestored = vi.fn(async () => {});
		const restoring = new BackupRestore(stores, onRestored);
		await restoring.choose(new File([backupText()], 'duka-backup.json'));
		const phase = restoring.phase;
		expect(phase.name).toBe('confirm');
		if (phase.name !== 'confirm') return;
		expect(phase.fileName).toBe('duka-backup.json');
		expect(phase.summary.counts.notes).toBe(sampleTables().notes.length);
		expect(await database.cards.count()).toBe(0);

		// A reading card's early-paint copy, of a text the backup may not have.
		const page = memoryStorage();
		page.setItem(SNAPSHOT_KEY, '[]');
		vi.stubGlobal('localStorage', page);
		await restoring.restore('replace');
		vi.unstubAllGlobals();
		const total = rowsIn(sampleTables() as unknown as Record<string, unknown[]>);
		expect(restoring.phase).toEqual({ name: 'done', mode: 'replace', added: total, kept: 0 });
		expect(page.getItem(SNAPSHOT_KEY)).toBeNull();
		expect(await database.cards.count()).toBe(sampleTables().cards.length);
		expect(onRestored).toHaveBeenCalledTimes(1);

		// Merging the same file again keeps every row already here.
		await restoring.choose(new File([backupText()], 'duka-backup.json'));
		await restoring.restore('merge');
		expect(restoring.phase).toEqual({ name: 'done', mode: 'merge', added: 0, kept: total });
	});

	it('tells the time left of a long restore, at the rate so far, once a few seconds have passed', async () => {
		const sample = sampleTables();
		const review = sample.reviews[0]!;
		sample.reviews = Array.from({ length: 6_000 }, (_, i) => ({
			...review,
			id: i + 1,
			reviewedAt: review.reviewedAt + i
		}));
		const text = serialiseBackup(buildBackup(sample, new Date(2026, 10, 30)));
		// Ten seconds pass at each look at the clock; what the screen showed is seen at the next look.
		let now = 0;
		const shown: unknown[] = [];
		const restoring = new BackupRestore(stores, async () => {}, {
			estimate: async () => undefined,
			clock: () => {
				shown.push(restoring.phase);
				return (now += 10_000);
			}
		});
		await restoring.choose(new File([text], 'duka-backup.ndjson'));
		await restoring.restore('merge');
		expect(restoring.phase.name).toBe('done');
		const lefts = shown.flatMap((phase) =>
			(phase as { name: string }).name === 'restoring' ? [(phase as { leftMs?: number }).leftMs] : []
		);
		expect(lefts.length).toBeGreaterThan(2);
		const told = lefts.filter((left) => left !== undefined);
		expect(told.length).toBeGreaterThan(0);
		// Less and less is left as the rows go in.
		expect(told).toEqual([...told].sort((a, b) => b - a));
	});

	it('refuses a file that is not a backup, and can be cancelled', async () => {
		const restoring = new BackupRestore(stores, async () => {});
		await restoring.choose(new File(['{"app":"other"}'], 'other.json'));
		expect(restoring.phase.name).toBe('failed');
		await restoring.choose(new File([backupText()], 'duka-backup.json'));
		restoring.cancel();
		expect(restoring.phase).toEqual({ name: 'idle' });
		await restoring.restore('replace');
		expect(restoring.phase).toEqual({ name: 'idle' });
		expect(await database.cards.count()).toBe(0);
	});

	it('refuses, before writing anything, a restore the disk has no room for', async () => {
		const MB = 1024 * 1024;
		await addWord();
		const before = await database.userEntries.toArray();
		const restoring = new BackupRestore(stores, async () => {}, {
			estimate: async () => ({ usage: 36 * MB, quota: 40 * MB })
		});
		await restoring.choose(new File([backupText()], 'duka-backup.json'));
		await restoring.restore('replace');
		expect(restoring.phase).toMatchObject({ name: 'failed', failure: { noRoom: { free: 4 * MB } } });
		expect(await database.userEntries.toArray()).toEqual(before);
	});

	it('keeps what Replace removes as an automatic backup first, and goes no further without one', async () => {
		await addWord();
		const folder = memoryFolder();
		const autoBackups = new AutoBackups(stores, { folder: async () => folder, estimate: async () => undefined });
		// Each look at the clock notes what the screen showed until then.
		const shown: string[] = [];
		const restoring = new BackupRestore(stores, async () => {}, {
			autoBackups,
			estimate: async () => undefined,
			clock: () => {
				shown.push(restoring.phase.name);
				return 0;
			}
		});
		await restoring.choose(new File([backupText()], 'duka-backup.json'));
		await restoring.restore('replace');
		expect(restoring.phase.name).toBe('done');
		// The automatic backup has a progress of its own, before the restore's.
		expect(shown).toContain('saving-first');
		expect(shown.lastIndexOf('saving-first')).toBeLessThan(shown.lastIndexOf('restoring'));
		const [kept] = await listSnapshots(folder);
		expect(kept?.reason).toBe('before-replace');
		expect(restoring.savedFirst?.name).toBe(kept?.name);
		expect(await readSnapshot(folder, kept!.name)).toContain('算力');

		const failing = new AutoBackups(stores, {
			folder: async () => ({ ...folder, write: () => Promise.reject(new DOMException('full', 'QuotaExceededError')) }),
			estimate: async () => undefined
		});
		vi.spyOn(console, 'error').mockImplementation(() => {});
		const blocked = new BackupRestore(stores, async () => {}, {
			autoBackups: failing,
			estimate: async () => undefined
		});
		const rows = await Promise.all(database.tables.map((table) => table.toArray()));
		await blocked.choose(new File([backupText()], 'duka-backup.json'));
		await blocked.restore('replace');
		expect(blocked.phase).toMatchObject({ name: 'failed', failure: { noRoom: {} } });
		expect(await Promise.all(database.tables.map((table) => table.toArray()))).toEqual(rows);
		vi.restoreAllMocks();
	});
});

describe('DatabaseChecker', () => {
	it('finds a card whose state differs from its history and repairs it', async () => {
		const { cards, reviews } = await stores();
		await cards.ensureCards(['e1'], Date.UTC(2026, 10, 29));
		const [card] = await cards.listCards();
		await reviews.recordReview(card!.id, 3, Date.UTC(2026, 10, 29, 9), 800, DEFAULT_SCHEDULER_SETTINGS);
		const checker = new DatabaseChecker(stores);
		await checker.check();
		expect(checker.status).toBe('ok');
		expect(checker.totals).toEqual({ cards: 2, reviews: 1 });

		await database.cards.update(card!.id, { stability: 999 });
		await checker.check();
		expect(checker.status).toBe('problems');
		expect(checker.affected).toBe(1);
		await checker.repair();
		expect(checker.status).toBe('ok');
		expect((await cards.getCard(card!.id))?.stability).not.toBe(999);
	});
});
