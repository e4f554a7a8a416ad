// The little of PouchDB and express-pouchdb that the test server uses; neither ships types.
declare module 'pouchdb-core' {
	interface PouchDatabase {
		info(): Promise<unknown>;
		allDocs(options: { include_docs: true }): Promise<{ rows: { id: string; doc?: Record<string, unknown> }[] }>;
		bulkDocs(docs: object[], options?: { new_edits?: boolean }): Promise<unknown>;
	}
	interface PouchConstructor {
		new (name: string): PouchDatabase;
		plugin(plugin: unknown): PouchConstructor;
		defaults(options: Record<string, unknown>): PouchConstructor;
	}
	const PouchDB: PouchConstructor;
	export default PouchDB;
}
declare module 'pouchdb-adapter-memory' {
	const plugin: unknown;
	export default plugin;
}
declare module 'pouchdb-mapreduce' {
	const plugin: unknown;
	export default plugin;
}
declare module 'pouchdb-replication' {
	const plugin: unknown;
	export default plugin;
}
declare module 'express-pouchdb' {
	import type { IncomingMessage, ServerResponse } from 'node:http';
	export default function expressPouchdb(
		pouch: unknown,
		options: Record<string, unknown>
	): (request: IncomingMessage, response: ServerResponse) => void;
}
