/**
 * For tests only: Chinese text in GBK/GB18030 or Big5 bytes. Node's TextEncoder writes UTF-8 alone, so the
 * table is built the other way round, by decoding every two-byte sequence with the platform's decoder.
 */
const tables = new Map<string, Map<string, number[]>>();

function tableFor(encoding: 'gb18030' | 'big5'): Map<string, number[]> {
	const known = tables.get(encoding);
	if (known) return known;
	const decoder = new TextDecoder(encoding);
	const table = new Map<string, number[]>();
	for (let lead = 0x81; lead <= 0xfe; lead++)
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail === 0x7f) continue;
			const character = decoder.decode(new Uint8Array([lead, trail]));
			if (Array.from(character).length === 1 && character !== '\ufffd' && !table.has(character))
				table.set(character, [lead, trail]);
		}
	tables.set(encoding, table);
	return table;
}

/** The bytes of `text` in a double-byte Chinese encoding; throws on a character it cannot hold. */
export function encodeLegacy(text: string, encoding: 'gb18030' | 'big5'): Uint8Array {
	const table = tableFor(encoding);
	const bytes: number[] = [];
	for (const character of text) {
		const code = character.codePointAt(0) ?? 0;
		if (code < 0x80) bytes.push(code);
		else {
			const pair = table.get(character);
			if (!pair) throw new Error(`${encoding} has no two-byte code for ${character}`);
			bytes.push(...pair);
		}
	}
	return new Uint8Array(bytes);
}
