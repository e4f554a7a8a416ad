import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compactHskList, indexHskList, isHskLevel, levelsOf } from './hsk.ts';
import {
	builtInTexts,
	deckHeadwords,
	dukaHsk,
	HSK_DECK_MODULE,
	HSK_WORDS_MODULE,
	hskWordsIn,
	readPackageHskLevels
} from './hskPlugin.ts';

const SMALL = [['的', '我们'], ['还', '得'], ['还', '机会'], ['得', '总统'], ['说服'], ['卓越', ' 立场 ']];

type Hook = (this: unknown, ...args: unknown[]) => unknown;
const hook = (plugin: object, name: string) => (plugin as Record<string, Hook>)[name] as Hook;

async function moduleData(plugin: object, name: string): Promise<unknown> {
	const id = hook(plugin, 'resolveId').call(undefined, name) as string;
	const code = (await hook(plugin, 'load').call({ addWatchFile() {} }, id)) as string;
	const literal = /^export default JSON\.parse\((.*)\);$/s.exec(code)?.[1] ?? 'null';
	return JSON.parse(JSON.parse(literal) as string);
}

function contentWith(vocab: string, article: string): string {
	const dir = mkdtempSync(join(tmpdir(), 'duka-hsk-'));
	mkdirSync(join(dir, 'articles', 'a'), { recursive: true });
	writeFileSync(join(dir, 'articles', 'a', 'vocab.yaml'), vocab);
	writeFileSync(join(dir, 'articles', 'a', 'article.md'), article);
	return dir;
}

describe('the HSK list', () => {
	it('keeps each word once, at the lowest level it is listed at', () => {
		const list = compactHskList(SMALL);
		expect(list).toEqual(['的 我们', '还 得', '机会', '总统', '说服', '卓越 立场']);
		const index = indexHskList(list);
		expect(index.get('还')).toBe(2);
		expect(index.get('得')).toBe(2);
		expect(index.get('立场')).toBe(6);
		expect(index.get('人工智能')).toBeUndefined();
	});

	it('refuses a list without six levels', () => {
		expect(() => compactHskList(SMALL.slice(1))).toThrow(/6 levels/);
	});

	it('gives the levels of the words it has and leaves the others out', () => {
		const index = indexHskList(compactHskList(SMALL));
		expect(levelsOf(['机会', '芯片', ' 说服'], index)).toEqual({ 机会: 3, 说服: 5 });
		expect([0, 1, 6, 7, 2.5, '3'].map(isHskLevel)).toEqual([false, true, true, false, false, false]);
	});

	it('reads the package’s HSK 2.0 list: 5,000 words over six levels', () => {
		const levels = readPackageHskLevels();
		expect(levels.map((level) => level.length)).toEqual([150, 151, 300, 600, 1300, 2500]);
		const index = indexHskList(compactHskList(levels));
		expect(index.size).toBeGreaterThan(4990);
		expect([index.get('我们'), index.get('机会'), index.get('总统'), index.get('立场')]).toEqual([1, 3, 5, 6]);
		// Not guessed from its characters, as the package's own function does.
		expect(index.get('人工智能')).toBeUndefined();
	});
});

describe('the HSK plugin', () => {
	it('bakes the built-in deck’s headwords with a level, and the list’s words that the built-in texts have', async () => {
		const contentDir = contentWith(
			'- zh: 机会\n  en: chance\n- zh: 芯片\n  en: chip\n- zh: " 总统"\n  en: president\n',
			'p0001 narrator: 总统说我们有机会，芯片也还行。'
		);
		expect(deckHeadwords(contentDir)).toEqual(['机会', '芯片', '总统']);
		const plugin = dukaHsk({ contentDir, levels: () => SMALL });
		expect(await moduleData(plugin, HSK_DECK_MODULE)).toEqual({ 机会: 3, 总统: 4 });
		expect(await moduleData(plugin, HSK_WORDS_MODULE)).toEqual(['我们', '还', '机会', '总统', '', '']);
		expect(hook(plugin, 'resolveId').call(undefined, 'virtual:duka/vocab')).toBeUndefined();
	});

	it('keeps the levels of the words found in some text, whichever', () => {
		expect(hskWordsIn(['的 我们', '得'], ['我们', '值得'])).toEqual(['我们', '得']);
		expect(hskWordsIn(['的'], [])).toEqual(['']);
	});

	it('finds the real deck’s headwords', () => {
		const contentDir = fileURLToPath(new URL('../../../content', import.meta.url));
		const words = deckHeadwords(contentDir);
		expect(words.length).toBeGreaterThan(50);
		expect(words.every((word) => word !== '' && word === word.trim())).toBe(true);
		expect(builtInTexts(contentDir).every((text) => text.includes(words[0]!))).toBe(true);
	});
});
