/**
 * The red band's instant (clocks.red_at, ADR-088) came after the clocks: open clocks written before
 * it have none until their next write. This fills them at start, a page at a time, from each
 * clock's own history under the current calendar (as every write computes it, write-plan.ts), and
 * says so in the audit trail when done, so later starts skip it with one read (ADR-099).
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import { auditEvents } from '../db/schema';
import { appendAuditEvent, systemActor } from '../audit/audit.repository';
import type { WorkingCalendar } from '../../domain/calendar';
import { clockTimers } from '../../domain/procedures/timers';
import { reviveClock } from './recompute-clocks';

const PAGE = 500;

/** The audit row written when a fill has run to its end; a start that finds it does not fill. */
export const FILLED = { stream: 'maintenance', type: 'clocks-red-at-filled' } as const;

/**
 * Fills the red instants unless an earlier start finished doing so; the number filled, or null when
 * skipped. The row is written only after the last page, so a start cut off midway is resumed by
 * the next (the fill touches only clocks still without `red_at`). Two processes starting together
 * may both fill and both write the row: harmless, the read takes any.
 */
export async function fillRedBandsOnce(
	db: Db,
	calendar: () => Promise<WorkingCalendar>,
	now: Date
): Promise<number | null> {
	const [done] = await db
		.select({ id: auditEvents.id })
		.from(auditEvents)
		.where(and(eq(auditEvents.stream, FILLED.stream), eq(auditEvents.type, FILLED.type)))
		.limit(1);
	if (done) return null;
	const filled = await fillRedBands(db, await calendar(), now);
	await appendAuditEvent(db, FILLED.stream, { type: FILLED.type, actor: systemActor, at: now, after: { filled } });
	return filled;
}

export async function fillRedBands(db: Db, calendar: WorkingCalendar, now: Date): Promise<number> {
	let filled = 0;
	for (;;) {
		const rows = rowsOf<{ id: string; kind: string; unit: string; length: number; citation: string; events: unknown }>(
			await db.execute(sql`
				select id, kind, unit, length, citation, events from clocks
				where state in ('running', 'overdue') and red_at is null and due_at is not null
				limit ${PAGE}`)
		);
		if (rows.length === 0) return filled;
		const ids: string[] = [];
		const reds: string[] = [];
		for (const r of rows) {
			let redAt: Date | null = null;
			try {
				redAt = clockTimers(reviveClock(r), calendar, now).redAt;
			} catch {
				redAt = null; // a history the domain refuses: left to its next write, not retried here
			}
			ids.push(r.id);
			// A clock with no red instant now gets its due, so the page is not read again.
			reds.push((redAt ?? new Date(0)).toISOString());
		}
		await db.execute(sql`
			update clocks set red_at = case when v.red = 'epoch'::timestamptz then due_at else v.red end
			from unnest(${`{${ids.join(',')}}`}::uuid[], ${`{${reds.map((x) => `"${x}"`).join(',')}}`}::timestamptz[]) as v(id, red)
			where clocks.id = v.id and clocks.red_at is null`);
		filled += rows.length;
		if (rows.length < PAGE) return filled;
	}
}
