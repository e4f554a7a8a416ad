import type { Messages } from './en';

/** 中文界面文字。 */
export const zh: Messages = {
	appName: '读卡',
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
		back: '返回',
		close: '关闭',
		cancel: '取消',
		save: '保存',
		delete: '删除',
		undo: '撤销',
		retry: '重试',
		error: '出错了。',
		notFound: '页面不存在。'
	},
	update: {
		ready: '读卡有新版本。',
		reload: '重新加载',
		later: '稍后',
		offlineReady: '读卡现在可以离线使用。'
	},
	home: {
		title: 'Duka 读卡',
		tagline: '一张张卡片读懂科技中文,记住其中的词。',
		continueReading: '继续阅读',
		startReading: '开始阅读',
		cardOf: (n, total) => `第 ${n} 张,共 ${total} 张`,
		progress: (read, total) => `已读 ${read} / ${total} 张`,
		library: '文章'
	},
	reader: {
		contents: '目录',
		contentsOf: (title) => `目录:${title}`,
		position: (n, total) => `第 ${n} 张,共 ${total} 张`,
		previous: '上一张',
		next: '下一张',
		read: '已读',
		unread: '未读',
		notInEdition: '本篇未收录',
		part: (n) => `第 ${n} 部分`,
		overallProgress: (read, total) => `已读 ${read} / ${total} 张`,
		endOfArticle: '全文完',
		backToContents: '返回目录',
		englishTerm: '英文术语',
		swipeHint: '左右滑动或按 ← → 翻卡'
	},
	settings: {
		title: '设置',
		display: '显示',
		textSize: '字号',
		textSizeValue: (percent) => `${percent}%`,
		smaller: '缩小字号',
		larger: '放大字号',
		theme: '主题',
		themeSystem: '跟随系统',
		themeLight: '浅色',
		themeDark: '深色',
		language: '界面语言',
		languageAuto: '跟随浏览器',
		about: '关于读卡'
	},
	about: {
		title: '关于读卡',
		body: '读卡把一篇中文科技文章变成离线学习卡组。所有数据都只保存在本机。',
		article: '文章',
		source: (author, publication) => `${publication} 的 ${author} 访谈。`,
		translation: '中文译文发布于',
		dictionary: '词典',
		version: '版本'
	}
};
