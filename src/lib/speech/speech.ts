/** Speech through the Web Speech API; offline it uses the voices installed on the device. */

/**
 * Voice languages in order of preference. Mandarin in mainland usage first; Taiwan Mandarin will do.
 * Hong Kong and Cantonese voices read Chinese characters in Cantonese, which is not what the deck teaches.
 */
const PREFERRED: Record<'zh' | 'en', readonly string[]> = {
	zh: ['zh-cn', 'cmn-hans', 'zh-hans', 'cmn', 'zh-sg', 'zh-tw', 'zh'],
	en: ['en-us', 'en-gb', 'en']
};
const UNWANTED: Record<'zh' | 'en', RegExp> = { zh: /^(?:zh-hk|zh-mo|yue)/, en: /(?!)/ };

function voices(): Promise<SpeechSynthesisVoice[]> {
	if (typeof speechSynthesis === 'undefined') return Promise.resolve([]);
	const now = speechSynthesis.getVoices();
	if (now.length > 0) return Promise.resolve(now);
	// Chrome fills the list asynchronously; give it a moment, then settle for what there is.
	return new Promise((resolve) => {
		const done = () => resolve(speechSynthesis.getVoices());
		speechSynthesis.addEventListener('voiceschanged', done, { once: true });
		setTimeout(done, 1000);
	});
}

/** Lower is better; undefined for a voice that does not speak `lang`. */
function rank(voice: SpeechSynthesisVoice, lang: 'zh' | 'en'): number | undefined {
	const tag = voice.lang.toLowerCase().replace(/_/g, '-');
	if (UNWANTED[lang].test(tag)) return undefined;
	const index = PREFERRED[lang].findIndex((prefix) => tag === prefix || tag.startsWith(`${prefix}-`));
	// An installed voice works offline; a network voice does not.
	return index < 0 ? undefined : index * 2 + (voice.localService ? 0 : 1);
}

/** The best voice for `lang`: the preferred variety, installed on the device before one from the network. */
export function chooseVoice(all: readonly SpeechSynthesisVoice[], lang: 'zh' | 'en'): SpeechSynthesisVoice | undefined {
	let best: { voice: SpeechSynthesisVoice; rank: number } | undefined;
	for (const voice of all) {
		const score = rank(voice, lang);
		if (score !== undefined && (!best || score < best.rank)) best = { voice, rank: score };
	}
	return best?.voice;
}

export async function voiceFor(lang: 'zh' | 'en'): Promise<SpeechSynthesisVoice | undefined> {
	return chooseVoice(await voices(), lang);
}

export async function hasVoice(lang: 'zh' | 'en'): Promise<boolean> {
	return (await voiceFor(lang)) !== undefined;
}

export async function speak(text: string, lang: 'zh' | 'en'): Promise<void> {
	const voice = await voiceFor(lang);
	if (!voice) return;
	speechSynthesis.cancel();
	const utterance = new SpeechSynthesisUtterance(text);
	utterance.voice = voice;
	utterance.lang = voice.lang;
	speechSynthesis.speak(utterance);
}
