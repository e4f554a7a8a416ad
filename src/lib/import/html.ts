/**
 * HTML to blocks with htmlparser2: text only. `h1`–`h3` are headings (`h4`–`h6` minor ones), block
 * elements and `<br>` end paragraphs, and scripts, styles, frames, SVG, forms, hidden elements and the
 * whole `<head>` are dropped with everything inside them. Attributes are never read into the text, so no
 * event handler or `javascript:` link can come through: the output is plain strings, never markup.
 */
import { Parser } from 'htmlparser2';
import { normaliseText } from '../content/normalise.ts';
import type { Block, SourceInfo } from './types.ts';

export interface ReadHtml {
	blocks: Block[];
	meta: Pick<SourceInfo, 'documentTitle' | 'author' | 'publication' | 'url'>;
}

export interface HtmlOptions {
	/** XHTML (EPUB chapters): `<div/>` closes itself, as an XML parser reads it. */
	xhtml?: boolean;
}

/** Elements whose content is never reading text. */
const DROPPED = new Set([
	'script',
	'style',
	'iframe',
	'frame',
	'frameset',
	'noscript',
	'noembed',
	'noframes',
	'template',
	'svg',
	'math',
	'object',
	'embed',
	'applet',
	'canvas',
	'audio',
	'video',
	'picture',
	'map',
	'select',
	'textarea',
	'button',
	'input',
	'dialog',
	// Ruby annotations: the pinyin over a character is not part of the text.
	'rt',
	'rp'
]);

const BLOCKS = new Set([
	'address',
	'article',
	'aside',
	'blockquote',
	'body',
	'caption',
	'center',
	'dd',
	'details',
	'div',
	'dl',
	'dt',
	'fieldset',
	'figcaption',
	'figure',
	'footer',
	'form',
	'header',
	'hgroup',
	'hr',
	'html',
	'legend',
	'li',
	'main',
	'menu',
	'nav',
	'ol',
	'p',
	'pre',
	'section',
	'summary',
	'table',
	'tbody',
	'tfoot',
	'thead',
	'tr',
	'ul'
]);

const CELLS = new Set(['td', 'th']);
const HEADING = /^h([1-6])$/;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
const WEB_ADDRESS = /^https?:\/\//i;

interface OpenElement {
	name: string;
	dropped: boolean;
}

function isHidden(attributes: Record<string, string>): boolean {
	return 'hidden' in attributes || attributes['aria-hidden'] === 'true' || HIDDEN_STYLE.test(attributes.style ?? '');
}

export function readHtml(html: string, options: HtmlOptions = {}): ReadHtml {
	const blocks: Block[] = [];
	const meta: ReadHtml['meta'] = {};
	const stack: OpenElement[] = [];
	let dropDepth = 0;
	let headDepth = 0;
	let preDepth = 0;
	let headingLevel: number | undefined;
	let text = '';
	let title: string | undefined;

	const flush = () => {
		const normalised = normaliseText(text);
		text = '';
		if (!normalised) return;
		blocks.push(
			headingLevel === undefined
				? { kind: 'paragraph', text: normalised }
				: { kind: 'heading', level: Math.min(headingLevel, 4), text: normalised }
		);
	};

	const readHeadElement = (name: string, attributes: Record<string, string>) => {
		if (name === 'meta') {
			const key = (attributes.name ?? attributes.property ?? '').toLowerCase();
			const content = (attributes.content ?? '').trim();
			if (!content) return;
			if (key === 'author') meta.author ??= normaliseText(content);
			if (key === 'og:site_name' || key === 'application-name') meta.publication ??= normaliseText(content);
			if (key === 'og:title') meta.documentTitle ??= normaliseText(content);
			if (key === 'og:url' && WEB_ADDRESS.test(content)) meta.url ??= content;
		}
		if (name === 'link' && /\bcanonical\b/i.test(attributes.rel ?? '') && WEB_ADDRESS.test(attributes.href ?? ''))
			meta.url = attributes.href;
	};

	const parser = new Parser(
		{
			onopentag(name, attributes) {
				const dropped = dropDepth > 0 || DROPPED.has(name) || isHidden(attributes);
				stack.push({ name, dropped });
				if (name === 'head') headDepth++;
				// A page's title names the source; it is not part of the text, wherever it stands.
				if (name === 'title') title = '';
				if (headDepth > 0 || title !== undefined) {
					readHeadElement(name, attributes);
					return;
				}
				if (dropped) {
					dropDepth++;
					return;
				}
				const heading = HEADING.exec(name);
				if (heading) {
					flush();
					headingLevel = Number(heading[1]);
				} else if (BLOCKS.has(name)) {
					flush();
					if (name === 'pre') preDepth++;
				} else if (name === 'br') {
					if (headingLevel === undefined) flush();
					else text += ' ';
				} else if (CELLS.has(name)) {
					text += ' ';
				}
			},
			ontext(data) {
				if (title !== undefined) title += data;
				if (headDepth > 0 || title !== undefined) return;
				if (dropDepth > 0) return;
				if (preDepth === 0) {
					text += data;
					return;
				}
				const lines = data.split('\n');
				lines.forEach((line, index) => {
					if (index > 0) flush();
					text += line;
				});
			},
			onclosetag(name) {
				const element = stack.pop();
				if (!element) return;
				if (name === 'head') headDepth = Math.max(0, headDepth - 1);
				if (name === 'title' && title !== undefined) {
					meta.documentTitle = normaliseText(title) || meta.documentTitle;
					title = undefined;
					return;
				}
				if (headDepth > 0 || name === 'head') return;
				if (element.dropped) {
					dropDepth = Math.max(0, dropDepth - 1);
					return;
				}
				if (HEADING.test(name)) {
					flush();
					headingLevel = undefined;
				} else if (BLOCKS.has(name)) {
					flush();
					if (name === 'pre') preDepth = Math.max(0, preDepth - 1);
				} else if (CELLS.has(name)) {
					text += ' ';
				}
			}
		},
		{ decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: options.xhtml }
	);
	parser.end(html);
	flush();
	return { blocks, meta };
}

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/gi;

/** `&amp;` → `&`, `&#x4e2d;` → `中`; text without entities comes back as it is. */
export function decodeEntities(text: string): string {
	if (!text.includes('&')) return text;
	return text.replace(ENTITY, (entity) => {
		let decoded = '';
		new Parser({ ontext: (data) => (decoded += data) }, { decodeEntities: true }).end(entity);
		return decoded || entity;
	});
}
