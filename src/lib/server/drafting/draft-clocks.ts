/**
 * The clocks a drafter must see while writing (ADR-008): the hearing-notice deadline (no later than
 * 3 WD before the term ends, 001 p.19 para 3 / 000 p.13), the hearing, and the service term's end —
 * read from the `clocks` table and recomputed now, as the case page does.
 */
import { eq, inArray, and } from 'drizzle-orm';
import type { Executor } from '../db/client';
import type { Clock } from '../clock';
import { clocks } from '../db/schema';
import { computeClock } from '../../domain/sla';
import type { WorkingCalendar } from '../../domain/calendar/calendar-types';
import { reviveClock } from '../calendar/recompute-clocks';
import type { DraftingClock } from '../../types/desk';

export const DRAFTING_CLOCK_KINDS = ['hearing-notice', 'hearing', 'service-term'] as const;

export async function loadDraftingClocks(
	deps: { db: Executor; clock: Clock; calendar: { current(): Promise<WorkingCalendar> } },
	caseId: string
): Promise<DraftingClock[]> {
	const rows = await deps.db
		.select()
		.from(clocks)
		.where(and(eq(clocks.caseId, caseId), inArray(clocks.kind, [...DRAFTING_CLOCK_KINDS])));
	const calendar = await deps.calendar.current();
	const now = deps.clock.now();
	const order = (kind: string) => DRAFTING_CLOCK_KINDS.indexOf(kind as (typeof DRAFTING_CLOCK_KINDS)[number]);
	return rows
		.sort((a, b) => order(a.kind) - order(b.kind))
		.map((k) => {
			try {
				// Recomputed from the clock's history now (the stored due/state are only denormalised copies).
				const c = computeClock(reviveClock(k), calendar, now);
				const due = c.due ?? c.projectedDue;
				return {
					id: k.id,
					kind: k.kind,
					state: c.state,
					dueAt: due?.toISOString() ?? null,
					citation: k.citation,
					remainingWorkingMinutes: c.remainingWorkingMinutes
				};
			} catch {
				return {
					id: k.id,
					kind: k.kind,
					state: k.state,
					dueAt: k.dueAt?.toISOString() ?? null,
					citation: k.citation,
					remainingWorkingMinutes: null
				};
			}
		});
}
