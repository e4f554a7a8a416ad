import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en.ts';
import { enScreens } from './enScreens.ts';
import { zh } from './zh.ts';
import { zhScreens } from './zhScreens.ts';

type Catalogue = { [key: string]: unknown };

/** Each language whole: the first screen's strings and every other screen's. */
const english: Catalogue = { ...en, ...enScreens };
const chinese: Catalogue = { ...zh, ...zhScreens };

/** Every message's path, `['review', 'showAnswer']`, with its kind (text or a function of arguments). */
function leaves(catalogue: Catalogue, path: string[] = []): { path: string[]; kind: string }[] {
	return Object.entries(catalogue).flatMap(([key, value]) =>
		value && typeof value === 'object'
			? leaves(value as Catalogue, [...path, key])
			: [{ path: [...path, key], kind: typeof value }]
	);
}

/** The app's source outside the catalogues and the tests: where a message must be read to be worth keeping. */
function appSource(folder: string): string {
	return readdirSync(folder, { withFileTypes: true })
		.flatMap((entry) => {
			const path = join(folder, entry.name);
			if (entry.isDirectory()) return path.endsWith(join('lib', 'i18n')) ? [] : [appSource(path)];
			return /\.(ts|svelte)$/.test(entry.name) && !entry.name.includes('.test.') ? [readFileSync(path, 'utf8')] : [];
		})
		.join('\n');
}

const escape = (name: string) => name.replace(/[-.]/g, (c) => `\\${c}`);

/**
 * A message is read as `tr.part.key`; a map of messages as `tr.part.map[key]`; or through a part handed on
 * whole (`tr: Messages['data']`, then `tr.key`).
 */
function isRead(path: string[], source: string): boolean {
	if (new RegExp(`tr\\.${path.map(escape).join('\\.')}\\b`).test(source)) return true;
	const parent = path.at(-2);
	if (parent && new RegExp(`\\.${escape(parent)}\\[`).test(source)) return true;
	const handedOn = new RegExp(`Messages\\['${escape(path[0] ?? '')}'\\]`).test(source);
	return handedOn && new RegExp(`\\.${escape(path.at(-1) ?? '')}\\b`).test(source);
}

describe('message catalogues', () => {
	it('give every message in every language, of the same kind', () => {
		expect(leaves(chinese).map(({ path, kind }) => `${path.join('.')}: ${kind}`)).toEqual(
			leaves(english).map(({ path, kind }) => `${path.join('.')}: ${kind}`)
		);
	});

	it('hold no message the app never shows', () => {
		const source = appSource(join(import.meta.dirname, '..', '..'));
		const unused = leaves(english)
			.filter(({ path }) => !isRead(path, source))
			.map(({ path }) => path.join('.'));
		expect(unused).toEqual([]);
	});
});
