/**
 * Countdown text for a due instant, in working time: "3 WD 2 h" (working days of 8 office hours,
 * 001 Annex 1 row 7) or "overdue by 1 h 20 min". Pure, so the same text renders on the server and
 * in the browser from the browser's own calendar.
 */
import { WORKING_DAY_MINUTES } from '$lib/domain/calendar/office-hours';

export interface CountdownParts {
	overdue: boolean;
	days: number;
	hours: number;
	minutes: number;
}

export function countdownParts(remainingWorkingMinutes: number): CountdownParts {
	const overdue = remainingWorkingMinutes < 0;
	const total = Math.floor(Math.abs(remainingWorkingMinutes));
	const days = Math.floor(total / WORKING_DAY_MINUTES);
	const rest = total - days * WORKING_DAY_MINUTES;
	return { overdue, days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}
