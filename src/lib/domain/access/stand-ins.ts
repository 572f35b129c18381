/**
 * Whom a substitute stands in for at a given moment (ADR-061, ADR-087, ADR-100): an absence counts
 * from its start (inclusive) to its end (exclusive), as `standsInFor` reads it from the database.
 * Pure: the socket server keeps the windows and asks again when `changesAt` has passed.
 */
export interface StandInWindow {
	/** The absent colleague. */
	userId: number;
	startsAt: Date;
	endsAt: Date;
}

/** The absentees `windows` make this user stand in for at `now` (ms), and when that next changes (Infinity: never). */
export function standInsAt(windows: readonly StandInWindow[], now: number): { ids: number[]; changesAt: number } {
	const ids: number[] = [];
	let changesAt = Infinity;
	for (const w of windows) {
		const from = w.startsAt.getTime();
		const to = w.endsAt.getTime();
		if (from <= now && now < to) ids.push(w.userId);
		if (from > now) changesAt = Math.min(changesAt, from);
		else if (to > now) changesAt = Math.min(changesAt, to);
	}
	return { ids, changesAt };
}
