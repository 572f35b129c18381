/**
 * The State Revenue Committee's monthly list of imported devices (004 P 11): sent to the
 * Telecommunications Committee "by the 5th day of the month following the reporting month", as an
 * Excel file marked "For official use". The list is due by the end of the 5th in Almaty (UTC+5,
 * ADR-001), the 5th included; when the 5th is not a working day the term ends on the next working
 * day (ADR-003, the civil-law rule), so the due is the one of the calendar engine,
 * sla/monthly-list.ts (ADR-093 amends ADR-072's "no shift"). When the list has not arrived by then,
 * one reminder is due for that reporting month.
 */
import type { LocalDate, WorkingCalendar } from '../calendar';
import { monthlyListDue, monthlyListDueDay } from '../sla/monthly-list';

export type MonthlyListState = 'awaited' | 'received-on-time' | 'received-late' | 'overdue';

export interface MonthlyListClock {
	/** 'YYYY-MM'. */
	readonly reportingMonth: string;
	/** The 5th of the next month, or the next working day after it. */
	readonly dueDate: LocalDate;
	/** The end of the due date (23:59:59 Almaty). */
	readonly dueAt: Date;
	readonly state: MonthlyListState;
}

/** The reporting month after `month` ('YYYY-MM'). */
export function nextMonth(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function monthlyListClock(
	reportingMonth: string,
	receivedAt: Date | null,
	now: Date,
	calendar: WorkingCalendar
): MonthlyListClock {
	const [year, month] = reportingMonth.split('-').map(Number) as [number, number];
	const dueDate = monthlyListDueDay(calendar, year, month);
	const dueAt = monthlyListDue(calendar, year, month);
	const state: MonthlyListState = receivedAt
		? receivedAt.getTime() <= dueAt.getTime()
			? 'received-on-time'
			: 'received-late'
		: now.getTime() > dueAt.getTime()
			? 'overdue'
			: 'awaited';
	return { reportingMonth, dueDate, dueAt, state };
}

/**
 * Whether the scheduler should send the reminder now: the list is overdue and no reminder was
 * sent for this reporting month yet (`remindedFor` holds the months already reminded), so it fires once.
 */
export function reminderDue(clock: MonthlyListClock, remindedFor: ReadonlySet<string>): boolean {
	return clock.state === 'overdue' && !remindedFor.has(clock.reportingMonth);
}
