/**
 * The full dictionary of this build, for the import worker: fetched from Duka's own origin (through the
 * service worker, which keeps it for offline use once downloaded) and parsed. The format is fullFormat.ts.
 */
import fullDictionaryAsset from 'virtual:duka/full-dictionary';
import { parseFullDictionary, type FullDictionary, type FullDictionaryAsset } from './fullFormat.ts';

export {
	FullDictionaryFormatError,
	parseFullDictionary,
	type FullDictionary,
	type FullDictionaryAsset
} from './fullFormat.ts';

/** This build's dictionary file: its URL and its size uncompressed. */
export { fullDictionaryAsset };

export type Fetcher = (url: string) => Promise<Response>;

/**
 * Fetches and parses the dictionary of this build. Inside the import worker the fetch goes through the
 * service worker, which answers it from its own cache once the dictionary has been downloaded.
 */
export async function loadFullDictionary(
	fetcher: Fetcher = (url) => fetch(url),
	asset: FullDictionaryAsset = fullDictionaryAsset
): Promise<FullDictionary> {
	const response = await fetcher(asset.url);
	if (!response.ok) throw new Error(`the dictionary could not be fetched: HTTP ${response.status}`);
	return parseFullDictionary(await response.text());
}
