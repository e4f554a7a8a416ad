import { describe, expect, it, vi } from 'vitest';

vi.mock('virtual:duka/dictionary', () => ({ default: { 供应链: [['gōng yìng liàn', 'supply chain']] } }));
vi.mock('virtual:duka/ruby-loaders', () => ({
	default: { 'test-article': () => Promise.resolve({ default: { p0001: [['gōng', 'yìng', 'liàn'], null] } }) }
}));

const { articleRuby, dictionary, lazyModule } = await import('./dictionary.svelte.ts');

describe('lazyModule', () => {
	it('imports nothing until asked, then once', async () => {
		const importer = vi.fn(() => Promise.resolve({ default: 42 }));
		const lazy = lazyModule(importer);
		expect(importer).not.toHaveBeenCalled();
		expect(lazy.status).toBe('idle');
		const first = lazy.load();
		expect(lazy.status).toBe('loading');
		await expect(first).resolves.toBe(42);
		await expect(lazy.load()).resolves.toBe(42);
		expect(importer).toHaveBeenCalledTimes(1);
		expect(lazy.status).toBe('ready');
		expect(lazy.value).toBe(42);
	});

	it('reports a failure and tries again on the next load', async () => {
		const importer = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValueOnce({ default: 'ok' });
		const lazy = lazyModule<string>(importer);
		await expect(lazy.load()).rejects.toThrow('offline');
		expect(lazy.status).toBe('error');
		await expect(lazy.load()).resolves.toBe('ok');
		expect(lazy.status).toBe('ready');
		expect(importer).toHaveBeenCalledTimes(2);
	});
});

describe('dictionary and articleRuby', () => {
	it('load the subset and an article’s ruby', async () => {
		await expect(dictionary.load()).resolves.toHaveProperty('供应链');
		await expect(articleRuby('test-article').load()).resolves.toEqual({ p0001: [['gōng', 'yìng', 'liàn'], null] });
		expect(articleRuby('test-article')).toBe(articleRuby('test-article'));
	});

	it('fail clearly for an article without ruby', async () => {
		await expect(articleRuby('nope').load()).rejects.toThrow('No pinyin for article nope');
	});
});
