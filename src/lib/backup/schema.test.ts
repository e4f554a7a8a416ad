/* eslint-disable @typescript-eslint/no-explicit-any -- the tests break a parsed backup in arbitrary places */
import { describe, expect, it } from 'vitest';
import { buildBackup, serialiseBackup } from './export.ts';
import { MAX_LINE_CHARS, parseBackup, type BackupProblem } from './schema.ts';
import { BACKUP_FORMAT } from './tables.ts';
import { formatTwoText, importedRows, sampleImportedText, sampleTables } from './testFixtures.ts';

const NOW = Date.UTC(2026, 11, 1, 8, 30);
/** The rules are one implementation for every format: most cases break a format-2 file, as JSON is easy to edit. */
const valid = () => formatTwoText(buildBackup(sampleTables(), NOW));

/** The backup as a plain object, to break one thing in it. */
const tampered = (change: (file: Record<string, any>) => void): string => {
	const file = JSON.parse(valid());
	change(file);
	return JSON.stringify(file);
};

const reasonOf = (text: string): BackupProblem & { message: string } => {
	const result = parseBackup(text);
	if (result.ok) throw new Error('expected the file to be refused');
	return result.reason;
};

describe('parseBackup', () => {
	it('accepts a backup and says what it holds', () => {
		const result = parseBackup(valid());
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.summary).toEqual({
			exportedAt: '2026-12-01T08:30:00.000Z',
			counts: {
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
			},
			reviews: { first: Date.UTC(2026, 10, 29, 9), last: Date.UTC(2026, 10, 29, 9) }
		});
		expect(result.backup.tables.notes[0]?.text).toBe('**Key** idea <script>alert(1)</script>');
	});

	it('accepts cloze cards, and refuses a card of a kind Duka does not know', () => {
		const withCloze = (direction: string) =>
			tampered((file) => {
				const card = file.tables.cards[0];
				const entryId = card.entryId;
				file.tables.cards.push({ ...card, id: `${entryId}|${direction}`, direction });
			});
		const accepted = parseBackup(withCloze('clozeZh'));
		expect(accepted.ok && accepted.summary.counts.cards).toBe(3);
		expect(parseBackup(withCloze('clozeEn')).ok).toBe(true);
		expect(reasonOf(withCloze('cloze')).message).toMatch(/direction/);
	});

	it('accepts tags on a highlight, and a backup from before they existed', () => {
		const tagged = parseBackup(tampered((file) => (file.tables.highlights[0].tags = ['芯片', 'policy'])));
		expect(tagged.ok && tagged.backup.tables.highlights[0]?.tags).toEqual(['芯片', 'policy']);
		expect(parseBackup(valid()).ok).toBe(true);
		expect(reasonOf(tampered((file) => (file.tables.highlights[0].tags = [''])))).toMatchObject({
			table: 'highlights',
			field: 'tags.0'
		});
		expect(reasonOf(tampered((file) => (file.tables.highlights[0].tags = 'policy')))).toMatchObject({
			table: 'highlights',
			field: 'tags'
		});
	});

	it('accepts a byte-order mark and an empty backup', () => {
		expect(parseBackup('\ufeff' + valid()).ok).toBe(true);
		const empty = parseBackup(
			serialiseBackup(
				buildBackup(
					{
						kv: [],
						reading: [],
						cards: [],
						reviews: [],
						userEntries: [],
						bookmarks: [],
						highlights: [],
						notes: [],
						articles: [],
						articleTexts: []
					},
					NOW
				)
			)
		);
		expect(empty.ok && empty.summary.reviews).toBeNull();
	});

	it('refuses text that is not JSON', () => {
		for (const text of ['', 'hello', '<html><body>nope</body></html>', '\u0000\u0001PK'])
			expect(reasonOf(text).kind).toBe('not-json');
	});

	it('says a file cut off part way is incomplete', () => {
		const text = valid();
		for (const cut of [1, 40, Math.floor(text.length / 2), text.length - 4]) {
			const reason = reasonOf(text.slice(0, cut));
			expect(reason.kind).toBe('truncated');
			expect(reason.message).toMatch(/incomplete/);
		}
	});

	it('refuses JSON that is not a Duka backup', () => {
		for (const text of [
			'{"name":"package","version":"1.0.0"}',
			'[1,2,3]',
			'"duka"',
			'null',
			'42',
			'{"app":"anki","format":1}',
			'{"App":"duka"}'
		]) {
			expect(reasonOf(text)).toMatchObject({ kind: 'foreign', message: 'This file is not a Duka backup.' });
		}
	});

	it('says a backup from a newer Duka needs an update', () => {
		const reason = reasonOf(tampered((file) => (file.format = BACKUP_FORMAT + 1)));
		expect(reason).toMatchObject({ kind: 'future', format: BACKUP_FORMAT + 1 });
		expect(reason.message).toMatch(/newer Duka/);
		// A format that is not a version at all is damage, not the future.
		expect(reasonOf(tampered((file) => (file.format = '2')))).toMatchObject({ kind: 'invalid', field: 'format' });
	});

	it('names the table, row and field of a schema violation', () => {
		const cases: [string, (file: Record<string, any>) => void, Partial<BackupProblem>][] = [
			[
				'wrong type',
				(f) => (f.tables.cards[1].due = '2026-01-01'),
				{ table: 'cards', row: 2, field: 'due', problem: 'invalid' }
			],
			[
				'missing field',
				(f) => delete f.tables.reviews[0].durationMs,
				{ table: 'reviews', row: 1, field: 'durationMs', problem: 'missing' }
			],
			[
				'extra field',
				(f) => (f.tables.bookmarks[0].onclick = 'alert(1)'),
				{ table: 'bookmarks', row: 1, field: 'onclick', problem: 'unexpected' }
			],
			[
				'nested field',
				(f) => (f.tables.reviews[0].before.state = 7),
				{ table: 'reviews', row: 1, field: 'before.state', problem: 'invalid' }
			],
			[
				'enum',
				(f) => (f.tables.highlights[0].color = 'red'),
				{ table: 'highlights', row: 1, field: 'color', problem: 'invalid' }
			],
			['not finite', (f) => (f.tables.cards[0].stability = -1), { table: 'cards', row: 1, field: 'stability' }],
			['rating', (f) => (f.tables.reviews[0].rating = 5), { table: 'reviews', row: 1, field: 'rating' }],
			[
				'inconsistent key',
				(f) => (f.tables.cards[0].id = 'other|en2zh'),
				{ table: 'cards', row: 1, field: undefined, problem: 'inconsistent' }
			],
			[
				'duplicate key',
				(f) => f.tables.notes.push({ ...f.tables.notes[0] }),
				{ table: 'notes', row: 3, field: 'id', problem: 'duplicate' }
			],
			['missing table', (f) => delete f.tables.highlights, { table: 'highlights', problem: 'missing' }],
			['table not a list', (f) => (f.tables.kv = {}), { table: 'kv', problem: 'invalid' }],
			['header', (f) => (f.exportedAt = 'yesterday'), { field: 'exportedAt' }],
			[
				'prototype key',
				(f) => Object.defineProperty(f.tables.notes[0], '__proto__', { value: { polluted: true }, enumerable: true }),
				{ table: 'notes', row: 1, field: '__proto__', problem: 'unexpected' }
			]
		];
		for (const [name, change, expected] of cases) {
			const reason = reasonOf(tampered(change));
			expect(reason, name).toMatchObject({ kind: 'invalid', ...expected });
		}
		expect(reasonOf(tampered((f) => (f.tables.cards[1].due = 'x'))).message).toBe(
			'This backup is damaged: table cards, row 2, field due has a value Duka cannot use.'
		);
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	it('names the real problem of a table that is not a table, or not a Duka table', () => {
		const extraTable = reasonOf(tampered((f) => (f.tables.extra = [])));
		expect(extraTable).toMatchObject({ kind: 'invalid', field: 'tables.extra', problem: 'unexpected' });
		expect(extraTable.message).toMatch(/tables\.extra/);
		const proto = reasonOf(valid().replace('"tables":{', '"tables":{"__proto__":[],'));
		expect(proto).toMatchObject({ kind: 'invalid', field: 'tables.__proto__', problem: 'unexpected' });
		expect(proto.message).not.toMatch(/object Object|undefined/);
		const list = reasonOf(tampered((f) => (f.tables = [])));
		expect(list).toMatchObject({ kind: 'invalid', field: 'tables', problem: 'invalid' });
		expect(list.message).not.toMatch(/Settings|undefined/);
	});

	it('keeps optimised FSRS parameters: in the study settings and in each review graded with them', () => {
		const weights = Array.from({ length: 21 }, (_, index) => 0.1 + index / 10);
		const settings = { weights, optimisation: { at: NOW, reviews: 1200, kept: true } };
		const withWeights = tampered((f) => {
			f.tables.kv.push({ key: 'settings:scheduler', value: settings });
			f.tables.reviews[0].parameters = {
				desiredRetention: 0.9,
				maximumIntervalDays: 36500,
				learningSteps: ['1m', '10m'],
				relearningSteps: ['10m'],
				enableFuzz: true,
				weights
			};
		});
		const result = parseBackup(withWeights);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.backup.tables.reviews[0]?.parameters?.weights).toEqual(weights);
		expect(result.backup.tables.kv.find((row) => row.key === 'settings:scheduler')?.value).toEqual(settings);

		const short = JSON.parse(withWeights);
		short.tables.reviews[0].parameters.weights = weights.slice(0, 19);
		expect(reasonOf(JSON.stringify(short))).toMatchObject({ table: 'reviews', row: 1, field: 'parameters.weights' });
	});

	it('refuses a review of a card the backup does not hold', () => {
		const reason = reasonOf(tampered((f) => (f.tables.reviews[0].cardId = 'huang-2025:不存在|en2zh')));
		expect(reason).toMatchObject({ table: 'reviews', row: 1, field: 'cardId', problem: 'inconsistent' });
	});

	it('treats hostile strings as data: within limits they load as they are, over them they are refused', () => {
		const hostile = '<script>alert(1)</script><img src=x onerror=alert(1)>"\'`${1}\u202e\u0000';
		const ok = parseBackup(
			tampered((f) => {
				f.tables.notes[0].text = hostile;
				f.tables.userEntries[0].zh = hostile;
			})
		);
		expect(ok.ok && ok.backup.tables.notes[0]?.text).toBe(hostile);
		expect(ok.ok && ok.backup.tables.userEntries[0]?.zh).toBe(hostile);

		expect(parseBackup(tampered((f) => (f.tables.notes[0].text = '字'.repeat(100_000)))).ok).toBe(true);
		expect(reasonOf(tampered((f) => (f.tables.notes[0].text = '字'.repeat(100_001))))).toMatchObject({
			table: 'notes',
			row: 1,
			field: 'text',
			problem: 'too-long'
		});
		expect(reasonOf(tampered((f) => (f.tables.cards[0].entryId = 'a'.repeat(5000))))).toMatchObject({
			table: 'cards',
			field: 'entryId',
			problem: 'too-long'
		});
		expect(reasonOf(tampered((f) => (f.tables.kv[0].value = { blob: 'x'.repeat(200_000) })))).toMatchObject({
			table: 'kv',
			field: 'value'
		});
	});
});

describe('parseBackup, imported articles', () => {
	const IMPORTED_AT = Date.UTC(2026, 11, 1);
	const withArticle = () =>
		formatTwoText(buildBackup({ ...sampleTables(), ...importedRows(sampleImportedText(), IMPORTED_AT) }, NOW));
	const tamperedArticle = (change: (file: Record<string, any>) => void): string => {
		const file = JSON.parse(withArticle());
		change(file);
		return JSON.stringify(file);
	};
	const refusal = (text: string) => {
		const result = parseBackup(text);
		if (result.ok) throw new Error('expected the file to be refused');
		return result.reason;
	};

	it('accepts an imported article and gives it back as it was', () => {
		const result = parseBackup(withArticle());
		if (!result.ok) throw new Error(result.reason.message);
		expect(result.summary.counts.articles).toBe(1);
		expect(result.summary.counts.articleTexts).toBe(1);
		expect(result.backup.tables.articleTexts[0]).toEqual({
			id: sampleImportedText().article.meta.id,
			...sampleImportedText()
		});
	});

	it('refuses malformed article rows, saying where', () => {
		const cases: [string, (file: Record<string, any>) => void, Partial<BackupProblem>][] = [
			[
				'markup field',
				(f) => (f.tables.articleTexts[0].article.cards[0].paragraphs[0].html = '<b>x</b>'),
				{ table: 'articleTexts', row: 1, field: 'article.cards.0.paragraphs.0.html', problem: 'unexpected' }
			],
			[
				'tokens that do not give the text',
				(f) => (f.tables.articleTexts[0].article.cards[1].paragraphs[0].tokens[0].s = '算'),
				{ table: 'articleTexts', row: 1, field: 'article.cards.1.paragraphs.0' }
			],
			[
				'token kind',
				(f) => (f.tables.articleTexts[0].article.cards[0].paragraphs[0].tokens[0].k = 'script'),
				{ table: 'articleTexts', field: 'article.cards.0.paragraphs.0.tokens.0.k', problem: 'invalid' }
			],
			[
				'a built-in id',
				(f) => {
					f.tables.articles[0].id = 'huang-2025';
					f.tables.articles[0].summary.meta.id = 'huang-2025';
				},
				{ table: 'articles', row: 1, problem: 'inconsistent' }
			],
			[
				'body of another article',
				(f) => (f.tables.articleTexts[0].article.meta.id = 'text-other'),
				{ table: 'articleTexts', row: 1, problem: 'inconsistent' }
			],
			[
				'missing body',
				(f) => (f.tables.articleTexts = []),
				{ table: 'articles', row: 1, field: 'id', problem: 'inconsistent' }
			],
			[
				'missing listing',
				(f) => (f.tables.articles = []),
				{ table: 'articleTexts', row: 1, field: 'id', problem: 'inconsistent' }
			],
			[
				'a listing that disagrees with its body',
				(f) => (f.tables.articles[0].summary.meta.titleZh = '别的标题'),
				{ table: 'articles', row: 1, field: 'summary', problem: 'inconsistent' }
			],
			[
				'dictionary reading without pinyin',
				(f) => (f.tables.articleTexts[0].dictionary['算力'] = [[]]),
				{ table: 'articleTexts', field: 'dictionary.算力.0.0' }
			],
			['missing table', (f) => delete f.tables.articles, { table: 'articles', problem: 'missing' }]
		];
		for (const [name, change, expected] of cases) {
			expect(refusal(tamperedArticle(change)), name).toMatchObject({ kind: 'invalid', ...expected });
		}
		expect(refusal(tamperedArticle((f) => (f.tables.articles[0].summary.meta.titleZh = '别的标题'))).message).toBe(
			'This backup is damaged: table articles, row 1, field summary does not agree with its other fields.'
		);
	});
});

describe('parseBackup, format 3 (lines)', () => {
	const lines = () => serialiseBackup(buildBackup(sampleTables(), NOW)).split('\n');
	const withLine = (index: number, line: string) => {
		const all = lines();
		all[index] = line;
		return all.join('\n');
	};

	it('reads the same backup as format 2 gives, with the header’s counts', () => {
		const three = parseBackup(lines().join('\n'));
		const two = parseBackup(valid());
		if (!three.ok || !two.ok) throw new Error('expected both to parse');
		expect(three.backup).toEqual(two.backup);
		expect(three.summary).toEqual(two.summary);
		expect(JSON.parse(lines()[0]!)).toMatchObject({ app: 'duka', format: 3, tables: { notes: 2, reviews: 1 } });
	});

	it('names the line of a line that is not a row, and the row of a bad row', () => {
		expect(reasonOf(withLine(3, '{"kv":1'))).toMatchObject({ kind: 'invalid', line: 4, problem: 'invalid' });
		expect(reasonOf(withLine(3, '["nope",{}]'))).toMatchObject({ kind: 'invalid', line: 4, problem: 'unexpected' });
		const cardLine = lines().findIndex((line) => line.startsWith('["cards"'));
		const card = JSON.parse(lines()[cardLine]!);
		card[1].due = 'soon';
		expect(reasonOf(withLine(cardLine, JSON.stringify(card)))).toMatchObject({
			kind: 'invalid',
			table: 'cards',
			row: 1,
			field: 'due'
		});
		expect(reasonOf(withLine(3, 'x'.repeat(MAX_LINE_CHARS + 1)))).toMatchObject({ line: 4, problem: 'too-long' });
	});

	it('says a file with fewer rows than its header is incomplete, and refuses one with more', () => {
		const all = lines();
		expect(reasonOf(all.slice(0, -3).join('\n')).kind).toBe('truncated');
		expect(reasonOf(all[0]!).kind).toBe('truncated');
		const extra = [...all.slice(0, -1), all[1]!.replace('reading:last', 'reading:other'), ''].join('\n');
		expect(reasonOf(extra)).toMatchObject({ kind: 'invalid', table: 'kv', field: 'count', problem: 'inconsistent' });
	});

	it('refuses a header from a newer Duka, or one that is not Duka’s', () => {
		const header = JSON.parse(lines()[0]!);
		expect(reasonOf(withLine(0, JSON.stringify({ ...header, format: 4 })))).toMatchObject({
			kind: 'future',
			format: 4
		});
		expect(reasonOf(withLine(0, JSON.stringify({ ...header, tables: { ...header.tables, kv: -1 } })))).toMatchObject({
			kind: 'invalid',
			field: 'tables.kv'
		});
	});
});
