/** localStorage in memory for tests, refusing to hold more than `capacity` characters as a browser does. */
export function memoryStorage(
	capacity = Infinity
): Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'> & { items: Map<string, string> } {
	const items = new Map<string, string>();
	const used = () => [...items].reduce((total, [key, value]) => total + key.length + value.length, 0);
	return {
		items,
		get length() {
			return items.size;
		},
		key: (index) => [...items.keys()][index] ?? null,
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => {
			const without = used() - (items.has(key) ? key.length + items.get(key)!.length : 0);
			if (without + key.length + value.length > capacity) throw new DOMException('full', 'QuotaExceededError');
			items.set(key, value);
		},
		removeItem: (key) => void items.delete(key)
	};
}
