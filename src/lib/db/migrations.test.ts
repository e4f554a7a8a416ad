import { readdirSync, readFileSync } from 'node:fs';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { DukaDatabase } from './db.ts';
import { INDEXEDDB_VERSION, SCHEMA_VERSION } from './keys.ts';
import type { NoteRow } from '../model/notes.ts';

/**
 * Every earlier schema version leaves a frozen fixture: its table definitions and rows as that version
 * wrote them. Opening such a database with today's code must keep every record.
 */
interface Fixture {
	dexieVersion: number;
	stores: Record<string, string>;
	tables: Record<string, Record<string, unknown>[]>;
}

const FIXTURES = new URL('./fixtures/', import.meta.url);
const fixtureFiles = readdirSync(FIXTURES).filter((name) => /^schema-v\d+\.json$/.test(name));

async function writeWithOldSchema(name: string, fixture: Fixture): Promise<void> {
	const old = new Dexie(name);
	old.version(fixture.dexieVersion).stores(fixture.stores);
	await old.open();
	await old.transaction('rw', old.tables, async () => {
		for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkAdd(rows);
	});
	old.close();
}

describe('schema migrations', () => {
	it('has a fixture for every schema version before the current one', () => {
		const current = new DukaDatabase('migration-probe');
		const versions = fixtureFiles.map((file) => Number(/v(\d+)/.exec(file)?.[1]));
		for (let version = 1; version < current.verno; version++) expect(versions).toContain(version);
		expect(versions.length).toBeGreaterThan(0);
	});

	it('declares the schema version the Dexie-free readers expect (keys.ts)', async () => {
		const current = new DukaDatabase(`migration-version-${Date.now()}`);
		expect(current.verno).toBe(SCHEMA_VERSION);
		await current.open();
		expect(current.backendDB().version).toBe(INDEXEDDB_VERSION);
		current.close();
	});

	for (const file of fixtureFiles) {
		it(`opens a database written by ${file.replace('.json', '')} and keeps every record`, async () => {
			const fixture = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Fixture;
			const name = `migration-${file}-${Date.now()}`;
			await writeWithOldSchema(name, fixture);

			const current = new DukaDatabase(name);
			await current.open();
			for (const [table, rows] of Object.entries(fixture.tables)) {
				const stored = await current.table(table).toArray();
				expect(stored.length, table).toBe(rows.length);
				for (const row of rows) expect(stored, table).toContainEqual(expect.objectContaining(row));
			}
			current.close();
		});
	}

	it("marks the cards of the user's words when upgrading to version 3, so the queue finds them", async () => {
		const fixture = JSON.parse(readFileSync(new URL('schema-v2.json', FIXTURES), 'utf8')) as Fixture;
		const name = `migration-v3-marks-${Date.now()}`;
		await writeWithOldSchema(name, fixture);
		const current = new DukaDatabase(name);
		await current.open();
		const cards = await current.table('cards').toArray();
		expect(cards.filter((card) => card.userMade === 1).map((card) => card.id)).toEqual(['user:供应链|en2zh']);
		expect(
			await current
				.table('cards')
				.where('[state+userMade+due]')
				.between([0, 1, -Infinity], [3, 1, Infinity])
				.primaryKeys()
		).toEqual(['user:供应链|en2zh']);
		current.close();
	});

	it("indexes the user's words by article when upgrading to version 4, and starts with no imported article", async () => {
		const fixture = JSON.parse(readFileSync(new URL('schema-v3.json', FIXTURES), 'utf8')) as Fixture;
		const name = `migration-v4-${Date.now()}`;
		await writeWithOldSchema(name, fixture);
		const current = new DukaDatabase(name);
		await current.open();
		expect(await current.userEntries.where('articleId').equals('huang-2025').primaryKeys()).toEqual([
			'user:供应链',
			'user:算力'
		]);
		expect(await current.articles.count()).toBe(0);
		expect(await current.articleTexts.count()).toBe(0);
		// The tallies written by version 3 still agree with the cards.
		expect(await current.cardTally.toArray()).toEqual(fixture.tables.cardTally);
		current.close();
	});

	it('adds empty sync tables when upgrading to version 5, with sync off', async () => {
		const fixture = JSON.parse(readFileSync(new URL('schema-v4.json', FIXTURES), 'utf8')) as Fixture;
		const name = `migration-v5-${Date.now()}`;
		await writeWithOldSchema(name, fixture);
		const current = new DukaDatabase(name);
		await current.open();
		expect(await current.outbox.count()).toBe(0);
		expect(await current.syncState.count()).toBe(0);
		expect(await current.syncRevs.count()).toBe(0);
		// With sync off, a change records nothing.
		await current.notes.put({ ...(fixture.tables.notes![0] as unknown as NoteRow), text: 'changed after the upgrade' });
		expect(await current.outbox.count()).toBe(0);
		current.close();
	});
});
