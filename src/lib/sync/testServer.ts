// A CouchDB-compatible server for tests (express-pouchdb over PouchDB's in-memory adapter) on 127.0.0.1 at a random
// port, with basic authentication as CouchDB answers it, and faults a test can ask for. Node only.
import type { AddressInfo } from 'node:net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import expressPouchdb from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import mapreduce from 'pouchdb-mapreduce';
import replication from 'pouchdb-replication';

export type Fault =
	/** Lets the request through untouched (to fault a later one). */
	| { pass: true }
	/** Answers this status with CouchDB's error body. */
	| { status: number }
	/**
	 * Answers a `_bulk_docs` as CouchDB 3 does when a design document's validate_doc_update throws `{ forbidden }`
	 * for every document (express-pouchdb's minimal mode runs no validation functions itself).
	 */
	| { forbidden: string }
	/** Answers 200 with a body that is not JSON. */
	| { garbage: true }
	/** Never answers. */
	| { hang: true }
	/** Lets the request through once `until` settles (a test holds a sync at a step, then lets it go on). */
	| { hold: Promise<unknown> }
	/** Lets the request through, then cuts the connection before the answer: the server did the work. */
	| { dropAnswer: true };

export interface TestCouch {
	/** The origin, e.g. http://127.0.0.1:5984 (no trailing slash). */
	origin: string;
	port: number;
	user: string;
	password: string;
	/** Creates a database (empty). */
	createDatabase(name: string): Promise<void>;
	/** Deletes a database and what it holds (the bench frees its memory between runs). */
	deleteDatabase(name: string): Promise<void>;
	/** The next requests whose path matches get these faults, one each. */
	fault(match: RegExp, ...faults: Fault[]): void;
	/** Faults asked for and not yet met. */
	pendingFaults(): number;
	/** Every document of a database, by id. */
	documents(name: string): Promise<Record<string, Record<string, unknown>>>;
	/** Writes documents as another client would (a newer Duka, say). */
	write(name: string, docs: object[]): Promise<void>;
	/** Requests seen, as "METHOD path". */
	requests: string[];
	/** Handles a request whose URL has already lost any prefix (for a proxy under /couchdb/). */
	handle(request: IncomingMessage, response: ServerResponse): void;
	stop(): Promise<void>;
	/** Listens again on the same port, with the same data. */
	restart(): Promise<void>;
}

let instances = 0;
// Plugins register once per process: a second registration throws.
const Plugged = PouchDB.plugin(memory).plugin(mapreduce).plugin(replication);

export async function startTestCouch({ user = 'learner', password = 'secret 密码' } = {}): Promise<TestCouch> {
	const prefix = `couch-${process.pid}-${instances++}-`;
	const Pouch = Plugged.defaults({
		adapter: 'memory',
		prefix
	});
	const faults: { match: RegExp; fault: Fault }[] = [];
	const requests: string[] = [];
	const expected = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
	const couch = expressPouchdb(Pouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' });
	const app = (request: IncomingMessage, response: ServerResponse) => {
		requests.push(`${request.method} ${request.url}`);
		const send = (status: number, body: unknown, type = 'application/json') => {
			response.writeHead(status, { 'content-type': type });
			response.end(typeof body === 'string' ? body : JSON.stringify(body));
		};
		if (request.headers.authorization !== expected)
			return send(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
		const index = faults.findIndex(({ match }) => match.test(request.url ?? ''));
		const fault = index >= 0 ? faults.splice(index, 1)[0]!.fault : undefined;
		if (!fault || 'pass' in fault) return couch(request, response);
		if ('hold' in fault) return void fault.hold.then(() => couch(request, response));
		if ('status' in fault) return send(fault.status, { error: 'fault', reason: `status ${fault.status}` });
		if ('garbage' in fault) return send(200, '<html>hello</html>', 'text/html');
		if ('forbidden' in fault) {
			let text = '';
			request.setEncoding('utf8');
			request.on('data', (chunk: string) => (text += chunk));
			request.on('end', () => {
				const { docs } = JSON.parse(text) as { docs: { _id: string }[] };
				send(
					201,
					docs.map((doc) => ({ id: doc._id, error: 'forbidden', reason: fault.forbidden }))
				);
			});
			return;
		}
		if ('dropAnswer' in fault) {
			// The server does the work; the client never hears back.
			response.writeHead = (() => response) as never;
			response.end = (() => {
				response.socket?.destroy();
				return response;
			}) as never;
			return couch(request, response);
		}
		// A hanging fault answers nothing.
	};
	let server: Server = createServer(app);
	const sockets = new Set<import('node:net').Socket>();
	const listen = (port: number) =>
		new Promise<void>((resolve) => {
			server = createServer(app);
			server.on('connection', (socket) => {
				sockets.add(socket);
				socket.on('close', () => sockets.delete(socket));
			});
			server.listen(port, '127.0.0.1', () => resolve());
		});
	await listen(0);
	const port = (server.address() as AddressInfo).port;
	const database = (name: string) => new Pouch(name);
	return {
		origin: `http://127.0.0.1:${port}`,
		port,
		user,
		password,
		requests,
		async createDatabase(name) {
			await database(name).info();
		},
		async deleteDatabase(name) {
			// Through the server, so that its own handle on the database lets go of the documents too.
			const response = await fetch(`http://127.0.0.1:${port}/${encodeURIComponent(name)}`, {
				method: 'DELETE',
				headers: { authorization: expected }
			});
			if (!response.ok) throw new Error(`deleting ${name}: HTTP ${response.status}`);
		},
		pendingFaults: () => faults.length,
		fault(match, ...list) {
			for (const fault of list) faults.push({ match, fault });
		},
		async documents(name) {
			const all = await database(name).allDocs({ include_docs: true });
			return Object.fromEntries(all.rows.map((row) => [row.id, row.doc ?? {}]));
		},
		async write(name, docs) {
			await database(name).bulkDocs(docs);
		},
		handle: app,
		stop: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
		restart: () => listen(port)
	};
}
