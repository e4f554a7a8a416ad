/**
 * The import Web Worker (a module worker): every step of an import runs here, off the main thread. Start it
 * with `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`, or through importClient.ts.
 */
import { saveImportedArticle } from '../db/articles.ts';
import { loadFullDictionary } from '../dictionary/full.ts';
import { createImportHost, type ImportRequest, type ImportResponse } from './workerHost.ts';

const host = createImportHost({
	post: (message: ImportResponse) => self.postMessage(message),
	// The loader is small and static, so the worker is one file to keep offline (importWorkerUrl.ts); the
	// dictionary itself is fetched only when a build needs it: the preview needs none.
	loadDictionary: () => loadFullDictionary(),
	pause: () => new Promise((resume) => setTimeout(resume, 0)),
	// One transaction, from here: the page gets back only the word suggestions (workerHost.ts).
	store: async ({ article, ruby, dictionary }) => {
		const saved = await saveImportedArticle({ article, ruby, dictionary }, []);
		return saved.saved ? {} : { noRoom: saved.noRoom };
	}
});

self.addEventListener('message', (event: MessageEvent<ImportRequest>) => {
	void host(event.data);
});
