/** Speech through the Web Speech API; offline it uses the voices installed on the device. */
const LANGS = { zh: 'zh', en: 'en' } as const;

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

export async function voiceFor(lang: 'zh' | 'en'): Promise<SpeechSynthesisVoice | undefined> {
	const all = await voices();
	return all.find((voice) => voice.lang.toLowerCase().startsWith(LANGS[lang]) && voice.localService) ?? all.find((voice) => voice.lang.toLowerCase().startsWith(LANGS[lang]));
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
