import { it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { loadCedict } from './cedict.ts';
import { segment } from './segment.ts';
it('explore', async () => {
	const cedict = await loadCedict();
	const text = readFileSync('/work/shared/seed/000_3128ee1774a75189.txt', 'utf8').replace(/台 湾/g, '台湾').replace(/华 为/g, '华为').replace(/台 北/g, '台北');
	const isWord = (w: string) => cedict.has(w);
	const fmm = (t: string) => { const out: string[] = []; const cs = Array.from(t); for (let i = 0; i < cs.length;) { let l = Math.min(cedict.maxWordLength, cs.length - i); while (l > 1 && !isWord(cs.slice(i, i + l).join(''))) l--; out.push(cs.slice(i, i + l).join('')); i += l; } return out; };
	const a: string[] = [], b: string[] = [];
	for (const line of text.split('\n')) {
		if (!line.trim()) continue;
		const toks = segment(line, isWord, cedict.maxWordLength);
		a.push(toks.map((t) => t.k === 'zh' ? t.s : `[${t.k}:${t.s}]`).join('|'));
		b.push(toks.map((t) => t.k === 'zh' ? t.s : `[${t.k}:${t.s}]`).join('|'));
		const run = line.match(/\p{Script=Han}+/gu) ?? [];
		b[b.length - 1] = run.map(fmm).map((x) => x.join('|')).join('|');
		a[a.length - 1] = toks.filter((t) => t.k === 'zh').map((t) => t.s).join('|');
	}
	writeFileSync('/tmp/scratch/dp.txt', a.join('\n'));
	writeFileSync('/tmp/scratch/fmm.txt', b.join('\n'));
}, 30000);
