import { describe, expect, it } from 'vitest';
import { connectableOrigins, databaseUrl, pageConnectableOrigins, SyncError } from './couch.ts';

const ORIGIN = 'https://duka.example.org';

const problemOf = (run: () => unknown) => {
	try {
		run();
	} catch (error) {
		return error instanceof SyncError ? error.problem : String(error);
	}
	return undefined;
};

describe('connectableOrigins', () => {
	it("lists the origins of connect-src, or of default-src without one, leaving out 'self'", () => {
		expect(connectableOrigins("default-src 'self'; connect-src 'self'; img-src 'self' data:")).toEqual([]);
		expect(
			connectableOrigins("default-src 'self'; connect-src 'self' https://couch.example.org http://127.0.0.1:5984")
		).toEqual(['https://couch.example.org', 'http://127.0.0.1:5984']);
		expect(connectableOrigins("default-src 'self' https://a.example.org; script-src 'self'")).toEqual([
			'https://a.example.org'
		]);
	});

	it('sets no limit without a policy, without either directive, or with a wildcard or a whole scheme', () => {
		for (const policy of [null, undefined, '', "script-src 'self'", 'connect-src *', 'connect-src https:'])
			expect(connectableOrigins(policy)).toBeUndefined();
		expect(connectableOrigins("connect-src 'self' https://*.example.org")).toBeUndefined();
	});

	it("reads the page's own policy from its meta tag", () => {
		const doc = (content: string | null) => ({
			querySelector: () => (content === null ? null : { getAttribute: () => content })
		});
		expect(pageConnectableOrigins(doc("connect-src 'self' https://c.example.org") as never)).toEqual([
			'https://c.example.org'
		]);
		expect(pageConnectableOrigins(doc(null) as never)).toBeUndefined();
		expect(pageConnectableOrigins(undefined)).toBeUndefined();
	});
});

describe('databaseUrl', () => {
	it('makes the address absolute, ending in a slash, on this site, https or http on this machine', () => {
		expect(databaseUrl('/couchdb/duka', ORIGIN).href).toBe(`${ORIGIN}/couchdb/duka/`);
		expect(databaseUrl(' https://couch.example.org/duka ', ORIGIN).href).toBe('https://couch.example.org/duka/');
		expect(databaseUrl('http://127.0.0.1:5984/duka', ORIGIN).href).toBe('http://127.0.0.1:5984/duka/');
	});

	it('refuses plain http elsewhere, credentials, a query, and no database name', () => {
		for (const typed of ['http://example.org/duka', 'https://u:p@couch.example.org/duka', '/couchdb/duka?x=1', '/'])
			expect(problemOf(() => databaseUrl(typed, ORIGIN))).toBe('bad-address');
	});

	it("refuses a server the page may not connect to, before any request the browser would block; this site's always", () => {
		const connectable = ['https://couch.example.org'];
		expect(databaseUrl('https://couch.example.org/duka', ORIGIN, connectable).origin).toBe('https://couch.example.org');
		expect(databaseUrl('/couchdb/duka', ORIGIN, []).origin).toBe(ORIGIN);
		expect(problemOf(() => databaseUrl('https://other.example.org/duka', ORIGIN, connectable))).toBe('not-allowed');
		expect(problemOf(() => databaseUrl('http://127.0.0.1:9/couchdb', ORIGIN, []))).toBe('not-allowed');
	});
});
