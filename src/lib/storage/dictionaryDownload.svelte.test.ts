import { describe, expect, it, vi } from 'vitest';
import { DictionaryUnavailable, type ConnectionLike, type DictionaryState } from './dictionaryDownload.ts';
import { DictionaryDownload, type CacheLike, type DownloadEnvironment } from './dictionaryDownload.svelte.ts';
import { SAFETY_MARGIN_BYTES, WRITE_OVERHEAD } from './headroom.ts';

// The real module would build the whole dictionary to say where it is; these tests bring their own file.
vi.mock('virtual:duka/full-dictionary', () => ({
	default: { url: '/_app/immutable/assets/cedict.1111111111.txt', bytes: 12 }
}));

const MB = 1024 * 1024;
const URL_NOW = '/_app/immutable/assets/cedict.0123456789.txt';
const URL_BEFORE = '/_app/immutable/assets/cedict.aaaaaaaaaa.txt';
const FILE = new TextEncoder().encode('duka-cedict\t1\n0数\t\t\tshù\n');
const SIZE = FILE.byteLength;
const CHUNKS = [FILE.slice(0, 10), FILE.slice(10, 20), FILE.slice(20)];
const absolute = (url: string) => new URL(url, 'https://duka.test/').href;

class MemoryCache implements CacheLike {
	readonly entries = new Map<string, Response>();
	putError: Error | undefined;
	async match(url: string) {
		return this.entries.get(absolute(url))?.clone();
	}
	async put(url: string, response: Response) {
		if (this.putError) throw this.putError;
		this.entries.set(absolute(url), response);
	}
	async delete(request: string | Request) {
		return this.entries.delete(typeof request === 'string' ? absolute(request) : request.url);
	}
	async keys() {
		return [...this.entries.keys()].map((url) => new Request(url));
	}
	urls() {
		return [...this.entries.keys()].map((url) => new URL(url).pathname);
	}
}

/** A body read one chunk per read, so what the download shows at each read can be checked exactly. */
function bodyOf(
	chunks: readonly Uint8Array[],
	options: { beforeChunk?: (index: number) => void; failAt?: number } = {}
) {
	let index = 0;
	return new ReadableStream<Uint8Array>(
		{
			pull(controller) {
				options.beforeChunk?.(index);
				const chunk = chunks[index];
				if (index === options.failAt) controller.error(new TypeError('network error'));
				else if (chunk) controller.enqueue(chunk);
				else controller.close();
				index++;
			}
		},
		{ highWaterMark: 0 }
	);
}

function fakeDevice(cache = new MemoryCache()) {
	let resolveReady: () => void = () => {};
	const device = {
		cache,
		online: true,
		connection: undefined as ConnectionLike | undefined,
		estimate: { usage: 10 * MB, quota: 1000 * MB } as { usage: number; quota: number } | undefined,
		fetched: [] as string[],
		respond: (_signal: AbortSignal): Response => new Response(bodyOf(CHUNKS)),
		onlineListeners: new Set<() => void>(),
		appReady: new Promise<void>((resolve) => (resolveReady = resolve)),
		readyNow: () => resolveReady(),
		goOnline() {
			device.online = true;
			const listeners = [...device.onlineListeners];
			device.onlineListeners.clear();
			for (const listener of listeners) listener();
		}
	};
	const environment: DownloadEnvironment = {
		asset: { url: URL_NOW, bytes: FILE.byteLength },
		fetch: async (url, { signal }) => {
			device.fetched.push(url);
			return device.respond(signal);
		},
		openCache: async () => device.cache,
		estimate: async () => device.estimate,
		connection: () => device.connection,
		online: () => device.online,
		onOnline: (listener) => {
			device.onlineListeners.add(listener);
			return () => device.onlineListeners.delete(listener);
		},
		appReady: () => device.appReady,
		exclusive: (task) => task()
	};
	return { device, download: new DictionaryDownload(environment), environment };
}

/** Lets pending promise callbacks run until the check holds (no timers involved), then checks it. */
async function settleUntil(check: () => boolean): Promise<void> {
	for (let turn = 0; turn < 1000 && !check(); turn++) await Promise.resolve();
	expect(check()).toBe(true);
}

describe('DictionaryDownload', () => {
	it('waits until the app is stored for offline use, then downloads with progress and stores the file', async () => {
		const { device, download } = fakeDevice();
		const seen: DictionaryState[] = [];
		device.respond = () => new Response(bodyOf(CHUNKS, { beforeChunk: () => seen.push(download.state) }));

		const started = download.startWhenAppReady();
		await settleUntil(() => download.state.kind === 'waitingForApp');
		expect(device.fetched).toEqual([]);

		device.readyNow();
		await started;
		expect(seen).toEqual([
			{ kind: 'downloading', received: 0, total: SIZE },
			{ kind: 'downloading', received: 10, total: SIZE },
			{ kind: 'downloading', received: 20, total: SIZE },
			{ kind: 'downloading', received: SIZE, total: SIZE }
		]);
		expect(download.state).toEqual({ kind: 'ready', bytes: SIZE });
		// Its own request passes the service worker's route by; the stored copy is under the plain address.
		expect(device.fetched).toEqual([`${URL_NOW}?download`]);
		expect(device.cache.urls()).toEqual([URL_NOW]);
		expect(new Uint8Array(await (await device.cache.match(URL_NOW))!.arrayBuffer())).toEqual(FILE);
	});

	it('finds a stored file ready without waiting or downloading', async () => {
		const { device, download } = fakeDevice();
		await device.cache.put(URL_NOW, new Response(FILE));
		await download.startWhenAppReady();
		expect(download.state).toEqual({ kind: 'ready', bytes: SIZE });
		expect(device.fetched).toEqual([]);
	});

	it('does not download by itself on a connection that saves data, but does when the user taps Download', async () => {
		const { device, download } = fakeDevice();
		device.connection = { saveData: true, effectiveType: '4g' };
		device.readyNow();
		await download.startWhenAppReady();
		expect(download.state).toEqual({ kind: 'savingData' });
		expect(device.fetched).toEqual([]);

		await download.download();
		expect(download.state).toEqual({ kind: 'ready', bytes: SIZE });
	});

	it('waits for a faster connection than 2G', async () => {
		const { device, download } = fakeDevice();
		device.connection = { effectiveType: '2g' };
		device.readyNow();
		await download.startWhenAppReady();
		expect(download.state).toEqual({ kind: 'waitingForConnection', why: 'slow' });
		expect(device.fetched).toEqual([]);
	});

	it('offline, waits for the connection and then downloads by itself', async () => {
		const { device, download } = fakeDevice();
		device.online = false;
		device.readyNow();
		await download.startWhenAppReady();
		expect(download.state).toEqual({ kind: 'waitingForConnection', why: 'offline' });

		device.goOnline();
		// The download the connection started, not a second one.
		await download.download();
		expect(download.state).toEqual({ kind: 'ready', bytes: SIZE });
		expect(device.fetched).toHaveLength(1);
	});

	it('refuses without room on the disk, saying how much is needed and free, and changes nothing', async () => {
		const { device, download } = fakeDevice();
		device.estimate = { usage: 997 * MB, quota: 1000 * MB };
		await download.download();
		expect(download.state).toEqual({
			kind: 'failed',
			problem: { kind: 'noRoom', needed: Math.ceil(SIZE * WRITE_OVERHEAD + SAFETY_MARGIN_BYTES), free: 3 * MB }
		});
		expect(device.fetched).toEqual([]);
		expect(device.cache.urls()).toEqual([]);
	});

	it('removes an earlier build’s file, and stores this build’s in its place', async () => {
		const { device, download } = fakeDevice();
		await device.cache.put(URL_BEFORE, new Response('duka-cedict\t1\n'));
		await download.refresh();
		expect(download.state).toEqual({ kind: 'absent' });
		expect(device.cache.urls()).toEqual([]);

		await download.download();
		expect(device.cache.urls()).toEqual([URL_NOW]);
	});

	it('says what went wrong, and stores nothing, when the download fails', async () => {
		const failures: [string, (device: ReturnType<typeof fakeDevice>['device']) => void, DictionaryState][] = [
			[
				'the server says no',
				(device) => (device.respond = () => new Response('missing', { status: 404 })),
				{ kind: 'failed', problem: { kind: 'http', status: 404 } }
			],
			[
				'the connection breaks off',
				(device) => (device.respond = () => new Response(bodyOf(CHUNKS, { failAt: 1 }))),
				{ kind: 'failed', problem: { kind: 'network' } }
			],
			[
				'the device goes offline mid-way',
				(device) =>
					(device.respond = () =>
						new Response(
							bodyOf(CHUNKS, { failAt: 2, beforeChunk: (index) => index === 2 && (device.online = false) })
						)),
				{ kind: 'failed', problem: { kind: 'offline' } }
			],
			[
				'the file is cut short',
				(device) => (device.respond = () => new Response(bodyOf(CHUNKS.slice(0, 2)))),
				{ kind: 'failed', problem: { kind: 'incomplete' } }
			],
			[
				'the disk is full',
				(device) => (device.cache.putError = new DOMException('full', 'QuotaExceededError')),
				{ kind: 'failed', problem: { kind: 'storage' } }
			]
		];
		for (const [what, failure, expected] of failures) {
			const { device, download } = fakeDevice();
			failure(device);
			await download.download();
			expect(download.state, what).toEqual(expected);
			expect(device.cache.urls(), what).toEqual([]);
		}
	});

	it('removes the file from the device', async () => {
		const { device, download } = fakeDevice();
		await download.download();
		await download.remove();
		expect(download.state).toEqual({ kind: 'absent' });
		expect(device.cache.urls()).toEqual([]);
	});

	it('stops a download under way when removed', async () => {
		const { device, download } = fakeDevice();
		let reading: () => void = () => {};
		let firstRead = true;
		const reachedSecondChunk = new Promise<void>((resolve) => (reading = resolve));
		device.respond = (signal) =>
			new Response(
				new ReadableStream<Uint8Array>(
					{
						start(controller) {
							signal.addEventListener('abort', () => controller.error(new DOMException('stopped', 'AbortError')));
						},
						pull(controller) {
							if (!firstRead) {
								reading();
								// The second read never gets its chunk: only the abort ends it.
								return new Promise(() => {});
							}
							firstRead = false;
							controller.enqueue(FILE.slice(0, 10));
						}
					},
					{ highWaterMark: 0 }
				)
			);
		const downloading = download.download();
		await reachedSecondChunk;
		await download.remove();
		await downloading;
		expect(download.state).toEqual({ kind: 'absent' });
		expect(device.cache.urls()).toEqual([]);
	});

	it('downloads once when two tabs start together', async () => {
		const shared = new MemoryCache();
		let queue = Promise.resolve();
		// One lock for both tabs, as Web Locks give.
		const exclusive = <T>(task: () => Promise<T>) => {
			const run = queue.then(task);
			queue = run.then(
				() => undefined,
				() => undefined
			);
			return run;
		};
		const first = fakeDevice(shared);
		const second = fakeDevice(shared);
		first.environment.exclusive = exclusive;
		second.environment.exclusive = exclusive;
		const tabs = [new DictionaryDownload(first.environment), new DictionaryDownload(second.environment)];
		await Promise.all(tabs.map((tab) => tab.download()));
		expect(tabs.map((tab) => tab.state.kind)).toEqual(['ready', 'ready']);
		expect(first.device.fetched.length + second.device.fetched.length).toBe(1);
	});

	it('lets the import screen wait for the dictionary: offline until the connection is back', async () => {
		const { device, download } = fakeDevice();
		device.online = false;
		device.connection = { saveData: true };
		let arrived = false;
		const waiting = download.whenReady().then(() => (arrived = true));
		await settleUntil(() => device.onlineListeners.size > 0);
		expect(arrived).toBe(false);
		expect(download.state).toEqual({ kind: 'failed', problem: { kind: 'offline' } });

		device.goOnline();
		await waiting;
		// The user is importing: a connection that saves data does not hold it back.
		expect(download.state).toEqual({ kind: 'ready', bytes: SIZE });
		expect(device.fetched).toHaveLength(1);
	});

	it('tells the import screen when waiting would not help', async () => {
		const { device, download } = fakeDevice();
		device.estimate = { usage: 1000 * MB, quota: 1000 * MB };
		const refused = download.whenReady();
		await expect(refused).rejects.toThrow(DictionaryUnavailable);
		await expect(refused).rejects.toMatchObject({ problem: { kind: 'noRoom', free: 0 } });
	});

	it('says so where the browser has no Cache API', async () => {
		const { download, environment } = fakeDevice();
		environment.openCache = async () => undefined;
		await download.refresh();
		expect(download.state).toEqual({ kind: 'unsupported' });
		await expect(download.whenReady()).rejects.toMatchObject({ problem: { kind: 'storage' } });
	});
});
