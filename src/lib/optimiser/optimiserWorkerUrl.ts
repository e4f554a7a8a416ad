/** The optimiser worker's address; the worker loads the WebAssembly engine itself. */
export { default as optimiserWorkerUrl } from './worker.ts?worker&url';
