import type { Environment } from 'vitest/environments';

/**
 * Runs a test file through Svelte's client build (effects, createSubscriber), still in Node: for state
 * modules whose behaviour lives in effects. Name it in the file's first line:
 * `// @vitest-environment ./src/lib/test/svelteClientEnvironment.ts`.
 */
const svelteClient: Environment = {
	name: 'svelte-client',
	viteEnvironment: 'client',
	setup() {
		return { teardown() {} };
	}
};

export default svelteClient;
