import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built app (build/) in Debian's Chromium; run after `npm run build`.
export default defineConfig({
	test: {
		include: ['tests/**/*.e2e.ts'],
		environment: 'node',
		// Two cores: one browser at a time keeps timings honest and the machine responsive.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 60_000,
		expect: {
			requireAssertions: true,
			// What a poll waits for follows a page load or a database write; with both cores busy (the whole suite on
			// this machine) that took longer than the 1 s default, and a right answer came too late.
			poll: { timeout: 10_000 }
		}
	}
});
