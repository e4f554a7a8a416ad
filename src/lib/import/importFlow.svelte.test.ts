import { describe, expect, it, vi } from 'vitest';
import { ImportFlow, type ImportServices } from './importFlow.svelte.ts';
import type { ImportPreview, ImportedText, StoreOutcome, WordSuggestion } from './types.ts';

const preview: ImportPreview = {
	title: '一篇文章',
	source: { format: 'text' },
	characters: 12,
	paragraphCount: 2,
	cardCount: 1,
	parts: [{ id: 'part1', titleZh: '一篇文章', cards: 1, characters: 12 }],
	speakers: [{ id: 's1', label: '阿笨', count: 2, colour: 1 }],
	firstCard: { id: 'part1-01', partId: 'part1', titleZh: '一篇文章', titleEn: '', paragraphs: [] },
	firstCardSpeakers: []
};

const word = (zh: string, source: WordSuggestion['source']): WordSuggestion => ({
	zh,
	pinyin: '',
	gloss: '',
	definitions: [],
	sentence: '',
	paragraphId: 'p0001',
	cardId: 'part1-01',
	count: 1,
	source
});

const built: ImportedText = {
	article: {
		meta: {
			id: 'text-1',
			titleZh: '新标题',
			titleEn: '',
			author: '',
			publication: '',
			sourceTitle: '',
			published: '2026-12-01',
			speakers: []
		},
		parts: [],
		cards: [{ id: 'part1-01', partId: 'part1', titleZh: '', titleEn: '', paragraphs: [] }]
	},
	ruby: {},
	dictionary: {},
	suggestions: [word('干热', 'pair'), word('芯片', 'text')]
};

const stored: StoreOutcome = {
	stored: { articleId: 'text-1', firstCardId: 'part1-01', suggestions: built.suggestions }
};

/** A deferred promise, so a test decides when a step finishes. */
function later<T>() {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((done) => (resolve = done));
	return { promise, resolve };
}

function services(overrides: Partial<ImportServices> = {}): ImportServices {
	return {
		prepare: vi.fn(async () => preview),
		hasDictionary: vi.fn(async () => true),
		dictionaryReady: vi.fn(async () => {}),
		build: vi.fn(async () => stored),
		addWords: vi.fn(async (_id: string, words: WordSuggestion[]) => words.length),
		loadClozeChoice: vi.fn(async () => false),
		saveClozeChoice: vi.fn(async () => {}),
		cancel: vi.fn(),
		...overrides
	};
}

describe('the import flow', () => {
	it('goes from a paste to a preview, stores the article with the chosen title and speakers, then adds words', async () => {
		const fake = services();
		const flow = new ImportFlow(fake);
		await flow.prepare({ kind: 'text', text: '阿笨：你好。' });
		expect(flow.phase.name).toBe('preview');
		expect(flow.title).toBe('一篇文章');
		expect(flow.speakers).toEqual([{ label: '阿笨', name: '阿笨' }]);

		flow.title = ' 新标题 ';
		flow.speakers[0]!.name = 'Ben';
		await flow.confirm();
		expect(fake.build).toHaveBeenCalledWith(
			{ title: '新标题', speakers: [{ label: '阿笨', zh: 'Ben', en: 'Ben' }] },
			expect.any(Function)
		);
		expect(flow.phase.name).toBe('words');
		// The text's own pairs are chosen at the start; other words wait for the user.
		expect(flow.chosen).toEqual(['干热']);

		flow.toggle('芯片');
		await flow.finish();
		expect(fake.addWords).toHaveBeenCalledWith('text-1', [built.suggestions[0], built.suggestions[1]], {
			cloze: false
		});
		expect(flow.phase).toEqual({ name: 'done', articleId: 'text-1', firstCardId: 'part1-01', added: 2 });
	});

	it('offers cloze cards as last chosen, and remembers a new choice', async () => {
		const fake = services({ loadClozeChoice: vi.fn(async () => true) });
		const flow = new ImportFlow(fake);
		await flow.prepare({ kind: 'text', text: '阿笨：你好。' });
		await flow.confirm();
		await vi.waitFor(() => expect(flow.cloze).toBe(true));
		await flow.finish();
		expect(fake.addWords).toHaveBeenCalledWith('text-1', [built.suggestions[0]], { cloze: true });

		const next = new ImportFlow(fake);
		await next.prepare({ kind: 'text', text: '阿笨：你好。' });
		await next.confirm();
		await vi.waitFor(() => expect(next.cloze).toBe(true));
		next.setCloze(false);
		expect(fake.saveClozeChoice).toHaveBeenCalledWith(false);
		await next.finish();
		expect(fake.addWords).toHaveBeenLastCalledWith('text-1', [built.suggestions[0]], { cloze: false });
	});

	it('cuts a first line too long for a title to what the library takes, without splitting a character', async () => {
		const long = { ...preview, title: `${'标'.repeat(199)}𠀀${'题'.repeat(100)}` };
		const flow = new ImportFlow(services({ prepare: vi.fn(async () => long) }));
		await flow.prepare({ kind: 'text', text: '你好' });
		expect(flow.title).toBe('标'.repeat(199));
	});

	it('sends "no speakers" when the user says so', async () => {
		const fake = services();
		const flow = new ImportFlow(fake);
		await flow.prepare({ kind: 'text', text: '阿笨：你好。' });
		flow.noSpeakers = true;
		await flow.confirm();
		expect(fake.build).toHaveBeenCalledWith({ title: '一篇文章', speakers: 'none' }, expect.any(Function));
	});

	it('shows a problem and stores nothing for input that cannot be imported', async () => {
		const fake = services({ prepare: vi.fn(async () => ({ code: 'noChinese' as const })) });
		const flow = new ImportFlow(fake);
		await flow.prepare({ kind: 'text', text: 'only English' });
		expect(flow.phase).toEqual({ name: 'problem', problem: { code: 'noChinese' } });
		expect(fake.build).not.toHaveBeenCalled();
	});

	it('waits for the dictionary when it is not on the device yet, then finishes by itself', async () => {
		const arrival = later<void>();
		const fake = services({ hasDictionary: vi.fn(async () => false), dictionaryReady: () => arrival.promise });
		const flow = new ImportFlow(fake);
		await flow.prepare({ kind: 'text', text: '你好' });
		const confirming = flow.confirm();
		await vi.waitFor(() => expect(flow.phase.name).toBe('waitingForDictionary'));
		expect(fake.build).not.toHaveBeenCalled();
		arrival.resolve();
		await confirming;
		expect(flow.phase.name).toBe('words');
	});

	it('cancelled while building, stores nothing and ignores the late answer', async () => {
		const building = later<StoreOutcome>();
		const fake = services({ build: () => building.promise });
		const flow = new ImportFlow(fake);
		await flow.prepare({ kind: 'text', text: '你好' });
		const confirming = flow.confirm();
		await vi.waitFor(() => expect(flow.phase.name).toBe('building'));
		flow.cancel();
		expect(fake.cancel).toHaveBeenCalled();
		building.resolve(stored);
		await confirming;
		expect(flow.phase.name).toBe('input');
	});

	it('says how much room is missing when the device is full, with nothing stored', async () => {
		const fake = services({ build: vi.fn(async () => ({ noRoom: { needed: 8e6, free: 1e6 } })) });
		const flow = new ImportFlow(fake);
		await flow.prepare({ kind: 'text', text: '你好' });
		await flow.confirm();
		expect(flow.phase).toEqual({ name: 'failed', reason: 'noRoom', noRoom: { needed: 8e6, free: 1e6 } });
	});

	it('keeps the choice on screen when adding the words fails', async () => {
		const fake = services({
			addWords: vi.fn(async () => {
				throw new Error('QuotaExceededError');
			})
		});
		const flow = new ImportFlow(fake);
		vi.spyOn(console, 'error').mockImplementation(() => {});
		await flow.prepare({ kind: 'text', text: '你好' });
		await flow.confirm();
		await flow.finish();
		expect(flow.phase.name).toBe('words');
		expect(flow.wordsFailed).toBe(true);
		expect(flow.chosen).toEqual(['干热']);
	});
});
