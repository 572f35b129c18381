/**
 * Drops case events already delivered (the same event can arrive live and in a replay). Keeps the
 * most recent `limit` ids and the highest id seen, which is the resume point for a replay.
 */
export class EventDeduper {
	lastId = 0;
	readonly #seen = new Set<number>();

	constructor(private readonly limit = 5_000) {}

	/** True the first time an id is offered, false for every repeat. */
	accept(id: number): boolean {
		if (this.#seen.has(id) || id <= this.lastId - this.limit) return false;
		this.#seen.add(id);
		if (this.#seen.size > this.limit) this.#seen.delete(this.#seen.values().next().value!);
		this.lastId = Math.max(this.lastId, id);
		return true;
	}
}
