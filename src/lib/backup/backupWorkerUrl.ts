/** The backup writer's worker's address (a few KB, in the offline set with the app). */
export { default as backupWorkerUrl } from './backupWorker.ts?worker&url';
