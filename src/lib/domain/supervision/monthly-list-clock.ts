/**
 * The State Revenue Committee's monthly list of imported devices (004 P 11): sent to the
 * Telecommunications Committee "by the 5th day of the month following the reporting month", as an
 * Excel file marked "For official use". The act counts calendar days and gives no weekend shift, so
 * the list is due by the end of the 5th in Almaty (UTC+5, ADR-001), the 5th included (ADR-072).
 * When it has not arrived by then, one reminder is due for that reporting month.
 */
import type { LocalDate } from '../calendar';
import { formatLocalDate, parseLocalDate } from '../calendar/local-date';

export type MonthlyListState = 'awaited' | 'received-on-time' | 'received-late' | 'overdue';

export interface MonthlyListClock {
	/** 'YYYY-MM'. */
	readonly reportingMonth: string;
	/** The 5th of the next month. */
	readonly dueDate: LocalDate;
	/** The end of the due date: Almaty midnight after it. */
	readonly dueAt: Date;
	readonly state: MonthlyListState;
}

/** The reporting month after `month` ('YYYY-MM'). */
export function nextMonth(month: string): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export function monthlyListClock(reportingMonth: string, receivedAt: Date | null, now: Date): MonthlyListClock {
	const dueDate = `${nextMonth(reportingMonth)}-05`;
	const dueAt = new Date(`${formatLocalDate(parseLocalDate(dueDate) + 1)}T00:00:00+05:00`);
	const state: MonthlyListState = receivedAt
		? receivedAt.getTime() < dueAt.getTime()
			? 'received-on-time'
			: 'received-late'
		: now.getTime() >= dueAt.getTime()
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
