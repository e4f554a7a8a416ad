/**
 * EPUB to chapters: unzip (fflate), META-INF/container.xml names the package (OPF), whose spine gives the
 * reading order; each spine document is read by the HTML reader. A chapter is titled by its first heading
 * or its label in the table of contents (EPUB 3 nav or EPUB 2 NCX). Documents without text (a cover, the
 * navigation page) are left out.
 */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { Parser } from 'htmlparser2';
import { normaliseText } from '../content/normalise.ts';
import { decodeBytes } from './decode.ts';
import { readHtml } from './html.ts';
import type { Block, ImportProblem, ReadDocument } from './types.ts';

/** The most a single unpacked file and the whole unpacked book may take, against zip bombs. */
export const MAX_EPUB_FILE_BYTES = 32 * 1024 * 1024;
export const MAX_EPUB_TOTAL_BYTES = 128 * 1024 * 1024;

const TEXT_FILE = /\.(?:x?html?|xml|opf|ncx)$/i;
const DOCUMENT_TYPES = new Set(['application/xhtml+xml', 'text/html']);

interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	text: string;
	/** Names of the elements it sits in, outermost first. */
	ancestors: string[];
}

/** Every element of an XML file with its own text (what lies directly or deeper inside it). */
function xmlElements(xml: string): XmlElement[] {
	const elements: XmlElement[] = [];
	const open: XmlElement[] = [];
	const parser = new Parser(
		{
			onopentag(name, attributes) {
				const element: XmlElement = {
					name: localName(name),
					attributes,
					text: '',
					ancestors: open.map((ancestor) => ancestor.name)
				};
				open.push(element);
				elements.push(element);
			},
			ontext(data) {
				for (const element of open) element.text += data;
			},
			onclosetag() {
				open.pop();
			}
		},
		{ xmlMode: true, decodeEntities: true }
	);
	parser.end(xml);
	return elements;
}

function localName(name: string): string {
	const colon = name.indexOf(':');
	return (colon >= 0 ? name.slice(colon + 1) : name).toLowerCase();
}

function attribute(element: XmlElement, name: string): string | undefined {
	for (const [key, value] of Object.entries(element.attributes)) if (localName(key) === name) return value;
	return undefined;
}

function directoryOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash >= 0 ? path.slice(0, slash + 1) : '';
}

/** A manifest href resolved against the folder of the file that names it, without its #fragment. */
export function resolvePath(base: string, href: string): string {
	let path = href.split('#')[0] ?? '';
	try {
		path = decodeURIComponent(path);
	} catch {
		// Not percent-encoded after all: use it as written.
	}
	const parts = (path.startsWith('/') ? path.slice(1) : directoryOf(base) + path).split('/');
	const resolved: string[] = [];
	for (const part of parts) {
		if (part === '..') resolved.pop();
		else if (part !== '.' && part !== '') resolved.push(part);
	}
	return resolved.join('/');
}

function textOf(bytes: Uint8Array | undefined): string | undefined {
	if (!bytes) return undefined;
	const decoded = decodeBytes(bytes);
	return 'code' in decoded ? undefined : decoded.text;
}

function unpack(bytes: Uint8Array): { files: Record<string, Uint8Array> } | ImportProblem {
	let total = 0;
	let tooBig = false;
	const wanted = (file: UnzipFileInfo) => {
		if (!TEXT_FILE.test(file.name) && file.name !== 'mimetype') return false;
		total += file.originalSize;
		if (file.originalSize > MAX_EPUB_FILE_BYTES || total > MAX_EPUB_TOTAL_BYTES) tooBig = true;
		return !tooBig;
	};
	try {
		const files = unzipSync(bytes, { filter: wanted });
		if (tooBig) return { code: 'epubBroken', reason: 'too large when unpacked' };
		return { files };
	} catch (error) {
		return { code: 'epubBroken', reason: `not a readable ZIP archive (${(error as Error).message})` };
	}
}

interface ManifestItem {
	path: string;
	mediaType: string;
	properties: string[];
}

/** Reads an EPUB 2 or 3 book into chapters, or says why it cannot. */
export function readEpub(bytes: Uint8Array): ReadDocument | ImportProblem {
	const unpacked = unpack(bytes);
	if ('code' in unpacked) return unpacked;
	const { files } = unpacked;
	const file = (path: string) =>
		files[path] ?? files[Object.keys(files).find((name) => name.toLowerCase() === path.toLowerCase()) ?? ''];

	const container = textOf(file('META-INF/container.xml'));
	if (!container) return { code: 'epubBroken', reason: 'META-INF/container.xml is missing' };
	const rootfile = xmlElements(container).find((element) => element.name === 'rootfile');
	const packagePath = rootfile ? attribute(rootfile, 'full-path') : undefined;
	if (!packagePath) return { code: 'epubBroken', reason: 'container.xml names no package document' };
	const packageXml = textOf(file(packagePath));
	if (!packageXml) return { code: 'epubBroken', reason: `the package document ${packagePath} is missing` };

	const opf = xmlElements(packageXml);
	const manifest = new Map<string, ManifestItem>();
	for (const element of opf) {
		if (element.name !== 'item') continue;
		const id = attribute(element, 'id');
		const href = attribute(element, 'href');
		if (!id || !href) continue;
		manifest.set(id, {
			path: resolvePath(packagePath, href),
			mediaType: (attribute(element, 'media-type') ?? '').toLowerCase(),
			properties: (attribute(element, 'properties') ?? '').split(/\s+/).filter(Boolean)
		});
	}
	const spineElement = opf.find((element) => element.name === 'spine');
	const spine = opf
		.filter((element) => element.name === 'itemref' && attribute(element, 'linear') !== 'no')
		.map((element) => manifest.get(attribute(element, 'idref') ?? ''))
		.filter((item): item is ManifestItem => item !== undefined && DOCUMENT_TYPES.has(item.mediaType));
	if (spine.length === 0) return { code: 'epubBroken', reason: 'the package lists no documents to read' };

	const metadata = (name: string) => {
		const element = opf.find((candidate) => candidate.name === name && candidate.ancestors.includes('metadata'));
		const value = element ? normaliseText(element.text) : '';
		return value || undefined;
	};
	const labels = tableOfContents(manifest, spineElement ? attribute(spineElement, 'toc') : undefined, file);

	const chapters: { title: string; blocks: Block[] }[] = [];
	for (const item of spine) {
		if (item.properties.includes('nav')) continue;
		const xhtml = textOf(file(item.path));
		if (xhtml === undefined) continue;
		const blocks = readHtml(xhtml, { xhtml: true }).blocks;
		if (!blocks.some((block) => block.kind === 'paragraph')) continue;
		const first = blocks[0];
		const fromHeading = first?.kind === 'heading' ? first.text : undefined;
		chapters.push({
			title: fromHeading ?? labels.get(item.path) ?? '',
			blocks: fromHeading === undefined ? blocks : blocks.slice(1)
		});
	}
	if (chapters.length === 0) return { code: 'empty' };
	return {
		source: {
			format: 'epub',
			documentTitle: metadata('title'),
			author: metadata('creator'),
			publication: metadata('publisher')
		},
		chapters
	};
}

/** Document path → its label in the table of contents: the EPUB 3 nav document, else the EPUB 2 NCX. */
function tableOfContents(
	manifest: Map<string, ManifestItem>,
	ncxId: string | undefined,
	file: (path: string) => Uint8Array | undefined
): Map<string, string> {
	const labels = new Map<string, string>();
	const add = (base: string, href: string | undefined, label: string) => {
		const text = normaliseText(label);
		if (!href || !text) return;
		const path = resolvePath(base, href);
		if (!labels.has(path)) labels.set(path, text);
	};
	const nav = [...manifest.values()].find((item) => item.properties.includes('nav'));
	const navXml = nav ? textOf(file(nav.path)) : undefined;
	if (nav && navXml) {
		for (const element of xmlElements(navXml))
			if (element.name === 'a' && element.ancestors.includes('nav'))
				add(nav.path, attribute(element, 'href'), element.text);
	}
	if (labels.size > 0) return labels;
	const ncx =
		(ncxId ? manifest.get(ncxId) : undefined) ??
		[...manifest.values()].find((item) => item.mediaType === 'application/x-dtbncx+xml');
	const ncxXml = ncx ? textOf(file(ncx.path)) : undefined;
	if (!ncx || !ncxXml) return labels;
	let label = '';
	for (const element of xmlElements(ncxXml)) {
		if (element.name === 'navlabel') label = element.text;
		if (element.name === 'content') add(ncx.path, attribute(element, 'src'), label);
	}
	return labels;
}
