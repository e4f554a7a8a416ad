// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface PageState {
			/** The reading card turned to on this history entry (a card turn is shallow routing: no page load). */
			readerCard?: string;
		}
	}
}

export {};

declare global {
	const __APP_VERSION__: string;
}
