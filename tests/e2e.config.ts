import { defineConfig } from 'vitest/config';

// End-to-end tests drive the built app (build/) in Debian's Chromium; run after `npm run build`.
export default defineConfig({
	test: {
		include: ['tests/**/*.e2e.ts'],
		environment: 'node',
		// Two cores: one browser at a time keeps timings honest and the machine responsive.
		fileParallelism: false,
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
