/**
 * English interface strings of the first screen (the layout and home); every other screen's are in
 * `enScreens.ts`, loaded once the app goes past home. `zh.ts` and `zhScreens.ts` must provide the same keys:
 * the types below enforce it.
 */
export const en = {
	nav: {
		label: 'Main',
		home: 'Home',
		read: 'Read',
		review: 'Review',
		notes: 'Notes',
		settings: 'Settings'
	},
	common: {
		loading: 'Loading…',
		close: 'Close',
		cancel: 'Cancel',
		save: 'Save',
		delete: 'Delete',
		undo: 'Undo',
		retry: 'Try again',
		error: 'Something went wrong.',
		framed: 'Duka does not work inside another website, to keep your data safe.',
		openOwnTab: 'Open Duka in its own tab',
		notFound: 'This page does not exist.'
	},
	update: {
		upgradedElsewhere: 'Duka was updated in another tab. Reload this one to carry on; nothing you saved is lost.',
		ready: 'A new version of Duka is ready.',
		reload: 'Reload',
		later: 'Later',
		offlineReady: 'Duka now works offline.',
		runningElsewhere: 'A new version of Duka is running in another tab. Reload this one to use it.',
		notReadyOffline: 'Duka is not ready for offline use yet. It finishes by itself once you are back online.',
		chunkOffline: 'This part of Duka is not on this device yet. Connect once and reload.',
		chunkFailed: 'This part of Duka could not be loaded. Reload to try again.'
	},
	home: {
		title: 'Duka 读卡',
		tagline: 'Read tech Chinese card by card, and keep its words.',
		continueReading: 'Continue reading',
		startReading: 'Start reading',
		cardOf: (n: number, total: number) => `Card ${n} of ${total}`,
		progress: (read: number, total: number) => `${read} of ${total} cards read`
	},
	reader: {
		contents: 'Contents',
		contentsOf: (title: string) => `Contents: ${title}`,
		position: (n: number, total: number) => `Card ${n} of ${total}`,
		previous: 'Previous card',
		next: 'Next card',
		read: 'Read',
		unread: 'Unread',
		notInEdition: 'Not in this edition',
		part: (n: number) => `Part ${n}`,
		overallProgress: (read: number, total: number) => `${read} of ${total} cards read`,
		backToContents: 'Contents',
		positionInArticle: 'Position in the article',
		swipeHint: 'Swipe or use ← → to move between cards'
	},
	review: {
		title: 'Review',
		showAnswer: 'Show answer',
		again: 'Again',
		hard: 'Hard',
		good: 'Good',
		easy: 'Easy',
		/** The next interval on a grade button, short as Anki writes it; the amount is digits or "<1". */
		intervals: {
			minutes: (amount: string) => `${amount}m`,
			hours: (amount: string) => `${amount}h`,
			days: (amount: string) => `${amount}d`,
			months: (amount: string) => `${amount}mo`,
			years: (amount: string) => `${amount}y`
		},
		gradeHint: 'Space shows the answer; 1–4 grade it',
		undo: 'Undo',
		undone: 'Review undone',
		nothingToUndo: 'Nothing to undo',
		problems: {
			'reviewed-elsewhere': 'That card was already reviewed in another tab, so this grade was not counted twice.',
			'storage-full':
				'Storage is full: this grade could not be saved and the card is still here. Free some space on the device (or remove downloaded data in Settings → Your data), download a backup, then grade again.',
			'write-failed': 'This grade could not be saved; the card is still here. Try grading it again.',
			'reviewed-later': 'That card was reviewed again in another tab since, so this review cannot be taken back here.'
		},
		counts: (fresh: number, learning: number, review: number) =>
			`${fresh} new · ${learning} learning · ${review} to review`,
		newLabel: 'New',
		learningLabel: 'Learning',
		reviewLabel: 'To review',
		doneTitle: 'All done for now',
		nextDue: (when: string) => `The next card is due ${when}.`,
		newLimitReached: 'You have studied all of today’s new cards.',
		newCardsOff: 'No new cards: new cards per day is 0.',
		newCardsOffLink: 'Change it in Settings',
		nothingScheduled: 'No cards are scheduled yet.',
		start: 'Start review',
		inContext: 'See it in the article',
		backToReview: 'Back to review',
		speakZh: 'Say the Chinese',
		speakEn: 'Say the English',
		enToZh: 'English → Chinese',
		zhToEn: 'Chinese → English',
		prompt: 'What is it in the other language?',
		leech: 'Leech',
		yourWord: 'Your word',
		streak: (days: number) => (days === 1 ? '1-day streak' : `${days}-day streak`),
		noStreak: 'No streak yet: review a card today',
		deck: 'Browse the deck',
		stats: 'Statistics',
		loadError: 'The deck could not be loaded.',
		idle: {
			nothingDue: 'Nothing to review right now.',
			read: 'Read on',
			studyAhead: 'Study ahead'
		}
	}
};

type Widen<T> = T extends (...args: infer A) => string
	? (...args: A) => string
	: T extends object
		? { [K in keyof T]: Widen<T[K]> }
		: string;

export type CoreMessages = Widen<typeof en>;
/** A type-only import: the screens' strings stay out of the first screen's code. */
export type ScreenMessages = Widen<(typeof import('./enScreens.ts'))['enScreens']>;
export type Messages = CoreMessages & ScreenMessages;
