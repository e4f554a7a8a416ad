/**
 * The reviewed corrections the ruby applies after the dictionary and pinyin-pro. pinyin-pro reads a character
 * it finds in no word of its own by that character's most frequent reading (得 dé, 地 dì, 只 zhī, 为 wèi), which
 * is wrong for the particles and adverbs that make up most of running text; these rules read them from their
 * neighbours, as a reader does. Each rule names the pattern it reads, so a reviewer can check it against a
 * grammar; keep the list short and general, and prove every change on the article's gold list.
 */

/**
 * CC-CEDICT entries whose only reading is a lexicalised sense, while the same characters in running text are
 * nearly always two words: 都会 "metropolis" (dū huì) against 我们都会 "we will all" (dōu huì); 到了 "in the end"
 * (dào liǎo) against 到了明年 (dào le); 在那儿 the progressive marker, read with a neutral 那 (zài na r), against
 * 在那儿 "over there" (zài nà r). For these the dictionary's reading is not taken; context decides.
 */
export const WORDS_READ_IN_CONTEXT: ReadonlySet<string> = new Set(['都会', '到了', '在那儿']);

/** What a rule sees of one character whose reading did not come from a dictionary word. */
export interface CharacterContext {
	/** The Chinese token the character belongs to. */
	token: string;
	/** The character's index (code points) in its token. */
	index: number;
	/** The paragraph's text before the character, a clause or so of it. */
	before: string;
	/** The paragraph's text after the character, a clause or so of it. */
	after: string;
	/** The preceding token's text, '' at the paragraph's start; may be punctuation or Latin. */
	previousToken: string;
	/** The reading chosen so far. */
	reading: string;
}

export type CharacterRule = (context: CharacterContext) => string | undefined;

const HAN_AT_END = /\p{Script=Han}$/u;
const isAlone = (context: CharacterContext) => Array.from(context.token).length === 1;

// Subjects and adverbs after which 得 is the modal "must" (děi): 你们得飞快补上, 就得把, 大家都得.
const BEFORE_MODAL_DEI = /(?:[我你他她它咱您]们?|大家|就|还|也|都|总|才|可|却|又|必须|恐怕|肯定|一定|非)$/u;
// 得 before these is the verb "to get" or starts a word (得到, 得以, 得出, 得奖), not a particle.
const AFTER_VERB_DE = /^(?:到|以|出|知|益|失|分|奖|逞|意|罪|胜|手|力|当|体|宜|天独厚)/u;
// 只 is the measure word (zhī) after a numeral or demonstrative and before its noun (一只猫, 这只手), otherwise
// "only" (zhǐ): 这只是… is "this is only".
const BEFORE_MEASURE_ZHI = /[一二两三四五六七八九十百千几这那哪每半]$/u;
const AFTER_ONLY_ZHI = /^(?:是|有|能|要|会|不|在|想|用|需|做|剩|好|得)/u;
// 为 is "to be, as" (wéi) in 以 X 为 Y (but not after 可以, 所以, 难以…), after verbs of naming and becoming
// (称呼他为, 视之为, 转型为) and where it means "is" (以下为, 分别为, 大多为); otherwise, alone, "for" (wèi).
const BEFORE_BE_WEI = new RegExp(
	String.raw`(?:(?<![可所难得足加予用借赖])以(?![及后来便免前上下外内致至往])[^，。；！？,;!?为]{1,16}` +
		String.raw`|称呼?[他她它我你们之]*|视[他她它之]?|列|选|评|译|改|奉|变|转型|转变|转化|演变|发展|定义|定位|命名|更名|简称|统称` +
		String.raw`|分别|依次|具体|以下|如下|大多)$`,
	'u'
);

const RULES: Readonly<Record<string, CharacterRule>> = {
	得: (context) => {
		// Alone or inside a phrase the dictionary lacks (the deck's 做得很棒), never at a word's start.
		if ((!isAlone(context) && context.index === 0) || AFTER_VERB_DE.test(context.after)) return undefined;
		if (BEFORE_MODAL_DEI.test(context.before)) return 'děi';
		// After a verb or an adjective it links the complement: 大得多, 看得更清楚, 做得太棒, 跑得更快.
		return HAN_AT_END.test(context.before) ? 'de' : undefined;
	},
	// After an adverbial of two characters or more (亲切地, 敏锐地, 慢慢地), 地 is the particle; the noun
	// 地 "ground, place" stands after a measure word or inside a word (这块地, 土地, 各地).
	地: (context) =>
		isAlone(context) && Array.from(context.previousToken).length >= 2 && HAN_AT_END.test(context.previousToken)
			? 'de'
			: undefined,
	只: (context) => {
		if (!isAlone(context)) return undefined;
		const isMeasure = BEFORE_MEASURE_ZHI.test(context.before) && !AFTER_ONLY_ZHI.test(context.after);
		return isMeasure ? 'zhī' : 'zhǐ';
	},
	// The general, jiàng, lives in words (将军, 大将); alone 将 is "will, shall" or the object marker.
	将: (context) => (isAlone(context) ? 'jiāng' : undefined),
	// 供 alone is "to provide for" (供人使用); gòng, "to offer up", lives in words (供奉, 口供).
	供: (context) => (isAlone(context) ? 'gōng' : undefined),
	// 倒 alone before 是, 也, 觉得… is the adverb "on the contrary, actually" (dào), not "to fall" (dǎo).
	倒: (context) => (isAlone(context) && /^(?:是|也|不|没|挺|很|还|真|觉得)/u.test(context.after) ? 'dào' : undefined),
	// Alone, never a part of 以为 or 认为 that pinyin-pro matches across a word boundary (可以|为 is not 以为).
	为: (context) => (isAlone(context) ? (BEFORE_BE_WEI.test(context.before) ? 'wéi' : 'wèi') : undefined),
	// A noun ending in 量 is an amount (处理量, 装机量, 出货量): liàng; liáng "to measure" is a verb, first or
	// before what is measured (量一下, 量体温).
	量: (context) =>
		(context.index > 0 || HAN_AT_END.test(context.previousToken)) && !/^(?:一|了|过|体|尺)/u.test(context.after)
			? 'liàng'
			: undefined,
	// Er-hua: 儿 joined to the syllable before it (那儿, 门儿清) is that syllable's r; 儿子, 女儿 are dictionary words.
	儿: (context) =>
		(context.index > 0 && context.reading === 'ér') || (isAlone(context) && /[这那哪]$/u.test(context.before))
			? 'r'
			: undefined
};

/** The rule for a character, if the list has one. */
export function characterRule(character: string): CharacterRule | undefined {
	return RULES[character];
}
