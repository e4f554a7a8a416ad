/** English interface strings of every screen but home (see en.ts). */
export const enScreens = {
	texts: {
		yourTexts: 'Your texts',
		yourTextsHelp: 'Chinese articles you brought in. They stay on this device and work offline.',
		noTexts: 'No texts of your own yet. Paste an article or open a file to read it card by card.',
		addText: 'Add a text',
		addTitle: 'Add a text',
		addHelp:
			'Paste a Chinese article (a rich paste from a web page keeps its headings), or open a file. Nothing leaves this device.',
		pasteLabel: 'Text',
		pastePlaceholder: 'Paste a Chinese article…',
		longPaste: (characters: number) =>
			`Pasted ${characters.toLocaleString('en')} characters: too long to show here, so it is read exactly as pasted.`,
		clearPaste: 'Clear the paste',
		preview: 'Preview',
		openFile: 'Open a file',
		fileTypes: 'Plain text, Markdown, HTML or EPUB; UTF-8 or GBK; up to 2 MB of text.',
		preparing: 'Reading the text…',
		building: 'Making the cards, pinyin and word list…',
		saving: 'Saving…',
		waitingForDictionary: 'Waiting for the dictionary to arrive on this device…',
		waitingHelp:
			'Imported texts need the whole dictionary. It downloads once and then works offline; if you are offline, connect once and this finishes by itself.',
		nothingStored: 'Nothing was stored.',
		problems: {
			empty: 'There is no text to import.',
			noChinese: 'This text has no Chinese in it.',
			tooLarge: (megabytes: string) => `This text is too long: Duka imports up to ${megabytes} MB of text.`,
			fileTooLarge: (megabytes: string) => `This file is too large: Duka opens files up to ${megabytes} MB.`,
			binary: 'This file is not a text file.',
			image: 'This file is an image, not a text.',
			pdf: 'PDF files cannot be imported yet: copy the text out of the PDF and paste it here.',
			encoding: 'This file’s characters could not be read: save it as UTF-8 or GBK and try again.',
			epubBroken: 'This EPUB file is damaged or has no readable chapters.',
			unsupportedType: 'Duka cannot read this kind of file: use .txt, .md, .html or .epub.'
		},
		failed: {
			read: 'This text could not be read.',
			build: 'The text could not be turned into cards.',
			save: 'The article could not be saved: the device may be short of space.',
			words: 'The words could not be added. Try again.'
		},
		titleLabel: 'Title',
		parts: 'Parts',
		cards: 'Cards',
		characters: 'Characters',
		speakers: 'Speakers',
		speakersFound: 'Speakers found',
		speakerLabel: (label: string, count: number) => `“${label}” (${count} paragraphs)`,
		noSpeakers: 'No speakers: keep these labels as part of the text',
		firstCard: 'The first card',
		importIt: 'Import',
		wordsTitle: 'Words in this text',
		wordsHelp:
			'Each word you choose becomes two flashcards (English → Chinese and back), linked to its sentence. Pairs the text gives in both languages come first.',
		noWords: 'Every word of this text is in your deck already.',
		chooseAll: 'Choose all',
		chooseNone: 'Choose none',
		fromText: 'in the text',
		addWords: (count: number) => `Add ${count} ${count === 1 ? 'word' : 'words'}`,
		skipWords: 'Continue without adding words',
		stored: (title: string) => `“${title}” is in your library.`,
		wordsAdded: (count: number) => `${count} ${count === 1 ? 'word' : 'words'} added to your deck.`,
		startReading: 'Start reading',
		actionsFor: (title: string) => `More for “${title}”`,
		rename: 'Rename',
		exportMarkdown: 'Export as Markdown',
		renameProblem: {
			empty: 'A title cannot be empty.',
			'too-long': 'A title can have up to 200 characters.',
			missing: 'This text is no longer on this device.'
		},
		deleteAsk: (words: number) =>
			`This text has ${words} ${words === 1 ? 'word' : 'words'} in your deck. Keep them and their reviews?`,
		deleteAskNoWords: 'Delete this text, its reading progress, bookmarks and notes?',
		deleteKeepWords: 'Delete the text, keep its words',
		deleteWithWords: (words: number) => `Delete it with its ${words} ${words === 1 ? 'word' : 'words'}`,
		deleted: (title: string) => `“${title}” deleted.`,
		backToLibrary: 'Back to the library'
	},
	deck: {
		directionEnToZh: 'EN → 中',
		directionZhToEn: '中 → EN',
		seconds: (s: string) => `${s} s`,
		days: (d: string) => `${d} days`,
		title: 'Deck',
		search: 'Search Chinese, English or pinyin',
		filterPart: 'Part',
		filterState: 'State',
		filterTag: 'Tag',
		all: 'All',
		stateNew: 'New',
		stateLearning: 'Learning',
		stateReview: 'Review',
		stateSuspended: 'Suspended',
		stateLeech: 'Leech',
		/** The deck's tags (vocab.yaml, and "mine" for the user's own words); an unnamed tag shows as written. */
		tagNames: {
			ai: 'AI',
			business: 'Business',
			energy: 'Energy',
			finance: 'Finance',
			general: 'General',
			geopolitics: 'Geopolitics',
			hardware: 'Hardware',
			industry: 'Industry',
			infrastructure: 'Infrastructure',
			name: 'Names',
			policy: 'Policy',
			software: 'Software',
			mine: 'Your words'
		},
		results: (n: number) => (n === 1 ? '1 word' : `${n} words`),
		empty: 'No word matches.',
		due: (when: string) => (when ? `Due ${when}` : 'Due'),
		history: 'Review history',
		noHistory: 'Not reviewed yet.',
		suspend: 'Suspend',
		unsuspend: 'Unsuspend',
		stability: 'Stability',
		difficulty: 'Difficulty',
		lapses: 'Lapses',
		reps: 'Reviews',
		notFound: 'This card is not in the deck.',
		editWord: 'Edit word',
		deleteWord: 'Delete word',
		fieldEn: 'English',
		fieldPinyin: 'Pinyin',
		fieldDefEn: 'Definition (English)',
		fieldDefZh: 'Definition (Chinese)',
		fieldRequired: (field: string) => `${field} is needed.`,
		fieldTooLong: (field: string, limit: number) => `${field} can be at most ${limit} characters long.`,
		wordSaved: 'Saved.',
		wordGone: 'This word is no longer in your deck (deleted in another tab?).',
		wordDeleted: (zh: string, reviews: number) =>
			`Deleted ${zh}, its two cards and ${reviews === 1 ? '1 review' : `${reviews} reviews`}.`,
		backToDeck: 'Back to the deck',
		browse: {
			sort: 'Sort',
			sortDue: 'Due soonest',
			sortAdded: 'Newest first',
			sortAlphabetical: 'Pinyin A–Z',
			sortLapses: 'Most lapses',
			mineFirst: 'Your words first',
			select: 'Select',
			stopSelecting: 'Done',
			selectWord: (zh: string) => `Select ${zh}`,
			selectAll: (n: number) => `Select all ${n}`,
			selectNone: 'Select none',
			selected: (n: number) => (n === 1 ? '1 word selected' : `${n} words selected`),
			suspend: 'Suspend',
			unsuspend: 'Unsuspend',
			reset: 'Reset to new',
			deleteMine: 'Delete my words',
			bulkHelp:
				'Reset makes the cards new again and removes their review history. Only words you added can be deleted; the article’s words stay.',
			suspended: (n: number) => (n === 1 ? 'Suspended 1 word' : `Suspended ${n} words`),
			unsuspended: (n: number) => (n === 1 ? 'Unsuspended 1 word' : `Unsuspended ${n} words`),
			wasReset: (n: number, reviews: number) =>
				`Reset ${n === 1 ? '1 word' : `${n} words`} to new; ${reviews === 1 ? '1 review' : `${reviews} reviews`} removed`,
			deleted: (n: number) => (n === 1 ? 'Deleted 1 of your words' : `Deleted ${n} of your words`),
			nothingToChange: 'Nothing to change: the selected words are already like that.',
			failed: 'That change could not be saved; nothing was changed.',
			direction: 'Direction',
			otherDirection: 'Other direction',
			example: 'In the article',
			noExample: 'This word’s passage is no longer on this device.'
		}
	},
	stats: {
		title: 'Statistics',
		heatmap: 'Reviews per day, last 12 weeks',
		heatmapDay: (date: string, n: number) => `${date}: ${n === 1 ? '1 review' : `${n} reviews`}`,
		forecast: 'Cards due, next 30 days',
		forecastDay: (date: string, n: number) => `${date}: ${n} due`,
		retention: 'True retention',
		retentionValue: (percent: string, n: number) => `${percent} of ${n} mature reviews passed`,
		retentionNone: 'Not enough reviews yet.',
		byState: 'Cards by state',
		total: (n: number) => `${n} cards`,
		charts: {
			less: 'Less',
			more: 'More',
			legend: 'Reviews per day, from none to the most',
			tapHint: 'Tap a day to see how many reviews it had.',
			noReviews: 'No reviews in the last 12 weeks yet: each day you review fills a square.',
			forecastAxis: 'Cards due per day',
			forecastEmpty: 'Nothing is scheduled for the next 30 days yet: cards get due dates once you review them.',
			today: 'Today',
			todayLine: (cards: number, minutes: number, reviews: number) =>
				`Today: ${cards === 1 ? '1 card' : `${cards} cards`} in ${minutes === 0 ? 'under a minute' : minutes === 1 ? '1 minute' : `${minutes} minutes`} (${reviews === 1 ? '1 review' : `${reviews} reviews`}).`,
			todayNone: 'Today: no reviews yet.'
		}
	},
	study: {
		title: 'Study',
		desiredRetention: 'Desired retention',
		maximumInterval: 'Maximum interval (days)',
		newPerDay: 'New cards per day',
		reviewsPerDay: 'Reviews per day',
		learningSteps: 'Learning steps',
		relearningSteps: 'Relearning steps',
		fuzz: 'Spread out intervals (fuzz)',
		directions: 'Card directions',
		directionsBoth: 'Both directions',
		newCardOrder: {
			label: 'New cards',
			reading: 'In reading order',
			deck: 'In deck order',
			help: 'In reading order, the words of the cards you have read come first, in the order you read them, then those of the next card to read, then the rest of the deck; your own words always come first. Deck order introduces them as the deck lists them.'
		},
		saved: 'Saved',
		checkDatabase: 'Check database',
		checking: 'Checking…',
		checkOk: (cards: number, reviews: number) => `All good: ${cards} cards agree with their ${reviews} reviews.`,
		checkProblems: (n: number) =>
			`${n} card(s) do not match their review history. Your reviews are kept; the card state can be rebuilt from them.`,
		repair: 'Rebuild from history',
		help: {
			desiredRetention:
				'How likely you are to still remember a card when it comes back, from 0.70 to 0.99. Higher means more reviews; 0.90 suits most.',
			newPerDay: 'New cards introduced each day, from 0 to 9999.',
			reviewsPerDay: 'Most review cards shown each day, from 0 to 99999; the rest wait for the next day.',
			maximumInterval: 'The longest a card can wait before it comes back, from 1 to 36500 days.',
			learningSteps:
				'The short waits a new card goes through before its first interval in days: up to 10, like 1m 10m (m minutes, h hours, d days).',
			relearningSteps: 'The same for a card you forgot, before it goes back to days: up to 10, like 10m.',
			fuzz: 'Moves each interval of more than a few days by a little, so that cards learnt together do not keep falling due on the same day.',
			refused: (value: string, kept: string) => `${value || 'An empty value'} is not allowed here; ${kept} is kept.`
		}
	},
	reviewMore: {
		summaryTitle: 'This session',
		summaryCards: (n: number) => (n === 1 ? '1 card' : `${n} cards`),
		summaryTime: (minutes: number) => (minutes < 1 ? 'under a minute' : `${minutes} min`),
		summaryAgain: (percent: number) => `${percent}% Again`,
		dueTomorrow: (n: number) =>
			n === 0
				? 'Nothing else is due by the end of tomorrow.'
				: n === 1
					? 'By the end of tomorrow: 1 card due.'
					: `By the end of tomorrow: ${n} cards due.`,
		learningBack: 'Learning cards come back here by themselves as they fall due.',
		title: 'Study more',
		aheadTomorrow: 'Review tomorrow’s cards now',
		hint: 'Cards reviewed early are scheduled from the time that really passed, and today’s new-card limit stays as it is.',
		which: 'Cards',
		all: 'All cards',
		mine: 'Only my words',
		article: (title: string) => `Only “${title}”`,
		within: 'Due by',
		withinToday: 'Today',
		withinDays: (n: number) => (n === 1 ? 'Tomorrow' : `The next ${n} days`),
		start: 'Start',
		active: 'Custom study',
		backToToday: 'Back to today’s queue',
		noneMatch: 'No card of this study is due now.'
	},
	prepareNext: {
		offer: (n: number) =>
			n === 1 ? 'Learn the new word of the next card' : `Learn the ${n} new words of the next card`,
		hint: 'Meet them as flashcards first, then read them in the text.',
		limitReached:
			'Today’s new-card limit is reached, so the session cannot show them today; raise the limit in Settings → Study to learn them now.',
		limitLeaves: (left: number) =>
			left === 1
				? 'Today’s new-card limit leaves room for 1 of them.'
				: `Today’s new-card limit leaves room for ${left} of them.`,
		active: 'Learning the new words of a reading card'
	},
	optimiser: {
		title: 'Your own scheduler',
		help: 'FSRS has 21 parameters that decide when cards come back. Duka can fit them to how you remember, from your own reviews, on this device.',
		needMore: (more: number) =>
			`Available after 1,000 reviews (Anki’s advice): ${more.toLocaleString('en')} more to go.`,
		optimise: 'Optimise from my reviews',
		suggested: 'A month has passed since the last run: optimising again may fit you better.',
		lastRun: (date: string) => `Last optimised on ${date}.`,
		inUseDefaults: 'In use: the default parameters.',
		inUseOwn: 'In use: parameters optimised from your reviews.',
		backToDefaults: 'Back to defaults',
		reading: 'Reading your reviews…',
		running: (percent: number) => `Optimising… ${percent}%`,
		progressLabel: 'Optimisation progress',
		cancel: 'Cancel',
		figures: (n: number) => `How well each set predicted ${n.toLocaleString('en')} of your reviews (lower is better):`,
		measure: 'Measure',
		defaults: 'Default',
		current: 'In use',
		optimised: 'Optimised',
		logLoss: 'Log loss',
		rmse: 'RMSE (bins)',
		better: 'The optimised parameters fit your history better.',
		notBetter: 'The optimised parameters do not fit better than the ones in use: nothing was changed.',
		keep: 'Use them',
		discard: 'Discard',
		close: 'OK',
		kept: 'Your optimised parameters are in use for the next reviews.',
		discarded: 'Discarded: the parameters in use are unchanged.',
		defaultsBack: 'The default parameters are in use again.',
		cancelled: 'Optimisation cancelled: nothing was changed.',
		noData: 'Not enough reviews a day or more apart to learn from yet.',
		unsupported: 'This browser cannot run the optimiser (it needs WebAssembly with shared memory).',
		load: 'The optimiser could not be loaded. Connect once to download it (1.7 MB); it then works offline.',
		failed: 'The optimisation failed: nothing was changed.'
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
		toneColours: 'Colour pinyin by tone',
		toneColoursHelp: 'As in Pleco: first tone red, second green, third blue, fourth purple, neutral grey.',
		language: 'Interface language',
		languageAuto: 'Auto',
		about: 'About Duka'
	},
	data: {
		title: 'Your data',
		intro: 'Everything you do in Duka stays on this device. Back it up now and then, and before you change phones.',
		backup: 'Back up',
		backingUp: 'Backing up…',
		saved: (name: string) => `Saved ${name}.`,
		shared: 'Backup shared.',
		exportAnki: 'Export deck for Anki',
		exportAnkiHelp: (decks: string) =>
			`A text file per article that Anki imports as it is (File → Import), into the deck ${decks}; an imported text’s deck is named after its title.`,
		exportReviews: 'Export review history (CSV)',
		exportFailed: 'The file could not be made.',
		restore: 'Restore from a backup…',
		reading: 'Reading the file…',
		fileHolds: (name: string) => `${name} holds:`,
		backedUpOn: (date: string) => `Backed up on ${date}.`,
		reviewRange: (from: string, to: string) => (from === to ? `Reviews on ${from}.` : `Reviews from ${from} to ${to}.`),
		tables: {
			kv: 'Settings',
			reading: 'Cards read',
			cards: 'Flashcards',
			reviews: 'Reviews',
			userEntries: 'Words you added',
			bookmarks: 'Bookmarks',
			highlights: 'Highlights',
			notes: 'Notes',
			articles: 'Your texts',
			articleTexts: 'Your texts (full text)'
		},
		replace: 'Replace everything',
		replaceHelp: 'Deletes what is on this device now and puts the backup in its place.',
		replaceConfirm: (lost: string) =>
			`Replace everything? This deletes what this device holds now (${lost}) and puts the backup in its place. An automatic backup of it is saved first, and can be restored below.`,
		replaceConfirmEmpty: 'Replace everything? This device holds nothing of yours yet, so nothing is lost.',
		countOf: (label: string, n: number) => `${label}: ${n}`,
		listSeparator: '; ',
		merge: 'Merge',
		mergeHelp:
			'Keeps everything on this device and adds what only the backup has. Card schedules here are kept as they are; Check database can rebuild them from the merged reviews.',
		restoring: 'Restoring…',
		savingFirst: 'Keeping an automatic backup of what is here first…',
		progress: (done: number, total: number) => `${done.toLocaleString('en')} of ${total.toLocaleString('en')} records`,
		/** A long backup or restore: what is left at the rate so far, in whole minutes (null: under a minute). */
		timeLeft: (minutes: number | null) =>
			minutes === null ? 'Less than a minute left' : `About ${minutes} minute${minutes === 1 ? '' : 's'} left`,
		readProgress: (read: string, total: string, rows: number) =>
			`${read} of ${total} MB read, ${rows.toLocaleString('en')} records`,
		checkingFile: 'Checking the backup…',
		noRoom: (needed: string, free: string) =>
			`Not enough space on this device: ${needed} MB needed, ${free} MB free. Free some space (or remove downloaded data), then try again.`,
		replaced: (rows: number, savedFirst: boolean) =>
			savedFirst
				? `Replaced: ${rows.toLocaleString('en')} rows from the backup; the previous data is kept as an automatic backup.`
				: `Replaced: ${rows.toLocaleString('en')} rows from the backup.`,
		autoBackups: 'Automatic backups on this device',
		autoBackupsNone: 'None yet: Duka makes one a day after a change, and one before every Replace everything.',
		autoBackup: (when: string, size: string) => `${when} (${size})`,
		autoReasons: {
			daily: 'Daily',
			'before-replace': 'Before Replace everything',
			'before-import': 'Before an import',
			'before-sync': 'Before a sync'
		},
		restoreThis: 'Restore…',
		lastBackup: (ago: string) => `Last backup: ${ago}.`,
		neverBackedUp: 'No backup saved from this device yet.',
		backupReminder:
			'You have reviewed for more than a week since the last backup. Back up now to keep your progress safe.',
		rescueFound: (when: string) =>
			`Duka found no reviews or notes on this device, but it keeps an automatic backup from ${when}. Put it back?`,
		rescueRestore: 'Restore the automatic backup',
		rescueFailed: 'The automatic backup could not be restored.',
		rescueWith: {
			backupAndReviews: (when: string, reviews: number) =>
				`Duka found no reviews or notes on this device, but it keeps an automatic backup from ${when} and ${reviews === 1 ? '1 review' : `${reviews} reviews`} made since. Put them back?`,
			reviewsOnly: (reviews: number) =>
				`Duka found no reviews or notes on this device, but it kept a copy of the last ${reviews === 1 ? 'review' : `${reviews} reviews`} made here (not your notes or words). Put ${reviews === 1 ? 'it' : 'them'} back?`,
			restoreReviews: 'Put the reviews back'
		},
		restored: (added: number, kept: number) =>
			kept > 0
				? `Restored: ${added.toLocaleString('en')} records added; ${kept.toLocaleString('en')} were already here.`
				: `Restored: ${added.toLocaleString('en')} records added.`,
		nothingChanged: 'Nothing on this device was changed.',
		notJson: 'This file is not a Duka backup: it is not a JSON file.',
		truncated:
			'This backup is incomplete: the file ends too early. A download or copy may have been cut off; try the original file.',
		foreign: 'This file is not a Duka backup.',
		corrupt:
			'This backup is damaged: its compressed data cannot be read. The file may have been changed or cut off; try the original file.',
		future:
			'This backup was made by a newer version of Duka. Update Duka (open it while online and reload), then restore again.',
		damaged: (where: string, problem: string) => `This backup is damaged and cannot be restored: ${where} ${problem}.`,
		inTable: (table: string) => `in ${table}`,
		atRow: (row: number) => `row ${row}`,
		atField: (field: string) => `field “${field}”`,
		atLine: (line: number) => `line ${line}`,
		whereSeparator: ', ',
		theFile: 'the file',
		problems: {
			missing: 'is missing',
			unexpected: 'is not part of a Duka backup',
			'too-long': 'is too long',
			duplicate: 'repeats an earlier row',
			inconsistent: 'does not match its other fields',
			invalid: 'has a value Duka cannot use'
		},
		unreadable: 'The file could not be read.',
		quota: 'There is not enough free storage on this device to restore this backup.',
		wiped:
			'There was not enough space, and the browser cleared Duka’s storage to make room. What this device held is kept in an automatic backup: free some space, then reopen Duka to put it back.',
		failed: 'The restore failed.',
		storage: 'Storage',
		usage: (used: string, quota: string) => `${used} used of ${quota} available`,
		usageUnknown: 'This browser does not say how much storage Duka uses.',
		persisted: 'Protected: the browser will not clear Duka’s data to free up space.',
		notPersisted: 'Not protected: the browser may clear Duka’s data when space runs low.',
		persist: 'Protect my data',
		persistDenied: 'The browser said no for now (it decides by how often you use Duka). Back up regularly.',
		homeScreen:
			'On iPhone and iPad, Safari deletes a website’s data after 7 days without a visit. Add Duka to your Home Screen (Share → Add to Home Screen) and open it from there to keep your data.'
	},
	fullDictionary: {
		title: 'Dictionary for your own texts',
		about:
			'The whole CC-CEDICT dictionary, which importing a text of your own needs. It downloads by itself once Duka works offline, and stays on this device.',
		checking: 'Checking…',
		absent: (size: string) => `Not downloaded yet (${size}).`,
		waitingForApp: 'Downloads once Duka itself is stored for offline use.',
		waitingOffline: 'Downloads when you are back online.',
		waitingSlow: 'Waits for a faster connection. Tap Download to get it now.',
		savingData: (size: string) =>
			`Not downloaded: your connection is set to save data. Tap Download to get it anyway (${size}).`,
		downloading: (percent: number) => `Downloading… ${percent}%`,
		ready: (size: string) => `On this device (${size}), for offline use.`,
		unsupported: 'This browser cannot keep the dictionary for offline use.',
		noRoom: (needed: string, free: string) =>
			`Not enough space: ${needed} MB needed, ${free} MB free. Nothing was changed.`,
		offline: 'You are offline. Connect, then try again.',
		httpError: (status: number) => `The download failed (the server answered ${status}). Try again later.`,
		network: 'The connection broke off. Try again.',
		incomplete: 'The file arrived incomplete. Try again.',
		storageFailed: 'The browser would not store it; the disk may be full. Free some space, then try again.',
		stopped: 'The download was stopped.',
		download: 'Download',
		remove: 'Remove'
	},
	addWord: {
		pickSense: 'Meaning to learn',
		help: 'Pick a meaning above, then check both sides of the card.',
		fieldZh: 'Chinese',
		fieldEn: 'English',
		add: 'Add',
		zhRequired: 'Write the Chinese side.',
		enRequired: 'Write the English side.',
		notChinese: 'The Chinese side needs Chinese characters.',
		inDeck: 'This word is in the deck already.',
		tooLong: (limit: number) => `At most ${limit} characters.`
	},
	sync: {
		title: 'Sync',
		intro:
			'Keep your reviews, words, notes, reading and texts the same on all your devices through a CouchDB server of your own: its address, user name and password come from whoever runs it. Your password stays on this device.',
		url: 'Server address',
		urlHelp:
			'The database’s address: /couchdb/<database> on this site, or a full https:// address of a server this Duka was built for.',
		user: 'User name',
		password: 'Password',
		turnOn: 'Turn on sync',
		checking: 'Checking the server…',
		syncNow: 'Sync now',
		syncing: 'Syncing…',
		progress: (done: number, total: number) =>
			`Syncing… ${done.toLocaleString('en')} of about ${total.toLocaleString('en')}`,
		turnOff: 'Turn off sync',
		turnOffHelp: 'Stops syncing and forgets the password; everything stays on this device.',
		account: (user: string, url: string) => `Syncing as ${user} with ${url}`,
		neverSynced: 'Not synced yet.',
		lastSynced: (when: string) => `Last synced ${when}.`,
		waiting: (count: number) => (count === 1 ? '1 change waiting.' : `${count} changes waiting.`),
		nothingWaiting: 'Nothing waiting.',
		statusLine: (last: string, waiting: string) => `${last} ${waiting}`,
		newer: (count: number) =>
			`${count} ${count === 1 ? 'item was' : 'items were'} written by a newer Duka: update Duka on this device to see ${count === 1 ? 'it' : 'them'}. Nothing is lost.`,
		unreadable: (count: number) =>
			`${count} ${count === 1 ? 'document' : 'documents'} on the server could not be read and ${count === 1 ? 'was' : 'were'} left alone.`,
		conflicts: (count: number) =>
			`${count} ${count === 1 ? 'note or word was' : 'notes or words were'} changed on two devices: the other text is kept as a note beside it.`,
		newPassword: 'New password',
		savePassword: 'Save the password',
		problems: {
			unauthorized: 'Wrong user name or password.',
			forbidden: 'This user may not use this database.',
			unreachable: 'The server cannot be reached: this device may be offline, or the address is wrong.',
			timeout: 'The server took too long to answer.',
			'no-database': 'The server has no such database: check the address.',
			full: 'The server is full: it has no room for your changes.',
			'server-error': 'The server had a problem (an error 500).',
			garbage: 'The server’s answer is not CouchDB’s: check the address.',
			'bad-address':
				'This address cannot be used: it must be on this site, or start with https:// (plain http only on this computer).',
			'not-allowed':
				'This Duka may only sync with the server on its own site (such as /couchdb/duka) and the servers it was built for. Use one of those, or ask whoever runs this Duka to add this server.'
		},
		refused: (count: number, reason: string) =>
			`The server refused ${count} ${count === 1 ? 'change' : 'changes'}: “${reason}”. ${count === 1 ? 'It waits' : 'They wait'} here.`,
		failed: 'Sync failed unexpectedly.',
		/** A problem while sync is on (a first check that fails turns nothing on, so nothing waits). */
		changesWait: (problem: string) => `${problem} Changes wait here and sync again later.`
	},
	hsk: {
		level: (level: number) => `HSK ${level}`,
		levelLong: (level: number) => `HSK 2.0 level ${level} of 6`
	},
	lookup: {
		loading: 'Loading the dictionary…',
		loadError: 'The dictionary could not be loaded.',
		notInDictionary: 'Not in the dictionary.',
		madeOf: 'Made of',
		selection: 'Change the selection',
		addBefore: (character: string) => `Add ${character} before`,
		dropFirst: (character: string) => `Leave out the first ${character}`,
		dropLast: (character: string) => `Leave out the last ${character}`,
		addAfter: (character: string) => `Add ${character} after`,
		speak: (word: string) => `Say ${word}`,
		inDeck: 'In the built-in deck',
		inYourDeck: 'Added by you',
		addToDeck: 'Add to deck',
		adding: 'Adding…',
		added: 'Added to your deck.',
		alreadyInDeck: 'Already in your deck.',
		addFailed: 'The word could not be added.',
		nothingToAdd: 'The dictionary has no definition to learn for this selection.',
		inThisText: 'In this text',
		termNotInDeck: 'This English term is not in the deck.',
		pinyin: 'Pinyin',
		showPinyin: 'Show pinyin above the text',
		pinyinError: 'The pinyin could not be loaded.',
		wordHint: 'Enter looks the word up; ← and → move to the next word.'
	},
	memory: {
		/** The word sheet's section on how well the user knows the word now. */
		title: 'Your memory',
		strength: {
			known: 'Well known',
			good: 'Known',
			fading: 'Fading',
			weak: 'Weak',
			new: 'New: not studied yet',
			leech: 'Leech: often forgotten'
		},
		/** Recall now and when the next review is: "92 % — next review in 6 days". */
		recallLine: (percent: number, next: string) => `${percent} % — ${next}`,
		nextIn: (span: string) => `next review in ${span}`,
		dueNow: 'review due now',
		/** A span of time in words; the amount is digits or "<1". */
		spans: {
			minutes: (amount: string) =>
				amount === '<1' ? 'under a minute' : amount === '1' ? '1 minute' : `${amount} minutes`,
			hours: (amount: string) => (amount === '1' ? '1 hour' : `${amount} hours`),
			days: (amount: string) => (amount === '1' ? '1 day' : `${amount} days`),
			months: (amount: string) => (amount === '1' ? '1 month' : `${amount} months`),
			years: (amount: string) => (amount === '1' ? '1 year' : `${amount} years`)
		},
		reviews: (count: number) => (count === 1 ? '1 review' : `${count} reviews`),
		lapses: (count: number) => (count === 0 ? 'no lapses' : count === 1 ? '1 lapse' : `${count} lapses`),
		last: (grade: string, ago: string) => `last ${grade} ${ago} ago`,
		noReviews: 'No reviews yet',
		loadError: 'How well you know this word could not be read.',
		show: 'Show how well I know each word',
		showHelp:
			'A quiet underline under the deck’s words in the text, fainter the better you know them; new words are dotted and leeches wavy. Tap a word to see its recall.',
		pinyinOnlyUnknown: 'Pinyin only for words I don’t know yet',
		pinyinOnlyUnknownHelp:
			'With pinyin on, it shows over the deck’s words that are new or that you are likely to have forgotten, and nowhere else.'
	},
	about: {
		title: 'About Duka',
		body: 'Duka turns a Chinese tech article into an offline study deck. Everything stays on this device.',
		article: 'Article',
		source: (author: string, publication: string) => `Interview by ${author}, ${publication}.`,
		translation: 'Chinese translation published',
		dictionary: 'Dictionary',
		version: 'Version'
	},
	notes: {
		title: 'Notes',
		bookmark: 'Bookmark this paragraph',
		paragraphNote: 'Note on this paragraph',
		colors: { yellow: 'yellow', green: 'green', blue: 'blue', pink: 'pink' },
		highlightIn: (color: string) => `Highlight in ${color}`,
		note: 'Note',
		highlightWithNote: 'Highlight and add a note',
		selectionToolbar: 'Highlight the selected words',
		highlightToolbar: 'This highlight',
		addNote: 'Add note',
		editNote: 'Edit note',
		editNoteLabel: 'Edit note:',
		deleteHighlight: 'Delete highlight',
		noteOnHighlight: 'Note on the highlight',
		noteOnParagraph: 'Note on the paragraph',
		editorHint: 'Saved as you type. **bold**, *italic*, - lists and links work.',
		saving: 'Saving…',
		saved: 'Saved',
		unsaved: 'Not saved yet',
		done: 'Done',
		discard: 'Close without these changes',
		characters: (length: string, max: string) => `${length} / ${max} characters`,
		conflictKept: 'This note was also changed in another tab. That text is kept as a note of its own beside this one.',
		tooLong: (over: string, max: string) =>
			`Too long to save: ${over} characters over the limit of ${max}. Nothing has been cut; shorten the note and it is saved again.`,
		saveFailed: 'The note could not be saved yet. It is still here, and the next change tries again.',
		search: 'Search notes and highlights',
		matches: (n: number) => (n === 1 ? '1 match' : `${n} matches`),
		noMatches: 'Nothing matches your search.',
		summary: (bookmarks: number, highlights: number, notes: number) =>
			`${bookmarks} ${bookmarks === 1 ? 'bookmark' : 'bookmarks'} · ${highlights} ${highlights === 1 ? 'highlight' : 'highlights'} · ${notes} ${notes === 1 ? 'note' : 'notes'}`,
		emptyTitle: 'No notes yet',
		emptyBody:
			'While reading, tap the ribbon beside a paragraph to bookmark it, or select some words to highlight them and write a note. Everything you mark is gathered here.',
		startReading: 'Start reading',
		open: 'Go to passage',
		bookmarkLabel: 'Bookmark',
		highlightLabel: 'Highlight',
		paragraphNoteLabel: 'Note on the paragraph',
		detached: 'These words are no longer in the paragraph (its text was corrected); the highlight is kept here.',
		unplaced: 'No longer in the article',
		removeBookmark: 'Remove bookmark',
		deleteNote: 'Delete note',
		bookmarkRemoved: 'Bookmark removed',
		highlightDeleted: 'Highlight deleted',
		noteDeleted: 'Note deleted',
		export: 'Export Markdown',
		exportFailed: 'The export could not be made.',
		loadError: 'Your notes could not be loaded.',
		entries: {
			bookmarkedNote: 'Bookmark and note',
			noteBookmarkDeleted: 'Note and bookmark removed',
			deleteNoteAndBookmark: 'Delete note and bookmark',
			tags: 'Tags',
			addTags: 'Add tags',
			editTags: 'Edit tags',
			tagsLabel: 'Tags for this highlight',
			tagsHelp: 'Separate tags with commas or spaces, e.g. chips, policy.',
			saveTags: 'Save tags',
			cancel: 'Cancel',
			tagTooLong: (max: number) => `A tag can be at most ${max} characters long; nothing was saved.`,
			tooManyTags: (max: number) => `A highlight can have at most ${max} tags; nothing was saved.`,
			filterByTag: 'Show highlights tagged',
			allEntries: 'Everything',
			backToNotes: 'Back to notes'
		}
	},
	cloze: {
		kindZh: 'Cloze: Chinese',
		kindEn: 'Cloze: English',
		shortZh: 'Cloze 中',
		shortEn: 'Cloze EN',
		blank: 'Blank',
		prompt: 'Which word fills the blank?',
		clue: (text: string) => `Hint: ${text}`,
		noSentence: 'This word’s sentence is no longer in its text.',
		builtIn: 'Cloze cards for the built-in deck',
		builtInHelp:
			'A third card for each word: its sentence from the article with the word blanked, and a second one with the English blanked where the sentence has the English term too. Turned off, they wait with their reviews kept.',
		/** Between two sentences of a help text. */
		sentenceJoin: ' ',
		builtInMade: (n: number) => (n === 1 ? '1 cloze card made.' : `${n} cloze cards made.`),
		alsoCloze: 'Also a cloze card on its sentence',
		noClozeHere: 'No cloze card: its sentence does not hold the word as written.',
		filterKind: 'Card type',
		kindFlashcards: 'Flashcards',
		kindClozes: 'Cloze cards',
		noneYet:
			'Cloze cards come from Settings → Study (for the built-in deck) or from the box “Also a cloze card on its sentence” when you add a word.',
		statsCloze: (n: number) => (n === 1 ? 'of them, 1 cloze card' : `of them, ${n} cloze cards`)
	}
};
