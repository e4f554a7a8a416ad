import { liveQuery } from 'dexie';

/**
 * Runs a query now and again whenever the data it read changes, in this tab or another one
 * (Dexie broadcasts commits between tabs). Returns the function that stops watching.
 */
export function watch<T>(
	query: () => Promise<T>,
	onValue: (value: T) => void,
	onError: (error: unknown) => void = console.error
): () => void {
	const subscription = liveQuery(query).subscribe({ next: onValue, error: onError });
	return () => subscription.unsubscribe();
}
