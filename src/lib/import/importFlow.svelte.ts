/**
 * The "Add a text" screen's state: what the user handed in → preview → (dictionary) → article stored → words
 * chosen. Every step that can take long runs in the import worker through `ImportServices`, so a test drives
 * the whole flow with fakes and the screen only renders `phase`.
 */
import { clampTitle } from '../model/imported.ts';
import {
	isImportProblem,
	type ImportInput,
	type ImportPreview,
	type ImportProblem,
	type StoreOutcome,
	type ProgressListener,
	type WordSuggestion
} from './types.ts';

/** A found speaker's label and the name the user gives it. */
export interface SpeakerChoice {
	label: string;
	name: string;
}

/** How far a long step is, 0–1. */
export interface Progress {
	fraction: number;
}

/** What the flow needs from the worker, the dictionary download and the database. */
export interface ImportServices {
	prepare(input: ImportInput, onProgress: ProgressListener): Promise<ImportPreview | ImportProblem>;
	/** Resolves once the whole dictionary is on the device (starting its download if it must). */
	dictionaryReady(): Promise<void>;
	/** Whether the whole dictionary is already on the device, so the screen can say it will wait. */
	hasDictionary(): Promise<boolean>;
	/**
	 * Builds the article and stores it in one transaction, or says there is no room for it (nothing stored);
	 * throws (nothing stored) on any other failure. Only what the words step needs comes back.
	 */
	build(
		choices: { title: string; speakers: { label: string; zh: string; en: string }[] | 'none' },
		onProgress: ProgressListener
	): Promise<StoreOutcome>;
	/**
	 * Adds the chosen words, two cards each (and their cloze cards with `cloze`), in one transaction; resolves with
	 * how many were new.
	 */
	addWords(articleId: string, words: WordSuggestion[], options: { cloze: boolean }): Promise<number>;
	/** Whether the last words added came with cloze cards, and remembering it: the words step offers the same. */
	loadClozeChoice(): Promise<boolean>;
	saveClozeChoice(on: boolean): Promise<void>;
	/** Stops whatever the worker is doing; nothing it was making is stored. */
	cancel(): void;
}

export type ImportPhase =
	| { name: 'input' }
	| { name: 'preparing'; progress: Progress }
	| { name: 'problem'; problem: ImportProblem }
	| { name: 'preview'; preview: ImportPreview }
	| { name: 'waitingForDictionary' }
	| { name: 'building'; progress: Progress }
	| { name: 'saving' }
	| { name: 'failed'; reason: 'read' | 'build' | 'save' | 'noRoom'; noRoom?: { needed: number; free: number } }
	/** The article is stored; only what the words step needs is kept (a 2 MB text's article is tens of MB). */
	| { name: 'words'; articleId: string; firstCardId: string | undefined; suggestions: WordSuggestion[] }
	| { name: 'done'; articleId: string; firstCardId: string | undefined; added: number };

export class ImportFlow {
	phase = $state.raw<ImportPhase>({ name: 'input' });
	/** Editable in the preview. */
	title = $state('');
	speakers = $state<SpeakerChoice[]>([]);
	noSpeakers = $state(false);
	/** Chosen words, by `zh`, on the words step. */
	chosen = $state<string[]>([]);
	/** Whether the chosen words get a cloze card on their sentence too. */
	cloze = $state(false);
	readonly #services: ImportServices;
	/** Bumped on cancel, so a late answer from a cancelled step changes nothing. */
	#run = 0;

	constructor(services: ImportServices) {
		this.#services = services;
	}

	get busy(): boolean {
		const name = this.phase.name;
		return name === 'preparing' || name === 'waitingForDictionary' || name === 'building' || name === 'saving';
	}

	async prepare(input: ImportInput): Promise<void> {
		const run = ++this.#run;
		this.phase = { name: 'preparing', progress: { fraction: 0 } };
		let result: ImportPreview | ImportProblem;
		try {
			result = await this.#services.prepare(input, ({ fraction }) => {
				if (run === this.#run && this.phase.name === 'preparing')
					this.phase = { name: 'preparing', progress: { fraction } };
			});
		} catch (error) {
			console.error(error);
			this.phase = { name: 'failed', reason: 'read' };
			return;
		}
		if (run !== this.#run) return;
		if (isImportProblem(result)) {
			this.phase = { name: 'problem', problem: result };
			return;
		}
		this.title = clampTitle(result.title);
		this.speakers = result.speakers.map((speaker) => ({ label: speaker.label, name: speaker.label }));
		this.noSpeakers = false;
		this.phase = { name: 'preview', preview: result };
	}

	/** Builds and stores the article, waiting for the dictionary first when it is not on the device yet. */
	async confirm(): Promise<void> {
		if (this.phase.name !== 'preview') return;
		const run = ++this.#run;
		const title = this.title.trim() || this.phase.preview.title;
		const speakers = this.noSpeakers
			? 'none'
			: this.speakers.map(({ label, name }) => ({ label, zh: name.trim() || label, en: name.trim() || label }));
		try {
			if (!(await this.#services.hasDictionary())) {
				this.phase = { name: 'waitingForDictionary' };
				await this.#services.dictionaryReady();
				if (run !== this.#run) return;
			}
		} catch (error) {
			console.error(error);
			if (run === this.#run) this.phase = { name: 'failed', reason: 'build' };
			return;
		}
		this.phase = { name: 'building', progress: { fraction: 0 } };
		let outcome: StoreOutcome;
		try {
			outcome = await this.#services.build({ title, speakers }, ({ fraction }) => {
				if (run === this.#run && this.phase.name === 'building')
					this.phase = { name: 'building', progress: { fraction } };
			});
		} catch (error) {
			console.error(error);
			if (run === this.#run) this.phase = { name: 'failed', reason: 'build' };
			return;
		}
		if (run !== this.#run) return;
		if ('noRoom' in outcome) {
			this.phase = { name: 'failed', reason: 'noRoom', noRoom: outcome.noRoom };
			return;
		}
		const { stored } = outcome;
		// Pairs the text itself gives come first and are chosen already: they are what the author meant.
		this.chosen = stored.suggestions.filter((word) => word.source === 'pair').map((word) => word.zh);
		this.phase = { name: 'words', ...stored };
		void this.#services
			.loadClozeChoice()
			.then((on) => {
				if (run === this.#run) this.cloze = on;
			})
			.catch(() => {});
	}

	/** Chooses whether the words get cloze cards, and remembers it for the next time. */
	setCloze(on: boolean): void {
		this.cloze = on;
		void this.#services.saveClozeChoice(on).catch(() => {});
	}

	toggle(zh: string): void {
		this.chosen = this.chosen.includes(zh) ? this.chosen.filter((word) => word !== zh) : [...this.chosen, zh];
	}

	chooseAll(all: boolean): void {
		if (this.phase.name !== 'words') return;
		this.chosen = all ? this.phase.suggestions.map((word) => word.zh) : [];
	}

	/** Adds the chosen words (none is fine: the article is stored already). */
	async finish(): Promise<void> {
		if (this.phase.name !== 'words') return;
		const step = this.phase;
		const words = step.suggestions.filter((word) => this.chosen.includes(word.zh));
		let added = 0;
		if (words.length > 0) {
			this.phase = { name: 'saving' };
			try {
				added = await this.#services.addWords(step.articleId, words, { cloze: this.cloze });
			} catch (error) {
				console.error(error);
				this.phase = step;
				this.wordsFailed = true;
				return;
			}
		}
		this.wordsFailed = false;
		this.phase = { name: 'done', articleId: step.articleId, firstCardId: step.firstCardId, added };
	}

	/** Set when adding the chosen words failed; the choice stays on screen to try again. */
	wordsFailed = $state(false);

	/** Back to the start; a step in flight is stopped and nothing of it is stored. A save under way finishes. */
	cancel(): void {
		if (this.phase.name === 'saving') return;
		this.#run++;
		if (this.busy) this.#services.cancel();
		this.phase = { name: 'input' };
	}
}
