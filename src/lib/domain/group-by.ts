/** `items` grouped by `key`, each group in the items' order, each item as `value` gives it. */
export function groupBy<T, K, V = T>(
	items: Iterable<T>,
	key: (item: T) => K,
	value: (item: T) => V = (item) => item as unknown as V
): Map<K, V[]> {
	const groups = new Map<K, V[]>();
	for (const item of items) {
		const k = key(item);
		const list = groups.get(k);
		if (list) list.push(value(item));
		else groups.set(k, [value(item)]);
	}
	return groups;
}
