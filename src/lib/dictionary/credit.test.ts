import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CEDICT_CREDIT } from './credit.ts';
import { CEDICT_CREDIT as fromCedict } from './cedict.ts';

describe('CEDICT_CREDIT in the browser', () => {
	it('is the same credit cedict.ts gives', () => {
		expect(CEDICT_CREDIT).toBe(fromCedict);
		expect(CEDICT_CREDIT).toContain('CC BY-SA 4.0');
	});

	it('imports nothing, so the About screen never pulls node:fs into the bundle', () => {
		expect(readFileSync(new URL('./credit.ts', import.meta.url), 'utf8')).not.toMatch(/^\s*import\b/m);
	});
});
