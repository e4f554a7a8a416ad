import { describe, expect, it } from 'vitest';
import {
	backupFileName,
	buildBackup,
	canonicalJson,
	canonicalJsonInSlices,
	rowLine,
	writeRowLineInSlices,
	serialiseBackup
} from './export.ts';
import { parseBackup } from './schema.ts';
import { sampleTables } from './testFixtures.ts';
import type { BackupTables } from './tables.ts';

const NOW = Date.UTC(2026, 11, 1, 8, 30);

const shuffled = (tables: BackupTables): BackupTables => {
	const reversed = Object.fromEntries(
		Object.entries(tables).map(([name, rows]) => [
			name,
			[...rows].reverse().map((row: object) => Object.fromEntries(Object.entries(row).reverse()))
		])
	);
	return reversed as unknown as BackupTables;
};

describe('buildBackup and serialiseBackup', () => {
	it('gives byte-identical files for the same data in any row or key order', () => {
		const a = serialiseBackup(buildBackup(sampleTables(), NOW));
		const b = serialiseBackup(buildBackup(shuffled(sampleTables()), new Date(NOW)));
		expect(b).toBe(a);
		expect(a.startsWith('{"app":"duka","format":3,"appVersion":')).toBe(true);
		expect(JSON.parse(a.split('\n')[0]!)).toMatchObject({ exportedAt: '2026-12-01T08:30:00.000Z', tables: { kv: 2 } });
	});

	it('writes one row per line, keys sorted, and reads back to the same rows', () => {
		const text = serialiseBackup(buildBackup(sampleTables(), NOW));
		const noteLine = text.split('\n').find((line) => line.includes('"n-1"'));
		expect(noteLine).toBe(
			'["notes",{"articleId":"huang-2025","createdAt":1795942798600,"highlightId":"h-1","id":"n-1","paragraphId":"p0002","text":"**Key** idea <script>alert(1)</script>","updatedAt":1795942798700}]'
		);
		const parsed = parseBackup(text);
		expect(parsed.ok && parsed.backup.tables).toEqual(buildBackup(sampleTables(), NOW).tables);
	});

	it('does not change the rows it was given', () => {
		const tables = shuffled(sampleTables());
		const before = structuredClone(tables);
		buildBackup(tables, NOW);
		expect(tables).toEqual(before);
	});

	it('keeps a key named __proto__ as data', () => {
		const value = JSON.parse('{"b":1,"__proto__":{"x":1},"a":[{"d":1,"c":2}]}');
		expect(canonicalJson(value)).toBe('{"__proto__":{"x":1},"a":[{"c":2,"d":1}],"b":1}');
	});

	it('names files by the local date', () => {
		expect(backupFileName(new Date(2026, 0, 5, 23, 59))).toBe('duka-backup-2026-01-05.ndjson.gz');
		expect(backupFileName(new Date(2026, 10, 29), 'reviews', 'csv')).toBe('duka-reviews-2026-11-29.csv');
	});
});

/** An imported text's row as the database holds it, in the shape that matters: nested cards, paragraphs, tokens. */
function articleRow(cards: number, paragraphs: number, tokens: number) {
	return {
		id: 'import-1',
		importedAt: NOW,
		summary: { meta: { titleZh: '标题', speakers: [] }, cards: [{ id: 'c1', titleEn: undefined }] },
		article: {
			cards: Array.from({ length: cards }, (_, c) => ({
				id: `c${c}`,
				paragraphs: Array.from({ length: paragraphs }, (_, p) => ({
					text: '数据中心'.repeat(3),
					tokens: Array.from({ length: tokens }, (_, t) => ({ t: `词${t}`, k: t % 2 ? 'zh' : 'en', s: [t, t + 1] })),
					id: `p${c}-${p}`
				}))
			}))
		}
	};
}

describe('canonicalJsonInSlices', () => {
	const noWait = { yieldNow: () => Promise.resolve() };

	it('writes exactly what canonicalJson writes, odd members too', async () => {
		const values: unknown[] = [
			null,
			0,
			'text "quoted"',
			[],
			{},
			[undefined, () => 1, null, Number.NaN, Infinity, -0],
			{ b: undefined, a: () => 1, c: [{ z: 1, y: [undefined] }], d: { only: undefined } },
			{ when: new Date(NOW), bytes: new Uint8Array([3, 1, 2]), nested: [[[{ b: 1, a: 2 }]]] },
			JSON.parse('{"b":1,"__proto__":{"x":1},"a":[{"d":1,"c":2}]}'),
			articleRow(3, 4, 20)
		];
		for (const value of values) expect(await canonicalJsonInSlices(value, noWait)).toBe(canonicalJson(value));
		expect(await canonicalJsonInSlices(undefined, noWait)).toBeUndefined();
		const row = articleRow(2, 2, 5);
		const parts: string[] = [];
		await writeRowLineInSlices('articleTexts', row, (part) => void parts.push(part), noWait);
		expect(parts.join('')).toBe(rowLine('articleTexts', row) + '\n');
		// Handed on in parts, never as the whole row.
		expect(Math.max(...parts.map((part) => part.length))).toBeLessThan(200);
	});

	it('gives the page its turn whenever a slice has run its time', async () => {
		let now = 0;
		let turns = 0;
		const text = await canonicalJsonInSlices(articleRow(10, 10, 50), {
			sliceMs: 8,
			// Every member written takes a millisecond on this clock.
			clock: () => now++,
			yieldNow: async () => void turns++
		});
		expect(text).toBe(canonicalJson(articleRow(10, 10, 50)));
		expect(turns).toBeGreaterThan(100);
	});

	it('waits whenever the sink asks, and goes on once it may', async () => {
		let waits = 0;
		const parts: string[] = [];
		const sink = (part: string) => {
			parts.push(part);
			if (parts.length % 50 !== 0) return undefined;
			waits++;
			return Promise.resolve();
		};
		const row = articleRow(3, 3, 10);
		await writeRowLineInSlices('articleTexts', row, sink, noWait);
		expect(parts.join('')).toBe(rowLine('articleTexts', row) + '\n');
		expect(waits).toBeGreaterThan(3);
	});
});
