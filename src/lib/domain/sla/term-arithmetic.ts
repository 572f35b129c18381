/**
 * How a term of each unit is laid on the calendar: its first due, what is left at a suspension,
 * the due after a resumption, and an extension. All instants are epoch milliseconds.
 *
 * Working days (ADR-003): the start day is day 0, the term ends 18:30 on the N-th working day
 * after it. A suspension (ADR-005; 001 p.17) keeps the office time left until the due and the
 * clock resumes with it. The term is counted in whole days, so the resumed due is rounded up to
 * 18:30 of the day the remaining time runs out. Counting begins only after day 0 (the "anchor"),
 * so a suspension opened on day 0 keeps all N days, not N days plus the rest of day 0.
 * Working hours (003): exact office time, no rounding.
 * Calendar days / months / years (ADR-003): due at 23:59:59 of the N-th day (same date N
 * months/years later); a suspension keeps the calendar time left, rounded up to 23:59:59. A last
 * day that is not a working day moves to the next working day (the general civil-law rule), e.g.
 * the MFA long-stop sent 20 March 2026 ends on Thursday 25 March 2027, after Nauryz.
 */
import type { WorkingCalendar } from '../calendar';
import type { SlaClock } from './clock-types';

export interface TermArithmetic {
	/** The due before any suspension or extension. */
	readonly firstDue: number;
	/** What is left at `t` in the family's own measure; ≤ 0 means the term had already run out. */
	leftAt(t: number, due: number): number;
	/** The same, in office minutes (for bands and display). */
	officeMinutesLeftAt(t: number, due: number): number;
	/** The due when the clock resumes at `t` with `left` (> 0) still to run. */
	dueOnResume(t: number, left: number): number;
	/** The due after extending by `by` units (working days only; validated earlier). */
	extend(due: number, by: number): number;
}

export function termArithmetic(
	clock: SlaClock,
	calendar: WorkingCalendar,
	startMs: number,
	sameDayCutoff: boolean,
	countsFromRegistration = false
): TermArithmetic {
	const cal = calendar;
	// A term that runs from registration (001 p.14–15, Annex 1 row 7; ADR-002) may be started by
	// the receipt itself: day 0 is then the registration day (after 17:00, a weekend or a holiday
	// moves it to the next working day), so the clock never starts before the case was registered.
	const day0 =
		countsFromRegistration && clock.unit === 'working_days'
			? cal.registrationDay(new Date(startMs))
			: cal.localDate(new Date(startMs));
	const officeLeft = (from: number, due: number): number => cal.workingMinutesBetween(new Date(from), new Date(due));
	switch (clock.unit) {
		case 'working_days': {
			let firstDue: number;
			let anchor: number;
			if (clock.length === 0) {
				// Same-day clock: registration with the 17:00 cut-off (ADR-002), else day 0 itself.
				const day = sameDayCutoff ? cal.registrationDay(new Date(startMs)) : cal.addWorkingDays(day0, 0);
				firstDue = cal.endOfWorkingDay(day).getTime();
				anchor = startMs;
			} else {
				firstDue = cal.workingDaysDue(day0, clock.length).getTime();
				// Office time counts from the end of day 0; 23:59:59 has the same office position.
				anchor = cal.endOfCalendarDay(day0).getTime();
			}
			return {
				firstDue,
				leftAt: (t, due) => officeLeft(Math.max(t, anchor), due),
				officeMinutesLeftAt: (t, due) => officeLeft(Math.max(t, anchor), due),
				dueOnResume(t, left) {
					const runsOut = cal.addWorkingMinutes(new Date(Math.max(t, anchor)), left);
					return cal.endOfWorkingDay(cal.localDate(runsOut)).getTime();
				},
				extend: (due, by) => cal.workingDaysDue(cal.localDate(new Date(due)), by).getTime()
			};
		}
		case 'working_hours':
			return {
				firstDue: cal.addWorkingMinutes(new Date(startMs), clock.length * 60).getTime(),
				leftAt: (t, due) => officeLeft(t, due),
				officeMinutesLeftAt: (t, due) => officeLeft(t, due),
				dueOnResume: (t, left) => cal.addWorkingMinutes(new Date(t), left).getTime(),
				extend: (due, by) => cal.addWorkingMinutes(new Date(due), by * 60).getTime()
			};
		default: {
			const endDay =
				clock.unit === 'calendar_days'
					? cal.addCalendarDays(day0, clock.length)
					: clock.unit === 'months'
						? cal.addMonths(day0, clock.length)
						: cal.addYears(day0, clock.length);
			const endOf = (date: string): number => cal.endOfCalendarDay(cal.termEndDay(date)).getTime();
			return {
				firstDue: endOf(endDay),
				leftAt: (t, due) => due - t,
				officeMinutesLeftAt: (t, due) => officeLeft(t, due),
				dueOnResume: (t, left) => endOf(cal.localDate(new Date(t + left))),
				extend: (due, by) => cal.calendarDaysDue(cal.localDate(new Date(due)), by).getTime()
			};
		}
	}
}
