/**
 * The red band's instant (clocks.red_at, ADR-088) came after the clocks: open clocks written before
 * it have none until their next write. This fills them once, at start, a page at a time, from each
 * clock's own history under the current calendar (as every write computes it, write-plan.ts).
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/client';
import type { WorkingCalendar } from '../../domain/calendar';
import { clockTimers } from '../../domain/procedures/timers';
import { reviveClock } from './recompute-clocks';

const PAGE = 500;

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
