import { describe, expect, it } from 'vitest';
import { enScreens as en } from '../i18n/enScreens.ts';
import { zhScreens as zh } from '../i18n/zhScreens.ts';
import { describeRefusal } from './messages.ts';
import { parseBackup } from './schema.ts';

const refusal = (text: string) => {
	const result = parseBackup(text);
	if (result.ok) throw new Error('expected a refusal');
	return result.reason;
};

describe('describeRefusal', () => {
	it('says where a backup is damaged, in either language', () => {
		const reason = {
			kind: 'invalid',
			table: 'notes',
			row: 3,
			field: 'text',
			problem: 'too-long',
			message: ''
		} as const;
		expect(describeRefusal(reason, en.data)).toBe(
			'This backup is damaged and cannot be restored: in Notes, row 3, field “text” is too long.'
		);
		expect(describeRefusal(reason, zh.data)).toBe('这个备份已损坏，无法恢复：“笔记”中第 3 行字段“text”过长。');
		expect(describeRefusal({ kind: 'invalid', field: 'exportedAt', problem: 'invalid', message: '' }, en.data)).toBe(
			'This backup is damaged and cannot be restored: field “exportedAt” has a value Duka cannot use.'
		);
	});

	it('words every other refusal', () => {
		expect(describeRefusal(refusal('{"app":"duka","format":1,"tab'), en.data)).toMatch(/^This backup is incomplete/);
		expect(describeRefusal(refusal('{"hello":"world"}'), zh.data)).toBe('这个文件不是读卡备份。');
		expect(describeRefusal(refusal('{"app":"duka","format":9}'), en.data)).toMatch(/newer version of Duka/);
		expect(describeRefusal(refusal('not json'), en.data)).toMatch(/not a JSON file/);
		expect(describeRefusal({ kind: 'corrupt', message: '' }, en.data)).toMatch(/compressed data cannot be read/);
		expect(describeRefusal({ kind: 'invalid', line: 7, problem: 'too-long', message: '' }, en.data)).toBe(
			'This backup is damaged and cannot be restored: line 7 is too long.'
		);
		expect(describeRefusal({ kind: 'invalid', line: 7, problem: 'invalid', message: '' }, zh.data)).toBe(
			'这个备份已损坏，无法恢复：第 7 行的值无法使用。'
		);
	});
});
