import type { DBCore, Middleware } from 'dexie';
import { isUserEntryId } from '../model/ids.ts';
import type { StudyCardRow } from '../model/cards.ts';

type CardWrite = Partial<StudyCardRow> & { entryId?: unknown };

/** A card row as stored: `userMade: 1` exactly when it belongs to a word the user added. */
export function withUserMade<T extends CardWrite>(row: T): T {
	if (typeof row.entryId === 'string' && isUserEntryId(row.entryId))
		return row.userMade === 1 ? row : { ...row, userMade: 1 };
	if (!('userMade' in row)) return row;
	const { userMade: _userMade, ...rest } = row;
	return rest as T;
}

/**
 * Keeps `userMade` on every card write (add and put, from any store function, a restore or an upgrade):
 * the [state+userMade+due] index then holds only the user's cards, so the queue finds their new cards
 * in creation order without reading the built-in deck's. Derived from the entry id, so it never disagrees.
 */
export const userMadeMiddleware: Middleware<DBCore> = {
	stack: 'dbcore',
	name: 'userMade',
	create(down) {
		return {
			...down,
			table(name) {
				const table = down.table(name);
				if (name !== 'cards') return table;
				return {
					...table,
					mutate: (request) =>
						request.type === 'add' || request.type === 'put'
							? table.mutate({ ...request, values: request.values.map((row) => withUserMade(row as CardWrite)) })
							: table.mutate(request)
				};
			}
		};
	}
};
