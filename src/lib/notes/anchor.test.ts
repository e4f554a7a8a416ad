import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ANCHOR_CONTEXT_LENGTH, makeAnchor, resolveAnchor, type TextAnchor } from './anchor.ts';

const PARAGRAPH =
	'老黄,欢迎再次做客 Stratechery。我们上次聊的是 GTC 大会上的 Blackwell 芯片,今天想聊聊数据中心的未来。';

function anchorOn(text: string, quote: string, occurrence = 0): TextAnchor {
	let start = -1;
	for (let seen = 0; seen <= occurrence; seen++) start = text.indexOf(quote, start + 1);
	if (start < 0) throw new Error(`"${quote}" not in text`);
	return makeAnchor(text, start, start + quote.length);
}

function resolvedText(text: string, anchor: TextAnchor): string {
	const resolved = resolveAnchor(anchor, text);
	return text.slice(resolved.start, resolved.end);
}

describe('makeAnchor', () => {
	it('stores the quote with up to 32 code units of context either side', () => {
		const anchor = anchorOn(PARAGRAPH, 'Blackwell 芯片');
		expect(anchor.quote).toBe('Blackwell 芯片');
		expect(PARAGRAPH.slice(anchor.start, anchor.end)).toBe(anchor.quote);
		expect(anchor.prefix).toBe(PARAGRAPH.slice(anchor.start - ANCHOR_CONTEXT_LENGTH, anchor.start));
		expect(anchor.suffix).toBe(PARAGRAPH.slice(anchor.end, anchor.end + ANCHOR_CONTEXT_LENGTH));
	});

	it('keeps shorter context at the edges of the paragraph', () => {
		const anchor = makeAnchor('你好世界', 0, 2);
		expect(anchor).toEqual({ start: 0, end: 2, quote: '你好', prefix: '', suffix: '世界' });
	});

	it('trims whitespace, including the ideographic space, at the ends of the selection', () => {
		const text = '前面 \u3000 Nvidia 的芯片\u3000\n后面';
		const anchor = makeAnchor(text, 2, text.indexOf('后'));
		expect(anchor.quote).toBe('Nvidia 的芯片');
		expect(text.slice(anchor.start, anchor.end)).toBe('Nvidia 的芯片');
	});

	it('rejects ranges outside the text, reversed, empty or whitespace-only', () => {
		expect(() => makeAnchor('abc', -1, 2)).toThrow(RangeError);
		expect(() => makeAnchor('abc', 1, 4)).toThrow(RangeError);
		expect(() => makeAnchor('abc', 2, 1)).toThrow(RangeError);
		expect(() => makeAnchor('abc', 1, 1)).toThrow(RangeError);
		expect(() => makeAnchor('abc', 0.5, 2)).toThrow(RangeError);
		expect(() => makeAnchor('a \u3000 b', 1, 4)).toThrow(/whitespace/);
	});

	it('never splits a surrogate pair or a ZWJ sequence, in the quote or in its context', () => {
		const text = '程序员👩‍💻写代码🚀';
		const womanStart = text.indexOf('👩');
		// Ending inside 👩 (between its two code units) widens to the whole 👩‍💻 cluster.
		const anchor = makeAnchor(text, 0, womanStart + 1);
		expect(anchor.quote).toBe('程序员👩‍💻');
		const rocket = text.indexOf('🚀');
		const fromLowHalf = makeAnchor(text, rocket + 1, text.length);
		expect(fromLowHalf.quote).toBe('🚀');

		const longEmojiRun = '😀'.repeat(40) + '关键' + '😀'.repeat(40);
		const middle = makeAnchor(longEmojiRun, 80, 82);
		expect(middle.quote).toBe('关键');
		expect(middle.prefix.length).toBe(ANCHOR_CONTEXT_LENGTH);
		expect(middle.suffix.length).toBe(ANCHOR_CONTEXT_LENGTH);
		const shifted = '😀'.repeat(40) + '关键词' + '😀'.repeat(40);
		const odd = makeAnchor(shifted, 80, 83);
		// 32 code units would start/end in the middle of an emoji; the context stops short instead.
		expect(odd.prefix.length % 2).toBe(0);
		expect(odd.suffix.length % 2).toBe(0);
		expect(odd.prefix.isWellFormed()).toBe(true);
		expect(odd.suffix.isWellFormed()).toBe(true);
	});
});

describe('resolveAnchor', () => {
	it('is exact while the text at the offsets is still the quote', () => {
		const anchor = anchorOn(PARAGRAPH, '数据中心');
		expect(resolveAnchor(anchor, PARAGRAPH)).toEqual({ status: 'exact', start: anchor.start, end: anchor.end });
		const editedElsewhere = PARAGRAPH.replace('数据中心的未来', '数据中心的前景');
		expect(resolveAnchor(anchor, editedElsewhere).status).toBe('exact');
	});

	it('follows the quote when text is inserted before it', () => {
		const anchor = anchorOn(PARAGRAPH, 'Blackwell 芯片');
		const edited = '【译注】' + PARAGRAPH.replace('我们上次', '记得吗?我们上次');
		const resolved = resolveAnchor(anchor, edited);
		expect(resolved.status).toBe('moved');
		expect(edited.slice(resolved.start, resolved.end)).toBe('Blackwell 芯片');
	});

	it('re-anchors across a corrected character inside the quote', () => {
		const original = '黄仁勋说,加速计算已经到了临界点,所有的数据中心都会被重建。';
		const anchor = anchorOn(original, '加速计算已经到了临界点');
		const corrected = original.replace('已经到了', '已经达到');
		const resolved = resolveAnchor(anchor, corrected);
		expect(resolved.status).toBe('moved');
		expect(corrected.slice(resolved.start, resolved.end)).toBe('加速计算已经达到临界点');
	});

	it('re-anchors across changed punctuation and a fixed English typo', () => {
		const original = '他说:"We are the AI factory compnay, 不只是芯片公司"。';
		const anchor = anchorOn(original, 'We are the AI factory compnay, 不只是芯片公司');
		const corrected = '他说:“We are the AI factory company,不只是芯片公司”。';
		expect(resolvedText(corrected, anchor)).toBe('We are the AI factory company,不只是芯片公司');
		expect(resolveAnchor(anchor, corrected).status).toBe('moved');
	});

	it('detaches when the quote is deleted', () => {
		const anchor = anchorOn(PARAGRAPH, 'GTC 大会上的 Blackwell 芯片');
		const deleted = PARAGRAPH.replace('GTC 大会上的 Blackwell 芯片', '那件事');
		const resolved = resolveAnchor(anchor, deleted);
		expect(resolved.status).toBe('detached');
		expect(resolved.start).toBe(resolved.end);
		expect(resolved.start).toBeLessThanOrEqual(deleted.length);
	});

	it('detaches when too much of the quote changed to be the same passage', () => {
		const original = '推理的需求会远远超过训练的需求。';
		const anchor = anchorOn(original, '推理的需求会远远超过训练');
		expect(resolveAnchor(anchor, '训练的成本会逐渐低于推理的成本。').status).toBe('detached');
	});

	it('picks the repeated quote whose context matches, not merely the first', () => {
		const text = '第一,英伟达的护城河是软件。第二,英伟达的护城河是生态。第三,英伟达的护城河是速度。';
		const second = anchorOn(text, '英伟达的护城河', 1);
		// The first sentence is rewritten, shifting everything: offsets alone would land on the wrong sentence.
		const edited = text.replace('第一,英伟达的护城河是软件。', '首先要说的是,英伟达的护城河是 CUDA 软件栈。');
		const resolved = resolveAnchor(second, edited);
		expect(resolved.status).toBe('moved');
		expect(resolved.start).toBe(edited.indexOf('第二,英伟达的护城河') + 3);
		expect(edited.slice(resolved.start, resolved.end)).toBe('英伟达的护城河');
	});

	it('prefers, among equally good occurrences, the one nearest the old offset', () => {
		const text = 'AB AB AB AB';
		const anchor: TextAnchor = { start: 6, end: 8, quote: 'AB', prefix: '', suffix: '' };
		// Occurrences now start at 1, 4, 7 and 10; 7 is nearest the old 6.
		expect(resolveAnchor(anchor, 'x' + text)).toEqual({ status: 'moved', start: 7, end: 9 });
	});

	it('does not jump a short quote to an unrelated occurrence once its context is gone', () => {
		const anchor = anchorOn('这是我的书。', '的');
		expect(resolveAnchor(anchor, '全新的一段话,毫无关系。').status).toBe('detached');
		expect(resolvedText('他说这是我的书。', anchor)).toBe('的');
	});

	it('handles emoji: exact, moved, and corrected next to an emoji without splitting it', () => {
		const text = '今天🎉发布了新的 GPU 🚀,性能提升了 30 倍!';
		const anchor = anchorOn(text, '🎉发布了新的 GPU 🚀');
		expect(resolveAnchor(anchor, text).status).toBe('exact');

		const moved = '👍👍' + text;
		const resolvedMoved = resolveAnchor(anchor, moved);
		expect(resolvedMoved).toEqual({ status: 'moved', start: anchor.start + 4, end: anchor.end + 4 });

		const corrected = text.replace('新的', '全新');
		expect(resolvedText(corrected, anchor)).toBe('🎉发布了全新 GPU 🚀');

		const emojiSwapped = text.replace('🚀', '🔥');
		const resolved = resolveAnchor(anchor, emojiSwapped);
		expect(resolved.status).toBe('moved');
		expect(emojiSwapped.slice(resolved.start, resolved.end).isWellFormed()).toBe(true);
		expect(emojiSwapped.slice(resolved.start, resolved.end)).toBe('🎉发布了新的 GPU 🔥');
	});

	it('treats a malformed stored anchor as detached instead of throwing', () => {
		const broken: TextAnchor = { start: Number.NaN, end: 3, quote: '', prefix: '', suffix: '' };
		expect(resolveAnchor(broken, 'abc').status).toBe('detached');
		expect(resolveAnchor({ start: 0, end: 2, quote: 'ab', prefix: '', suffix: '' }, '').status).toBe('detached');
	});

	it('always returns an in-range, surrogate-safe range, and finds an unchanged quote (property)', () => {
		const alphabet = fc.constantFrom('中', '文', '的', 'a', 'B', ' ', ',', '😀', '👩‍💻', '🇨🇳', 'é');
		const textArbitrary = fc.array(alphabet, { minLength: 1, maxLength: 60 }).map((parts) => parts.join(''));
		fc.assert(
			fc.property(textArbitrary, textArbitrary, fc.nat(), fc.nat(), (original, edited, a, b) => {
				const from = a % original.length;
				const to = from + 1 + (b % (original.length - from));
				let anchor: TextAnchor;
				try {
					anchor = makeAnchor(original, from, to);
				} catch {
					return; // whitespace-only selection
				}
				expect(resolveAnchor(anchor, original).status).toBe('exact');
				expect(resolveAnchor(anchor, 'Ω' + original).status).not.toBe('detached');
				const resolved = resolveAnchor(anchor, edited);
				expect(resolved.start).toBeGreaterThanOrEqual(0);
				expect(resolved.end).toBeLessThanOrEqual(edited.length);
				expect(resolved.start).toBeLessThanOrEqual(resolved.end);
				expect(edited.slice(resolved.start, resolved.end).isWellFormed()).toBe(true);
			}),
			{ numRuns: 300 }
		);
	});
});
