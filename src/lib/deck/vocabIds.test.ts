import { describe, expect, it } from 'vitest';
import ids from 'virtual:duka/vocab-ids';
import vocab from 'virtual:duka/vocab';

describe('the built-in deck’s ids module', () => {
	it('holds exactly the deck’s entry ids, in deck order', () => {
		expect(ids).toEqual(vocab.map((entry) => entry.id));
		expect(ids.length).toBeGreaterThan(200);
	});
});
