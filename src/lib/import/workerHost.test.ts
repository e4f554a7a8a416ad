import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDictionary } from './testDictionary.ts';
import type { ImportChoices, ImportDictionary } from './types.ts';
import { createImportHost, type ImportResponse } from './workerHost.ts';

const SOURCE = readFileSync('content/articles/huang-2025/source.txt', 'utf8');
const CHOICES: ImportChoices = { articleId: 'text-1', title: '标题', speakers: 'none', importedAt: 0 };

let dictionary: ImportDictionary;
beforeAll(async () => {
	dictionary = await testDictionary();
});

function host(loadDictionary = async () => dictionary) {
	const messages: ImportResponse[] = [];
	let loads = 0;
	const handle = createImportHost({
		post: (message) => messages.push(structuredClone(message)),
		loadDictionary: () => {
			loads++;
			return loadDictionary();
		}
	});
	return { handle, messages, loads: () => loads };
}

describe('createImportHost', () => {
	it('answers prepare with the preview only, and build with the article, loading the dictionary once', async () => {
		const { handle, messages, loads } = host();
		await handle({ type: 'prepare', job: 1, input: { kind: 'text', text: SOURCE } });
		const prepared = messages.find((message) => message.type === 'prepared');
		expect(prepared).toMatchObject({ job: 1, preview: { title: expect.stringContaining('中国的AI水平') } });
		expect(JSON.stringify(prepared)).not.toContain('"draft"');
		await handle({ type: 'build', job: 2, choices: CHOICES });
		await handle({ type: 'build', job: 3, choices: CHOICES });
		const built = messages.filter((message) => message.type === 'built');
		expect(built.map((message) => message.job)).toEqual([2, 3]);
		expect(built[0]).toMatchObject({ text: { article: { meta: { id: 'text-1', titleZh: '标题' } } } });
		expect(loads()).toBe(1);
		expect(messages.some((message) => message.type === 'progress' && message.job === 2)).toBe(true);
	});

	it('stores the article from the worker and sends back only what the words step needs', async () => {
		const messages: ImportResponse[] = [];
		const stored: string[] = [];
		let room = true;
		const handle = createImportHost({
			post: (message) => messages.push(structuredClone(message)),
			loadDictionary: async () => dictionary,
			store: async (text) => {
				if (!room) return { noRoom: { needed: 9, free: 1 } };
				stored.push(text.article.meta.id);
				return {};
			}
		});
		await handle({ type: 'prepare', job: 1, input: { kind: 'text', text: SOURCE } });
		await handle({ type: 'buildAndStore', job: 2, choices: CHOICES });
		const answer = messages.find((message) => message.type === 'stored');
		expect(stored).toEqual(['text-1']);
		expect(answer).toMatchObject({ job: 2, outcome: { stored: { articleId: 'text-1', firstCardId: 'part1-01' } } });
		expect(JSON.stringify(answer)).not.toContain('"tokens"');
		room = false;
		await handle({ type: 'buildAndStore', job: 3, choices: CHOICES });
		expect(messages.at(-1)).toEqual({ type: 'stored', job: 3, outcome: { noRoom: { needed: 9, free: 1 } } });
	});

	it('passes problems on and refuses to build what was not prepared', async () => {
		const { handle, messages } = host();
		await handle({ type: 'prepare', job: 1, input: { kind: 'text', text: '   ' } });
		await handle({ type: 'build', job: 2, choices: CHOICES });
		expect(messages.filter((message) => message.type !== 'progress')).toEqual([
			{ type: 'problem', job: 1, problem: { code: 'empty' } },
			{ type: 'failed', job: 2, message: 'nothing has been prepared to build' }
		]);
	});

	it('says when the dictionary cannot be had, and tries again next time', async () => {
		let attempt = 0;
		const { handle, messages, loads } = host(async () => {
			attempt++;
			if (attempt === 1) throw new Error('the dictionary could not be fetched: HTTP 504');
			return dictionary;
		});
		await handle({ type: 'prepare', job: 1, input: { kind: 'text', text: '标题\n正文。' } });
		await handle({ type: 'build', job: 2, choices: CHOICES });
		await handle({ type: 'build', job: 3, choices: CHOICES });
		expect(messages.find((message) => message.job === 2 && message.type !== 'progress')).toEqual({
			type: 'failed',
			job: 2,
			message: 'the dictionary could not be fetched: HTTP 504'
		});
		expect(messages.find((message) => message.job === 3 && message.type !== 'progress')?.type).toBe('built');
		expect(loads()).toBe(2);
	});
});
