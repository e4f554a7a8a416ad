import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeFile, decodeText, sniff } from './decode.ts';
import { encodeLegacy } from './testEncodings.ts';

const FIXTURES = 'src/lib/import/fixtures';
const utf8 = (text: string) => new TextEncoder().encode(text);
const SAMPLE = '老黄：中国的AI水平是世界级的，芯片禁运反而加速了中国AI的进步。这是一段测试用的文字，说明编码。';

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
	const bytes: number[] = bom ? (endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : [];
	for (let index = 0; index < text.length; index++) {
		const unit = text.charCodeAt(index);
		bytes.push(...(endian === 'le' ? [unit & 0xff, unit >> 8] : [unit >> 8, unit & 0xff]));
	}
	return new Uint8Array(bytes);
}

describe('decodeFile', () => {
	it('reads UTF-8, with or without a BOM', () => {
		expect(decodeFile('a.txt', utf8(SAMPLE))).toBe(SAMPLE);
		expect(decodeFile('a.txt', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(SAMPLE)]))).toBe(SAMPLE);
	});

	it('reads UTF-16 with a BOM, either byte order', () => {
		expect(decodeText('a.txt', utf16(SAMPLE, 'le', true))).toEqual({ text: SAMPLE, encoding: 'utf-16le' });
		expect(decodeText('a.txt', utf16(SAMPLE, 'be', true))).toEqual({ text: SAMPLE, encoding: 'utf-16be' });
	});

	it('reads UTF-16 without a BOM when its NUL bytes give it away', () => {
		const text = 'Duka reads Chinese: 中文 and English text alike.';
		expect(decodeText('a.txt', utf16(text, 'le', false))).toEqual({ text, encoding: 'utf-16le' });
	});

	it('reads GBK (as GB18030) when the bytes are not UTF-8', () => {
		expect(decodeText('a.txt', encodeLegacy(SAMPLE, 'gb18030'))).toEqual({ text: SAMPLE, encoding: 'gb18030' });
	});

	it('reads the committed GBK and Big5 fixtures', () => {
		const gbk = decodeText('gbk-sample.txt', readFileSync(`${FIXTURES}/gbk-sample.txt`));
		expect(gbk).toMatchObject({ encoding: 'gb18030' });
		expect((gbk as { text: string }).text).toContain('中国的AI水平是世界级的');
		const big5 = decodeText('big5-sample.txt', readFileSync(`${FIXTURES}/big5-sample.txt`));
		expect(big5).toMatchObject({ encoding: 'big5' });
		expect((big5 as { text: string }).text).toContain('臺灣的資料中心');
	});

	it('tells traditional Big5 from GBK although both decode', () => {
		const traditional = '輝達的顯示卡在臺灣製造，這是一個繁體中文的句子，資料中心與人工智慧。';
		expect(decodeText('a.txt', encodeLegacy(traditional, 'big5'))).toEqual({ text: traditional, encoding: 'big5' });
		expect(decodeText('a.txt', encodeLegacy(SAMPLE, 'gb18030'))).toMatchObject({ encoding: 'gb18030' });
	});

	it('refuses bytes that are no Chinese encoding', () => {
		// Shift_JIS bytes of Japanese kana: valid as neither UTF-8 nor a plausible Chinese text.
		const shiftJis = new Uint8Array(Array.from({ length: 40 }, (_, index) => [0x82, 0xa0 + (index % 20)]).flat());
		expect(decodeFile('a.txt', shiftJis)).toEqual({ code: 'encoding' });
		expect(decodeFile('a.txt', new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00]))).toEqual({
			code: 'encoding'
		});
	});

	it('refuses an image renamed .txt', () => {
		const png = readFileSync(`${FIXTURES}/png-renamed.txt`);
		expect(sniff(png)).toBe('image');
		expect(decodeFile('png-renamed.txt', png)).toEqual({ code: 'image' });
		expect(decodeFile('photo.txt', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toEqual({ code: 'image' });
		expect(decodeFile('anim.txt', utf8('GIF89a\u0001\u0000'))).toEqual({ code: 'image' });
		expect(decodeFile('pic.txt', utf8('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toEqual({ code: 'image' });
	});

	it('refuses a PDF, an archive, an executable and other binaries', () => {
		expect(decodeFile('paper.txt', utf8('%PDF-1.7\n%âãÏÓ\n'))).toEqual({ code: 'pdf' });
		expect(decodeFile('data.txt', zipSync({ 'a.txt': strToU8('中文') }))).toEqual({ code: 'binary' });
		expect(decodeFile('a.txt', new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).toEqual({ code: 'binary' });
		expect(decodeFile('a.txt', new Uint8Array([0x1f, 0x8b, 8, 0]))).toEqual({ code: 'binary' });
		expect(decodeFile('a.txt', new Uint8Array([...utf8('中文'), 0, 0, 0, 1, 2, 3, 0, 0, 0, 4]))).toEqual({
			code: 'binary'
		});
	});

	it('names the file types it does not read', () => {
		const docx = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w/>') });
		expect(decodeFile('report.docx', docx)).toEqual({ code: 'unsupportedType', extension: 'docx' });
		expect(decodeFile('notes.rtf', utf8('{\\rtf1\\ansi 中文}'))).toEqual({ code: 'unsupportedType', extension: 'rtf' });
	});

	it('recognises an EPUB by its first entry, leaving it to the EPUB reader', () => {
		const epub = zipSync(
			{ mimetype: [strToU8('application/epub+zip'), { level: 0 }], 'META-INF/container.xml': strToU8('<container/>') },
			{ level: 6 }
		);
		expect(sniff(epub)).toBe('epub');
		expect(decodeFile('book.epub', epub)).toEqual({ code: 'binary' });
	});
});
