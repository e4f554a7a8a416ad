/**
 * A number set off from the Chinese around it by a space ("6 天后"), as every other count in the Chinese interface
 * is written ("20 张卡片"); Intl writes "6天后".
 */
const spacedNumbers = (text: string) =>
	text.replace(/(\p{Script=Han})(\d)/gu, '$1 $2').replace(/(\d)(\p{Script=Han})/gu, '$1 $2');

/** "in 10 minutes", "tomorrow", "on 3 Dec": when a card is due, in the interface language. */
export function formatWhen(time: number, now: number, lang: 'en' | 'zh'): string {
	const locale = lang === 'zh' ? 'zh-CN' : 'en';
	const minutes = Math.round((time - now) / 60_000);
	const intl = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	const relative = (amount: number, unit: Intl.RelativeTimeFormatUnit) => {
		const text = intl.format(amount, unit);
		return lang === 'zh' ? spacedNumbers(text) : text;
	};
	if (minutes <= 0) return relative(0, 'minute');
	if (minutes < 60) return relative(minutes, 'minute');
	const hours = Math.round(minutes / 60);
	if (hours < 24) return relative(hours, 'hour');
	const days = Math.round(hours / 24);
	if (days < 7) return relative(days, 'day');
	return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(new Date(time));
}
