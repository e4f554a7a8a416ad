import type { NewUserEntry } from './userEntries.ts';

/** Words a user might add from the reader, for the tests of the stores and of the screens that show them. */
export const SUPPLY: NewUserEntry = {
	zh: '供应',
	pinyin: 'gōng yìng',
	en: 'to supply',
	defEn: 'to supply; to provide',
	defZh: '',
	example: '构建供应链。',
	articleId: 'test',
	paragraphId: 'p0001'
};

export const COMPUTING_POWER: NewUserEntry = {
	zh: '算力',
	pinyin: 'suàn lì',
	en: 'computing power',
	defEn: 'computing power',
	defZh: '',
	example: '算力很贵。',
	articleId: 'test',
	paragraphId: 'p0001'
};
