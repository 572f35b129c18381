/**
 * Drops case events already delivered (the same event can arrive live and in a replay). Keeps the
 * resume point — every event up to it has been delivered — and the ids delivered above it, which
 * are forgotten as the resume point passes them. Replayed events can be far older than live ones
 * that arrived meanwhile: they are judged by the resume point, never by the highest id seen.
 */
export class EventDeduper {
	#resumeAfter = 0;
	readonly #seen = new Set<number>();

	/** Everything up to here has been delivered (or was not this viewer's): where a replay resumes. */
	get resumeAfter(): number {
		return this.#resumeAfter;
	}

	/** True the first time an id is offered, false for every repeat. */
	accept(id: number): boolean {
		if (id <= this.#resumeAfter || this.#seen.has(id)) return false;
		this.#seen.add(id);
		return true;
	}

	/** Everything up to `id` has been delivered now: moves the resume point there. */
	advanceTo(id: number): void {
		if (id <= this.#resumeAfter) return;
		this.#resumeAfter = id;
		for (const seen of this.#seen) if (seen <= id) this.#seen.delete(seen);
	}

	/** Ids remembered above the resume point (events that arrived while a replay was owed). */
	get remembered(): number {
		return this.#seen.size;
	}
}
