// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {}
}

export {};

declare global {
	const __APP_VERSION__: string;
}
