/** English interface strings. `zh.ts` must provide the same keys: the type below enforces it. */
export const en = {
	appName: 'Duka',
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
		back: 'Back',
		close: 'Close',
		cancel: 'Cancel',
		save: 'Save',
		delete: 'Delete',
		undo: 'Undo',
		retry: 'Try again',
		error: 'Something went wrong.',
		notFound: 'This page does not exist.'
	},
	update: {
		ready: 'A new version of Duka is ready.',
		reload: 'Reload',
		later: 'Later',
		offlineReady: 'Duka now works offline.'
	},
	home: {
		title: 'Duka 读卡',
		tagline: 'Read tech Chinese card by card, and keep its words.',
		continueReading: 'Continue reading',
		startReading: 'Start reading',
		cardOf: (n: number, total: number) => `Card ${n} of ${total}`,
		progress: (read: number, total: number) => `${read} of ${total} cards read`,
		library: 'Articles'
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
		endOfArticle: 'End of the article',
		backToContents: 'Back to contents',
		englishTerm: 'English term',
		swipeHint: 'Swipe or use ← → to move between cards'
	},
	settings: {
		title: 'Settings',
		display: 'Display',
		textSize: 'Text size',
		textSizeValue: (percent: number) => `${percent}%`,
		smaller: 'Smaller text',
		larger: 'Larger text',
		theme: 'Theme',
		themeSystem: 'System',
		themeLight: 'Light',
		themeDark: 'Dark',
		language: 'Interface language',
		languageAuto: 'Browser default',
		about: 'About Duka'
	},
	about: {
		title: 'About Duka',
		body: 'Duka turns a Chinese tech article into an offline study deck. Everything stays on this device.',
		article: 'Article',
		source: (author: string, publication: string) => `Interview by ${author}, ${publication}.`,
		translation: 'Chinese translation published',
		dictionary: 'Dictionary',
		version: 'Version'
	}
};

type Widen<T> = T extends (...args: infer A) => string ? (...args: A) => string : T extends object ? { [K in keyof T]: Widen<T[K]> } : string;

export type Messages = Widen<typeof en>;
