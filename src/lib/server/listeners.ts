/**
 * A set of in-process listeners told of something in the order they subscribed. A listener that
 * throws is logged under `label` and does not keep the others from hearing it.
 */
export function createListeners<T>(label: string) {
	const listeners = new Set<(value: T) => void>();
	return {
		notify(value: T): void {
			for (const listener of listeners) {
				try {
					listener(value);
				} catch (e) {
					console.error(`${label}:`, e);
				}
			}
		},
		/** Returns the function that unsubscribes. */
		subscribe(listener: (value: T) => void): () => void {
			listeners.add(listener);
			return () => void listeners.delete(listener);
		}
	};
}
