export interface SwipeOptions {
	/** 1 = to the next card (finger moves left), -1 = to the previous one. */
	onSwipe: (direction: 1 | -1) => void;
	minDistance?: number;
}

/** A horizontal swipe that leaves vertical scrolling and text selection to the browser. */
export function isSwipe(dx: number, dy: number, ms: number, minDistance = 60): 1 | -1 | 0 {
	if (Math.abs(dx) < minDistance || Math.abs(dx) < Math.abs(dy) * 1.5 || ms > 800) return 0;
	return dx < 0 ? 1 : -1;
}

/** Svelte action: reports horizontal swipes made with touch or a pen. */
export function swipe(node: HTMLElement, options: SwipeOptions) {
	let current = options;
	let start: { x: number; y: number; t: number; id: number } | undefined;

	const down = (event: PointerEvent) => {
		if (event.pointerType === 'mouse' || !event.isPrimary) return;
		start = { x: event.clientX, y: event.clientY, t: event.timeStamp, id: event.pointerId };
	};
	const up = (event: PointerEvent) => {
		if (!start || event.pointerId !== start.id) return;
		const direction = isSwipe(
			event.clientX - start.x,
			event.clientY - start.y,
			event.timeStamp - start.t,
			current.minDistance
		);
		start = undefined;
		if (direction !== 0 && !window.getSelection()?.toString()) current.onSwipe(direction);
	};
	const cancel = () => {
		start = undefined;
	};
	node.addEventListener('pointerdown', down);
	node.addEventListener('pointerup', up);
	node.addEventListener('pointercancel', cancel);
	return {
		update(next: SwipeOptions) {
			current = next;
		},
		destroy() {
			node.removeEventListener('pointerdown', down);
			node.removeEventListener('pointerup', up);
			node.removeEventListener('pointercancel', cancel);
		}
	};
}
