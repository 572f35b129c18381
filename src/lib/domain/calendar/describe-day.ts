/**
 * Turns the index's numeric day kinds into the public DayInfo / listings, with the holiday name
 * or override reason attached, for dayInfo(), explain() and the public non-working-days API.
 */
import type { DayInfo, DayKind, NonWorkingDay, WorkingWeekendDay } from './calendar-types';
import { firstDayOfYear, formatLocalDate, isoWeekday } from './local-date';
import {
	KIND_DAY_OFF_OVERRIDE,
	KIND_HOLIDAY,
	KIND_WEEKEND,
	KIND_WORKING_OVERRIDE,
	type WorkingDayIndex
} from './working-day-index';

function kindName(code: number): DayKind {
	switch (code) {
		case KIND_WEEKEND:
			return 'weekend';
		case KIND_HOLIDAY:
			return 'holiday';
		case KIND_DAY_OFF_OVERRIDE:
			return 'override';
		case KIND_WORKING_OVERRIDE:
			return 'working_override';
		default:
			return 'working';
	}
}

/** 'Saturday' or 'Sunday': the reason given for a weekend day. */
export function weekdayName(day: number): string {
	return isoWeekday(day) === 6 ? 'Saturday' : 'Sunday';
}

export function describeDay(index: WorkingDayIndex, day: number): DayInfo {
	const kind = kindName(index.kind(day));
	const name = index.label(day);
	const working = kind === 'working' || kind === 'working_override';
	const info: DayInfo =
		name === undefined
			? { date: formatLocalDate(day), working, kind }
			: { date: formatLocalDate(day), working, kind, name };
	// A day a weekend holiday was carried to (Labour Code art. 85) says which holiday date it replaces.
	const carriedFrom = kind === 'holiday' ? index.carriedFrom(day) : undefined;
	return carriedFrom === undefined ? info : { ...info, carriedFrom };
}

/** Every non-working day of a year: weekends, holidays (by name) and day-off overrides (by reason). */
export function listNonWorkingDays(index: WorkingDayIndex, year: number): NonWorkingDay[] {
	const out: NonWorkingDay[] = [];
	for (let d = firstDayOfYear(year); d < firstDayOfYear(year + 1); d++) {
		const info = describeDay(index, d);
		if (info.kind === 'working' || info.kind === 'working_override') continue;
		const entry: NonWorkingDay = { date: info.date, kind: info.kind, name: info.name ?? weekdayName(d) };
		out.push(info.carriedFrom === undefined ? entry : { ...entry, carriedFrom: info.carriedFrom });
	}
	return out;
}

/** Saturdays and Sundays made working days by an override (decreed working Saturdays). */
export function listWorkingWeekendDays(index: WorkingDayIndex, year: number): WorkingWeekendDay[] {
	const out: WorkingWeekendDay[] = [];
	for (let d = firstDayOfYear(year); d < firstDayOfYear(year + 1); d++) {
		if (isoWeekday(d) < 6 || index.kind(d) !== KIND_WORKING_OVERRIDE) continue;
		out.push({ date: formatLocalDate(d), reason: index.label(d) ?? '' });
	}
	return out;
}
