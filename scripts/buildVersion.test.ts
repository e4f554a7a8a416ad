import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildVersion } from '../svelte.config.js';

describe('buildVersion', () => {
	let folder = '';
	afterEach(() => rmSync(folder, { recursive: true, force: true }));

	function sources(files: Record<string, string>): string {
		folder = mkdtempSync(join(tmpdir(), 'duka-version-'));
		for (const [path, text] of Object.entries(files)) {
			mkdirSync(join(folder, path, '..'), { recursive: true });
			writeFileSync(join(folder, path), text);
		}
		return folder;
	}

	it('is the same for the same sources, and changes with a file, a name or the sync origins', () => {
		const root = sources({ 'src/a.ts': 'a', 'src/lib/b.ts': 'b' });
		const inputs = [join(root, 'src'), join(root, 'missing.json')];
		const version = buildVersion(inputs, '');
		expect(version).toMatch(/^[0-9a-f]{12}$/);
		expect(buildVersion(inputs, '')).toBe(version);
		expect(buildVersion(inputs, 'https://couch.example.org')).not.toBe(version);

		writeFileSync(join(root, 'src/lib/b.ts'), 'b2');
		const edited = buildVersion(inputs, '');
		expect(edited).not.toBe(version);

		rmSync(join(root, 'src/lib/b.ts'));
		writeFileSync(join(root, 'src/lib/c.ts'), 'b2');
		expect(buildVersion(inputs, '')).not.toBe(edited);
	});

	it('names this checkout by its sources', () => {
		expect(buildVersion()).toBe(buildVersion());
	});
});
