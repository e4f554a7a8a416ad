/** The optimiser worker's address; the worker loads the WebAssembly engine itself. */
export { default as optimiserWorkerUrl } from './optimiserWorker.ts?worker&url';
