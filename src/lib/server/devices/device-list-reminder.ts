/**
 * The reminder of 004 P 11: when the State Revenue Committee's list for a reporting month has not
 * arrived by its due (the end of the 5th of the next month, domain/supervision/monthly-list-clock),
 * one reminder is recorded for that month — an audit row citing 004 P 11 and a row in
 * device_list_reminders, whose primary key is the month, written in one transaction. So it fires
 * once: not again after a restart, nor from a second process (the insert that loses does nothing).
 * Started with the deadline scheduler (server/app.ts); it sleeps until the next due, at most an hour.
 */
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/client';
import { deviceListReminders, deviceLists } from '../db/schema';
import type { Clock } from '../clock';
import type { CalendarService } from '../calendar/calendar.service';
import { monthlyListClock, reminderDue } from '../../domain/supervision/monthly-list-clock';
import { appendAuditEvent, systemActor } from '../audit/audit.repository';
import { DEVICE_LIST_STREAM, endedMonths } from './device-lists';

/** Months looked back at: a list missing for longer was reminded when it fell due. */
const LOOK_BACK_MONTHS = 3;
const MAX_SLEEP_MS = 3_600_000;

export function createDeviceListReminder(deps: { db: Db; clock: Clock; calendar: CalendarService }) {
	const { db, clock } = deps;

	/** Records the reminders now due; returns the reporting months reminded by this call. */
	async function sweep(): Promise<string[]> {
		const now = clock.now();
		const calendar = await deps.calendar.current();
		const months = endedMonths(calendar.localDate(now), LOOK_BACK_MONTHS);
		const [received, reminded] = await Promise.all([
			db
				.select({ month: deviceLists.reportingMonth })
				.from(deviceLists)
				.where(inArray(deviceLists.reportingMonth, months)),
			db
				.select({ month: deviceListReminders.reportingMonth })
				.from(deviceListReminders)
				.where(inArray(deviceListReminders.reportingMonth, months))
		]);
		const remindedFor = new Set(reminded.map((r) => r.month));
		const have = new Set(received.map((r) => r.month));
		const sent: string[] = [];
		for (const month of months) {
			if (have.has(month)) continue;
			const c = monthlyListClock(month, null, now, calendar);
			if (!reminderDue(c, remindedFor)) continue;
			const won = await db.transaction(async (tx) => {
				const [row] = await tx
					.insert(deviceListReminders)
					.values({ reportingMonth: month, dueAt: c.dueAt, remindedAt: now })
					.onConflictDoNothing()
					.returning();
				if (!row) return false;
				await appendAuditEvent(tx, DEVICE_LIST_STREAM, {
					type: 'device-list.reminder',
					actor: systemActor,
					at: now,
					citation: '004 P 11',
					after: { reportingMonth: month, due: c.dueAt.toISOString(), lagMs: now.getTime() - c.dueAt.getTime() }
				});
				return true;
			});
			if (won) sent.push(month);
		}
		return sent;
	}

	/** Until the end of the next due the sweep could act on (this month's 5th, else next month's). */
	async function nextWakeMs(): Promise<number> {
		const now = clock.now();
		const calendar = await deps.calendar.current();
		const [last] = endedMonths(calendar.localDate(now), 1);
		const due = monthlyListClock(last!, null, now, calendar).dueAt.getTime() + 1000;
		return Math.max(1000, Math.min(MAX_SLEEP_MS, due > now.getTime() ? due - now.getTime() : MAX_SLEEP_MS));
	}

	let timer: ReturnType<typeof setTimeout> | null = null;
	let stopped = true;
	return {
		sweep,
		/** Sweeps at start, then at each due (at most an hour apart); errors are reported, never thrown. */
		start(onError: (e: unknown) => void) {
			stopped = false;
			const run = async () => {
				try {
					await sweep();
				} catch (e) {
					onError(e);
				}
				if (stopped) return;
				const wait = await nextWakeMs().catch(() => MAX_SLEEP_MS);
				if (stopped) return;
				timer = setTimeout(() => void run(), wait);
				timer.unref();
			};
			void run();
		},
		stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			timer = null;
		}
	};
}
