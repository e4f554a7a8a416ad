/**
 * From a file's bytes to its text: refuses what is not text (by magic number and NUL bytes), then reads
 * UTF-8, UTF-16 with a BOM, GB18030 (which covers GBK and GB2312) or Big5, in that order of trust.
 */
import type { ImportProblem } from './types.ts';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

export interface DecodedText {
	text: string;
	encoding: Encoding;
}

/** What the first bytes of a file say it is, when they say anything. */
export type Sniffed = 'epub' | 'zip' | 'image' | 'pdf' | 'binary' | 'rtf' | undefined;

const EPUB_MIMETYPE = 'application/epub+zip';
// How far to look for NUL and control bytes: enough to tell, without reading a whole big file twice.
const SNIFF_BYTES = 64 * 1024;

/** File types people may try that Duka does not read, for a message naming the ones it does. */
const UNSUPPORTED_EXTENSIONS = new Set([
	'doc',
	'docx',
	'odt',
	'rtf',
	'pages',
	'xls',
	'xlsx',
	'ods',
	'csv',
	'ppt',
	'pptx',
	'key',
	'mobi',
	'azw',
	'azw3',
	'kfx',
	'fb2',
	'djvu',
	'chm'
]);

export function extensionOf(name: string): string {
	const dot = name.lastIndexOf('.');
	return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : '';
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + signature.length) return false;
	return signature.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(text: string): number[] {
	return Array.from(text, (character) => character.charCodeAt(0));
}

const IMAGE_SIGNATURES: readonly (readonly number[])[] = [
	[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
	[0xff, 0xd8, 0xff], // JPEG
	ascii('GIF87a'),
	ascii('GIF89a'),
	[0x49, 0x49, 0x2a, 0x00], // TIFF, little-endian
	[0x4d, 0x4d, 0x00, 0x2a], // TIFF, big-endian
	[0x00, 0x00, 0x01, 0x00], // ICO
	[0xff, 0x0a], // JPEG XL codestream
	[0x00, 0x00, 0x00, 0x0c, 0x4a, 0x58, 0x4c, 0x20] // JPEG XL container
];

const BINARY_SIGNATURES: readonly (readonly number[])[] = [
	[0x1f, 0x8b], // gzip
	[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
	ascii('Rar!\x1a\x07'),
	[0x7f, 0x45, 0x4c, 0x46], // ELF
	[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // OLE2: .doc, .xls, .ppt
	ascii('SQLite format 3\0'),
	[0x00, 0x61, 0x73, 0x6d], // WebAssembly
	ascii('OggS'),
	ascii('fLaC'),
	ascii('ID3'),
	[0x1a, 0x45, 0xdf, 0xa3], // Matroska, WebM
	[0xca, 0xfe, 0xba, 0xbe], // Java class, Mach-O fat binary
	[0xcf, 0xfa, 0xed, 0xfe], // Mach-O
	ascii('BZh'),
	[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] // xz
];

const IMAGE_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'mif1', 'msf1', 'avif', 'avis']);

/** Reads the magic number; a ZIP is looked into only as far as its first entry's name. */
export function sniff(bytes: Uint8Array): Sniffed {
	if (IMAGE_SIGNATURES.some((signature) => startsWith(bytes, signature))) return 'image';
	// WebP and BMP have short or common first bytes, so more of their header must agree.
	if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image';
	if (startsWith(bytes, ascii('BM')) && bytes.length > 14 && bytes[6] === 0 && bytes[7] === 0 && bytes[8] === 0)
		return 'image';
	if (startsWith(bytes, ascii('ftyp'), 4)) {
		const brand = String.fromCharCode(...bytes.subarray(8, 12));
		return IMAGE_BRANDS.has(brand) ? 'image' : 'binary';
	}
	if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
	if (startsWith(bytes, ascii('{\\rtf'))) return 'rtf';
	if (startsWith(bytes, ascii('PK\x03\x04')) || startsWith(bytes, ascii('PK\x05\x06'))) {
		// The EPUB container puts an uncompressed `mimetype` entry first, so its text sits at a fixed place.
		const isEpub = startsWith(bytes, ascii('mimetype'), 30) && startsWith(bytes, ascii(EPUB_MIMETYPE), 38);
		return isEpub ? 'epub' : 'zip';
	}
	if (BINARY_SIGNATURES.some((signature) => startsWith(bytes, signature))) return 'binary';
	return undefined;
}

/** Problems that the name alone or the first bytes settle, before any decoding. */
export function refuseByType(name: string, sniffed: Sniffed): ImportProblem | undefined {
	if (sniffed === 'image') return { code: 'image' };
	if (sniffed === 'pdf') return { code: 'pdf' };
	const extension = extensionOf(name);
	if (UNSUPPORTED_EXTENSIONS.has(extension) || sniffed === 'rtf')
		return { code: 'unsupportedType', extension: extension || 'rtf' };
	if (sniffed === 'binary' || (sniffed === 'zip' && extension !== 'epub')) return { code: 'binary' };
	return undefined;
}

/**
 * The text of a text file, or why there is none. An EPUB is not text: give it to the EPUB reader
 * (`sniff` says 'epub'); here it is refused as binary.
 */
export function decodeFile(name: string, bytes: Uint8Array): string | ImportProblem {
	const decoded = decodeText(name, bytes);
	return 'code' in decoded ? decoded : decoded.text;
}

/** As decodeFile, also saying which encoding was read. */
export function decodeText(name: string, bytes: Uint8Array): DecodedText | ImportProblem {
	const sniffed = sniff(bytes);
	const refused = refuseByType(name, sniffed);
	if (refused) return refused;
	if (sniffed === 'epub' || sniffed === 'zip') return { code: 'binary' };
	return decodeBytes(bytes);
}

/** Decodes bytes already known not to be a binary format by their magic number. */
export function decodeBytes(bytes: Uint8Array): DecodedText | ImportProblem {
	// UTF-32 has a BOM that looks like UTF-16's; no browser decodes it.
	if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]))
		return { code: 'encoding' };
	if (startsWith(bytes, [0xff, 0xfe])) return decodeStrictly(bytes, 'utf-16le') ?? { code: 'encoding' };
	if (startsWith(bytes, [0xfe, 0xff])) return decodeStrictly(bytes, 'utf-16be') ?? { code: 'encoding' };

	const head = bytes.subarray(0, SNIFF_BYTES);
	if (head.includes(0)) {
		const utf16 = guessUtf16(head);
		const decoded = utf16 ? decodeStrictly(bytes, utf16) : undefined;
		return decoded && !hasControlCharacters(decoded.text) ? decoded : { code: 'binary' };
	}
	if (controlByteShare(head) > 0.01) return { code: 'binary' };

	const utf8 = decodeStrictly(bytes, 'utf-8');
	if (utf8) return utf8;
	return decodeChinese(bytes) ?? { code: 'encoding' };
}

function decodeStrictly(bytes: Uint8Array, encoding: Encoding): DecodedText | undefined {
	try {
		// The BOM, if any, is the decoder's to drop; a fatal decoder throws on any malformed sequence.
		const text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
		return { text, encoding };
	} catch {
		return undefined;
	}
}

/**
 * GB18030 or Big5. Either decodes most Chinese bytes without error (Big5's byte ranges lie inside GBK's),
 * so the bytes are also scored: simplified text in GB2312/GBK falls mostly in GB2312's common-character
 * block (B0A1–D7FE, the 3,755 most used characters), traditional text in Big5 in Big5's (A440–C67E).
 */
function decodeChinese(bytes: Uint8Array): DecodedText | undefined {
	const { gbCommon, big5Common, pairs } = scoreDoubleBytes(bytes.subarray(0, SNIFF_BYTES));
	if (pairs === 0) return decodeStrictly(bytes, 'gb18030');
	const gbShare = gbCommon / pairs;
	const big5Share = big5Common / pairs;
	// Below half, the bytes are neither: Japanese, Korean, Latin-1 or damage read as Chinese would be noise.
	const order: Encoding[] = big5Share > gbShare ? ['big5', 'gb18030'] : ['gb18030', 'big5'];
	const shares = { gb18030: gbShare, big5: big5Share } as Record<Encoding, number>;
	for (const encoding of order) {
		if ((shares[encoding] ?? 0) < 0.5) continue;
		const decoded = decodeStrictly(bytes, encoding);
		if (decoded) return decoded;
	}
	return undefined;
}

function scoreDoubleBytes(bytes: Uint8Array): { gbCommon: number; big5Common: number; pairs: number } {
	let gbCommon = 0;
	let big5Common = 0;
	let pairs = 0;
	for (let index = 0; index < bytes.length - 1; index++) {
		const lead = bytes[index] ?? 0;
		if (lead < 0x81) continue;
		const trail = bytes[index + 1] ?? 0;
		// Full-width punctuation and symbols (GB A1–A9, Big5 A1–A3) say nothing about which encoding it is.
		if (lead >= 0xa1 && lead <= 0xa3) {
			index++;
			continue;
		}
		pairs++;
		if (lead >= 0xb0 && lead <= 0xd7 && trail >= 0xa1 && trail <= 0xfe) gbCommon++;
		if (lead >= 0xa4 && lead <= 0xc6 && ((trail >= 0x40 && trail <= 0x7e) || (trail >= 0xa1 && trail <= 0xfe)))
			big5Common++;
		index++;
	}
	return { gbCommon, big5Common, pairs };
}

/** UTF-16 without a BOM: NUL bytes at every other place (the high byte of ASCII characters). */
function guessUtf16(head: Uint8Array): Encoding | undefined {
	let evenNuls = 0;
	let oddNuls = 0;
	for (let index = 0; index < head.length; index++) {
		if (head[index] !== 0) continue;
		if (index % 2 === 0) evenNuls++;
		else oddNuls++;
	}
	const half = head.length / 2;
	if (oddNuls > half * 0.2 && evenNuls < oddNuls * 0.05) return 'utf-16le';
	if (evenNuls > half * 0.2 && oddNuls < evenNuls * 0.05) return 'utf-16be';
	return undefined;
}

/** Share of bytes that are control characters no text file holds (tab, line breaks and ESC excepted). */
function controlByteShare(head: Uint8Array): number {
	if (head.length === 0) return 0;
	let control = 0;
	for (const byte of head) if ((byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) && byte !== 0) control++;
	return control / head.length;
}

function hasControlCharacters(text: string): boolean {
	// eslint-disable-next-line no-control-regex -- looking for exactly those characters
	return /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/.test(text.slice(0, SNIFF_BYTES));
}
