/** A clock as the procedure engine stores it: its term and its history, for tests that write clocks directly. */
import type { SlaClock } from '../../src/lib/domain/sla';

export const clockRow = (caseId: string, clock: SlaClock) => ({
	caseId,
	kind: clock.kind,
	unit: clock.unit,
	length: clock.length,
	citation: clock.citation,
	events: clock.events.map((e) => ({ ...e, at: e.at.toISOString() }))
});
