/**
 * The import Web Worker (a module worker): every step of an import runs here, off the main thread. Start it
 * with `new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })`, or through importClient.ts.
 */
import { loadFullDictionary } from '../dictionary/full.ts';
import { createImportHost, type ImportRequest, type ImportResponse } from './workerHost.ts';

const host = createImportHost({
	post: (message: ImportResponse) => self.postMessage(message),
	// The loader is small and static, so the worker is one file to keep offline (importWorkerUrl.ts); the
	// dictionary itself is fetched only when a build needs it: the preview needs none.
	loadDictionary: () => loadFullDictionary()
});

self.addEventListener('message', (event: MessageEvent<ImportRequest>) => {
	void host(event.data);
});
