/**
 * Out of office (ADR-061): while a user is away, what would reach them reaches their substitute.
 * One hop only — a substitute who is away too does not pass it on (no chains, no loops).
 */
export interface Absence {
	userId: number;
	substituteId: number;
	startsAt: Date;
	endsAt: Date;
	cancelledAt: Date | null;
}

export function isAway(a: Absence, at: Date): boolean {
	return a.cancelledAt === null && a.startsAt <= at && at < a.endsAt;
}

/** The substitute standing in for `userId` at `at`, or null when the user is present. */
export function substituteFor(userId: number, absences: readonly Absence[], at: Date): number | null {
	return absences.find((a) => a.userId === userId && isAway(a, at))?.substituteId ?? null;
}

/** The user the message goes to and, when that is a substitute, whom it was for. */
export function deliverTo(
	userId: number,
	absences: readonly Absence[],
	at: Date
): { userId: number; onBehalfOf: number | null } {
	const sub = substituteFor(userId, absences, at);
	return sub === null ? { userId, onBehalfOf: null } : { userId: sub, onBehalfOf: userId };
}
