/** "in 10 minutes", "tomorrow", "on 3 Dec": when a card is due, in the interface language. */
export function formatWhen(time: number, now: number, lang: 'en' | 'zh'): string {
	const locale = lang === 'zh' ? 'zh-CN' : 'en';
	const minutes = Math.round((time - now) / 60_000);
	const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
	if (minutes <= 0) return relative.format(0, 'minute');
	if (minutes < 60) return relative.format(minutes, 'minute');
	const hours = Math.round(minutes / 60);
	if (hours < 24) return relative.format(hours, 'hour');
	const days = Math.round(hours / 24);
	if (days < 7) return relative.format(days, 'day');
	return new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }).format(new Date(time));
}
