/**
 * What the import worker does with each message, apart from the worker itself so that it can be tested in
 * Node: prepare keeps the draft (only the preview goes back to the page), build loads the full dictionary
 * once and turns the draft into the article. Jobs run one after another, in the order they come.
 */
import { buildImport, prepareImport } from './build.ts';
import type {
	ImportChoices,
	ImportDictionary,
	ImportedText,
	ImportInput,
	ImportPreview,
	ImportProblem,
	ImportProgress,
	PreparedImport,
	StoreOutcome
} from './types.ts';

export type ImportRequest =
	| { type: 'prepare'; job: number; input: ImportInput }
	| { type: 'build'; job: number; choices: ImportChoices }
	| { type: 'buildAndStore'; job: number; choices: ImportChoices };

export type ImportResponse =
	| { type: 'progress'; job: number; progress: ImportProgress }
	| { type: 'prepared'; job: number; preview: ImportPreview }
	| { type: 'problem'; job: number; problem: ImportProblem }
	| { type: 'built'; job: number; text: ImportedText }
	| { type: 'stored'; job: number; outcome: StoreOutcome }
	| { type: 'failed'; job: number; message: string };

export interface ImportHostOptions {
	post: (message: ImportResponse) => void;
	/** The full dictionary (dictionary/full.ts's loadFullDictionary in the worker); asked for once, when first needed. */
	loadDictionary: () => Promise<ImportDictionary>;
	/**
	 * Stores a built article in the database from the worker itself (buildAndStore), so the page never holds
	 * it: for a 2 MB text the copy to the page and IndexedDB's write on the main thread took most of a second.
	 */
	store?: (text: ImportedText) => Promise<{ noRoom?: { needed: number; free: number } }>;
	/** Gives the thread back between batches of a build (a macrotask in the worker); none in tests. */
	pause?: () => Promise<void>;
}

export function createImportHost(options: ImportHostOptions): (request: ImportRequest) => Promise<void> {
	let prepared: PreparedImport | undefined;
	let dictionary: Promise<ImportDictionary> | undefined;
	let queue: Promise<void> = Promise.resolve();

	const dictionaryOnce = () => {
		dictionary ??= options.loadDictionary().catch((error: unknown) => {
			// A failed download may succeed later (the dictionary arrives, the connection comes back).
			dictionary = undefined;
			throw error;
		});
		return dictionary;
	};

	const run = async (request: ImportRequest) => {
		const { job } = request;
		const onProgress = (progress: ImportProgress) => options.post({ type: 'progress', job, progress });
		try {
			if (request.type === 'prepare') {
				prepared = undefined;
				const result = prepareImport(request.input, onProgress);
				if ('code' in result) options.post({ type: 'problem', job, problem: result });
				else {
					prepared = result;
					options.post({ type: 'prepared', job, preview: result.preview });
				}
				return;
			}
			if (!prepared) throw new Error('nothing has been prepared to build');
			onProgress({ stage: 'dictionary', fraction: 0 });
			const text = await buildImport(prepared, request.choices, await dictionaryOnce(), onProgress, options.pause);
			if (request.type === 'build') {
				options.post({ type: 'built', job, text });
				return;
			}
			if (!options.store) throw new Error('this import worker cannot store articles');
			const { noRoom } = await options.store(text);
			const outcome: StoreOutcome = noRoom
				? { noRoom }
				: {
						stored: {
							articleId: text.article.meta.id,
							firstCardId: text.article.cards[0]?.id,
							suggestions: text.suggestions
						}
					};
			options.post({ type: 'stored', job, outcome });
		} catch (error) {
			options.post({ type: 'failed', job, message: error instanceof Error ? error.message : String(error) });
		}
	};

	return (request) => {
		queue = queue.then(() => run(request));
		return queue;
	};
}
