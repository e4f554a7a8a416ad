import type { Messages } from '../i18n/en.ts';
import type { BackupRefusal } from './schema.ts';

/** Why a file cannot be restored, in the interface language. */
export function describeRefusal(reason: BackupRefusal, tr: Messages['data']): string {
	switch (reason.kind) {
		case 'not-json':
			return tr.notJson;
		case 'truncated':
			return tr.truncated;
		case 'corrupt':
			return tr.corrupt;
		case 'foreign':
			return tr.foreign;
		case 'future':
			return tr.future;
		case 'invalid': {
			const where = [
				reason.line && tr.atLine(reason.line),
				reason.table && tr.inTable(tr.tables[reason.table]),
				reason.row && tr.atRow(reason.row),
				reason.field && tr.atField(reason.field)
			]
				.filter(Boolean)
				.join(tr.whereSeparator);
			return tr.damaged(where || tr.theFile, tr.problems[reason.problem]);
		}
	}
}
