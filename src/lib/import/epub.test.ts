import { strToU8, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readEpub, resolvePath } from './epub.ts';
import type { ReadDocument } from './types.ts';

interface Chapter {
	file: string;
	body: string;
	label?: string;
	properties?: string;
}

const xhtml = (body: string) =>
	`<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title><script src="x.js"/></head><body>${body}</body></html>`;

/** A small EPUB: chapters in OEBPS/text/, a nav document or an NCX for their labels. */
function makeEpub(chapters: Chapter[], toc: 'nav' | 'ncx' = 'nav', extra: Zippable = {}): Uint8Array {
	const manifest = chapters
		.map(
			(chapter, index) =>
				`<item id="c${index}" href="text/${chapter.file}" media-type="application/xhtml+xml"${chapter.properties ? ` properties="${chapter.properties}"` : ''}/>`
		)
		.join('');
	const spine = chapters.map((_, index) => `<itemref idref="c${index}"/>`).join('');
	const labelled = chapters.filter((chapter) => chapter.label);
	const nav = xhtml(
		`<nav epub:type="toc"><ol>${labelled.map((chapter) => `<li><a href="text/${chapter.file}#top">${chapter.label}</a></li>`).join('')}</ol></nav>`
	);
	const ncx = `<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>${labelled
		.map(
			(chapter, index) =>
				`<navPoint id="n${index}"><navLabel><text>${chapter.label}</text></navLabel><content src="text/${chapter.file}"/></navPoint>`
		)
		.join('')}</navMap></ncx>`;
	const opf = `<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>测试之书</dc:title><dc:creator>作者甲</dc:creator><dc:publisher>出版社乙</dc:publisher></metadata><manifest>${manifest}${
		toc === 'nav'
			? '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
			: '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
	}<item id="cover-image" href="images/cover.png" media-type="image/png"/></manifest><spine${toc === 'ncx' ? ' toc="ncx"' : ''}>${spine}</spine></package>`;
	const files: Zippable = {
		mimetype: [strToU8('application/epub+zip'), { level: 0 }],
		'META-INF/container.xml': strToU8(
			'<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>'
		),
		'OEBPS/content.opf': strToU8(opf),
		'OEBPS/images/cover.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
		...extra
	};
	if (toc === 'nav') files['OEBPS/nav.xhtml'] = strToU8(nav);
	else files['OEBPS/toc.ncx'] = strToU8(ncx);
	for (const chapter of chapters) files[`OEBPS/text/${chapter.file}`] = strToU8(xhtml(chapter.body));
	return zipSync(files);
}

function chaptersOf(result: ReturnType<typeof readEpub>): NonNullable<ReadDocument['chapters']> {
	if ('code' in result) throw new Error(`expected a book, got ${result.code}`);
	return result.chapters ?? [];
}

describe('readEpub', () => {
	it('reads the spine in order; chapters are titled by their first heading or their TOC label', () => {
		const book = readEpub(
			makeEpub([
				{ file: 'cover.xhtml', body: '<div><img src="../images/cover.png" alt="封面"/></div>' },
				{ file: 'c1.xhtml', body: '<h1>第一章 开端</h1><p>第一段。</p><div/><p>第二段。</p>', label: '开端（目录）' },
				{ file: 'c2.xhtml', body: '<p>没有标题的一章。</p><h2>小节</h2><p>小节正文。</p>', label: '第二章' }
			])
		);
		expect(book).toMatchObject({
			source: { format: 'epub', documentTitle: '测试之书', author: '作者甲', publication: '出版社乙' }
		});
		expect(chaptersOf(book)).toEqual([
			{
				title: '第一章开端',
				blocks: [
					{ kind: 'paragraph', text: '第一段。' },
					{ kind: 'paragraph', text: '第二段。' }
				]
			},
			{
				title: '第二章',
				blocks: [
					{ kind: 'paragraph', text: '没有标题的一章。' },
					{ kind: 'heading', level: 2, text: '小节' },
					{ kind: 'paragraph', text: '小节正文。' }
				]
			}
		]);
	});

	it('takes labels from an EPUB 2 NCX', () => {
		const book = readEpub(makeEpub([{ file: 'c1.xhtml', body: '<p>正文。</p>', label: '第一章' }], 'ncx'));
		expect(chaptersOf(book)[0]?.title).toBe('第一章');
	});

	it('leaves the navigation document out even when the spine lists it', () => {
		const book = readEpub(
			makeEpub([
				{ file: 'toc.xhtml', body: '<nav><ol><li>目录项</li></ol></nav>', properties: 'nav' },
				{ file: 'c1.xhtml', body: '<p>正文。</p>', label: '一' }
			])
		);
		expect(chaptersOf(book).map((chapter) => chapter.blocks[0]?.text)).toEqual(['正文。']);
	});

	it('keeps only the text of hostile chapters', () => {
		const book = readEpub(
			makeEpub([
				{
					file: 'c1.xhtml',
					body: '<p onclick="alert(1)">正文<a href="javascript:alert(2)">链接</a></p><script>alert(3)</script><iframe src="x">框架</iframe>'
				}
			])
		);
		expect(chaptersOf(book)[0]?.blocks).toEqual([{ kind: 'paragraph', text: '正文链接' }]);
	});

	it('says what is broken', () => {
		expect(readEpub(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toMatchObject({ code: 'epubBroken' });
		const noContainer = zipSync({ mimetype: strToU8('application/epub+zip'), 'a.xhtml': strToU8('<p>x</p>') });
		expect(readEpub(noContainer)).toEqual({ code: 'epubBroken', reason: 'META-INF/container.xml is missing' });
		const noPackage = zipSync({
			mimetype: strToU8('application/epub+zip'),
			'META-INF/container.xml': strToU8('<container><rootfile full-path="x.opf"/></container>')
		});
		expect(readEpub(noPackage)).toEqual({ code: 'epubBroken', reason: 'the package document x.opf is missing' });
	});

	it('resolves manifest paths against the package folder', () => {
		expect(resolvePath('OEBPS/content.opf', 'text/c%201.xhtml#top')).toBe('OEBPS/text/c 1.xhtml');
		expect(resolvePath('OEBPS/text/nav.xhtml', '../text/./c1.xhtml')).toBe('OEBPS/text/c1.xhtml');
		expect(resolvePath('content.opf', '/abs/c1.xhtml')).toBe('abs/c1.xhtml');
	});
});
