import type { ContentTools } from './plugin.ts';
import type { Token } from './types.ts';

/** Build-time helpers for the content plugin; imported lazily because the dictionary takes a moment to load. */
export async function contentTools(): Promise<ContentTools> {
	const { pinyin } = await import('pinyin-pro');
	return {
		segmenterFor: () => (text: string): Token[] => [{ s: text, k: 'zh' }],
		pinyinOf: (zh) => pinyin(zh, { toneType: 'symbol' })
	};
}
