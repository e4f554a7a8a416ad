import type { ContentBundle, ContentTools } from './plugin.ts';

/**
 * Build-time helpers for the content plugin: dictionary segmentation, pinyin, the dictionary subset and the
 * pinyin ruby. Imported lazily because CC-CEDICT takes a moment to load.
 */
export async function contentTools(): Promise<
	ContentTools & { extraModules: (bundle: ContentBundle) => Record<string, unknown> }
> {
	const [
		{ pinyin },
		{ loadCedict },
		{ createWordMatcher, buildSubset, segmentWith },
		{ readJiebaCounts, zipf },
		{ rubyFor, readingsFromSubset }
	] = await Promise.all([
		import('pinyin-pro'),
		import('../dictionary/cedict.ts'),
		import('../dictionary/subset.ts'),
		import('../dictionary/fullBuild.ts'),
		import('../dictionary/ruby.ts')
	]);
	const [plainCedict, counts] = [await loadCedict(), readJiebaCounts()];
	const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
	// jieba's word frequencies as the full dictionary gives them to imports, so both segment alike.
	const cedict = {
		has: (word: string) => plainCedict.has(word),
		get: (word: string) => plainCedict.get(word),
		maxWordLength: plainCedict.maxWordLength,
		wordCount: plainCedict.wordCount,
		commonness: (word: string) => {
			const count = plainCedict.has(word) ? counts.get(word) : undefined;
			return count ? zipf(count, total) : undefined;
		}
	};
	return {
		segmenterFor: (deckTerms) => {
			const matcher = createWordMatcher(
				cedict,
				deckTerms.map((zh) => ({ zh }))
			);
			return (text) => segmentWith(text, matcher);
		},
		// Latin letters stay as written: "IT 产业" is "IT chǎn yè", not "I T chǎn yè".
		// Citation tones (no 一/不 sandhi), as the dictionary popup shows them.
		pinyinOf: (zh) =>
			pinyin(zh, { toneType: 'symbol', nonZh: 'consecutive', toneSandhi: false }).replace(/\s+/g, ' ').trim(),
		extraModules: (bundle) => {
			const paragraphs = bundle.articles.flatMap((article) => article.cards.flatMap((card) => card.paragraphs));
			const dictionary = buildSubset(
				paragraphs.map((paragraph) => paragraph.text),
				bundle.vocab,
				cedict,
				{ nestedWords: true }
			);
			const modules: Record<string, unknown> = { dictionary };
			// Where the dictionary knows a word's only reading, trust it over pinyin-pro's guess in context.
			const dictionaryReadings = readingsFromSubset(dictionary);
			for (const article of bundle.articles) {
				const ruby: Record<string, (string[] | null)[]> = {};
				for (const card of article.cards)
					for (const paragraph of card.paragraphs)
						ruby[paragraph.id] = rubyFor(paragraph.tokens, { dictionaryReadings });
				modules[`ruby/${article.meta.id}`] = ruby;
			}
			return modules;
		}
	};
}
