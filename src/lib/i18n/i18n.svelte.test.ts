import { beforeEach, describe, expect, it, vi } from 'vitest';

// The module keeps the language and the loaded strings for the page: each test starts from a fresh copy.
async function fresh() {
	vi.resetModules();
	return import('./i18n.svelte.ts');
}

beforeEach(() => {
	vi.resetModules();
});

describe('i18n', () => {
	it('loads the screens of the language shown, and of the next one only when asked', async () => {
		const { i18n, loadScreenMessages } = await fresh();
		expect(i18n.tr.stats).toBeUndefined();
		await loadScreenMessages();
		expect(i18n.tr.stats.title).toBe('Statistics');
		i18n.apply('zh', []);
		// Not loaded yet: the screen keeps its language rather than show strings missing.
		expect(i18n.lang).toBe('en');
		await vi.waitFor(() => expect(i18n.lang).toBe('zh'));
		expect(i18n.tr.stats.title).toBe('统计');
	});

	it('switches at once when both languages are loaded, and on home before any screen is', async () => {
		const { i18n, loadScreenMessages } = await fresh();
		i18n.apply('zh', []);
		expect(i18n.lang).toBe('zh');
		i18n.apply('en', []);
		await loadScreenMessages('zh');
		i18n.apply('zh', []);
		expect(i18n.lang).toBe('zh');
		expect(i18n.tr.stats.title).toBe('统计');
	});

	it('keeps the last language asked for when an earlier one arrives late', async () => {
		const { i18n, loadScreenMessages } = await fresh();
		await loadScreenMessages();
		i18n.apply('zh', []);
		i18n.apply('en', []);
		await loadScreenMessages('zh');
		await new Promise((resolve) => setTimeout(resolve, 0));
		expect(i18n.lang).toBe('en');
	});

	it('follows the browser for the automatic setting', async () => {
		const { languageOf } = await fresh();
		expect(languageOf('auto', ['zh-CN', 'en'])).toBe('zh');
		expect(languageOf('auto', ['fr', 'en-GB'])).toBe('en');
		expect(languageOf('en', ['zh-CN'])).toBe('en');
	});
});
