/**
 * The import worker's address. The worker (pinyin-pro and the parsers, about 200 KB) is left out of the
 * service worker's precache, so a first visit is ready offline sooner; it joins the offline set with the whole
 * dictionary, which an import needs anyway (storage/dictionaryDownload.svelte.ts).
 */
export { default as importWorkerUrl } from './worker.ts?worker&url';
