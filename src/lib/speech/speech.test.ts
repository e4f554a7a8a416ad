import { afterEach, describe, expect, it, vi } from 'vitest';
import { chooseVoice, hasVoice, speak } from './speech.ts';

const voice = (lang: string, localService = true, name = lang) =>
	({ lang, localService, name, default: false, voiceURI: name }) as SpeechSynthesisVoice;

afterEach(() => {
	vi.unstubAllGlobals();
});

describe('chooseVoice', () => {
	it('prefers mainland Mandarin, installed on the device', () => {
		const all = [voice('en-US'), voice('zh-TW'), voice('zh-CN', false, 'online'), voice('zh-CN', true, 'local')];
		expect(chooseVoice(all, 'zh')?.name).toBe('local');
		expect(chooseVoice(all, 'en')?.lang).toBe('en-US');
	});

	it('settles for Taiwan Mandarin but never reads Mandarin in Cantonese', () => {
		expect(chooseVoice([voice('zh-HK'), voice('yue-HK'), voice('zh_TW')], 'zh')?.lang).toBe('zh_TW');
		expect(chooseVoice([voice('zh-HK'), voice('fr-FR')], 'zh')).toBeUndefined();
	});
});

describe('speak and hasVoice', () => {
	it('say there is no voice where the browser has no speech', async () => {
		vi.stubGlobal('speechSynthesis', undefined);
		await expect(hasVoice('zh')).resolves.toBe(false);
		await expect(speak('供应', 'zh')).resolves.toBeUndefined();
	});

	it('speak with the chosen voice, cutting off what was being said', async () => {
		const spoken: { text: string; lang: string; voice: SpeechSynthesisVoice | null }[] = [];
		const synthesis = {
			getVoices: () => [voice('en-GB'), voice('zh-CN')],
			cancel: vi.fn(),
			speak: vi.fn((utterance: { text: string; lang: string; voice: SpeechSynthesisVoice | null }) =>
				spoken.push(utterance)
			)
		};
		vi.stubGlobal('speechSynthesis', synthesis);
		vi.stubGlobal(
			'SpeechSynthesisUtterance',
			class {
				lang = '';
				voice: SpeechSynthesisVoice | null = null;
				constructor(public text: string) {}
			}
		);
		await expect(hasVoice('zh')).resolves.toBe(true);
		await speak('供应', 'zh');
		expect(synthesis.cancel).toHaveBeenCalled();
		expect(spoken).toEqual([expect.objectContaining({ text: '供应', lang: 'zh-CN' })]);
	});
});
