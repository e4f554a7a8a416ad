/**
 * The reviews this tab wrote, newest last, so that Undo takes back only this tab's own grades (another tab
 * may be reviewing too) and still can after a reload or a trip to the article and back. Kept in
 * sessionStorage: one list per tab, gone with the tab.
 */

const KEY = 'duka:own-reviews';
/** Undo goes back this many grades at most, as far as this tab remembers. */
export const OWN_REVIEWS_KEPT = 100;

export type OwnReviewStorage = Pick<Storage, 'getItem' | 'setItem'>;

function sessionStore(): OwnReviewStorage | undefined {
	try {
		return globalThis.sessionStorage;
	} catch {
		return undefined;
	}
}

export class OwnReviews {
	#ids: number[];
	readonly #store: OwnReviewStorage | undefined;

	constructor(store: OwnReviewStorage | undefined = sessionStore()) {
		this.#store = store;
		this.#ids = OwnReviews.#read(store);
	}

	static #read(store: OwnReviewStorage | undefined): number[] {
		try {
			const value: unknown = JSON.parse(store?.getItem(KEY) ?? '[]');
			return Array.isArray(value) ? value.filter((id): id is number => Number.isInteger(id)) : [];
		} catch {
			return [];
		}
	}

	has(id: number): boolean {
		return this.#ids.includes(id);
	}

	get last(): number | undefined {
		return this.#ids.at(-1);
	}

	add(id: number): void {
		this.#ids = [...this.#ids, id].slice(-OWN_REVIEWS_KEPT);
		this.#save();
	}

	/** Forgets a review: taken back, or no longer this tab's to take back. */
	remove(id: number): void {
		this.#ids = this.#ids.filter((known) => known !== id);
		this.#save();
	}

	#save(): void {
		try {
			this.#store?.setItem(KEY, JSON.stringify(this.#ids));
		} catch {
			// Storage full or off: undo still works for this page's own grades.
		}
	}
}
