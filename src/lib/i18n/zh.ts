import type { CoreMessages } from './en.ts';

/** 首屏（布局与首页）的中文界面文字；其余界面的文字见 `zhScreens.ts`。 */
export const zh: CoreMessages = {
	nav: {
		label: '主导航',
		home: '首页',
		read: '阅读',
		review: '复习',
		notes: '笔记',
		settings: '设置'
	},
	common: {
		loading: '加载中…',
		close: '关闭',
		cancel: '取消',
		save: '保存',
		delete: '删除',
		undo: '撤销',
		retry: '重试',
		error: '出错了。',
		framed: '为了保护你的数据，读卡不能在其他网站的页面中使用。',
		openOwnTab: '在单独的标签页中打开读卡',
		notFound: '页面不存在。'
	},
	update: {
		upgradedElsewhere: '读卡已在另一个标签页中更新。请重新加载本页继续，已保存的内容不会丢失。',
		ready: '读卡有新版本。',
		reload: '重新加载',
		later: '稍后',
		offlineReady: '读卡现在可以离线使用。',
		runningElsewhere: '读卡的新版本已在另一个标签页中运行。请重新加载本页以使用新版本。',
		notReadyOffline: '读卡还不能离线使用。恢复联网后会自动完成。',
		chunkOffline: '读卡的这一部分还不在本设备上。请先联网一次，再重新加载。',
		chunkFailed: '读卡的这一部分无法加载。请重新加载再试。'
	},
	home: {
		title: 'Duka 读卡',
		tagline: '一张张卡片读懂中英夹杂的科技文章：母语是中文，记住英文术语；在学中文，记住中文词汇。',
		continueReading: '继续阅读',
		startReading: '开始阅读',
		cardOf: (n, total) => `第 ${n} 张，共 ${total} 张`,
		progress: (read, total) => `已读 ${read} / ${total} 张`
	},
	reader: {
		contents: '目录',
		contentsOf: (title) => `目录：${title}`,
		position: (n, total) => `第 ${n} 张，共 ${total} 张`,
		previous: '上一张',
		next: '下一张',
		read: '已读',
		unread: '未读',
		notInEdition: '本篇未收录',
		part: (n) => `第 ${n} 部分`,
		overallProgress: (read, total) => `已读 ${read} / ${total} 张`,
		backToContents: '返回目录',
		positionInArticle: '在文章中的位置',
		swipeHint: '左右滑动或按 ← → 翻卡'
	},
	review: {
		title: '复习',
		showAnswer: '显示答案',
		again: '重来',
		hard: '困难',
		good: '良好',
		easy: '简单',
		intervals: {
			minutes: (amount) => `${amount} 分钟`,
			hours: (amount) => `${amount} 小时`,
			days: (amount) => `${amount} 天`,
			months: (amount) => `${amount} 个月`,
			years: (amount) => `${amount} 年`
		},
		gradeHint: '空格显示答案，1–4 评分',
		undo: '撤销',
		undone: '已撤销上一次复习',
		nothingToUndo: '没有可撤销的复习',
		problems: {
			'reviewed-elsewhere': '这张卡片已在另一个标签页中复习过，这次评分没有重复计入。',
			'storage-full':
				'存储空间已满：这次评分未能保存，卡片仍在这里。请先腾出设备空间（或在“设置 → 你的数据”中删除已下载的数据），下载一份备份，再重新评分。',
			'write-failed': '这次评分未能保存，卡片仍在这里。请再评一次。',
			'reviewed-later': '这张卡片之后又在另一个标签页中复习过，因此这里无法撤销这次复习。'
		},
		counts: (fresh, learning, review) => `新卡 ${fresh} · 学习中 ${learning} · 待复习 ${review}`,
		newLabel: '新卡',
		learningLabel: '学习中',
		reviewLabel: '待复习',
		doneTitle: '暂时都复习完了',
		// “6 天后”：数字前后都空一格，“明天”则紧接。
		nextDue: (when) => `下一张卡片${/^\d/.test(when) ? ' ' : ''}${when}到期。`,
		newLimitReached: '今天的新卡已经学完了。',
		newCardsOff: '没有新卡：每日新卡数设为 0。',
		newCardsOffLink: '在设置中修改',
		nothingScheduled: '还没有安排任何卡片。',
		start: '开始复习',
		inContext: '在文章中查看',
		backToReview: '返回复习',
		speakZh: '朗读中文',
		speakEn: '朗读英文',
		enToZh: '英文 → 中文',
		zhToEn: '中文 → 英文',
		prompt: '用另一种语言怎么说？',
		leech: '难记卡',
		yourWord: '我添加的词',
		streak: (days) => `连续学习 ${days} 天`,
		noStreak: '还没有连续记录：今天复习一张卡吧',
		deck: '浏览卡组',
		stats: '统计',
		loadError: '无法加载卡组。',
		idle: {
			nothingDue: '现在没有要复习的卡片。',
			read: '继续阅读',
			studyAhead: '提前学习'
		}
	}
};
