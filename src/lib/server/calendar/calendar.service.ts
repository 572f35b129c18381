/**
 * The working calendar with the overrides stored in the database (ADR-004). Changing an
 * override is audited (stream `calendar`) and recomputes the open deadlines it touches from each
 * clock's own event history, in the same transaction; a preview tells beforehand what would move.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client';
import { calendarOverrides } from '../db/schema';
import type { Clock } from '../clock';
import { appendAuditEvent, type Actor } from '../audit/audit.repository';
import { createCalendar, type CalendarOverride, type WorkingCalendar } from '../../domain/calendar';
import { recomputeOpenClocks, type RecomputeSummary } from './recompute-clocks';

/** How long another process may keep using a calendar after an override changed elsewhere. */
const CACHE_TTL_MS = 10_000;

export interface OverrideChange {
	date: string;
	/** null removes the override. */
	override: { kind: CalendarOverride['kind']; reason: string } | null;
}

export function createCalendarService(deps: {
	db: Db;
	clock: Clock;
	now?: () => number;
	/** After a change committed (the scheduler re-plans). */ onChanged?: () => void;
}) {
	const { db, clock } = deps;
	const base = createCalendar({});
	let cached: { calendar: WorkingCalendar; loadedAt: number } | null = null;
	const monotonic = deps.now ?? (() => performance.now());

	async function loadOverrides(ex: Executor): Promise<CalendarOverride[]> {
		const rows = await ex.select().from(calendarOverrides).orderBy(asc(calendarOverrides.date));
		return rows.map((r) => ({ date: r.date, kind: r.kind, reason: r.reason }));
	}

	function apply(overrides: CalendarOverride[], change: OverrideChange): CalendarOverride[] {
		const rest = overrides.filter((o) => o.date !== change.date);
		return change.override ? [...rest, { date: change.date, ...change.override }] : rest;
	}

	return {
		/** The calendar with the current overrides (cached per process, see CACHE_TTL_MS). */
		async current(): Promise<WorkingCalendar> {
			if (cached && monotonic() - cached.loadedAt < CACHE_TTL_MS) return cached.calendar;
			const calendar = base.withOverrides(await loadOverrides(db));
			cached = { calendar, loadedAt: monotonic() };
			return calendar;
		},

		overrides: () => loadOverrides(db),

		/** What a change would do to the open deadlines, without changing anything. */
		async preview(change: OverrideChange): Promise<RecomputeSummary> {
			const after = base.withOverrides(apply(await loadOverrides(db), change));
			// In a transaction of its own: recompute sets planner options with SET LOCAL.
			return db.transaction((tx) =>
				recomputeOpenClocks(tx, { after, now: clock.now(), date: change.date, write: false })
			);
		},

		/** Sets or removes an override, audits it and recomputes the open deadlines, atomically. */
		async change(change: OverrideChange, actor: Actor): Promise<RecomputeSummary> {
			const summary = await db.transaction(async (tx) => {
				const overrides = await loadOverrides(tx);
				const previous = overrides.find((o) => o.date === change.date) ?? null;
				const after = base.withOverrides(apply(overrides, change));
				const now = clock.now();
				if (change.override) {
					const row = { date: change.date, ...change.override, createdBy: actor.userId, createdAt: now };
					await tx
						.insert(calendarOverrides)
						.values(row)
						.onConflictDoUpdate({ target: calendarOverrides.date, set: row });
				} else {
					await tx.delete(calendarOverrides).where(eq(calendarOverrides.date, change.date));
				}
				const result = await recomputeOpenClocks(tx, { after, now, date: change.date, write: true });
				await appendAuditEvent(tx, 'calendar', {
					type: change.override ? 'calendar-override-set' : 'calendar-override-removed',
					actor,
					at: now,
					citation: 'LC art. 85',
					before: previous,
					after: {
						override: change.override ? { date: change.date, ...change.override } : null,
						moved: result.moved,
						intoBreach: result.intoBreach
					}
				});
				return result;
			});
			cached = null;
			deps.onChanged?.();
			return summary;
		}
	};
}

export type CalendarService = ReturnType<typeof createCalendarService>;
