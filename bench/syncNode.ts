// Sync's first push and first pull in Node, for a CPU profile of Duka's own work (the bench's figures are Chromium's,
// in bench/syncBench.ts): fake-indexeddb stands in for IndexedDB and the test server (express-pouchdb, memory) for
// CouchDB, in the same process, so the profile shows both sides.
//
//   npx tsx bench/syncNode.ts --entries=1000 --reviews=20000
//   node --cpu-prof --cpu-prof-dir=profiles --import tsx bench/syncNode.ts --entries=1000 --reviews=20000
import 'fake-indexeddb/auto';
import { DukaDatabase, useDatabase } from '../src/lib/db/db.ts';
import { turnOnSync } from '../src/lib/db/syncState.ts';
import { CouchClient, databaseUrl } from '../src/lib/sync/couch.ts';
import { syncOnce } from '../src/lib/sync/engine.ts';
import { startTestCouch } from '../src/lib/sync/testServer.ts';
import { collectionChunksInTimeOrder } from './collection.ts';
import { parseArgs } from './lib.ts';

const args = parseArgs(process.argv.slice(2));
const entries = Number(args.get('entries') ?? 1_000);
const reviews = Number(args.get('reviews') ?? 20_000);
const batch = args.has('batch') ? { batch: Number(args.get('batch')) } : {};
const now = Date.now();

const couch = await startTestCouch();
await couch.createDatabase('duka');
const account = { url: `${couch.origin}/duka`, user: couch.user, password: couch.password };
const client = () =>
	new CouchClient({ url: databaseUrl(account.url, couch.origin), user: account.user, password: account.password });

async function timed(name: string, work: () => Promise<unknown>): Promise<void> {
	const started = performance.now();
	const report = await work();
	const heap = process.memoryUsage().heapUsed / 1024 / 1024;
	console.log(`${name}: ${((performance.now() - started) / 1000).toFixed(2)} s, heap ${heap.toFixed(0)} MB`, report);
}

const first = new DukaDatabase(`sync-node-a-${now}`);
useDatabase(first);
const options = { entries, reviewedCards: Math.round(entries * 1.6), reviews, now };
for (const chunk of collectionChunksInTimeOrder(options)) {
	await first.transaction('rw', first.userEntries, first.cards, first.reviews, async () => {
		await first.userEntries.bulkAdd(chunk.entries);
		await first.cards.bulkAdd(chunk.cards);
		await first.reviews.bulkAdd(chunk.logs);
	});
}
console.log(`seeded ${await first.cards.count()} cards, ${await first.reviews.count()} reviews`);
await turnOnSync(account);
await timed('first sync up', () => syncOnce(client(), batch));

const second = new DukaDatabase(`sync-node-b-${now}`);
useDatabase(second);
await turnOnSync(account);
await timed('down to a fresh device', () => syncOnce(client(), batch));
console.log(`fresh device: ${await second.cards.count()} cards, ${await second.reviews.count()} reviews`);
await couch.stop();
