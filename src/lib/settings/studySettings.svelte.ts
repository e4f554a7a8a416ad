import { stores, type Stores } from '../db/lazy.ts';
import { loadBuiltInClozeCards } from '../deck/passage.ts';
import {
	DEFAULT_SCHEDULER_SETTINGS,
	validateSchedulerSettings,
	type OptimisationRecord,
	type SchedulerSettings
} from '../scheduling/scheduler.ts';

/** What the last change did: saved, or refused because the field's value was not one the scheduler can use. */
export type StudyNotice = { kind: 'saved' } | { kind: 'invalid'; label: string; field: keyof SchedulerSettings };

/** The scheduler's settings as the Study form edits them; IndexedDB is the source of truth. */
export class StudySettings {
	value = $state<SchedulerSettings>({ ...DEFAULT_SCHEDULER_SETTINGS });
	notice = $state.raw<StudyNotice | null>(null);
	/** How many cloze cards turning the built-in ones on made, for the line under the switch. */
	clozeMade = $state<number | null>(null);
	readonly #stores: () => Promise<Stores>;
	readonly #clock: () => number;

	constructor(loadStores: () => Promise<Stores> = stores, clock: () => number = Date.now) {
		this.#stores = loadStores;
		this.#clock = clock;
	}

	async load(): Promise<void> {
		const { settings } = await this.#stores();
		this.value = await settings.loadSchedulerSettings();
	}

	/**
	 * Applies one field (`label` names it in the notice); a value the scheduler cannot use is refused, never
	 * half-saved, and the form shows the saved value again.
	 */
	async change(field: keyof SchedulerSettings, label: string, value: unknown): Promise<void> {
		const candidate = { ...this.value, [field]: value };
		const valid = validateSchedulerSettings(candidate);
		if (JSON.stringify(valid[field]) !== JSON.stringify(value)) {
			this.notice = { kind: 'invalid', label, field };
			// A new object, so every input is given its saved value back, the refused one included.
			this.value = { ...this.value };
			return;
		}
		const { settings } = await this.#stores();
		this.value = await settings.saveSchedulerSettings(valid);
		this.notice = { kind: 'saved' };
	}

	/**
	 * Turns the built-in deck's cloze cards on, making those it lacks first (one transaction; existing cards are left
	 * as they are), or off: they then wait, with their reviews, until it is on again.
	 */
	async setBuiltInCloze(on: boolean, label: string): Promise<void> {
		this.clozeMade = null;
		if (on) {
			const [{ cards }, wanted] = await Promise.all([this.#stores(), loadBuiltInClozeCards(this.#stores)]);
			this.clozeMade = await cards.ensureCardsOf(wanted, this.#clock());
		}
		await this.change('builtInCloze', label, on);
	}

	/** Puts optimised parameters in use (or the defaults back, with null), with the run they came from. */
	async saveOptimised(weights: number[] | null, optimisation: OptimisationRecord | null): Promise<void> {
		const { settings } = await this.#stores();
		this.value = await settings.saveSchedulerSettings({ ...this.value, weights, optimisation });
	}
}
