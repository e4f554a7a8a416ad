import { describe, expect, it } from 'vitest';
import { formatWhen } from './when.ts';
import { zh } from '../i18n/zh.ts';

const now = Date.UTC(2026, 10, 29, 12);

describe('formatWhen', () => {
	it('speaks in minutes, hours and days, then dates', () => {
		expect(formatWhen(now + 10 * 60_000, now, 'en')).toBe('in 10 minutes');
		expect(formatWhen(now + 3 * 3_600_000, now, 'en')).toBe('in 3 hours');
		expect(formatWhen(now + 24 * 3_600_000, now, 'en')).toBe('tomorrow');
		expect(formatWhen(now + 20 * 24 * 3_600_000, now, 'en')).toMatch(/Dec/);
		expect(formatWhen(now - 5, now, 'en')).toBe('this minute');
		expect(formatWhen(now + 24 * 3_600_000, now, 'zh')).toBe('明天');
	});

	it('sets the numbers off with a space in Chinese, as the interface writes every count', () => {
		expect(formatWhen(now + 10 * 60_000, now, 'zh')).toBe('10 分钟后');
		expect(formatWhen(now + 3 * 3_600_000, now, 'zh')).toBe('3 小时后');
		expect(formatWhen(now + 6 * 24 * 3_600_000, now, 'zh')).toBe('6 天后');
		expect(formatWhen(now - 5, now, 'zh')).toBe('此刻');
		expect(zh.review.nextDue(formatWhen(now + 6 * 24 * 3_600_000, now, 'zh'))).toBe('下一张卡片 6 天后到期。');
		expect(zh.review.nextDue(formatWhen(now + 24 * 3_600_000, now, 'zh'))).toBe('下一张卡片明天到期。');
	});
});
