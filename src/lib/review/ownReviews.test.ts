import { describe, expect, it } from 'vitest';
import { OWN_REVIEWS_KEPT, OwnReviews, type OwnReviewStorage } from './ownReviews.ts';

function memoryStore(): OwnReviewStorage & { data: Map<string, string> } {
	const data = new Map<string, string>();
	return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('OwnReviews', () => {
	it("remembers this tab's reviews across a reload of the page", () => {
		const store = memoryStore();
		const first = new OwnReviews(store);
		first.add(3);
		first.add(7);
		const reloaded = new OwnReviews(store);
		expect(reloaded.last).toBe(7);
		expect(reloaded.has(3)).toBe(true);
		reloaded.remove(7);
		expect(new OwnReviews(store).last).toBe(3);
	});

	it('keeps a bounded list and ignores damaged storage', () => {
		const store = memoryStore();
		const own = new OwnReviews(store);
		for (let id = 1; id <= OWN_REVIEWS_KEPT + 5; id++) own.add(id);
		expect(own.has(5)).toBe(false);
		expect(own.has(6)).toBe(true);
		store.data.set('duka:own-reviews', '{broken');
		expect(new OwnReviews(store).last).toBeUndefined();
	});

	it('works without storage', () => {
		const own = new OwnReviews(undefined);
		own.add(1);
		expect(own.last).toBe(1);
	});
});
