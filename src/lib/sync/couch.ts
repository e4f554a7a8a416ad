/**
 * A client for the part of CouchDB's documented HTTP API that sync uses: the database's info, `_changes`,
 * `_bulk_docs` and `_all_docs`, with basic authentication. Every failure becomes a SyncError naming what went wrong
 * in terms a user can act on.
 */

export type SyncProblem =
	/** 401: the user name or password is wrong. */
	| 'unauthorized'
	/** 403: this user may not use this database. */
	| 'forbidden'
	/** No answer at all: offline, a wrong address, or a server that is down. */
	| 'unreachable'
	| 'timeout'
	/** 404: the server answers but has no such database. */
	| 'no-database'
	/** 413 or 507: the server has no room for what was sent. */
	| 'full'
	/** A 5xx answer. */
	| 'server-error'
	/** An answer that is not what CouchDB sends. */
	| 'garbage'
	/** An address sync does not use: not https, nor Duka's own origin, nor plain http on this machine. */
	| 'bad-address'
	/** A server on another origin than those this build of Duka may connect to (its Content Security Policy). */
	| 'not-allowed';

export class SyncError extends Error {
	constructor(
		readonly problem: SyncProblem,
		detail = ''
	) {
		super(detail ? `${problem}: ${detail}` : problem);
		this.name = 'SyncError';
	}
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The origins besides its own that a page's Content Security Policy lets it connect to (`connect-src`, or
 * `default-src` without one): the sync servers its build names. Undefined when the policy sets no such limit.
 */
export function connectableOrigins(policy: string | null | undefined): string[] | undefined {
	if (!policy) return undefined;
	const directives = new Map(
		policy
			.split(';')
			.map((directive) => directive.trim().split(/\s+/))
			.filter(([name]) => name)
			.map(([name = '', ...sources]) => [name.toLowerCase(), sources] as const)
	);
	const sources = directives.get('connect-src') ?? directives.get('default-src');
	if (!sources) return undefined;
	const origins: string[] = [];
	for (const source of sources) {
		if (source.startsWith("'")) continue;
		// A scheme or a wildcard lets the page reach servers this check cannot list.
		if (source.includes('*') || /^[a-z][a-z0-9+.-]*:$/i.test(source)) return undefined;
		try {
			origins.push(new URL(source).origin);
		} catch {
			// A host without a scheme: not one that sync's addresses (https, or http on this machine) can name.
		}
	}
	return origins;
}

/** The limit of this page's own policy (the build writes it in a meta tag of every page), if it has one. */
export function pageConnectableOrigins(doc: Pick<Document, 'querySelector'> | undefined = globalThis.document) {
	const meta = doc?.querySelector('meta[http-equiv="content-security-policy" i]');
	return connectableOrigins(meta?.getAttribute('content'));
}

/**
 * The database's address as typed, made absolute against Duka's origin; refused unless it is https, Duka's own origin
 * (the default deployment serves CouchDB at /couchdb/ beside the app), or plain http on this machine; and, when the
 * page may only connect to some origins (`connectable`), unless it is one of them: the browser would block it, and
 * the user would be told the server cannot be reached.
 */
export function databaseUrl(typed: string, origin: string, connectable?: readonly string[]): URL {
	let url: URL;
	try {
		url = new URL(typed.trim(), origin);
	} catch {
		throw new SyncError('bad-address');
	}
	const own = url.origin === new URL(origin).origin;
	const allowed = own || url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
	if (!allowed || url.username || url.password || url.search || url.hash) throw new SyncError('bad-address');
	if (!url.pathname.endsWith('/')) url.pathname += '/';
	if (url.pathname === '/') throw new SyncError('bad-address', 'no database name');
	if (!own && connectable && !connectable.includes(url.origin)) throw new SyncError('not-allowed', url.origin);
	return url;
}

export interface CouchOptions {
	/** The database, as databaseUrl makes it (ending in a slash). */
	url: URL;
	user: string;
	password: string;
	fetch?: typeof fetch;
	timeoutMs?: number;
}

export interface ChangeRow {
	id: string;
	seq: string | number;
	deleted?: boolean;
	doc?: unknown;
	changes?: { rev?: unknown }[];
}

export interface BulkResult {
	id: string;
	ok?: boolean;
	rev?: string;
	error?: string;
	reason?: string;
}

export interface DatabaseInfo {
	docCount: number;
	/** The server's Date header, and when the request went and its answer came (for the clock offset). */
	serverDate: string | null;
	sentAt: number;
	receivedAt: number;
}

function basicAuth(user: string, password: string): string {
	const bytes = new TextEncoder().encode(`${user}:${password}`);
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return `Basic ${btoa(binary)}`;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function problemOf(status: number): SyncProblem {
	if (status === 401) return 'unauthorized';
	if (status === 403) return 'forbidden';
	if (status === 404) return 'no-database';
	if (status === 413 || status === 507) return 'full';
	if (status >= 500) return 'server-error';
	return 'garbage';
}

export class CouchClient {
	readonly #url: URL;
	readonly #auth: string;
	readonly #fetch: typeof fetch;
	readonly #timeoutMs: number;

	constructor({
		url,
		user,
		password,
		fetch: fetchImpl = globalThis.fetch.bind(globalThis),
		timeoutMs = 30_000
	}: CouchOptions) {
		this.#url = url;
		this.#auth = basicAuth(user, password);
		this.#fetch = fetchImpl;
		this.#timeoutMs = timeoutMs;
	}

	async #request(
		path: string,
		init: { method?: string; body?: unknown } = {}
	): Promise<{ body: unknown; response: Response; bytes: number }> {
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
		let response: Response;
		let text: string;
		try {
			response = await this.#fetch(new URL(path, this.#url), {
				method: init.method ?? 'GET',
				headers: {
					accept: 'application/json',
					authorization: this.#auth,
					...(init.body === undefined ? {} : { 'content-type': 'application/json' })
				},
				body: init.body === undefined ? undefined : JSON.stringify(init.body),
				credentials: 'omit',
				cache: 'no-store',
				signal: controller.signal
			});
			text = await response.text();
		} catch (error) {
			throw new SyncError(controller.signal.aborted ? 'timeout' : 'unreachable', String(error));
		} finally {
			clearTimeout(timer);
		}
		let body: unknown;
		try {
			body = JSON.parse(text);
		} catch {
			throw new SyncError(response.ok ? 'garbage' : problemOf(response.status), `HTTP ${response.status}`);
		}
		if (!response.ok) {
			const reason = isRecord(body) && typeof body.reason === 'string' ? body.reason : '';
			throw new SyncError(problemOf(response.status), `HTTP ${response.status} ${reason}`.trim());
		}
		return { body, response, bytes: text.length };
	}

	/** The database's document count; also says whether the address, the user and the password are right. */
	async info(): Promise<DatabaseInfo> {
		const sentAt = Date.now();
		const { body, response } = await this.#request('./');
		const receivedAt = Date.now();
		if (!isRecord(body) || typeof body.doc_count !== 'number') throw new SyncError('garbage', 'no doc_count');
		return { docCount: body.doc_count, serverDate: response.headers.get('date'), sentAt, receivedAt };
	}

	/** Changes after `since`, at most `limit`, each with its winning revision and (with `docs`) its document. */
	async changes(
		since: string | number,
		limit: number,
		docs = true
	): Promise<{ results: ChangeRow[]; lastSeq: string | number; bytes: number }> {
		const query = new URLSearchParams({ since: String(since), include_docs: String(docs), limit: String(limit) });
		const { body, bytes } = await this.#request(`_changes?${query}`);
		if (!isRecord(body) || !Array.isArray(body.results)) throw new SyncError('garbage', 'no results');
		const lastSeq = body.last_seq;
		if (typeof lastSeq !== 'string' && typeof lastSeq !== 'number') throw new SyncError('garbage', 'no last_seq');
		const results = body.results.filter(
			(row): row is ChangeRow => isRecord(row) && typeof row.id === 'string' && row.seq !== undefined
		);
		return { results, lastSeq, bytes };
	}

	/** Writes documents; one result per document, in order (a conflict or a refusal is a result, not an error). */
	async bulkDocs(docs: readonly object[]): Promise<BulkResult[]> {
		const { body } = await this.#request('_bulk_docs', { method: 'POST', body: { docs } });
		if (
			!Array.isArray(body) ||
			body.length !== docs.length ||
			!body.every((row) => isRecord(row) && typeof row.id === 'string')
		)
			throw new SyncError('garbage', 'bulk answer does not match');
		return body as BulkResult[];
	}

	/**
	 * The documents with these ids, as they now are; ids with none (or deleted) are left out. `bytes` is the answer's
	 * length, so the caller can size the next request.
	 */
	async documents(ids: readonly string[]): Promise<{ docs: unknown[]; bytes: number }> {
		if (ids.length === 0) return { docs: [], bytes: 0 };
		const { body, bytes } = await this.#request('_all_docs?include_docs=true', {
			method: 'POST',
			body: { keys: ids }
		});
		if (!isRecord(body) || !Array.isArray(body.rows)) throw new SyncError('garbage', 'no rows');
		return { docs: body.rows.flatMap((row) => (isRecord(row) && isRecord(row.doc) ? [row.doc] : [])), bytes };
	}

	/** The current revision of each document that exists (deleted ones included). */
	async revisions(ids: readonly string[]): Promise<Map<string, string>> {
		const { body } = await this.#request('_all_docs', { method: 'POST', body: { keys: ids } });
		if (!isRecord(body) || !Array.isArray(body.rows)) throw new SyncError('garbage', 'no rows');
		const revs = new Map<string, string>();
		for (const row of body.rows)
			if (isRecord(row) && typeof row.id === 'string' && isRecord(row.value) && typeof row.value.rev === 'string')
				revs.set(row.id, row.value.rev);
		return revs;
	}
}
