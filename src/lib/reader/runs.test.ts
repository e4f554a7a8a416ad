import { describe, expect, it } from 'vitest';
import { languageRuns, runsOf } from './runs.ts';

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
