import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import type { StudyCardRow } from '../model/cards.ts';
import { DEFAULT_SCHEDULER_SETTINGS, gradeCard, newCardState } from '../scheduling/scheduler.ts';
import { wordRecallView } from './wordRecall.ts';

const T0 = new Date(2026, 10, 29, 9).getTime();
const DAY = 24 * 60 * 60_000;
const settings = { desiredRetention: 0.9, weights: null };

function row(id: string, graded: boolean, extra: Partial<StudyCardRow> = {}): StudyCardRow {
	const state = graded
		? gradeCard(newCardState(T0), Rating.Good, T0, DEFAULT_SCHEDULER_SETTINGS).after
		: newCardState(T0);
	return {
		...state,
		id,
		entryId: 'e',
		direction: 'en2zh',
		suspended: 0,
		buriedUntil: 0,
		leech: 0,
		createdAt: T0,
		...extra
	};
}

describe('wordRecallView', () => {
	it('counts only the reviews of the cards still studied', () => {
		const cards = [row('e|en2zh', true), row('e|zh2en', true, { suspended: 1, lapses: 2 })];
		const reviews = [
			{ cardId: 'e|en2zh', rating: Rating.Good as const, reviewedAt: T0 },
			{ cardId: 'e|zh2en', rating: Rating.Again as const, reviewedAt: T0 + 1000 }
		];
		const view = wordRecallView({ cards, reviews, settings }, T0 + DAY)!;
		expect(view.memory.cardIds).toEqual(['e|en2zh']);
		expect(view.history).toEqual({
			reviews: 1,
			lapses: 0,
			last: { rating: Rating.Good, ago: { unit: 'days', amount: '1' } }
		});
		expect(view.line.percent).toBe(Math.round(view.memory.retrievability! * 100));
	});

	it('is null for a word with no card to study', () => {
		expect(wordRecallView({ cards: [row('e|en2zh', true, { suspended: 1 })], reviews: [], settings }, T0)).toBeNull();
		expect(wordRecallView({ cards: [], reviews: [], settings }, T0)).toBeNull();
	});
});

describe('the recall and history lines in both languages', () => {
	it('read as the sheet shows them', async () => {
		const { enScreens } = await import('../i18n/enScreens.ts');
		const { zhScreens } = await import('../i18n/zhScreens.ts');
		for (const [tr, recall, history] of [
			[enScreens.memory, '92 % — next review in 6 days', '8 reviews · 1 lapse · last Again 21 days ago'],
			[zhScreens.memory, '记得的概率 92%，6 天后复习', '复习 8 次 · 遗忘 1 次 · 最近一次“重来”，21 天前']
		] as const) {
			expect(tr.recallLine(92, tr.nextIn(tr.spans.days('6')))).toBe(recall);
			const grade = tr === enScreens.memory ? 'Again' : '重来';
			expect([tr.reviews(8), tr.lapses(1), tr.last(grade, tr.spans.days('21'))].join(' · ')).toBe(history);
		}
		expect(enScreens.memory.spans.minutes('<1')).toBe('under a minute');
		expect(enScreens.memory.lapses(0)).toBe('no lapses');
	});
});
