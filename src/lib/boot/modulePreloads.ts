/** A client build's manifest, as Vite writes it: each chunk's file and the chunks it imports statically. */
export type ClientManifest = Record<string, { file: string; imports?: string[] }>;

const MODULE_PRELOAD = /<link href="([^"]+)" rel="modulepreload">/g;

/**
 * The modules that `files` import statically, however deep, in the order they are reached, leaving out `files`
 * themselves and any file the manifest does not know. Paths as the manifest writes them (`_app/immutable/…`).
 */
export function staticImportsOf(files: Iterable<string>, manifest: ClientManifest): string[] {
	const keyOfFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
	const given = new Set(files);
	const found = new Set<string>();
	const visit = (file: string) => {
		for (const imported of manifest[keyOfFile.get(file) ?? '']?.imports ?? []) {
			const chunk = manifest[imported];
			if (!chunk || given.has(chunk.file) || found.has(chunk.file)) continue;
			found.add(chunk.file);
			visit(chunk.file);
		}
	};
	given.forEach(visit);
	return [...found];
}

/**
 * Adds a module preload for each module that the page's preloaded modules import statically but the page does not
 * link. SvelteKit's list can leave such a module out (one first reached through a dynamic import is not listed when
 * a static import reaches it later), and the browser then fetches it only once its importer has arrived: a round
 * trip more before the app starts. Links are added after the last one, in the same form; a page without module
 * preloads, or whose files the manifest does not know, comes back unchanged.
 */
export function completeModulePreloads(html: string, manifest: ClientManifest): string {
	const links = [...html.matchAll(MODULE_PRELOAD)];
	const last = links.at(-1);
	if (!last) return html;
	const prefix = /^(.*?)_app\//.exec(last[1]!)?.[1] ?? '/';
	const missing = staticImportsOf(
		links.map(([, href = '']) => href.slice(prefix.length)),
		manifest
	);
	if (missing.length === 0) return html;
	const added = missing.map((file) => `\n\t\t<link href="${prefix}${file}" rel="modulepreload">`).join('');
	const at = last.index! + last[0].length;
	return html.slice(0, at) + added + html.slice(at);
}
