import { describe, expect, it } from 'vitest';
import { createImportClient, ImportCancelled, type ImportWorker } from './importClient.ts';
import { testDictionary } from './testDictionary.ts';
import type { ImportChoices, ImportProgress } from './types.ts';
import { createImportHost, type ImportRequest, type ImportResponse } from './workerHost.ts';

const CHOICES: ImportChoices = { articleId: 'text-1', title: '', speakers: 'none', importedAt: 0 };

/** A stand-in for the worker: the real host, answering through structured clones as a worker would. */
class FakeWorker implements ImportWorker {
	terminated = false;
	received: { message: ImportRequest; transfer: Transferable[] }[] = [];
	private readonly listeners: {
		message: ((event: MessageEvent<ImportResponse>) => void)[];
		error: ((event: ErrorEvent) => void)[];
	} = {
		message: [],
		error: []
	};
	private readonly host = createImportHost({
		post: (message) => {
			if (!this.terminated)
				for (const listener of this.listeners.message)
					listener({ data: structuredClone(message) } as MessageEvent<ImportResponse>);
		},
		loadDictionary: () => testDictionary()
	});

	/** When set, requests are held until release() instead of handled at once. */
	hold = false;
	private held: ImportRequest[] = [];

	postMessage(message: ImportRequest, transfer: Transferable[] = []) {
		this.received.push({ message, transfer });
		const copy = structuredClone(message);
		if (this.hold) this.held.push(copy);
		else void this.host(copy);
	}
	addEventListener(type: 'message' | 'error', listener: never) {
		this.listeners[type].push(listener);
	}
	terminate() {
		this.terminated = true;
	}
	fail(message: string) {
		for (const listener of this.listeners.error) listener({ message } as ErrorEvent);
	}
}

function clientWithWorkers() {
	const workers: FakeWorker[] = [];
	const client = createImportClient(() => {
		const worker = new FakeWorker();
		workers.push(worker);
		return worker;
	});
	return { client, workers };
}

describe('createImportClient', () => {
	it('prepares, reports progress and builds through one worker', async () => {
		const { client, workers } = clientWithWorkers();
		const progress: ImportProgress[] = [];
		const preview = await client.prepare(
			{ kind: 'text', text: '芯片的故事\n老黄：芯片很重要。\n阿笨：是的。\n老黄：对。\n阿笨：好。' },
			(p) => progress.push(p)
		);
		expect(preview).toMatchObject({ title: '芯片的故事', speakers: [{ label: '老黄' }, { label: '阿笨' }] });
		expect(progress.length).toBeGreaterThan(0);
		let dictionaryWait = '';
		const text = await client.build(CHOICES, {
			dictionaryReady: async () => {
				dictionaryWait = 'waited';
			},
			onProgress: (p) => progress.push(p)
		});
		expect(dictionaryWait).toBe('waited');
		expect(text.article.meta.titleZh).toBe('芯片的故事');
		expect(progress.some((p) => p.stage === 'dictionary')).toBe(true);
		expect(workers).toHaveLength(1);
	});

	it('gives problems back as values', async () => {
		const { client } = clientWithWorkers();
		expect(await client.prepare({ kind: 'text', text: 'English only.' })).toEqual({ code: 'noChinese' });
	});

	it('transfers a file’s bytes instead of copying them', async () => {
		const { client, workers } = clientWithWorkers();
		const bytes = new TextEncoder().encode('标题\n正文。');
		const preview = client.prepare({ kind: 'file', name: 'a.txt', bytes });
		expect(workers[0]?.received[0]?.transfer).toEqual([bytes.buffer]);
		await preview;
	});

	it('cancels: pending calls reject, the worker ends, the next call starts a new one', async () => {
		const { client, workers } = clientWithWorkers();
		await client.prepare({ kind: 'text', text: '标题\n正文。' });
		const first = workers[0];
		if (!first) throw new Error('no worker');
		first.hold = true;
		const building = client.build(CHOICES);
		client.cancel();
		await expect(building).rejects.toBeInstanceOf(ImportCancelled);
		expect(first.terminated).toBe(true);
		expect(await client.prepare({ kind: 'text', text: '又一个\n正文。' })).toMatchObject({ title: '又一个' });
		expect(workers).toHaveLength(2);
	});

	it('cancels while waiting for the dictionary', async () => {
		const { client } = clientWithWorkers();
		await client.prepare({ kind: 'text', text: '标题\n正文。' });
		const building = client.build(CHOICES, { dictionaryReady: () => new Promise(() => {}) });
		client.cancel();
		await expect(building).rejects.toBeInstanceOf(ImportCancelled);
	});

	it('rejects what is pending when the worker breaks', async () => {
		const { client, workers } = clientWithWorkers();
		await client.prepare({ kind: 'text', text: '标题\n正文。' });
		const worker = workers[0];
		if (!worker) throw new Error('no worker');
		worker.hold = true;
		const building = client.build(CHOICES);
		worker.fail('out of memory');
		await expect(building).rejects.toThrow('out of memory');
		expect(worker.terminated).toBe(true);
	});
});
