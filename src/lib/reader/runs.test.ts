import { describe, expect, it } from 'vitest';
import { languageRuns, markedRuns, runsOf } from './runs.ts';

describe('languageRuns', () => {
	it('joins Chinese and punctuation, and keeps each English term apart', () => {
		expect(
			languageRuns([
				{ s: '我们', k: 'zh' },
				{ s: '用', k: 'zh' },
				{ s: 'GPU', k: 'en' },
				{ s: 'CUDA', k: 'en' },
				{ s: '，', k: 'p' },
				{ s: '很快', k: 'zh' }
			])
		).toEqual([
			{ text: '我们用', en: false },
			{ text: 'GPU', en: true },
			{ text: 'CUDA', en: true },
			{ text: '，很快', en: false }
		]);
	});

	it('gives back the paragraph text exactly', () => {
		const tokens = [
			{ s: '“', k: 'p' as const },
			{ s: 'AI', k: 'en' as const },
			{ s: '”', k: 'p' as const }
		];
		expect(
			languageRuns(tokens)
				.map((run) => run.text)
				.join('')
		).toBe('“AI”');
		expect(languageRuns([])).toEqual([]);
	});
});

describe('runsOf', () => {
	it('works the runs out once per paragraph', () => {
		const tokens = [{ s: '我们', k: 'zh' as const }];
		expect(runsOf(tokens)).toBe(runsOf(tokens));
		expect(runsOf(tokens)).toEqual(languageRuns(tokens));
	});
});

describe('markedRuns', () => {
	const tokens = [
		{ s: '我们', k: 'zh' as const },
		{ s: '用', k: 'zh' as const },
		{ s: 'GPU', k: 'en' as const },
		{ s: '训练', k: 'zh' as const },
		{ s: '模型', k: 'zh' as const },
		{ s: '，', k: 'p' as const },
		{ s: '很快', k: 'zh' as const }
	];

	it('wraps each deck word in a run of its own and joins the rest as before', () => {
		expect(markedRuns(tokens, [undefined, undefined, 'weak', undefined, 'new', undefined, undefined])).toEqual([
			{ text: '我们用', en: false },
			{ text: 'GPU', en: true, recall: 'weak' },
			{ text: '训练', en: false },
			{ text: '模型', en: false, recall: 'new' },
			{ text: '，很快', en: false }
		]);
	});

	it('keeps two marked neighbours apart, and never marks punctuation', () => {
		const runs = markedRuns(tokens, [undefined, undefined, undefined, 'known', 'leech', 'weak', undefined]);
		expect(runs.slice(2)).toEqual([
			{ text: '训练', en: false, recall: 'known' },
			{ text: '模型', en: false, recall: 'leech' },
			{ text: '，很快', en: false }
		]);
		expect(runs.map((run) => run.text).join('')).toBe(tokens.map((token) => token.s).join(''));
	});

	it('is languageRuns when nothing is marked', () => {
		expect(markedRuns(tokens, [])).toEqual(languageRuns(tokens));
	});
});
